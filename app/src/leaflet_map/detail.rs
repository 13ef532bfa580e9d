//! The small map of a detail page: the initiative's pin in its area.

use std::cell::RefCell;
use std::rc::Rc;

use leaflet::{LatLng, Map};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::base::{create_map, draw_background, pin_marker};

/// Mounts the small map into `node` once it exists in the page.
pub fn mount(node: NodeRef<Div>, lat: f64, lon: f64, colour: String, title: String) {
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        let map: Rc<RefCell<Option<Map>>> = Rc::default();
        match create_map(&container) {
            Ok(created) => {
                created.set_view(&LatLng::new(lat, lon), 12.0);
                draw_background(&created);
                pin_marker(lat, lon, &colour, &title, false, false).add_to(&created);
                let _ = container.set_attribute("data-pins", "1");
                *map.borrow_mut() = Some(created);
            }
            Err(error) => leptos::logging::error!("carte : {error:?}"),
        }
        let map = SendWrapper::new(map);
        on_cleanup(move || {
            if let Some(map) = map.borrow_mut().take() {
                map.remove();
            }
        });
    });
}

//! Sorting the list by distance from the visitor, whose position never leaves the browser:
//! the browser sorts the view's pins (it has every position) and asks the server for the texts
//! of the page's initiatives only.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Position, PositionError};

use super::load_summaries;
use super::pin_loader::fetch_pins;
use crate::domain::ordering::nearest_first;
use crate::domain::pins::pins_path;
use crate::domain::{Filters, InitiativeSummary, PAGE_SIZE};

/// Asks the browser for the visitor's position, then puts the page of `filters` nearest first
/// into `items`; `notice` says what happened, including why the order could not change.
pub fn sort_by_my_position(
    filters: Filters,
    items: RwSignal<Vec<InitiativeSummary>>,
    notice: RwSignal<Option<String>>,
) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        notice.set(refused("votre navigateur ne donne pas de position"));
        return;
    };
    notice.set(Some("Recherche de votre position…".into()));
    let found = Closure::once_into_js(move |position: Position| {
        let (lat, lon) = (position.coords().latitude(), position.coords().longitude());
        leptos::task::spawn_local(async move {
            match page_nearest_first(&filters, lat, lon).await {
                Ok(page) => {
                    items.set(page);
                    notice.set(Some("Liste triée de la plus proche à la plus lointaine de votre position.".into()));
                }
                Err(error) => notice.set(refused(&error)),
            }
        });
    });
    let failed = Closure::once_into_js(move |error: PositionError| {
        let reason = match error.code() {
            PositionError::PERMISSION_DENIED => "l'accès à votre position a été refusé",
            PositionError::POSITION_UNAVAILABLE => "votre position est introuvable",
            _ => "la recherche de votre position a pris trop de temps",
        };
        notice.set(refused(reason));
    });
    if geolocation
        .get_current_position_with_error_callback(found.unchecked_ref(), Some(failed.unchecked_ref()))
        .is_err()
    {
        notice.set(refused("votre navigateur a refusé la demande"));
    }
}

fn refused(reason: &str) -> Option<String> {
    Some(format!("Tri par distance impossible : {reason}. La liste reste triée par nom."))
}

/// The page `filters` ask for, of the whole view sorted nearest first from (`lat`, `lon`).
async fn page_nearest_first(filters: &Filters, lat: f64, lon: f64) -> Result<Vec<InitiativeSummary>, String> {
    let pins = fetch_pins(&pins_path(&filters.to_query())).await?;
    let skip = (filters.page_number() as usize - 1) * PAGE_SIZE as usize;
    let ids: Vec<i64> = nearest_first(&pins.pins, lat, lon).into_iter().skip(skip).take(PAGE_SIZE as usize).collect();
    load_summaries(ids).await.map_err(|error| error.to_string())
}

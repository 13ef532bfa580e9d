//! The visitor's position, from the browser. Sorting the list by distance keeps it there: the
//! browser sorts the view's pins (it has every position) and asks the server for the texts of
//! the page's initiatives only. « Autour de moi » sends it, rounded, in that search's address.

use leptos::prelude::*;
use leptos_i18n::td_string;
use wasm_bindgen::prelude::*;
use web_sys::{Position, PositionError};

use super::load_summaries;
use super::pin_loader::fetch_pins;
use crate::domain::ordering::nearest_first;
use crate::domain::pins::pins_path;
use crate::domain::{Filters, InitiativeSummary, PAGE_SIZE};
use crate::language::use_locale;

/// Asks the browser for the visitor's position, then hands the page of `filters` nearest first
/// to `show`; `notice` says what happened, including why the order could not change.
pub fn sort_by_my_position(
    filters: Filters,
    show: impl FnOnce(Vec<InitiativeSummary>) + 'static,
    notice: RwSignal<Option<String>>,
) {
    let locale = use_locale();
    let refused =
        move |reason: &str| Some(td_string!(locale, position.sort_failed, reason = reason.to_string()).to_string());
    ask_position(
        move |lat, lon| {
            leptos::task::spawn_local(async move {
                match page_nearest_first(&filters, lat, lon).await {
                    Ok(page) => {
                        show(page);
                        notice.set(Some(td_string!(locale, position.sorted).into()));
                    }
                    Err(error) => notice.set(refused(&error)),
                }
            });
        },
        move |reason| notice.set(refused(reason)),
        move || notice.set(Some(td_string!(locale, position.searching).into())),
    );
}

/// « Autour de moi »: asks the browser for the visitor's position, writes it into the filter
/// panel's « Autour de » rounded to 0.001° (`rounded_position`), then applies the view. Only
/// this search's address carries it. `say` writes the line under the field.
pub fn fill_with_my_position(say: impl Fn(Option<String>) + Clone + 'static) {
    let locale = use_locale();
    let failed = say.clone();
    let searching = say.clone();
    ask_position(
        move |lat, lon| {
            // The field of the panel on the page now: the view may have changed while the
            // browser looked (the panel's fields are then new).
            let field = leptos::prelude::document().get_element_by_id(super::filter_fields::AROUND_FIELD_ID);
            let Some(field) = field.and_then(|field| field.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            field.set_value(&crate::domain::filters::rounded_position(lat, lon));
            say(None);
            if let Some(form) = field.form() {
                let _ = form.request_submit();
            }
        },
        move |reason| failed(Some(td_string!(locale, position.around_failed, reason = reason.to_string()).to_string())),
        move || searching(Some(td_string!(locale, position.searching).into())),
    );
}

/// The browser's position, to `found`, or why there is none, to `failed` (in the page's
/// language); `searching` first, when the browser can look.
fn ask_position(
    found: impl FnOnce(f64, f64) + 'static,
    failed: impl Fn(&str) + Clone + 'static,
    searching: impl FnOnce(),
) {
    let locale = use_locale();
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        failed(td_string!(locale, position.no_position));
        return;
    };
    searching();
    let found = Closure::once_into_js(move |position: Position| {
        found(position.coords().latitude(), position.coords().longitude());
    });
    let when_refused = failed.clone();
    let refused = Closure::once_into_js(move |error: PositionError| {
        when_refused(match error.code() {
            PositionError::PERMISSION_DENIED => td_string!(locale, position.denied),
            PositionError::POSITION_UNAVAILABLE => td_string!(locale, position.unavailable),
            _ => td_string!(locale, position.timeout),
        });
    });
    if geolocation
        .get_current_position_with_error_callback(found.unchecked_ref(), Some(refused.unchecked_ref()))
        .is_err()
    {
        failed(td_string!(locale, position.refused));
    }
}

/// The page `filters` ask for, of the whole view sorted nearest first from (`lat`, `lon`).
async fn page_nearest_first(filters: &Filters, lat: f64, lon: f64) -> Result<Vec<InitiativeSummary>, String> {
    let pins = fetch_pins(&pins_path(&filters.to_query()), false).await?;
    let skip = (filters.page_number() as usize - 1) * PAGE_SIZE as usize;
    let ids: Vec<i64> = nearest_first(&pins.pins, lat, lon).into_iter().skip(skip).take(PAGE_SIZE as usize).collect();
    load_summaries(ids)
        .await
        .map_err(|error| crate::language::error_message(crate::language::document_locale(), &error))
}

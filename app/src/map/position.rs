//! Sorting the list by distance from the visitor, whose position never leaves the browser.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Position, PositionError};

use crate::domain::ordering::sort_by_distance;
use crate::domain::InitiativeSummary;

/// Asks the browser for the visitor's position, then sorts `items` nearest first; `notice` says
/// what happened, including why the order could not change.
pub fn sort_by_my_position(items: RwSignal<Vec<InitiativeSummary>>, notice: RwSignal<Option<String>>) {
    let refused = |reason: &str| Some(format!("Tri par distance impossible : {reason}. La liste reste triée par nom."));
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        notice.set(refused("votre navigateur ne donne pas de position"));
        return;
    };
    notice.set(Some("Recherche de votre position…".into()));
    let found = Closure::once_into_js(move |position: Position| {
        let coords = position.coords();
        items.update(|items| sort_by_distance(items, coords.latitude(), coords.longitude()));
        notice.set(Some("Liste triée de la plus proche à la plus lointaine de votre position.".into()));
    });
    let failed = Closure::once_into_js(move |error: PositionError| {
        let reason = match error.code() {
            PositionError::PERMISSION_DENIED => "l'accès à votre position a été refusé",
            PositionError::POSITION_UNAVAILABLE => "votre position est introuvable",
            _ => "la recherche de votre position a pris trop de temps",
        };
        notice.set(refused(reason));
    });
    if geolocation.get_current_position_with_error_callback(found.unchecked_ref(), Some(failed.unchecked_ref())).is_err() {
        notice.set(refused("votre navigateur a refusé la demande"));
    }
}

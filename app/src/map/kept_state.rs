//! What the filter panel keeps through a change of view, in the browser.
//!
//! Its fields are one piece of HTML (`filter_fields`) replaced by the next view's: the box a
//! keyboard user just ticked, the search box they pressed Enter in, are new elements, and the
//! groups they opened are closed again. So the panel reads, just before the new view replaces
//! it, where the focus is and which groups are open, and puts both back after. Every control
//! and group has an id (`filter_fields`), found again with `getElementById`, which needs no
//! escaping whatever a kind's code holds.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement, HtmlInputElement};

use super::filter_fields::AROUND_ME_ID;

#[derive(Clone, Default)]
pub struct KeptState {
    /// The id of the control that had the keyboard focus, and where the text cursor was in it.
    focus: Option<(String, Option<(u32, u32)>)>,
    /// The ids of the groups open.
    open_groups: Vec<String>,
}

impl KeptState {
    /// The state of the panel now on the page (nothing on the first view of a page).
    pub fn read() -> KeptState {
        let Some(document) = document() else { return KeptState::default() };
        let Some(form) = document.query_selector("form.filters").ok().flatten() else { return KeptState::default() };
        let mut open_groups = Vec::new();
        if let Ok(open) = form.query_selector_all("details[open]") {
            for index in 0..open.length() {
                open_groups.extend(open.item(index).and_then(|node| node.dyn_into::<Element>().ok()).map(|d| d.id()));
            }
        }
        let focus = document.active_element().filter(|active| form.contains(Some(active))).map(|active| {
            // A box or a list has no text cursor: `selection_start` is then an error or none.
            let cursor = active
                .dyn_ref::<HtmlInputElement>()
                .and_then(|input| Some((input.selection_start().ok()??, input.selection_end().ok()??)));
            (active.id(), cursor)
        });
        KeptState { focus, open_groups }
    }

    /// Puts the state back into `form`'s new fields, and shows « Autour de moi », which needs
    /// the page to be live.
    pub fn restore(&self, form: &HtmlFormElement) {
        let Some(document) = document() else { return };
        if let Some(button) = document.get_element_by_id(AROUND_ME_ID) {
            let _ = button.remove_attribute("hidden");
        }
        for group in &self.open_groups {
            if let Some(details) = document.get_element_by_id(group) {
                let _ = details.set_attribute("open", "");
            }
        }
        // When the fields were not replaced (the page's first view, hydrated), the focus is
        // still where it was.
        if document.active_element().is_some_and(|active| form.contains(Some(&active))) {
            return;
        }
        let Some((id, cursor)) = &self.focus else { return };
        let Some(control) = document.get_element_by_id(id).and_then(|c| c.dyn_into::<HtmlElement>().ok()) else {
            return;
        };
        let _ = control.focus();
        if let (Some((start, end)), Some(input)) = (cursor, control.dyn_ref::<HtmlInputElement>()) {
            let _ = input.set_selection_range(*start, *end);
        }
    }
}

fn document() -> Option<Document> {
    web_sys::window().and_then(|window| window.document())
}

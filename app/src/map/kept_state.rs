//! What the filter panel keeps through a change of view, in the browser.
//!
//! Its fields are one piece of HTML (`filter_fields`) replaced by the next view's: the box a
//! keyboard user just ticked, the search box they pressed Enter in, are new elements, the
//! groups they opened or closed are as the HTML says, and words typed but not yet sent (while
//! the view loaded) are gone. So the panel reads, just before the new view replaces it, where
//! the focus is, which groups are open, and what was typed, and puts it all back after. Every
//! control and group has an id (`filter_fields`), found again with `getElementById`, which
//! needs no escaping whatever a kind's code holds.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement, HtmlInputElement};

use super::filter_fields::AROUND_ME_ID;

thread_local! {
    /// From [`KeptState::read`] to [`KeptState::restore`]: the fields are being replaced.
    static REPLACING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the panel's fields are being replaced. Chrome sends `change` for a field with words
/// typed as it removes it: no choice of the visitor's, who is still typing (the words come
/// back in the new field), so the panel applies nothing then.
pub fn replacing() -> bool {
    REPLACING.get()
}

#[derive(Clone, Default)]
pub struct KeptState {
    /// The id of the control that had the keyboard focus, and where the text cursor was in it.
    focus: Option<(String, Option<(u32, u32)>)>,
    /// Each group: its id, whether it was open, whether one of its boxes was ticked.
    groups: Vec<(String, bool, bool)>,
    /// Each text field whose words were typed and not sent: its id, the words, and the words
    /// the view had written in it.
    typed: Vec<(String, String, String)>,
}

impl KeptState {
    /// The state of the panel now on the page (nothing on the first view of a page).
    pub fn read() -> KeptState {
        REPLACING.set(true);
        let Some(document) = document() else { return KeptState::default() };
        let Some(form) = document.query_selector("form.filters").ok().flatten() else { return KeptState::default() };
        let groups = elements::<Element>(&form, "details")
            .map(|group| (group.id(), group.has_attribute("open"), ticked(&group)))
            .collect();
        let typed = elements::<HtmlInputElement>(&form, "input[type=search], input:not([type])")
            .filter(|field| field.value() != field.default_value())
            .map(|field| (field.id(), field.value(), field.default_value()))
            .collect();
        let focus = document.active_element().filter(|active| form.contains(Some(active))).map(|active| {
            // A box or a list has no text cursor: `selection_start` is then an error or none.
            let cursor = active
                .dyn_ref::<HtmlInputElement>()
                .and_then(|input| Some((input.selection_start().ok()??, input.selection_end().ok()??)));
            (active.id(), cursor)
        });
        KeptState { focus, groups, typed }
    }

    /// Puts the state back into `form`'s new fields, and shows « Autour de moi », which needs
    /// the page to be live.
    pub fn restore(&self, form: &HtmlFormElement) {
        REPLACING.set(false);
        let Some(document) = document() else { return };
        if let Some(button) = document.get_element_by_id(AROUND_ME_ID) {
            let _ = button.remove_attribute("hidden");
        }
        // As the visitor left each group; one where the new view ticks a box for the first
        // time opens, as the HTML says.
        for (id, was_open, was_ticked) in &self.groups {
            if let Some(group) = document.get_element_by_id(id) {
                let open = *was_open || (!was_ticked && ticked(&group));
                let _ = if open { group.set_attribute("open", "") } else { group.remove_attribute("open") };
            }
        }
        // Words typed in a field the new view writes as the last one did (it did not take them).
        for (id, words, written) in &self.typed {
            let field = document.get_element_by_id(id).and_then(|field| field.dyn_into::<HtmlInputElement>().ok());
            if let Some(field) = field.filter(|field| field.default_value() == *written) {
                field.set_value(words);
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

/// The elements of `form` that `selector` names, as `T`.
fn elements<T: JsCast>(form: &Element, selector: &str) -> impl Iterator<Item = T> {
    let found = form.query_selector_all(selector).ok();
    let count = found.as_ref().map_or(0, |found| found.length());
    (0..count).filter_map(move |index| found.as_ref()?.item(index)?.dyn_into::<T>().ok())
}

/// Whether one of `group`'s boxes is ticked.
fn ticked(group: &Element) -> bool {
    group.query_selector("input:checked").ok().flatten().is_some()
}

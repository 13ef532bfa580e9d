//! The overview map's popups, built as DOM nodes so that every text stays text: an
//! initiative's (title, kind, place, organisation, badges) and the list of a cluster that no
//! zoom can split; and where the keyboard focus goes when one opens.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use leptos_i18n::td_string;

use super::base::element;
use crate::domain::InitiativeSummary;
use crate::language::{href, kind_label, use_locale};

pub fn loading_content() -> HtmlElement {
    element("p", "popup__loading", td_string!(use_locale(), popups.loading))
}

/// Makes `link` lead to `path`, in a new tab on the embed page (inside a partner's page, where
/// an initiative's page refuses to be framed), which it then says to screen readers.
fn point_to(link: &HtmlElement, path: &str) {
    let _ = link.set_attribute("href", &href(path));
    let embedded = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .is_some_and(|pathname| crate::language::unprefixed(&pathname) == crate::domain::EMBED_PATH);
    if embedded {
        let _ = link.set_attribute("target", "_blank");
        let note = element("span", "sr-only", td_string!(use_locale(), site.new_tab));
        // In the page's language, even inside a holder's French title.
        let _ = note.set_attribute("lang", crate::language::lang_tag(use_locale()));
        let _ = link.append_child(&note);
    }
}

/// Marks a holder's own words (French) as such on the English page, for screen readers.
fn holders_text(element: &HtmlElement) {
    if use_locale() != crate::language::Locale::fr {
        let _ = element.set_attribute("lang", "fr");
    }
}

/// The popup of a pin, built as DOM nodes so every text stays text.
pub fn popup_content(pin: &InitiativeSummary) -> HtmlElement {
    let locale = use_locale();
    let popup = element("div", "popup", "");
    let link = element("a", "popup__title", &pin.title);
    point_to(&link, &pin.path);
    holders_text(&link);
    let _ = popup.append_child(&link);
    for (class, text) in [
        ("popup__kind", kind_label(locale, &pin.kind_label, &pin.kind_label_en)),
        (
            "popup__place",
            td_string!(locale, list.place, commune = pin.commune_name.clone(), area = pin.area_name.clone())
                .to_string(),
        ),
        ("popup__org", pin.organisation.clone()),
    ] {
        let paragraph = element("p", class, &text);
        if class == "popup__org" {
            let _ = paragraph.set_attribute("translate", "no");
        }
        let _ = popup.append_child(&paragraph);
    }
    if pin.charter_signed {
        let _ = popup.append_child(&element("p", "charter-badge", td_string!(locale, badges.charter)));
    }
    if pin.to_check {
        let _ = popup.append_child(&element("p", "check-badge", td_string!(locale, badges.to_check)));
    }
    if pin.is_demo {
        let _ = popup.append_child(&element("p", "demo-badge", td_string!(locale, badges.demo)));
    }
    popup
}

/// The popup of a cluster at one address: its initiatives as links.
pub fn list_content(summaries: &[InitiativeSummary], total: usize) -> HtmlElement {
    let locale = use_locale();
    let popup = element("div", "popup popup--list", "");
    let heading = td_string!(locale, popups.here, total = total).to_string();
    let _ = popup.append_child(&element("p", "popup__heading", &heading));
    let list = element("ul", "popup__list", "");
    for summary in summaries {
        let item = element("li", "", "");
        let link = element("a", "popup__title", &summary.title);
        point_to(&link, &summary.path);
        holders_text(&link);
        let _ = link.set_attribute("data-id", &summary.id.to_string());
        let _ = item.append_child(&link);
        let _ = item.append_child(&element(
            "span",
            "popup__kind",
            &format!(" — {}", kind_label(locale, &summary.kind_label, &summary.kind_label_en)),
        ));
        let _ = list.append_child(&item);
    }
    let _ = popup.append_child(&list);
    if total > summaries.len() {
        let more = td_string!(locale, popups.more, more = total - summaries.len()).to_string();
        let _ = popup.append_child(&element("p", "popup__more", &more));
    }
    popup
}

/// Puts the keyboard focus on the open popup's link to `wanted`, else on its first link.
pub fn focus_popup_link(wanted: Option<i64>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let find = |selector: &str| document.query_selector(selector).ok().flatten();
    let first = ".leaflet-popup-content .popup__title";
    let link = wanted
        .and_then(|id| find(&format!("{first}[data-id=\"{id}\"]")))
        .or_else(|| find(first))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

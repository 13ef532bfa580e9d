//! The overview map's popups, built as DOM nodes so that every text stays text: an
//! initiative's (title, kind, place, organisation, badges) and the list of a cluster that no
//! zoom can split; and where the keyboard focus goes when one opens.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::base::element;
use crate::domain::initiative::TO_CHECK_LABEL;
use crate::domain::InitiativeSummary;

pub fn loading_content() -> HtmlElement {
    element("p", "popup__loading", "Chargement…")
}

/// Makes `link` lead to `path`, in a new tab on the embed page (inside a partner's page, where
/// an initiative's page refuses to be framed), which it then says to screen readers.
fn point_to(link: &HtmlElement, path: &str) {
    let _ = link.set_attribute("href", path);
    let embedded = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .is_some_and(|pathname| pathname == crate::domain::EMBED_PATH);
    if embedded {
        let _ = link.set_attribute("target", "_blank");
        let _ = link.append_child(&element("span", "sr-only", " (nouvel onglet)"));
    }
}

/// The popup of a pin, built as DOM nodes so every text stays text.
pub fn popup_content(pin: &InitiativeSummary) -> HtmlElement {
    let popup = element("div", "popup", "");
    let link = element("a", "popup__title", &pin.title);
    point_to(&link, &pin.path);
    let _ = popup.append_child(&link);
    for (class, text) in [
        ("popup__kind", pin.kind_label.clone()),
        ("popup__place", format!("{} · bassin de {}", pin.commune_name, pin.area_name)),
        ("popup__org", pin.organisation.clone()),
    ] {
        let _ = popup.append_child(&element("p", class, &text));
    }
    if pin.charter_signed {
        let _ = popup.append_child(&element("p", "charter-badge", "Charte signée"));
    }
    if pin.to_check {
        let _ = popup.append_child(&element("p", "check-badge", TO_CHECK_LABEL));
    }
    if pin.is_demo {
        let _ = popup.append_child(&element("p", "demo-badge", "Donnée de démonstration"));
    }
    popup
}

/// The popup of a cluster at one address: its initiatives as links.
pub fn list_content(summaries: &[InitiativeSummary], total: usize) -> HtmlElement {
    let popup = element("div", "popup popup--list", "");
    let heading = format!("{total} initiatives à cet endroit");
    let _ = popup.append_child(&element("p", "popup__heading", &heading));
    let list = element("ul", "popup__list", "");
    for summary in summaries {
        let item = element("li", "", "");
        let link = element("a", "popup__title", &summary.title);
        point_to(&link, &summary.path);
        let _ = link.set_attribute("data-id", &summary.id.to_string());
        let _ = item.append_child(&link);
        let _ = item.append_child(&element("span", "popup__kind", &format!(" — {}", summary.kind_label)));
        let _ = list.append_child(&item);
    }
    let _ = popup.append_child(&list);
    if total > summaries.len() {
        let more = format!("et {} autres : la liste, filtrée par commune, les montre toutes.", total - summaries.len());
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

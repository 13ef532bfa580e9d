//! The filter panel: a plain GET form (it works without JavaScript); once hydrated, every change
//! navigates to the new view's URL without reloading the page.

use leptos::prelude::*;

use super::filter_fields::{address_found, fields_html, FieldSetting, AROUND_SAID_ID};
use super::view_address::{view_href, EmbedDisplay, EMBED_PATH};
use crate::components::communes_list::{communes_options_html, COMMUNES_LIST_ID};
use crate::domain::filters::commune_label;
use crate::domain::MapData;
#[cfg(feature = "hydrate")]
use crate::language::Locale;
use crate::language::{href, use_locale};
use leptos_i18n::td_string;

/// Search, facets with counts, commune, upcoming events, and a way to clear everything (the
/// communes its fields suggest are the page's [`CommunesSuggestions`]). Reduced (the embed
/// page's default) to the search, areas and kinds: the view's other filters, chosen by the
/// partner who embedded it, then stay as they are through every change and « Tout effacer ».
///
/// The fields are one piece of HTML (`filter_fields`), replaced at each change of view: the
/// form keeps their listeners, and puts back the keyboard focus, the groups as the visitor left
/// them, and words typed but not sent (`kept_state`).
#[component]
pub fn FilterPanel(data: MapData, #[prop(optional)] reduced: bool) -> impl IntoView {
    let display = use_context::<EmbedDisplay>();
    let locale = use_locale();
    let action = href(if display.is_some() { EMBED_PATH } else { "/" });
    let mut hidden: Vec<(String, String)> = if reduced {
        url::form_urlencoded::parse(data.filters.to_query().as_bytes())
            .into_owned()
            .filter(|(name, _)| !matches!(name.as_str(), "q" | "bassin" | "kind" | "page"))
            .collect()
    } else {
        Vec::new()
    };
    let clear_href = view_href(&url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&hidden).finish());
    // The embed page's options travel with every change (last, as in the address the code page writes).
    hidden.extend(display.into_iter().flat_map(|d| d.pairs()).map(|(name, value)| (name.into(), value.into())));
    let setting = FieldSetting { locale, reduced, clear_href: &clear_href, hidden: &hidden };
    let fields = fields_html(&data, &setting);
    let found = address_found(&data, locale);
    // What the view's « Autour de » already says needs no checking again.
    let current_place = data.filters.near.as_ref().map(|near| near.place());
    let place_at_change = current_place.clone();
    let form = NodeRef::<leptos::html::Form>::new();
    #[cfg(feature = "hydrate")]
    {
        // Read from the panel on the page, before the new view's replaces it.
        let kept = super::kept_state::KeptState::read();
        Effect::new(move |_| {
            if let Some(form) = form.get() {
                kept.restore(&form);
            }
        });
    }
    view! {
        <form class="filters" method="get" action=action role="search" aria-label=td_string!(locale, filters.label)
            node_ref=form inner_html=fields
            on:submit=move |event| navigate_to_view(event, current_place.as_deref())
            on:change=move |event| apply_on_change(event, place_at_change.as_deref()) on:click=around_me_clicked>
        </form>
        // « Autour de »'s line for screen readers: the same element from view to view, so that
        // what changes in it is said (`filter_fields::AROUND_SAID_ID`).
        {(!reduced).then(|| view! { <p class="sr-only" id=AROUND_SAID_ID role="status">{found}</p> })}
    }
}

/// The communes that « Commune » and « Autour de » suggest (`list="communes-28"`), written once
/// per page beside the filter panel rather than inside it: the panel is rebuilt at every change
/// of view, the 363 suggestions never change. A page whose panel has neither field (the embed
/// page's reduced panel) leaves them out.
///
/// The server writes them from the embedded gazetteer, without a query to wait for, and they
/// are no part of the page's data: hydration keeps its options as they are. A map page built in
/// the browser (reached from another page) asks for them once it is there.
#[component]
pub fn CommunesSuggestions() -> impl IntoView {
    // Written once per server: some 17 kB of every map page.
    #[cfg(feature = "ssr")]
    let options: &'static str = {
        static OPTIONS: std::sync::LazyLock<String> =
            std::sync::LazyLock::new(|| options_html(crate::data::gazetteer_communes()));
        OPTIONS.as_str()
    };
    #[cfg(not(feature = "ssr"))]
    let options = "";
    let list = NodeRef::<leptos::html::Datalist>::new();
    #[cfg(feature = "hydrate")]
    if !Owner::current_shared_context().is_some_and(|context| context.during_hydration()) {
        leptos::task::spawn_local(async move {
            let Ok(communes) = super::server_fns::load_communes().await else { return };
            // This page's list, if the visitor is still on it: the initiative form has its own
            // list by the same id.
            if let Some(list) = list.try_get_untracked().flatten().filter(|list| list.is_connected()) {
                list.set_inner_html(&options_html(&communes));
            }
        });
    }
    view! { <datalist id=COMMUNES_LIST_ID node_ref=list inner_html=options></datalist> }
}

/// The suggestions « Chartres (28085) » of `communes` (`(insee, name)`).
fn options_html(communes: &[(String, String)]) -> String {
    communes_options_html(communes.iter().map(|(insee, name)| commune_label(name, insee)))
}

/// Submitting the form navigates inside the app (history entry, no reload). A place given by hand
/// in « Autour de » (typed, or the visitor's position; not chosen from the communes' list, nor the
/// view's `current_place`) is checked first: what the server cannot place is said under the
/// field, the form as it was, rather than on a page without the form.
fn navigate_to_view(event: leptos::ev::SubmitEvent, current_place: Option<&str>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        event.prevent_default();
        if let Some(form) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) {
            go_to_view_of(&form, current_place);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, current_place);
}

/// Navigates to the view `form`'s fields say ([`navigate_to_view`]).
#[cfg(feature = "hydrate")]
fn go_to_view_of(form: &web_sys::HtmlFormElement, current_place: Option<&str>) {
    use crate::error::AppError;
    use wasm_bindgen::JsCast;
    let Ok(data) = web_sys::FormData::new_with_form(form) else { return };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
    // Empty fields say nothing: leave them out so the URL stays readable.
    let pairs: Vec<(String, String)> = js_sys::try_iter(&params)
        .ok()
        .flatten()
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.ok()?.dyn_into().ok()?;
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    // The radius is always chosen; without a place it says nothing.
    let around = pairs.iter().any(|(name, _)| name == "autour");
    // A place given by hand in « Autour de », checked alone (the rest of the view needs no checking).
    let typed = pairs
        .iter()
        .find(|(name, value)| name == "autour" && !chosen_from_list(value) && Some(value.as_str()) != current_place)
        .map(|(_, value)| url::form_urlencoded::Serializer::new(String::new()).append_pair("autour", value).finish());
    let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(name, _)| around || name != "rayon").collect();
    let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    // The form's own page: the map's, or the embed page's (whose options are hidden fields).
    let page = web_sys::Url::new(&form.action()).map(|url| url.pathname()).unwrap_or_else(|_| "/".into());
    let path = if query.is_empty() { page } else { format!("{page}?{query}") };
    let navigate = leptos_router::hooks::use_navigate();
    let Some(place) = typed else {
        navigate(&path, Default::default());
        return;
    };
    let english = use_locale() == Locale::en;
    leptos::task::spawn_local(async move {
        match super::server_fns::load_map_data(place).await {
            Err(
                AppError::BadRequest(message) | AppError::TooManyRequests(message) | AppError::ServiceDown(message),
            ) => say_around(Some(message.text(english))),
            _ => navigate(&path, Default::default()),
        }
    });
}

/// Writes `line` under « Autour de », and where screen readers say it.
#[cfg(feature = "hydrate")]
fn say_around(line: Option<&str>) {
    for id in [super::filter_fields::AROUND_NOTE_ID, AROUND_SAID_ID] {
        if let Some(note) = document().get_element_by_id(id) {
            note.set_text_content(line);
        }
    }
}

/// « Autour de moi » (hidden until the page is live, `kept_state`): the browser asks for the
/// visitor's position, which fills « Autour de » and applies the view.
fn around_me_clicked(event: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    {
        use super::filter_fields::AROUND_ME_ID;
        use wasm_bindgen::JsCast;
        let clicked = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if clicked.is_none_or(|element| element.id() != AROUND_ME_ID) {
            return;
        }
        super::position::fill_with_my_position(|line: Option<String>| say_around(line.as_deref()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
}

/// Whether `value` is a choice of the communes' list (« Chartres (28085) »), which needs no
/// checking (rather than words typed, a code or a position).
#[cfg(feature = "hydrate")]
fn chosen_from_list(value: &str) -> bool {
    crate::domain::filters::labelled_code(value).is_some_and(|code| code.len() == 5)
}

/// Ticking a box or choosing a commune applies it at once (typing in the search box waits for
/// Enter); not while the fields are being replaced (`kept_state::replacing`). Applied as the
/// form's submission is, without asking the browser to submit it (`requestSubmit`): Chrome then
/// reads every field of the form for its autofill, 1 to 3 ms of the main thread at each change
/// (bench/RESULTS.md, twenty-seventh session).
fn apply_on_change(event: leptos::ev::Event, current_place: Option<&str>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let is_search_box = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.type_() == "search");
        if is_search_box || super::kept_state::replacing() {
            return;
        }
        if let Some(form) = event.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) {
            go_to_view_of(&form, current_place);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, current_place);
}

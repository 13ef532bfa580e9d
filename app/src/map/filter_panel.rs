//! The filter panel: a plain GET form (it works without JavaScript); once hydrated, every change
//! navigates to the new view's URL without reloading the page.

use crate::wire::WireResource;
use leptos::prelude::*;
use leptos_i18n::td_string;

use super::view_address::{view_href, EmbedDisplay, EMBED_PATH};
use crate::components::communes_list::{communes_options_html, COMMUNES_LIST_ID};
use crate::domain::filters::{commune_label, DEFAULT_RADIUS_KM, RADII_KM};
use crate::domain::{Audience, Facets, Filters, MapData, Sort, Theme};
use crate::error::AppError;
use crate::language::{audience_label, href, kind_label, theme_label, use_locale, Locale};

/// One checkbox option: its code, its label and what choosing it would give.
struct Choice {
    code: String,
    label: String,
    count: i64,
    checked: bool,
}

/// Search, facets with counts, commune, upcoming events, and a way to clear everything (the
/// communes its fields suggest are the page's [`CommunesSuggestions`]). Reduced (the embed
/// page's default) to the search, areas and kinds: the view's other filters, chosen by the
/// partner who embedded it, then stay as they are through every change and « Tout effacer ».
#[component]
pub fn FilterPanel(data: MapData, communes: Vec<(String, String)>, #[prop(optional)] reduced: bool) -> impl IntoView {
    let MapData { filters, facets, kinds, areas, finds_addresses, .. } = data;
    let display = use_context::<EmbedDisplay>();
    let locale = use_locale();
    let action = href(if display.is_some() { EMBED_PATH } else { "/" });
    let kept: Vec<(String, String)> = if reduced {
        url::form_urlencoded::parse(filters.to_query().as_bytes())
            .into_owned()
            .filter(|(name, _)| !matches!(name.as_str(), "q" | "bassin" | "kind" | "page"))
            .collect()
    } else {
        Vec::new()
    };
    let clear_href = view_href(&url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&kept).finish());
    let area_choices = areas
        .iter()
        .map(|a| Choice {
            code: a.code.clone(),
            label: a.name.clone(),
            count: Facets::count(&facets.areas, &a.code),
            checked: filters.areas.contains(&a.code),
        })
        .collect();
    let kind_choices = kinds
        .iter()
        .map(|k| Choice {
            code: k.code.clone(),
            label: kind_label(locale, &k.label, &k.label_en),
            count: Facets::count(&facets.kinds, &k.code),
            checked: filters.kinds.contains(&k.code),
        })
        .collect();
    let theme_choices =
        vocabulary_choices(Theme::ALL, Theme::code, |t| theme_label(locale, t), &facets.themes, &filters.themes);
    let audience_choices = vocabulary_choices(
        Audience::ALL,
        Audience::code,
        |a| audience_label(locale, a),
        &facets.audiences,
        &filters.audiences,
    );
    let commune_value = filters
        .commune
        .as_ref()
        .and_then(|code| communes.iter().find(|(insee, _)| insee == code))
        .map(|(insee, name)| commune_label(name, insee))
        .unwrap_or_default();
    let near = filters.near.clone();
    // What the view's « Autour de » already says needs no checking again.
    let current_place = near.as_ref().map(|near| near.place());
    let near_value = near
        .as_ref()
        .map(|near| match &near.commune {
            Some(code) => communes
                .iter()
                .find(|(insee, _)| insee == code)
                .map(|(insee, name)| commune_label(name, insee))
                .unwrap_or_else(|| code.clone()),
            None => near.place(),
        })
        .unwrap_or_default();
    let radius = near.as_ref().map_or(DEFAULT_RADIUS_KM, |near| near.km);
    // « Autour de »'s line under its field: which address the words typed named (the visitor
    // checks it is theirs), why words typed were not understood, how the search for the
    // visitor's position goes. One line, said to screen readers as it changes.
    let found = near.and_then(|near| near.address).map(|address| {
        format!(
            "{} {} {}",
            td_string!(locale, filters.address_found),
            address.label,
            td_string!(locale, filters.address_source)
        )
    });
    let notice = RwSignal::new(found);
    view! {
        <form class="filters" method="get" action=action role="search" aria-label=td_string!(locale, filters.label)
            on:submit=move |event| navigate_to_view(event, current_place.as_deref(), notice) on:change=submit_on_change>
            <div class="filters__search">
                <label for="filtre-q">{td_string!(locale, filters.search)}</label>
                <div class="filters__search-row">
                    <input type="search" id="filtre-q" name="q" value=filters.q.clone().unwrap_or_default()
                        placeholder=td_string!(locale, filters.search_placeholder) maxlength="200"/>
                    <button type="submit" class="button">{td_string!(locale, filters.search)}</button>
                </div>
            </div>
            <FacetGroup legend=td_string!(locale, filters.area) name="bassin" choices=area_choices/>
            <FacetGroup legend=td_string!(locale, filters.kind) name="kind" choices=kind_choices/>
            {(!reduced).then(|| view! {
            <FacetGroup legend=td_string!(locale, filters.theme) name="theme" choices=theme_choices/>
            <FacetGroup legend=td_string!(locale, filters.audience) name="audience" choices=audience_choices/>
            <div class="filters__field">
                <label for="filtre-commune">{td_string!(locale, filters.commune)}</label>
                <input id="filtre-commune" name="commune" list=COMMUNES_LIST_ID value=commune_value autocomplete="off"
                    placeholder=td_string!(locale, filters.commune_placeholder)/>
            </div>
            <AroundPlace value=near_value radius notice finds_addresses/>
            <label class="filters__check">
                <input type="checkbox" name="upcoming" value="1" checked=filters.upcoming/>
                {td_string!(locale, filters.upcoming)}
            </label>
            <SortChoice filters=filters.clone()/>
            })}
            // The view's filters the reduced panel does not show, then the embed page's options:
            // they travel with every filter change (last, as in the address the code page writes).
            {kept.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            {display.map(|display| display.pairs().into_iter().map(|(name, value)| view! {
                <input type="hidden" name=name value=value/>
            }).collect_view())}
            <div class="filters__actions">
                <button type="submit" class="button">{td_string!(locale, filters.apply)}</button>
                <a class="button button--secondary" href=clear_href>{td_string!(locale, filters.clear)}</a>
            </div>
        </form>
    }
}

/// The communes that « Commune » and « Autour de » suggest (`list="communes-28"`), written once
/// per page beside the filter panel rather than inside it. The panel is rebuilt at every change
/// of view, and a rebuild of type-erased views (Cargo.toml's `always-erase-components`) removes
/// then sets again every attribute it holds: inside it, the 363 suggestions that never change
/// cost each change about 750 calls into the browser, half of all it made (bench/RESULTS.md,
/// « seventeenth session »). A page whose panel has neither field (the embed page's reduced
/// panel) leaves them out.
#[component]
pub fn CommunesSuggestions(communes: WireResource<Result<Vec<(String, String)>, AppError>>) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let communes = communes.await.unwrap_or_default();
                let options = communes_options_html(communes.iter().map(|(insee, name)| commune_label(name, insee)));
                view! { <datalist id=COMMUNES_LIST_ID inner_html=options></datalist> }
            })}
        </Transition>
    }
}

/// « Autour de » a commune typed (the communes' list suggests them), an address when the site has
/// a geocoder (`finds_addresses`), or the visitor's position (« Autour de moi », once the page is
/// hydrated: the browser asks for it, and it reaches the server only in this search's address,
/// rounded to about 100 m), within a radius; `notice` is the line under the field.
#[component]
fn AroundPlace(value: String, radius: u16, notice: RwSignal<Option<String>>, finds_addresses: bool) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    // The button needs the browser's position: without script it would do nothing, so it
    // shows once the page is live.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let radii = if RADII_KM.contains(&radius) { RADII_KM.to_vec() } else { [&RADII_KM[..], &[radius]].concat() };
    let locale = use_locale();
    view! {
        <fieldset class="filters__near">
            <legend>{td_string!(locale, filters.around)}</legend>
            <div class="filters__field">
                <label for="filtre-autour">
                    {if finds_addresses { td_string!(locale, filters.place_or_address) } else { td_string!(locale, filters.place) }}
                </label>
                <input id="filtre-autour" name="autour" list=COMMUNES_LIST_ID value=value autocomplete="off"
                    node_ref=input aria-describedby="autour-note"
                    placeholder=if finds_addresses {
                        td_string!(locale, filters.place_or_address_placeholder)
                    } else {
                        td_string!(locale, filters.place_placeholder)
                    }/>
            </div>
            <div class="filters__field">
                <label for="filtre-rayon">{td_string!(locale, filters.radius)}</label>
                <select id="filtre-rayon" name="rayon">
                    {radii
                        .into_iter()
                        .map(|km| view! { <option value=km.to_string() selected=km == radius>{format!("{km} km")}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="button" class="button button--secondary" hidden=move || !live.get()
                on:click=move |_| around_my_position(input, notice)>
                {td_string!(locale, filters.around_me)}
            </button>
            <p class="filters__notice" id="autour-note" role="status">{move || notice.get()}</p>
        </fieldset>
    }
}

/// Puts the visitor's position, as the browser gives it, into `input` and applies the view.
fn around_my_position(input: NodeRef<leptos::html::Input>, notice: RwSignal<Option<String>>) {
    #[cfg(feature = "hydrate")]
    super::position::fill_with_my_position(input, notice);
    #[cfg(not(feature = "hydrate"))]
    let _ = (input, notice);
}

/// The order of the list. The view's default order (relevance when searching, otherwise name)
/// has an empty value, so choosing it leaves `tri` out of the URL.
#[component]
fn SortChoice(filters: Filters) -> impl IntoView {
    let searching = !filters.search_words().is_empty();
    let default = if searching { Sort::Relevance } else { Sort::Name };
    let current = filters.order();
    let locale = use_locale();
    view! {
        <div class="filters__field">
            <label for="filtre-tri">{td_string!(locale, filters.sort)}</label>
            <select id="filtre-tri" name="tri">
                {Sort::ALL
                    .iter()
                    .filter(|sort| searching || **sort != Sort::Relevance)
                    .map(|sort| {
                        let value = if *sort == default { "" } else { sort.code() };
                        view! { <option value=value selected=*sort == current>{sort_label(locale, *sort)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// An order's name in `locale`.
fn sort_label(locale: Locale, sort: Sort) -> String {
    match sort {
        Sort::Relevance => td_string!(locale, filters.sort_relevance),
        Sort::Name => td_string!(locale, filters.sort_name),
        Sort::Date => td_string!(locale, filters.sort_date),
        Sort::Distance => td_string!(locale, filters.sort_distance),
    }
    .to_string()
}

/// The options of a fixed vocabulary (themes, audiences) with their counts and ticks.
fn vocabulary_choices<T: Copy + PartialEq>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    counts: &[(String, i64)],
    selected: &[T],
) -> Vec<Choice> {
    all.iter()
        .map(|value| Choice {
            code: code(*value).into(),
            label: label(*value).into(),
            count: Facets::count(counts, code(*value)),
            checked: selected.contains(value),
        })
        .collect()
}

/// A fieldset of checkboxes, each with the count it would give.
#[component]
fn FacetGroup(legend: &'static str, name: &'static str, choices: Vec<Choice>) -> impl IntoView {
    let any_checked = choices.iter().any(|c| c.checked);
    view! {
        <details class="filters__group" open=any_checked>
            <summary>{legend}</summary>
            <fieldset>
                <legend class="sr-only">{legend}</legend>
                {choices
                    .into_iter()
                    .map(|choice| {
                        view! {
                            <label class="filters__check">
                                <input type="checkbox" name=name value=choice.code checked=choice.checked/>
                                {format!(" {} ", choice.label)}
                                <span class="filters__count">{format!("({})", choice.count)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </details>
    }
}

/// Submitting the form navigates inside the app (history entry, no reload). A place given by hand
/// in « Autour de » (typed, or the visitor's position; not chosen from the communes' list, nor the
/// view's `current_place`) is checked first: what the server cannot place is said in `notice`,
/// under the field, the form as it was, rather than on a page without the form.
fn navigate_to_view(event: leptos::ev::SubmitEvent, current_place: Option<&str>, notice: RwSignal<Option<String>>) {
    #[cfg(feature = "hydrate")]
    {
        use crate::error::AppError;
        use wasm_bindgen::JsCast;
        event.prevent_default();
        let Some(form) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
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
            .map(|(_, value)| {
                url::form_urlencoded::Serializer::new(String::new()).append_pair("autour", value).finish()
            });
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
                ) => notice.set(Some(message.text(english).to_string())),
                _ => navigate(&path, Default::default()),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, current_place, notice);
}

/// Whether `value` is a choice of the communes' list (« Chartres (28085) »), which needs no
/// checking (rather than words typed, a code or a position).
#[cfg(feature = "hydrate")]
fn chosen_from_list(value: &str) -> bool {
    crate::domain::filters::labelled_code(value).is_some_and(|code| code.len() == 5)
}

/// Ticking a box or choosing a commune applies it at once (typing in the search box waits for Enter).
fn submit_on_change(event: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let is_search_box = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.type_() == "search");
        if is_search_box {
            return;
        }
        if let Some(form) = event.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
}

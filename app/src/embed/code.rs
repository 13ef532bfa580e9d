//! `/integrer-la-carte?…` (« Intégrer cette vue à votre site » on the map): for the view in its
//! address, the display options of the embed page, a live preview of it, and the `<iframe>` code
//! to paste into a partner's page — with a `title` for screen readers and a height to choose.
//! Works without JavaScript (the form reloads the page with the new options).

use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::language::{href, localized, thousands, use_locale, Locale};
use crate::map::view_address::{map_href, EmbedDisplay, FilterChoice, Shown};

/// The frame's height in pixels: the default, and what a page can sensibly hold.
const DEFAULT_HEIGHT: u32 = 650;
const HEIGHTS: std::ops::RangeInclusive<u32> = 300..=1500;

type Pairs = Vec<(String, String)>;

/// The height's name in this page's address.
const HEIGHT: &str = "hauteur";

#[component]
pub fn EmbedCodePage() -> impl IntoView {
    let location = use_location();
    let locale = use_locale();
    // What the frame is called for screen readers (its `title`), in the embedded page's language.
    let frame_title = td_string!(locale, embed.frame_title);
    let search = location.search.get_untracked();
    let (display, with_height) = EmbedDisplay::split(&search);
    // The height is this page's own field (sent by its form without JavaScript), not the view's.
    let (height_pairs, view_pairs): (Pairs, Pairs) = url::form_urlencoded::parse(with_height.as_bytes())
        .into_owned()
        // The list's page is where the visitor was, not part of the view to embed.
        .filter(|(name, _)| name != "page")
        .partition(|(name, _)| name == HEIGHT);
    let typed_height = height_pairs.into_iter().next().map(|(_, value)| value);
    let view_query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&view_pairs).finish();
    let shown = RwSignal::new(display.shown);
    let filters = RwSignal::new(display.filters);
    let height_text = RwSignal::new(typed_height.unwrap_or_else(|| DEFAULT_HEIGHT.to_string()));
    let height_error = Memo::new(move |_| {
        height_text.with(|text| match text.trim().parse::<u32>() {
            Ok(height) if HEIGHTS.contains(&height) => None,
            _ => Some(
                td_string!(
                    locale,
                    embed.height_error,
                    min = HEIGHTS.start(),
                    max = thousands(locale, u64::from(*HEIGHTS.end())),
                    typed = text.trim().to_string(),
                    default = DEFAULT_HEIGHT
                )
                .to_string(),
            ),
        })
    });
    let height = Memo::new(move |_| {
        height_text
            .with(|text| text.trim().parse::<u32>().ok().filter(|h| HEIGHTS.contains(h)).unwrap_or(DEFAULT_HEIGHT))
    });
    let embed_path = {
        let view_query = view_query.clone();
        // The embed page in this page's language: an English code page gives an English map.
        Memo::new(move |_| {
            localized(locale, &EmbedDisplay { shown: shown.get(), filters: filters.get() }.href(&view_query))
        })
    };
    let origin = site_origin();
    let code = Memo::new(move |_| {
        format!(
            "<iframe src=\"{origin}{}\" title=\"{frame_title}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\" allow=\"geolocation\"></iframe>",
            html_attribute(&embed_path.get()),
            height.get()
        )
    });
    let copied = RwSignal::new(None::<&'static str>);
    let map_view = href(&map_href(&view_query));
    let described = if view_pairs.is_empty() {
        td_string!(locale, embed.everything)
    } else {
        td_string!(locale, embed.chosen_view)
    };
    view! {
        <Title text=td_string!(locale, embed.code_title)/>
        <div class="page embed-code">
            <h1>{td_string!(locale, embed.code_heading)}</h1>
            <p>{td_string!(locale, embed.intro, described = described).to_string()}</p>
            <p>
                <a href=map_view>{td_string!(locale, embed.other_view)}</a>
                {td_string!(locale, embed.other_view_after)}
            </p>
            <form class="embed-code__options" method="get" action=href("/integrer-la-carte")>
                {view_pairs.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                {radio_group(td_string!(locale, embed.show), "affichage", Shown::ALL, Shown::code, move |s| shown_label(locale, s), shown)}
                {radio_group(
                    td_string!(locale, embed.filters),
                    "filtres",
                    FilterChoice::ALL,
                    FilterChoice::code,
                    move |f| filters_label(locale, f),
                    filters,
                )}
                <div class="form-field">
                    <label for="hauteur">{td_string!(locale, embed.height)}</label>
                    <input id="hauteur" name=HEIGHT type="number" inputmode="numeric" min=*HEIGHTS.start() max=*HEIGHTS.end()
                        prop:value=move || height_text.get() on:input=move |ev| height_text.set(event_target_value(&ev))
                        aria-invalid=move || height_error.get().is_some().then_some("true")
                        aria-describedby="hauteur-erreur"/>
                    <p id="hauteur-erreur" class="form-field__error" role="alert">{move || height_error.get()}</p>
                </div>
                <noscript><button type="submit" class="button">{td_string!(locale, embed.update)}</button></noscript>
            </form>
            <h2>{td_string!(locale, embed.code)}</h2>
            <label for="code-integration" class="sr-only">{td_string!(locale, embed.code_label)}</label>
            // The server writes the code as the textarea's text, escaped by hand: the text of a
            // `<textarea>` is read with its entities (`&amp;` in the code would lose its `amp;`).
            <textarea id="code-integration" class="embed-code__code" readonly rows="4" prop:value=move || code.get()
                inner_html=escape_text(&code.get_untracked())>
            </textarea>
            <p>
                <button type="button" class="button" on:click=move |_| copy(locale, code.get_untracked(), copied)>
                    {td_string!(locale, embed.copy)}
                </button>
                " "<span role="status">{move || copied.get()}</span>
            </p>
            <h2>{td_string!(locale, embed.preview)}</h2>
            <iframe class="embed-code__preview" src=move || embed_path.get() title=frame_title width="100%"
                height=move || height.get().to_string()></iframe>
        </div>
    }
}

/// What the embed page shows, in `locale`.
fn shown_label(locale: Locale, shown: Shown) -> &'static str {
    match shown {
        Shown::MapAndList => td_string!(locale, embed.map_and_list),
        Shown::Map => td_string!(locale, embed.map_only),
        Shown::List => td_string!(locale, embed.list_only),
    }
}

/// Which filters the embed page offers, in `locale`.
fn filters_label(locale: Locale, filters: FilterChoice) -> &'static str {
    match filters {
        FilterChoice::Reduced => td_string!(locale, embed.filters_reduced),
        FilterChoice::All => td_string!(locale, embed.filters_all),
        FilterChoice::None => td_string!(locale, embed.filters_none),
    }
}

/// A choice among `all`, named `name` in the address, kept in `chosen`.
fn radio_group<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    name: &'static str,
    all: [T; 3],
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    chosen: RwSignal<T>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {all.into_iter().map(|choice| view! {
                <label class="filters__check">
                    <input type="radio" name=name value=code(choice) checked=move || chosen.get() == choice
                        on:change=move |_| chosen.set(choice)/>
                    " " {label(choice)}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// Puts `code` on the clipboard and says so (or says to copy it by hand).
fn copy(locale: Locale, code: String, copied: RwSignal<Option<&'static str>>) {
    #[cfg(feature = "hydrate")]
    {
        // No clipboard outside HTTPS (nor in old browsers): say so rather than fail.
        let navigator = web_sys::window().map(|w| w.navigator());
        let has_clipboard = navigator
            .as_ref()
            .and_then(|n| js_sys::Reflect::get(n, &"clipboard".into()).ok())
            .is_some_and(|c| !c.is_undefined() && !c.is_null());
        let Some(clipboard) = navigator.filter(|_| has_clipboard).map(|n| n.clipboard()) else {
            copied.set(Some(td_string!(locale, embed.copy_refused)));
            return;
        };
        let promise = clipboard.write_text(&code);
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(if done {
                td_string!(locale, embed.copied)
            } else {
                td_string!(locale, embed.copy_refused)
            }));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (locale, code, copied);
}

/// The site's origin for the code's absolute address: the configured public address on the
/// server, the page's own in the browser (the same in a correct deployment).
fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::data::Db>().map(|db| db.public_url().to_string()).unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    String::new()
}

/// Text as HTML text: `&`, `<` and `>` escaped.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `&` in an address, escaped for an HTML attribute (the query's other characters are encoded).
fn html_attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;")
}

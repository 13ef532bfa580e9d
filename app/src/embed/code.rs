//! `/integrer-la-carte?…` (« Intégrer cette vue à votre site » on the map): for the view in its
//! address, the display options of the embed page, a live preview of it, and the `<iframe>` code
//! to paste into a partner's page — with a `title` for screen readers and a height to choose.
//! Works without JavaScript (the form reloads the page with the new options).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::map::view_address::{map_href, EmbedDisplay, FilterChoice, Shown};

/// The frame's height in pixels: the default, and what a page can sensibly hold.
const DEFAULT_HEIGHT: u32 = 650;
const HEIGHTS: std::ops::RangeInclusive<u32> = 300..=1500;

type Pairs = Vec<(String, String)>;

/// The height's name in this page's address.
const HEIGHT: &str = "hauteur";

/// What the frame is called for screen readers (its `title`).
const FRAME_TITLE: &str = "Carte Orientation 28 : les initiatives d'orientation en Eure-et-Loir";

#[component]
pub fn EmbedCodePage() -> impl IntoView {
    let location = use_location();
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
            _ => Some(format!(
                "La hauteur est un nombre de pixels entre {} et {} (« {} » ne convient pas) : l'aperçu et le code gardent {} pixels.",
                HEIGHTS.start(),
                french_thousands(*HEIGHTS.end()),
                text.trim(),
                DEFAULT_HEIGHT
            )),
        })
    });
    let height = Memo::new(move |_| {
        height_text
            .with(|text| text.trim().parse::<u32>().ok().filter(|h| HEIGHTS.contains(h)).unwrap_or(DEFAULT_HEIGHT))
    });
    let embed_path = {
        let view_query = view_query.clone();
        Memo::new(move |_| EmbedDisplay { shown: shown.get(), filters: filters.get() }.href(&view_query))
    };
    let origin = site_origin();
    let code = Memo::new(move |_| {
        format!(
            "<iframe src=\"{origin}{}\" title=\"{FRAME_TITLE}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\" allow=\"geolocation\"></iframe>",
            html_attribute(&embed_path.get()),
            height.get()
        )
    });
    let copied = RwSignal::new(None::<&'static str>);
    let map_view = map_href(&view_query);
    let described = if view_pairs.is_empty() {
        "toutes les initiatives publiées".to_string()
    } else {
        "la vue de la carte que vous avez choisie (ses filtres et sa recherche)".to_string()
    };
    view! {
        <Title text="Intégrer la carte à votre site – Carte Orientation 28"/>
        <div class="page embed-code">
            <h1>"Intégrer la carte à votre site"</h1>
            <p>
                "Établissements, mairies, Missions Locales, partenaires : montrez sur votre propre site "
                {described} ", toujours à jour. Copiez le code ci-dessous dans votre page (un bloc « HTML » "
                "de votre outil de publication). Vos visiteurs peuvent filtrer sans quitter votre site ; "
                "un lien ouvre la carte complète dans un nouvel onglet. Aucun cookie, aucun compte."
            </p>
            <p><a href=map_view>"Choisir une autre vue sur la carte"</a>" (puis « Intégrer cette vue à votre site »)."</p>
            <form class="embed-code__options" method="get" action="/integrer-la-carte">
                {view_pairs.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                {radio_group("Afficher", "affichage", Shown::ALL, Shown::code, Shown::label, shown)}
                {radio_group("Filtres proposés aux visiteurs", "filtres", FilterChoice::ALL, FilterChoice::code, FilterChoice::label, filters)}
                <div class="form-field">
                    <label for="hauteur">"Hauteur du cadre (pixels)"</label>
                    <input id="hauteur" name=HEIGHT type="number" inputmode="numeric" min=*HEIGHTS.start() max=*HEIGHTS.end()
                        prop:value=move || height_text.get() on:input=move |ev| height_text.set(event_target_value(&ev))
                        aria-invalid=move || height_error.get().is_some().then_some("true")
                        aria-describedby="hauteur-erreur"/>
                    <p id="hauteur-erreur" class="form-field__error" role="alert">{move || height_error.get()}</p>
                </div>
                <noscript><button type="submit" class="button">"Mettre à jour l'aperçu et le code"</button></noscript>
            </form>
            <h2>"Code à copier"</h2>
            <label for="code-integration" class="sr-only">"Code d'intégration"</label>
            // The server writes the code as the textarea's text, escaped by hand: the text of a
            // `<textarea>` is read with its entities (`&amp;` in the code would lose its `amp;`).
            <textarea id="code-integration" class="embed-code__code" readonly rows="4" prop:value=move || code.get()
                inner_html=escape_text(&code.get_untracked())>
            </textarea>
            <p>
                <button type="button" class="button" on:click=move |_| copy(code.get_untracked(), copied)>"Copier le code"</button>
                " "<span role="status">{move || copied.get()}</span>
            </p>
            <h2>"Aperçu"</h2>
            <iframe class="embed-code__preview" src=move || embed_path.get() title=FRAME_TITLE width="100%"
                height=move || height.get().to_string()></iframe>
        </div>
    }
}

/// A choice among `all`, named `name` in the address, kept in `chosen`.
fn radio_group<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    name: &'static str,
    all: [T; 3],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
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
fn copy(code: String, copied: RwSignal<Option<&'static str>>) {
    #[cfg(feature = "hydrate")]
    {
        // No clipboard outside HTTPS (nor in old browsers): say so rather than fail.
        let navigator = web_sys::window().map(|w| w.navigator());
        let has_clipboard = navigator
            .as_ref()
            .and_then(|n| js_sys::Reflect::get(n, &"clipboard".into()).ok())
            .is_some_and(|c| !c.is_undefined() && !c.is_null());
        let Some(clipboard) = navigator.filter(|_| has_clipboard).map(|n| n.clipboard()) else {
            copied.set(Some("Le navigateur n'a pas permis la copie : sélectionnez le code et copiez-le."));
            return;
        };
        let promise = clipboard.write_text(&code);
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(if done {
                "Code copié."
            } else {
                "Le navigateur n'a pas permis la copie : sélectionnez le code et copiez-le."
            }));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (code, copied);
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

/// 1500 → "1 500".
fn french_thousands(n: u32) -> String {
    if n >= 1000 {
        format!("{}\u{202f}{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

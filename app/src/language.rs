//! The interface's language. French first, at the site's plain addresses (`/`,
//! `/initiatives/12-forum-des-metiers`); English at the same addresses under `/en` (`/en`,
//! `/en/initiatives/12-forum-des-metiers`): every shareable address stays shareable, and says
//! its language. The texts are in `app/locales/{fr,en}.json`, looked up with leptos_i18n's
//! `td_string!` (a key missing from either file does not compile).
//!
//! A page's language is the one of the address its document was opened at, for the document's
//! whole life: links inside a page keep its language ([`href`]), and the language switch loads
//! the other language's page anew. A first visit without a language cookie is sent to the
//! English page when the browser prefers English (the server's `language_choice` layer).
//!
//! Initiatives' own texts stay as their holders wrote them (French); an initiative's optional
//! English summary is shown to English readers. Exports keep their machine field names.

use leptos::prelude::*;

// The texts module build.rs generates from `app/locales`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::Locale;

/// Where the English pages are: the prefix of every English page's address.
pub const ENGLISH_PREFIX: &str = "/en";

/// The cookie that remembers that this browser has seen the site (and in which language): with
/// it, the server never redirects by `Accept-Language` again.
pub const LANGUAGE_COOKIE: &str = "langue";

/// The language of a page's address: English under `/en`, French elsewhere.
pub fn locale_of_path(path: &str) -> Locale {
    if unprefixed(path).len() < path.len() {
        Locale::en
    } else {
        Locale::fr
    }
}

/// A page's path without its language: `/en/charte` → `/charte`, `/en` → `/`, `/charte` →
/// `/charte`. What pages compare to know where they are.
pub fn unprefixed(path: &str) -> &str {
    match path.strip_prefix(ENGLISH_PREFIX) {
        Some("") => "/",
        // Never `//…`, which a browser reads as another site (`/en//evil.example`).
        Some(rest) if rest.starts_with('/') && !rest.starts_with("//") => rest,
        _ => path,
    }
}

/// The `/en` an English page's path starts with, as the first segment of every route's path
/// (`site_routes` in lib.rs): each page is declared once for both languages. Declared twice (a
/// parent route `/en` holding every page again), the routing cost the map's first download
/// 357 B more as sent (bench/RESULTS.md, twenty-third session). It matches what [`unprefixed`]
/// strips, and nothing when there is nothing to strip: never a failed match, so that the rest
/// of the path decides. The server's list of routes holds the French paths; the server adds
/// their English twins itself (server/src/lib.rs, `in_both_languages`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguagePrefix;

impl leptos_router::PossibleRouteMatch for LanguagePrefix {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<leptos_router::PartialPathMatch<'a>> {
        let prefix = if unprefixed(path).len() < path.len() { ENGLISH_PREFIX.len() } else { 0 };
        let (matched, remaining) = path.split_at(prefix);
        Some(leptos_router::PartialPathMatch::new(remaining, Vec::new(), matched))
    }

    fn generate_path(&self, _path: &mut Vec<leptos_router::PathSegment>) {}
}

/// A page's address (a path, with or without its query) in `locale`: `/charte` → `/en/charte`
/// in English, unchanged in French; `/` and `/?…` → `/en` and `/en?…`. Only for our pages: the
/// API's addresses have no language.
pub fn localized(locale: Locale, address: &str) -> String {
    let (path, query) = match address.find(['?', '#']) {
        Some(at) => address.split_at(at),
        None => (address, ""),
    };
    let path = unprefixed(path);
    match locale {
        Locale::fr => format!("{path}{query}"),
        Locale::en if path == "/" => format!("{ENGLISH_PREFIX}{query}"),
        Locale::en => format!("{ENGLISH_PREFIX}{path}{query}"),
    }
}

/// A struct of texts looked up on the server in the reader's language, sent with a page's data
/// (`FormTexts`, the initiative form's words) instead of being compiled into the browser's
/// code: the split build leaves every string of every page in the main WASM file, which every
/// citizen downloads on their first visit, so texts of forms and of the holders' and
/// animators' pages travel this way and weigh nothing on the map. Each field names its key in
/// `app/locales`, checked at compile time by `td_string!` on the server.
macro_rules! server_texts {
    ($(#[$meta:meta])* pub struct $name:ident { $($field:ident => $($key:ident).+,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            /// The texts' language.
            pub locale: $crate::language::Locale,
            $(pub $field: String,)*
        }

        #[cfg(feature = "ssr")]
        impl $name {
            pub fn new(locale: $crate::language::Locale) -> Self {
                Self { locale, $($field: leptos_i18n::td_string!(locale, $($key).+).to_string(),)* }
            }
        }
    };
}
pub(crate) use server_texts;

/// The language of this page (provided by the app from the address it was opened at; read from
/// the document itself where no context reaches, as in the map's popups).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(document_locale)
}

/// One of our pages' addresses in this page's language.
pub fn href(path: &str) -> String {
    localized(use_locale(), path)
}

/// The language the document was opened in: from the request on the server, from the
/// browser's address once hydrated (the same address, so both sides agree).
pub fn document_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>().map_or(Locale::fr, |parts| locale_of_path(parts.uri.path()))
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        locale_of_path(&window().location().pathname().unwrap_or_default())
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    Locale::fr
}

/// What sets a label apart from what follows it: « Voir sur la carte : … » in French (a
/// space before the colon), "Show on the map: …" in English.
pub fn colon(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => " : ",
        Locale::en => ": ",
    }
}

/// The `lang` attribute's value for a locale.
pub fn lang_tag(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => "fr",
        Locale::en => "en",
    }
}

/// A kind's label in `locale` (the `kinds` table has both; a kind without an English label
/// keeps its French one).
pub fn kind_label(locale: Locale, french: &str, english: &str) -> String {
    match locale {
        Locale::en if !english.is_empty() => english.to_string(),
        _ => french.to_string(),
    }
}

/// A theme's label in `locale`.
pub fn theme_label(locale: Locale, theme: crate::domain::Theme) -> &'static str {
    match locale {
        Locale::fr => theme.label(),
        Locale::en => theme.label_en(),
    }
}

/// An audience's label in `locale`.
pub fn audience_label(locale: Locale, audience: crate::domain::Audience) -> &'static str {
    match locale {
        Locale::fr => audience.label(),
        Locale::en => audience.label_en(),
    }
}

/// An event's dates and hours in `locale`, or nothing for a permanent offer.
pub fn when(
    locale: Locale,
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
    start_time: Option<chrono::NaiveTime>,
    end_time: Option<chrono::NaiveTime>,
) -> Option<String> {
    use crate::domain::initiative::{english_when, format_when};
    match locale {
        Locale::fr => format_when(start, end, start_time, end_time),
        Locale::en => english_when(start, end, start_time, end_time),
    }
}

/// A date in `locale`: "14 mars 2027", "14 March 2027".
pub fn date(locale: Locale, date: chrono::NaiveDate) -> String {
    crate::domain::initiative::date_in(date, locale == Locale::en)
}

/// An instant (RFC 3339) in `locale`, in Paris time: "23 novembre 2026 à 17 h 40", "23 November
/// 2026 at 17:40".
pub fn moment(locale: Locale, rfc3339: &str) -> String {
    crate::domain::holding::time_in(rfc3339, locale == Locale::en)
}

/// A count with its thousands grouped: "50 000" in French (a narrow no-break space), "50,000"
/// in English.
pub fn thousands(locale: Locale, n: u64) -> String {
    let separator = match locale {
        Locale::fr => '\u{202f}',
        Locale::en => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// What an error says to the reader in `locale`. The server writes its messages (a field to
/// correct, a refused request, a limit) in both languages, and an edit conflict says who
/// changed what in either.
pub fn error_message(locale: Locale, error: &crate::error::AppError) -> String {
    use crate::error::AppError;
    use leptos_i18n::td_string;
    match (locale, error) {
        (Locale::fr, _) => error.to_string(),
        (_, AppError::NotFound) => td_string!(locale, errors.not_found).to_string(),
        (_, AppError::Unauthorized) => td_string!(locale, errors.unauthorized).to_string(),
        (_, AppError::Forbidden) => td_string!(locale, errors.forbidden).to_string(),
        (_, AppError::Unavailable) => td_string!(locale, errors.unavailable).to_string(),
        (_, AppError::Transport(detail)) => td_string!(locale, errors.transport, detail = detail.clone()).to_string(),
        // The server writes these in both languages.
        (_, AppError::BadRequest(message) | AppError::TooManyRequests(message) | AppError::ServiceDown(message)) => {
            message.english.clone()
        }
        (_, AppError::Invalid(errors)) => {
            let messages: Vec<&str> = errors.0.iter().map(|e| e.message.english.as_str()).collect();
            format!("{} {}", td_string!(locale, report.fields_to_correct), messages.join(" "))
        }
        (_, AppError::Conflict(conflict)) => conflict.message(true),
    }
}

/// The page's address in each language for search engines and browsers (`hreflang`), French
/// being also the default for other languages (`x-default`). Absolute, as they must be: the
/// configured public address on the server, the page's own origin once hydrated.
#[component]
pub fn LanguageAlternates() -> impl IntoView {
    use leptos_meta::Link;
    let location = leptos_router::hooks::use_location();
    let origin = site_origin();
    move || {
        let search = location.search.get();
        let pathname = location.pathname.get();
        let query = if search.is_empty() { String::new() } else { format!("?{search}") };
        let address = |locale: Locale| format!("{origin}{}{query}", localized(locale, &pathname));
        view! {
            <Link rel="alternate" hreflang="fr" href=address(Locale::fr)/>
            <Link rel="alternate" hreflang="en" href=address(Locale::en)/>
            <Link rel="alternate" hreflang="x-default" href=address(Locale::fr)/>
        }
    }
}

/// `https://host` of the site, without a trailing slash.
fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::data::Db>().map(|db| db.public_url().trim_end_matches('/').to_string()).unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    String::new()
}

/// The link to this page in the other language: a full page load (`rel="external"`), since a
/// document keeps its language. Named in the language it leads to, and marked so (`lang`,
/// `hreflang`) for screen readers to pronounce it right.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let other = match use_locale() {
        Locale::fr => Locale::en,
        Locale::en => Locale::fr,
    };
    let target = move || {
        let search = location.search.get();
        let path = localized(other, &location.pathname.get());
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    // « EN » / « FR » to see (the header of an admin holds on one line); to hear, the same
    // letters then the language's name (a name that starts with what is seen: voice control
    // finds it by what it shows).
    let (short, name, title) = match other {
        Locale::en => ("EN", " – English", "This page in English"),
        Locale::fr => ("FR", " – Français", "Cette page en français"),
    };
    view! {
        <a class="language-switch" href=target rel="external" lang=lang_tag(other) hreflang=lang_tag(other) title=title>
            {short}
            <span class="sr-only">{name}</span>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_say_their_language() {
        assert_eq!(locale_of_path("/"), Locale::fr);
        assert_eq!(locale_of_path("/charte"), Locale::fr);
        assert_eq!(locale_of_path("/en"), Locale::en);
        assert_eq!(locale_of_path("/en/charte"), Locale::en);
        // A French page whose address starts with the same letters is French.
        assert_eq!(locale_of_path("/entreprises"), Locale::fr);
        assert_eq!(unprefixed("/en/initiatives/3-forum"), "/initiatives/3-forum");
        assert_eq!(unprefixed("/en"), "/");
        assert_eq!(unprefixed("/entreprises"), "/entreprises");
    }

    /// Each route's `(LanguagePrefix, path)`: the English page and the French one are the same
    /// route; a French address that starts with the same letters, or an English one that
    /// would lead elsewhere (`/en//…`), is matched by the path alone.
    #[test]
    fn every_route_matches_its_english_address() {
        use leptos_router::{path, PossibleRouteMatch};
        let charte = (LanguagePrefix, path!("/charte"));
        let home = (LanguagePrefix, path!("/"));
        // What is left once a route matched is nothing, or a last `/` (as the router takes it).
        for (route, path) in [
            (&charte as &dyn PossibleRouteMatch, "/charte"),
            (&charte, "/en/charte"),
            (&home, "/"),
            (&home, "/en"),
            (&home, "/en/"),
        ] {
            let matched = route.test(path).unwrap_or_else(|| panic!("{path} is not matched"));
            assert!(matches!(matched.remaining(), "" | "/"), "{path}: {} left", matched.remaining());
        }
        assert!(!matches!(home.test("/charte").map(|m| m.remaining()), Some("" | "/")), "/ is not /charte");
        assert!(charte.test("/entreprises/charte").is_none());
        assert!(charte.test("/fr/charte").is_none());
        assert_eq!(LanguagePrefix.test("/entreprises").unwrap().remaining(), "/entreprises");
        assert_eq!(LanguagePrefix.test("/en//evil.example").unwrap().remaining(), "/en//evil.example");
    }

    #[test]
    fn addresses_change_language_both_ways() {
        assert_eq!(localized(Locale::en, "/"), "/en");
        assert_eq!(localized(Locale::en, "/?bassin=dreux"), "/en?bassin=dreux");
        assert_eq!(localized(Locale::en, "/charte"), "/en/charte");
        assert_eq!(localized(Locale::en, "/en/charte"), "/en/charte");
        assert_eq!(localized(Locale::fr, "/en/charte"), "/charte");
        assert_eq!(localized(Locale::fr, "/en"), "/");
        assert_eq!(localized(Locale::fr, "/en?bassin=dreux"), "/?bassin=dreux");
        assert_eq!(localized(Locale::en, "/imprimer?q=forum"), "/en/imprimer?q=forum");
        assert_eq!(localized(Locale::fr, "/structures/x"), "/structures/x");
    }

    use leptos_i18n::td_string;

    #[test]
    fn counts_group_thousands_each_language_its_way() {
        assert_eq!(thousands(Locale::fr, 50_068), "50\u{202f}068");
        assert_eq!(thousands(Locale::en, 50_068), "50,068");
        assert_eq!(thousands(Locale::en, 999), "999");
    }

    /// Every text in both files, and translated: an English text left equal to the French one
    /// (but names and words both languages share) is a text forgotten.
    #[test]
    fn both_languages_have_every_text() {
        fn flatten(prefix: &str, value: &serde_json::Value, into: &mut std::collections::BTreeMap<String, String>) {
            match value {
                serde_json::Value::Object(entries) => {
                    for (key, value) in entries {
                        flatten(&format!("{prefix}{key}."), value, into);
                    }
                }
                other => {
                    into.insert(
                        prefix.trim_end_matches('.').to_string(),
                        other.as_str().unwrap_or_default().to_string(),
                    );
                }
            }
        }
        let read = |text: &str| {
            let mut texts = std::collections::BTreeMap::new();
            flatten("", &serde_json::from_str(text).expect("well-formed JSON"), &mut texts);
            texts
        };
        let french = read(include_str!("../locales/fr.json"));
        let english = read(include_str!("../locales/en.json"));
        assert_eq!(french.keys().collect::<Vec<_>>(), english.keys().collect::<Vec<_>>(), "the same keys in both");
        const SAME_IN_BOTH: &[&str] = &[
            "site.administration",
            "holders.initiative_column",
            "list.one",
            "list.many",
            "print.one",
            "print.many",
            "structure.initiatives",
            "structure.contact",
            "initiative.dates",
            "charter.signature",
            "legal.page_title",
            "form.description",
            "form.latitude",
            "form.longitude",
        ];
        let untranslated: Vec<&String> = english
            .iter()
            .filter(|(key, text)| french[*key] == **text && !SAME_IN_BOTH.contains(&key.as_str()))
            .map(|(key, _)| key)
            .collect();
        assert!(untranslated.is_empty(), "English texts equal to the French ones: {untranslated:?}");
        assert_eq!(td_string!(Locale::en, list.many, count = "3").to_string(), "3 initiatives");
    }
}

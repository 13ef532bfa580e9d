//! Where a view's own links lead. On the map page (`/`) a filter change or a page of the list goes
//! to `/?…`; on the embed page (`/integrer`, inside a partner's site) to `/integrer?…` with its
//! display options kept, so that a visitor never leaves the frame by filtering. The embed page
//! provides its [`EmbedDisplay`] as context; the map page provides nothing.

pub use crate::domain::EMBED_PATH;

/// What the embed page shows (`affichage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shown {
    #[default]
    MapAndList,
    Map,
    List,
}

/// Which filters the embed page offers (`filtres`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FilterChoice {
    /// Search, area and kind.
    #[default]
    Reduced,
    All,
    None,
}

impl Shown {
    pub const ALL: [Shown; 3] = [Shown::MapAndList, Shown::Map, Shown::List];

    pub fn code(self) -> &'static str {
        match self {
            Shown::MapAndList => "carte-et-liste",
            Shown::Map => "carte",
            Shown::List => "liste",
        }
    }

    pub fn shows_map(self) -> bool {
        self != Shown::List
    }

    pub fn shows_list(self) -> bool {
        self != Shown::Map
    }
}

impl FilterChoice {
    pub const ALL: [FilterChoice; 3] = [FilterChoice::Reduced, FilterChoice::All, FilterChoice::None];

    pub fn code(self) -> &'static str {
        match self {
            FilterChoice::Reduced => "reduits",
            FilterChoice::All => "tous",
            FilterChoice::None => "aucun",
        }
    }
}

/// The embed page's display options, read from its address beside the view's parameters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbedDisplay {
    pub shown: Shown,
    pub filters: FilterChoice,
}

/// A display option's name in the embed page's address.
const SHOWN: &str = "affichage";
const FILTERS: &str = "filtres";

impl EmbedDisplay {
    /// Splits the embed page's query string into its display options and the map view's query
    /// (what `/` would read). An unknown option's value gives the default: a partner's page
    /// should still show the map rather than an error.
    pub fn split(query: &str) -> (EmbedDisplay, String) {
        let mut display = EmbedDisplay::default();
        let mut view = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match &*name {
                SHOWN => display.shown = Shown::ALL.into_iter().find(|s| s.code() == value).unwrap_or_default(),
                FILTERS => {
                    display.filters = FilterChoice::ALL.into_iter().find(|f| f.code() == value).unwrap_or_default()
                }
                _ => {
                    view.append_pair(&name, &value);
                }
            }
        }
        (display, view.finish())
    }

    /// The options that differ from the defaults, as address pairs.
    pub fn pairs(self) -> Vec<(&'static str, &'static str)> {
        let mut pairs = Vec::new();
        if self.shown != Shown::default() {
            pairs.push((SHOWN, self.shown.code()));
        }
        if self.filters != FilterChoice::default() {
            pairs.push((FILTERS, self.filters.code()));
        }
        pairs
    }

    /// The embed page's address for the map view `query` (a query string without `?`).
    pub fn href(self, query: &str) -> String {
        let mut all = url::form_urlencoded::Serializer::new(String::new());
        all.extend_pairs(url::form_urlencoded::parse(query.as_bytes()));
        all.extend_pairs(self.pairs());
        match all.finish() {
            query if query.is_empty() => EMBED_PATH.to_string(),
            query => format!("{EMBED_PATH}?{query}"),
        }
    }
}

/// The address of the map view `query` on this page: the embed page's when it is one.
pub fn view_href(query: &str) -> String {
    let href = match leptos::prelude::use_context::<EmbedDisplay>() {
        Some(display) => display.href(query),
        None => map_href(query),
    };
    // In the page's language: an English view's links stay English.
    crate::language::href(&href)
}

/// The map page's address for the view `query` (a query string without `?`).
pub fn map_href(query: &str) -> String {
    if query.is_empty() {
        "/".to_string()
    } else {
        format!("/?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_options_are_split_from_the_view_and_put_back_after_it() {
        let (display, view) = EmbedDisplay::split("?bassin=dreux&affichage=liste&q=forum&filtres=aucun");
        assert_eq!(display, EmbedDisplay { shown: Shown::List, filters: FilterChoice::None });
        assert_eq!(view, "bassin=dreux&q=forum");
        assert_eq!(display.href("bassin=dreux&page=2"), "/integrer?bassin=dreux&page=2&affichage=liste&filtres=aucun");
        assert_eq!(EmbedDisplay::default().href(""), "/integrer");
        // A value no option has: the default, the rest of the view kept.
        let (display, view) = EmbedDisplay::split("affichage=plein-ecran&kind=immersion");
        assert_eq!((display, view.as_str()), (EmbedDisplay::default(), "kind=immersion"));
    }
}

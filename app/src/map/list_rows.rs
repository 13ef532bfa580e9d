//! The list's rows as one piece of HTML, which the browser parses in one go.
//!
//! Built as views, the hundred rows of a page cost the WASM one call into the browser per
//! element, attribute and text: most of the list's update at each change of view. As one string
//! they cost one call, a change of view 12–20 ms less, and the main WASM 5.9 kB less
//! (bench/RESULTS.md, « sixteenth session »); the server sends the same HTML without the
//! hydration markers views need. Every text is escaped here (holders and animators type
//! titles, organisations and kinds): the browser test « markup typed in any text field… »
//! reaches this list both ways, from the server and built in the browser.
//!
//! The markup is the one the badges' components (`components::badges`) write elsewhere, and
//! the « Voir sur la carte » buttons are handled by the list (`InitiativeList`) for all rows.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use leptos_i18n::td_string;

use super::legend::kind_colour;
use crate::domain::InitiativeSummary;
use crate::language::{colon, kind_label, lang_tag, localized, when, Locale};

/// What every row of one list shares: the page's language, and where the list is shown.
#[derive(Clone, Copy)]
pub struct RowSetting {
    pub locale: Locale,
    /// On the embed page, inside a partner's page: links open a new tab, and say so.
    pub new_tab: bool,
    /// Whether a map is beside the list (the embed page may show the list alone): then each
    /// row has its « Voir sur la carte ».
    pub map_shown: bool,
}

impl RowSetting {
    /// The `target` attribute of the rows' links: a new tab on the embed page.
    fn target(&self) -> &'static str {
        if self.new_tab {
            " target=\"_blank\""
        } else {
            ""
        }
    }

    /// What a screen reader says of a link that opens a new tab (`components::new_tab_note`).
    fn new_tab_note(&self) -> String {
        if self.new_tab {
            // In the page's language, even inside a holder's French title.
            format!(
                "<span class=\"sr-only\" lang=\"{}\">{}</span>",
                lang_tag(self.locale),
                text(td_string!(self.locale, site.new_tab))
            )
        } else {
            String::new()
        }
    }
}

/// The rows of `items`, in that order: `<li>` elements for the list's `<ol>`.
pub fn rows_html(items: &[InitiativeSummary], setting: RowSetting) -> String {
    // A row is 700 to 1 000 bytes: one allocation for most pages.
    let mut html = String::with_capacity(items.len() * 1_000);
    // The same for every row of the list.
    let note = setting.new_tab_note();
    for item in items {
        row(&mut html, item, setting, &note);
    }
    html
}

/// One row; `note` is the list's [`RowSetting::new_tab_note`].
fn row(html: &mut String, item: &InitiativeSummary, setting: RowSetting, note: &str) {
    let locale = setting.locale;
    // The holder's own words are French: said so on the English page, for screen readers.
    let holders_text = if locale == Locale::fr { "" } else { " lang=\"fr\"" };
    let target = setting.target();
    let _ = write!(
        html,
        "<li class=\"initiative-item\" data-id=\"{id}\">\
         <h3 class=\"initiative-item__heading\">\
         <a class=\"initiative-item__title\" href=\"{href}\"{target}{holders_text}>{title}{note}</a></h3>\
         <p class=\"initiative-item__kind\">\
         <span class=\"kind-dot\" style=\"--kind-colour: {colour}\" aria-hidden=\"true\"></span>{kind}</p>\
         <p class=\"initiative-item__place\">{place}</p>",
        id = item.id,
        href = attribute(&localized(locale, &item.path)),
        title = text(&item.title),
        colour = attribute(&kind_colour(&item.kind)),
        kind = text(&kind_label(locale, &item.kind_label, &item.kind_label_en)),
        place = text(
            &td_string!(locale, list.place, commune = item.commune_name.clone(), area = item.area_name.clone())
                .to_string()
        ),
    );
    if let Some(dates) = when(locale, item.start_date, item.end_date, item.start_time, item.end_time) {
        let _ = write!(html, "<p class=\"initiative-item__dates\">{}</p>", text(&dates));
    }
    let _ = write!(html, "<p class=\"initiative-item__org\" translate=\"no\">{}</p>", text(&item.organisation));
    if item.charter_signed {
        let _ = write!(
            html,
            "<a class=\"charter-badge\" href=\"{href}\"{target} title=\"{meaning}\">{label}{note}</a>",
            href = attribute(&localized(locale, "/charte")),
            meaning = attribute(td_string!(locale, badges.charter_meaning)),
            label = text(td_string!(locale, badges.charter)),
        );
    }
    if item.to_check {
        let meaning = td_string!(locale, badges.to_check_meaning);
        let separator = colon(locale);
        let _ = write!(
            html,
            "<span class=\"check-badge\" title=\"{title}\">{label}<span class=\"sr-only\">{separator}{said}</span></span>",
            title = attribute(meaning),
            label = text(td_string!(locale, badges.to_check)),
            said = text(meaning),
        );
    }
    if item.is_demo {
        let _ = write!(
            html,
            "<span class=\"demo-badge\" title=\"{meaning}\">{label}</span>",
            meaning = attribute(td_string!(locale, badges.demo_meaning)),
            label = text(td_string!(locale, badges.demo)),
        );
    }
    if setting.map_shown {
        let separator = colon(locale);
        let _ = write!(
            html,
            "<button type=\"button\" class=\"initiative-item__locate\">{label}\
             <span class=\"sr-only\"{holders_text}>{separator}{title}</span></button>",
            label = text(td_string!(locale, list.locate)),
            title = text(&item.title),
        );
    }
    html.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::{rows_html, RowSetting};
    use crate::domain::InitiativeSummary;
    use crate::language::Locale;

    fn summary() -> InitiativeSummary {
        InitiativeSummary {
            id: 7,
            title: "Forum <b>des</b> métiers & \"stages\"".into(),
            // Codes and paths are slugs; were one not, it could not leave its attribute.
            kind: "forum\" onclick=\"x".into(),
            kind_label: "Forum <i>".into(),
            kind_label_en: "Job fair".into(),
            commune_name: "Dreux".into(),
            area_name: "Dreux".into(),
            organisation: "<script>alert(1)</script>".into(),
            path: "/initiatives/7-forum?\"<".into(),
            charter_signed: true,
            to_check: true,
            is_demo: true,
            lat: 48.7,
            lon: 1.4,
            start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 14),
            end_date: None,
            start_time: None,
            end_time: None,
        }
    }

    const FRENCH: RowSetting = RowSetting { locale: Locale::fr, new_tab: false, map_shown: true };

    #[test]
    fn every_text_is_escaped() {
        let html = rows_html(&[summary()], FRENCH);
        assert!(html.contains(">Forum &lt;b&gt;des&lt;/b&gt; métiers &amp; \"stages\"</a>"), "{html}");
        assert!(html.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</p>"), "{html}");
        assert!(html.contains("</span>Forum &lt;i&gt;</p>"), "{html}");
        assert!(!html.contains("<b>") && !html.contains("<script") && !html.contains("<i>"), "{html}");
        assert!(html.contains("style=\"--kind-colour: var(--kind-forum&quot; onclick=&quot;x, #3f4a5a)\""), "{html}");
        assert!(html.contains("href=\"/initiatives/7-forum?&quot;&lt;\""), "{html}");
        assert!(!html.contains("\" onclick"), "{html}");
    }

    #[test]
    fn a_row_reads_as_the_list_shows_it() {
        let html = rows_html(&[summary()], FRENCH);
        assert!(html.starts_with("<li class=\"initiative-item\" data-id=\"7\"><h3 class=\"initiative-item__heading\"><a class=\"initiative-item__title\" href=\"/initiatives/7-forum?&quot;&lt;\">"), "{html}");
        assert!(html.contains("<p class=\"initiative-item__place\">Dreux · bassin de Dreux</p>"), "{html}");
        assert!(html.contains("<p class=\"initiative-item__dates\">"), "{html}");
        assert!(html.contains("<a class=\"charter-badge\" href=\"/charte\" title=\"Sa structure a signé la charte d'immersion en vigueur.\">Charte signée</a>"), "{html}");
        assert!(html.contains("<span class=\"check-badge\" title=\"Sa structure"), "{html}");
        assert!(html.contains("À vérifier<span class=\"sr-only\"> : Sa structure n'a pas confirmé"), "{html}");
        assert!(html.contains("<span class=\"demo-badge\" title=\"Cette initiative fait partie des données de démonstration.\">Donnée de démonstration</span>"), "{html}");
        assert!(html.ends_with("<button type=\"button\" class=\"initiative-item__locate\">Voir sur la carte<span class=\"sr-only\"> : Forum &lt;b&gt;des&lt;/b&gt; métiers &amp; \"stages\"</span></button></li>"), "{html}");
        let permanent =
            InitiativeSummary { start_date: None, charter_signed: false, to_check: false, is_demo: false, ..summary() };
        let html = rows_html(&[permanent], FRENCH);
        assert!(!html.contains("__dates") && !html.contains("badge"), "{html}");
    }

    #[test]
    fn in_english_the_holders_words_are_marked_french() {
        let html = rows_html(&[summary()], RowSetting { locale: Locale::en, ..FRENCH });
        assert!(html.contains("href=\"/en/initiatives/7-forum?&quot;&lt;\" lang=\"fr\">Forum"), "{html}");
        assert!(html.contains("</span>Job fair</p>"), "{html}");
        assert!(html.contains("href=\"/en/charte\""), "{html}");
        assert!(html.contains("<span class=\"sr-only\" lang=\"fr\">: Forum"), "{html}");
        assert!(html.contains("Needs checking<span class=\"sr-only\">: "), "{html}");
    }

    #[test]
    fn in_a_partners_frame_links_open_a_new_tab_and_the_list_may_stand_alone() {
        let html = rows_html(&[summary()], RowSetting { new_tab: true, map_shown: false, ..FRENCH });
        assert!(html.contains("href=\"/initiatives/7-forum?&quot;&lt;\" target=\"_blank\">Forum"), "{html}");
        assert!(html.contains("<span class=\"sr-only\" lang=\"fr\"> (nouvel onglet)</span></a></h3>"), "{html}");
        assert!(html.contains("href=\"/charte\" target=\"_blank\" title="), "{html}");
        assert!(!html.contains("initiative-item__locate"), "{html}");
        // On the English page the note is English, inside a title marked French.
        let html = rows_html(&[summary()], RowSetting { locale: Locale::en, new_tab: true, map_shown: false });
        assert!(html.contains("target=\"_blank\" lang=\"fr\">Forum"), "{html}");
        assert!(html.contains("<span class=\"sr-only\" lang=\"en\"> (new tab)</span></a></h3>"), "{html}");
    }
}

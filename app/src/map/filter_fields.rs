//! The filter panel's fields as one piece of HTML, which the browser parses in one go.
//!
//! Built as views, the panel cost the main WASM 13.9 kB as sent (bench/RESULTS.md,
//! « twenty-third session »), on the first visit of every citizen, and one call into the browser
//! per element and attribute at each change of view; as one string it costs one call, and the
//! server sends the same HTML. The form around it and its listeners are `filter_panel`'s, what a
//! new view must keep (the keyboard focus, the groups opened, words typed) `kept_state`'s. Every text is escaped here: the
//! search words come from the address, the kinds' labels from animators.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use leptos_i18n::td_string;

use crate::domain::filters::{commune_label, DEFAULT_RADIUS_KM, RADII_KM};
use crate::domain::{Audience, Facets, Filters, MapData, Sort, Theme};
use crate::language::{audience_label, kind_label, theme_label, Locale};

/// The ids of some of the panel's controls (every control has one: the focus finds it again in
/// a new view's panel, `kept_state`).
pub const SEARCH_BUTTON_ID: &str = "filtre-chercher";
pub const APPLY_BUTTON_ID: &str = "filtre-appliquer";
pub const CLEAR_LINK_ID: &str = "filtre-effacer";
pub const AROUND_ME_ID: &str = "filtre-autour-de-moi";
/// « Autour de »'s line under its field, as seen: screen readers read the same line in
/// [`AROUND_SAID_ID`] instead.
pub const AROUND_NOTE_ID: &str = "autour-note";
/// The same line for screen readers (`filter_panel`), outside these fields: it must stay the
/// same element through a change of view for its new words to be said (a live region that
/// arrives with its text usually is not), and it is the field's description.
pub const AROUND_SAID_ID: &str = "autour-annonce";
/// The field « Autour de moi » fills with the visitor's position.
pub const AROUND_FIELD_ID: &str = "filtre-autour";

/// What the panel's fields depend on besides the view.
pub struct FieldSetting<'a> {
    pub locale: Locale,
    /// The embed page's default: the search, areas and kinds only.
    pub reduced: bool,
    /// Where « Tout effacer » goes.
    pub clear_href: &'a str,
    /// Sent with every change, unseen: the view's filters a reduced panel does not show, then
    /// the embed page's options.
    pub hidden: &'a [(String, String)],
}

/// One checkbox option: its code, its label and what choosing it would give.
struct Choice<'a> {
    code: &'a str,
    label: &'a str,
    count: i64,
    checked: bool,
}

/// The panel's fields for `data`'s view: the search, facets with counts, commune, « Autour
/// de », upcoming events, the order, then the hidden fields and the buttons.
pub fn fields_html(data: &MapData, setting: &FieldSetting) -> String {
    let MapData { filters, facets, kinds, areas, commune_names, .. } = data;
    let locale = setting.locale;
    let mut html = String::with_capacity(8_000);
    let _ = write!(
        html,
        "<div class=\"filters__search\"><label for=\"filtre-q\">{search}</label>\
         <div class=\"filters__search-row\">\
         <input type=\"search\" id=\"filtre-q\" name=\"q\" value=\"{q}\" placeholder=\"{placeholder}\" maxlength=\"200\">\
         <button type=\"submit\" class=\"button\" id=\"{SEARCH_BUTTON_ID}\">{search}</button></div></div>",
        search = text(td_string!(locale, filters.search)),
        q = attribute(filters.q.as_deref().unwrap_or_default()),
        placeholder = attribute(td_string!(locale, filters.search_placeholder)),
    );
    let area_choices: Vec<Choice> = areas
        .iter()
        .map(|a| Choice {
            code: &a.code,
            label: &a.name,
            count: Facets::count(&facets.areas, &a.code),
            checked: filters.areas.contains(&a.code),
        })
        .collect();
    group(&mut html, td_string!(locale, filters.area), "bassin", &area_choices);
    let kind_labels: Vec<String> = kinds.iter().map(|k| kind_label(locale, &k.label, &k.label_en)).collect();
    let kind_choices: Vec<Choice> = kinds
        .iter()
        .zip(&kind_labels)
        .map(|(k, label)| Choice {
            code: &k.code,
            label,
            count: Facets::count(&facets.kinds, &k.code),
            checked: filters.kinds.contains(&k.code),
        })
        .collect();
    group(&mut html, td_string!(locale, filters.kind), "kind", &kind_choices);
    if !setting.reduced {
        let themes: Vec<Choice> = Theme::ALL
            .iter()
            .map(|t| Choice {
                code: t.code(),
                label: theme_label(locale, *t),
                count: Facets::count(&facets.themes, t.code()),
                checked: filters.themes.contains(t),
            })
            .collect();
        group(&mut html, td_string!(locale, filters.theme), "theme", &themes);
        let audiences: Vec<Choice> = Audience::ALL
            .iter()
            .map(|a| Choice {
                code: a.code(),
                label: audience_label(locale, *a),
                count: Facets::count(&facets.audiences, a.code()),
                checked: filters.audiences.contains(a),
            })
            .collect();
        group(&mut html, td_string!(locale, filters.audience), "audience", &audiences);
        let commune = filters.commune.as_deref().and_then(|code| named(commune_names, code)).unwrap_or_default();
        let _ = write!(
            html,
            "<div class=\"filters__field\"><label for=\"filtre-commune\">{label}</label>\
             <input id=\"filtre-commune\" name=\"commune\" list=\"{list}\" value=\"{commune}\" autocomplete=\"off\" \
             placeholder=\"{placeholder}\"></div>",
            label = text(td_string!(locale, filters.commune)),
            list = crate::components::communes_list::COMMUNES_LIST_ID,
            commune = attribute(&commune),
            placeholder = attribute(td_string!(locale, filters.commune_placeholder)),
        );
        around(&mut html, data, setting.locale);
        let _ = write!(
            html,
            "<label class=\"filters__check\"><input type=\"checkbox\" id=\"filtre-upcoming\" name=\"upcoming\" value=\"1\"{checked}>{label}</label>",
            checked = if filters.upcoming { " checked" } else { "" },
            label = text(td_string!(locale, filters.upcoming)),
        );
        sort(&mut html, filters, locale);
    }
    for (name, value) in setting.hidden {
        let _ = write!(html, "<input type=\"hidden\" name=\"{}\" value=\"{}\">", attribute(name), attribute(value));
    }
    let _ = write!(
        html,
        "<div class=\"filters__actions\"><button type=\"submit\" class=\"button\" id=\"{APPLY_BUTTON_ID}\">{apply}</button>\
         <a class=\"button button--secondary\" id=\"{CLEAR_LINK_ID}\" href=\"{clear_href}\">{clear}</a></div>",
        apply = text(td_string!(locale, filters.apply)),
        clear_href = attribute(setting.clear_href),
        clear = text(td_string!(locale, filters.clear)),
    );
    html
}

/// « Chartres (28085) » for a commune's code, when it is one of `communes`.
fn named(communes: &[(String, String)], code: &str) -> Option<String> {
    communes.iter().find(|(insee, _)| insee == code).map(|(insee, name)| commune_label(name, insee))
}

/// A group of checkboxes, each with the count it would give: closed unless one is ticked. Each
/// control has an id (`groupe-kind-titre`, `filtre-kind-forum`), as the group (`groupe-kind`), by which a new view's panel finds
/// the focus and the groups opened again (`kept_state`).
fn group(html: &mut String, legend: &str, name: &str, choices: &[Choice]) {
    let any_checked = choices.iter().any(|choice| choice.checked);
    let _ = write!(
        html,
        "<details class=\"filters__group\" id=\"groupe-{name}\"{open}><summary id=\"groupe-{name}-titre\">{legend}</summary>\
         <fieldset><legend class=\"sr-only\">{legend}</legend>",
        open = if any_checked { " open" } else { "" },
        legend = text(legend),
    );
    for choice in choices {
        let _ = write!(
            html,
            "<label class=\"filters__check\"><input type=\"checkbox\" id=\"filtre-{name}-{code}\" name=\"{name}\" \
             value=\"{code}\"{checked}> {label} <span class=\"filters__count\">({count})</span></label>",
            code = attribute(choice.code),
            checked = if choice.checked { " checked" } else { "" },
            label = text(choice.label),
            count = choice.count,
        );
    }
    html.push_str("</fieldset></details>");
}

/// « Autour de » a commune typed (the communes' list suggests them), an address when the site
/// has a geocoder, or the visitor's position (« Autour de moi », hidden until the page is live:
/// without script it would do nothing), within a radius; then the line under the field, as seen
/// ([`AROUND_SAID_ID`] says it): which address the words typed named ([`address_found`]), later
/// why words typed were not understood, how the search for a position goes.
fn around(html: &mut String, data: &MapData, locale: Locale) {
    let near = data.filters.near.as_ref();
    let value = near
        .map(|near| match &near.commune {
            Some(code) => named(&data.commune_names, code).unwrap_or_else(|| code.clone()),
            None => near.place(),
        })
        .unwrap_or_default();
    let radius = near.map_or(DEFAULT_RADIUS_KM, |near| near.km);
    let (label, placeholder) = if data.finds_addresses {
        (td_string!(locale, filters.place_or_address), td_string!(locale, filters.place_or_address_placeholder))
    } else {
        (td_string!(locale, filters.place), td_string!(locale, filters.place_placeholder))
    };
    let _ = write!(
        html,
        "<fieldset class=\"filters__near\"><legend>{legend}</legend>\
         <div class=\"filters__field\"><label for=\"{AROUND_FIELD_ID}\">{label}</label>\
         <input id=\"{AROUND_FIELD_ID}\" name=\"autour\" list=\"{list}\" value=\"{value}\" autocomplete=\"off\" \
         aria-describedby=\"{AROUND_SAID_ID}\" placeholder=\"{placeholder}\"></div>\
         <div class=\"filters__field\"><label for=\"filtre-rayon\">{radius_label}</label><select id=\"filtre-rayon\" name=\"rayon\">",
        legend = text(td_string!(locale, filters.around)),
        label = text(label),
        list = crate::components::communes_list::COMMUNES_LIST_ID,
        value = attribute(&value),
        placeholder = attribute(placeholder),
        radius_label = text(td_string!(locale, filters.radius)),
    );
    // A radius typed in the address, not one of those offered, is offered too.
    let extra = (!RADII_KM.contains(&radius)).then_some(radius);
    for km in RADII_KM.into_iter().chain(extra) {
        let selected = if km == radius { " selected" } else { "" };
        let _ = write!(html, "<option value=\"{km}\"{selected}>{km} km</option>");
    }
    let _ = write!(
        html,
        "</select></div><button type=\"button\" class=\"button button--secondary\" id=\"{AROUND_ME_ID}\" hidden>{around_me}</button>\
         <p class=\"filters__notice\" id=\"{AROUND_NOTE_ID}\" aria-hidden=\"true\">{found}</p></fieldset>",
        around_me = text(td_string!(locale, filters.around_me)),
        found = text(&address_found(data, locale).unwrap_or_default()),
    );
}

/// « Autour de »'s line for the view: which address the words typed named (the visitor checks
/// it is theirs), when they named one.
pub fn address_found(data: &MapData, locale: Locale) -> Option<String> {
    let address = data.filters.near.as_ref()?.address.as_ref()?;
    Some(format!(
        "{} {} {}",
        td_string!(locale, filters.address_found),
        address.label,
        td_string!(locale, filters.address_source)
    ))
}

/// The order of the list. The view's default order (relevance when searching, otherwise name)
/// has an empty value, so choosing it leaves `tri` out of the URL.
fn sort(html: &mut String, filters: &Filters, locale: Locale) {
    let searching = !filters.search_words().is_empty();
    let default = if searching { Sort::Relevance } else { Sort::Name };
    let current = filters.order();
    let _ = write!(
        html,
        "<div class=\"filters__field\"><label for=\"filtre-tri\">{}</label><select id=\"filtre-tri\" name=\"tri\">",
        text(td_string!(locale, filters.sort))
    );
    for sort in Sort::ALL.iter().filter(|sort| searching || **sort != Sort::Relevance) {
        let _ = write!(
            html,
            "<option value=\"{value}\"{selected}>{label}</option>",
            value = if *sort == default { "" } else { sort.code() },
            selected = if *sort == current { " selected" } else { "" },
            label = text(sort_label(locale, *sort)),
        );
    }
    html.push_str("</select></div>");
}

/// An order's name in `locale`.
fn sort_label(locale: Locale, sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => td_string!(locale, filters.sort_relevance),
        Sort::Name => td_string!(locale, filters.sort_name),
        Sort::Date => td_string!(locale, filters.sort_date),
        Sort::Distance => td_string!(locale, filters.sort_distance),
    }
}

#[cfg(test)]
mod tests {
    use super::{fields_html, FieldSetting};
    use crate::domain::filters::{FoundAddress, Near};
    use crate::domain::{Area, Facets, Filters, KindInfo, ListPage, MapData, Theme};
    use crate::language::Locale;

    fn data(filters: Filters) -> MapData {
        MapData {
            list: ListPage::default(),
            filters,
            kinds: vec![KindInfo {
                code: "forum".into(),
                label: "Forum <i>& \"salon\"".into(),
                label_en: "Job fair".into(),
                colour: "#123456".into(),
            }],
            areas: vec![Area { code: "dreux".into(), name: "Dreux".into() }],
            facets: Facets {
                kinds: vec![("forum".into(), 12)],
                areas: vec![("dreux".into(), 30)],
                ..Facets::default()
            },
            published_revision: 1,
            finds_addresses: false,
            commune_names: vec![("28134".into(), "Dreux".into())],
        }
    }

    fn setting(hidden: &[(String, String)]) -> FieldSetting<'_> {
        FieldSetting { locale: Locale::fr, reduced: false, clear_href: "/?x=\"<", hidden }
    }

    #[test]
    fn every_text_is_escaped() {
        let filters = Filters { q: Some("\"><script>alert(1)</script>".into()), ..Filters::default() };
        let hidden = [("o\"k".to_string(), "<b>".to_string())];
        let mut data = data(filters);
        // Codes are slugs; were one not, it could not leave its attributes.
        data.kinds[0].code = "x\" onfocus=\"y".into();
        data.facets.kinds[0].0 = data.kinds[0].code.clone();
        let html = fields_html(&data, &setting(&hidden));
        assert!(!html.contains("\" onfocus"), "{html}");
        assert!(
            html.contains(
                "id=\"filtre-kind-x&quot; onfocus=&quot;y\" name=\"kind\" value=\"x&quot; onfocus=&quot;y\">"
            ),
            "{html}"
        );
        assert!(!html.contains("<script") && !html.contains("<i>") && !html.contains("<b>"), "{html}");
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), "{html}");
        assert!(html.contains(" Forum &lt;i&gt;&amp; \"salon\" <span class=\"filters__count\">(12)</span>"), "{html}");
        assert!(html.contains("<input type=\"hidden\" name=\"o&quot;k\" value=\"&lt;b&gt;\">"), "{html}");
        assert!(html.contains("href=\"/?x=&quot;&lt;\""), "{html}");
    }

    #[test]
    fn a_group_is_open_when_one_of_its_boxes_is_ticked() {
        let filters = Filters { kinds: vec!["forum".into()], themes: vec![Theme::ALL[0]], ..Filters::default() };
        let html = fields_html(&data(filters), &setting(&[]));
        assert!(
            html.contains(
                "<details class=\"filters__group\" id=\"groupe-kind\" open><summary id=\"groupe-kind-titre\">Type d'initiative</summary>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<input type=\"checkbox\" id=\"filtre-kind-forum\" name=\"kind\" value=\"forum\" checked>"),
            "{html}"
        );
        assert!(
            html.contains("<details class=\"filters__group\" id=\"groupe-bassin\"><summary id=\"groupe-bassin-titre\">Bassin</summary>"),
            "{html}"
        );
        assert!(html.contains("<input type=\"checkbox\" id=\"filtre-bassin-dreux\" name=\"bassin\" value=\"dreux\"> Dreux <span class=\"filters__count\">(30)</span>"), "{html}");
        assert!(html.contains(&format!("name=\"theme\" value=\"{}\" checked>", Theme::ALL[0].code())), "{html}");
        // Without a search, the list cannot be ordered by relevance, and the name is its default.
        assert!(!html.contains("Pertinence") && html.contains("<option value=\"\" selected>Nom</option>"), "{html}");
    }

    #[test]
    fn around_says_the_commune_and_the_address_found() {
        let near = Near { commune: Some("28134".into()), address: None, lat_e5: 4_873_700, lon_e5: 136_600, km: 15 };
        let filters = Filters { near: Some(near.clone()), ..Filters::default() };
        let html = fields_html(&data(filters), &setting(&[]));
        assert!(html.contains("name=\"autour\" list=\"communes-28\" value=\"Dreux (28134)\""), "{html}");
        // A radius typed in the address is offered beside the others, and chosen.
        assert!(
            html.contains("<option value=\"50\">50 km</option><option value=\"15\" selected>15 km</option>"),
            "{html}"
        );
        assert!(html.contains("id=\"filtre-autour-de-moi\" hidden>Autour de moi</button>"), "{html}");
        let address =
            FoundAddress { typed: "12 rue Noël".into(), label: "12 Rue Noël Ballay <28000> Chartres".into() };
        let near = Near { commune: None, address: Some(address), km: 10, ..near };
        let html = fields_html(&data(Filters { near: Some(near), ..Filters::default() }), &setting(&[]));
        assert!(html.contains("value=\"12 rue Noël\""), "{html}");
        assert!(html.contains("<option value=\"10\" selected>10 km</option>"), "{html}");
        assert!(html.contains("aria-hidden=\"true\">Adresse trouvée : 12 Rue Noël Ballay &lt;28000&gt; Chartres (source : Base Adresse Nationale)</p>"), "{html}");
        assert!(html.contains("aria-describedby=\"autour-annonce\""), "{html}");
    }

    #[test]
    fn a_reduced_panel_has_the_search_areas_and_kinds_and_keeps_the_rest_hidden() {
        let hidden = [("theme".to_string(), "emploi".to_string()), ("filtres".to_string(), "reduits".to_string())];
        let reduced = FieldSetting { reduced: true, ..setting(&hidden) };
        let html = fields_html(&data(Filters::default()), &reduced);
        assert!(html.contains("id=\"groupe-bassin\"") && html.contains("id=\"groupe-kind\""), "{html}");
        for gone in [
            "id=\"groupe-theme\"",
            "id=\"groupe-audience\"",
            "name=\"commune\"",
            "name=\"autour\"",
            "name=\"upcoming\"",
            "name=\"tri\"",
        ] {
            assert!(!html.contains(gone), "{gone}: {html}");
        }
        assert!(html.contains("<input type=\"hidden\" name=\"theme\" value=\"emploi\"><input type=\"hidden\" name=\"filtres\" value=\"reduits\"><div class=\"filters__actions\">"), "{html}");
    }

    #[test]
    fn in_english_the_kinds_have_their_english_labels() {
        let english = FieldSetting { locale: Locale::en, ..setting(&[]) };
        let html = fields_html(&data(Filters::default()), &english);
        assert!(html.contains("value=\"forum\"> Job fair <span"), "{html}");
        assert!(html.contains("id=\"filtre-effacer\" href=\"/?x=&quot;&lt;\">Clear all</a>"), "{html}");
    }
}

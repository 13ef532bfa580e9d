//! The orders of the list of initiatives (name, soonest date, distance), as plain functions.

use chrono::NaiveDate;

use super::filters::fold_words;
use super::{InitiativeSummary, Sort};

/// Sort key for French titles: accents, capitals, quotes and other punctuation do not change
/// the order (« Un jour… » sorts under U).
pub fn title_key(title: &str) -> String {
    fold_words(title).join(" ")
}

/// Puts `items` in `order`. Relevance keeps the order they came in (the search's); distance is
/// left to [`sort_by_distance`], which needs a position, so it keeps name order here.
pub fn sort_summaries(items: &mut [InitiativeSummary], order: Sort, today: NaiveDate) {
    match order {
        Sort::Relevance => {}
        Sort::Name | Sort::Distance => items.sort_by_cached_key(|i| title_key(&i.title)),
        Sort::Date => items.sort_by_cached_key(|i| (date_rank(i, today), title_key(&i.title))),
    }
}

/// Soonest first: events not over yet by start date, then permanent offers, then past events
/// (the most recent first).
fn date_rank(item: &InitiativeSummary, today: NaiveDate) -> (u8, i64) {
    match (item.start_date, item.end_date.or(item.start_date)) {
        (Some(start), Some(end)) if end >= today => (0, start.signed_duration_since(today).num_days()),
        (Some(_), Some(end)) => (2, today.signed_duration_since(end).num_days()),
        _ => (1, 0),
    }
}

/// Nearest first from (`lat`, `lon`), by great-circle distance.
pub fn sort_by_distance(items: &mut [InitiativeSummary], lat: f64, lon: f64) {
    items.sort_by(|a, b| distance_km(lat, lon, a.lat, a.lon).total_cmp(&distance_km(lat, lon, b.lat, b.lon)));
}

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let (dphi, dlambda) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, title: &str, lat: f64, lon: f64, start: Option<&str>, end: Option<&str>) -> InitiativeSummary {
        let date = |d: Option<&str>| d.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
        InitiativeSummary {
            id,
            title: title.into(),
            kind: "forum-metiers".into(),
            kind_label: String::new(),
            commune_name: String::new(),
            area_name: String::new(),
            organisation: String::new(),
            lat,
            lon,
            path: String::new(),
            is_demo: false,
            start_date: date(start),
            end_date: date(end),
        }
    }

    fn ids(items: &[InitiativeSummary]) -> Vec<i64> {
        items.iter().map(|i| i.id).collect()
    }

    #[test]
    fn titles_sort_the_french_way() {
        let mut titles = vec!["Zéro", "« Un jour »", "École", "atelier", "Étoile"];
        titles.sort_by_key(|t| title_key(t));
        assert_eq!(titles, vec!["atelier", "École", "Étoile", "« Un jour »", "Zéro"]);
    }

    #[test]
    fn soonest_dates_come_first_then_permanent_offers_then_past_events() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut items = vec![
            item(1, "Permanent", 48.4, 1.4, None, None),
            item(2, "Passé", 48.4, 1.4, Some("2026-03-01"), None),
            item(3, "Bientôt", 48.4, 1.4, Some("2026-12-01"), None),
            item(4, "En cours", 48.4, 1.4, Some("2026-11-01"), Some("2027-01-31")),
            item(5, "Plus tard", 48.4, 1.4, Some("2027-04-01"), None),
        ];
        sort_summaries(&mut items, Sort::Date, today);
        assert_eq!(ids(&items), vec![4, 3, 5, 1, 2]);
    }

    #[test]
    fn nearest_come_first() {
        // From Nogent-le-Rotrou: Nogent, then Chartres, then Dreux.
        let mut items = vec![
            item(1, "Dreux", 48.737, 1.366, None, None),
            item(2, "Nogent", 48.322, 0.822, None, None),
            item(3, "Chartres", 48.447, 1.489, None, None),
        ];
        sort_by_distance(&mut items, 48.32, 0.82);
        assert_eq!(ids(&items), vec![2, 3, 1]);
        assert!((distance_km(48.447, 1.489, 48.737, 1.366) - 33.6).abs() < 1.0, "Chartres–Dreux ≈ 34 km");
    }
}

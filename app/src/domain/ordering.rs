//! The orders of the list of initiatives that are computed in Rust: the name key (stored with
//! each initiative, so the database sorts by it) and distance (computed in the browser).
//! Relevance and soonest date are SQL, in `data::initiatives`.

use super::filters::fold_words;
use super::Pin;

/// Sort key for French titles: accents, capitals, quotes and other punctuation do not change
/// the order (« Un jour… » sorts under U).
pub fn title_key(title: &str) -> String {
    fold_words(title).join(" ")
}

/// The ids of `pins`, nearest first from (`lat`, `lon`) by great-circle distance. The browser
/// sorts the list by distance itself, so the visitor's position never leaves it.
pub fn nearest_first(pins: &[Pin], lat: f64, lon: f64) -> Vec<i64> {
    let mut by_distance: Vec<(f64, i64)> = pins.iter().map(|p| (distance_km(lat, lon, p.lat, p.lon), p.id)).collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    by_distance.into_iter().map(|(_, id)| id).collect()
}

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    use trigonometry::{asin, cos, sin};
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let (dphi, dlambda) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = sin(dphi / 2.0).powi(2) + cos(phi1) * cos(phi2) * sin(dlambda / 2.0).powi(2);
    6371.0 * 2.0 * asin(a.sqrt())
}

/// In the browser, JavaScript's own `Math`: Rust's would put libm's trigonometry, some 4 kB,
/// into the map's first visit (bench/RESULTS.md, twenty-fourth session), for the one order
/// computed there. Both are the same fdlibm algorithms in practice, and an order by distance
/// would not notice a last-bit difference anyway.
#[cfg(feature = "hydrate")]
mod trigonometry {
    pub use js_sys::Math::{asin, cos, sin};
}

#[cfg(not(feature = "hydrate"))]
mod trigonometry {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn asin(x: f64) -> f64 {
        x.asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_sort_the_french_way() {
        let mut titles = vec!["Zéro", "« Un jour »", "École", "atelier", "Étoile"];
        titles.sort_by_key(|t| title_key(t));
        assert_eq!(titles, vec!["atelier", "École", "Étoile", "« Un jour »", "Zéro"]);
    }

    #[test]
    fn nearest_come_first() {
        // From Nogent-le-Rotrou: Nogent, then Chartres, then Dreux.
        let pins = [
            Pin { id: 1, kind: 0, lat: 48.737, lon: 1.366, to_check: false },
            Pin { id: 2, kind: 0, lat: 48.322, lon: 0.822, to_check: false },
            Pin { id: 3, kind: 0, lat: 48.447, lon: 1.489, to_check: false },
        ];
        assert_eq!(nearest_first(&pins, 48.32, 0.82), vec![2, 3, 1]);
        assert!((distance_km(48.447, 1.489, 48.737, 1.366) - 33.6).abs() < 1.0, "Chartres–Dreux ≈ 34 km");
    }
}

//! Where initiatives may stand: Eure-et-Loir and its four employment areas (bassins d'emploi).

use serde::{Deserialize, Serialize};

/// Eure-et-Loir's extent (WGS84 degrees), from the communes' boundaries.
pub const DEPARTMENT_SOUTH: f64 = 47.95;
pub const DEPARTMENT_NORTH: f64 = 48.95;
pub const DEPARTMENT_WEST: f64 = 0.75;
pub const DEPARTMENT_EAST: f64 = 2.0;
/// Tolerance around the extent, so a pin placed on a border town is never refused.
pub const DEPARTMENT_MARGIN: f64 = 0.05;

/// Centre and zoom framing the whole département on the map.
pub const DEPARTMENT_CENTER: (f64, f64) = (48.44, 1.37);

/// The frame as the maps' script reads it from the page (`<meta name="carte-cadre">`): south,
/// west, north, east and the margin, space-separated. The script frames the maps on it and
/// decodes the pin payload's positions, quantised over the frame with its margin.
pub fn frame_for_maps() -> String {
    format!("{DEPARTMENT_SOUTH} {DEPARTMENT_WEST} {DEPARTMENT_NORTH} {DEPARTMENT_EAST} {DEPARTMENT_MARGIN}")
}

/// One employment area. `code` is the URL form (`chateaudun`), `name` the display form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub name: String,
}

/// Whether a place searched around is within the map's reach (« Autour de »): the department
/// and some 25 km around it, as its neighbours search it too. Wider than [`within_department`],
/// where initiatives may stand.
pub fn within_reach(lat: f64, lon: f64) -> bool {
    (47.7..=49.2).contains(&lat) && (0.4..=2.3).contains(&lon)
}

/// Whether a point lies in Eure-et-Loir (with its small margin). NaN and infinities never do.
pub fn within_department(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (DEPARTMENT_SOUTH - DEPARTMENT_MARGIN..=DEPARTMENT_NORTH + DEPARTMENT_MARGIN).contains(&lat)
        && (DEPARTMENT_WEST - DEPARTMENT_MARGIN..=DEPARTMENT_EAST + DEPARTMENT_MARGIN).contains(&lon)
}

/// Whether a text has the shape of an Eure-et-Loir INSEE commune code ("28" + three digits).
pub fn is_commune_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with("28") && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_maps_script_reads_the_frame_the_pin_payload_is_quantised_over() {
        // public/carte28.js splits this on spaces into numbers, in this order.
        let numbers: Vec<f64> = frame_for_maps().split(' ').map(|n| n.parse().unwrap()).collect();
        assert_eq!(numbers, [DEPARTMENT_SOUTH, DEPARTMENT_WEST, DEPARTMENT_NORTH, DEPARTMENT_EAST, DEPARTMENT_MARGIN]);
    }

    #[test]
    fn chartres_is_inside_and_paris_is_not() {
        assert!(within_department(48.4469, 1.4892));
        assert!(!within_department(48.8566, 2.3522));
    }

    #[test]
    fn the_margin_keeps_border_towns_and_refuses_beyond() {
        assert!(within_department(DEPARTMENT_NORTH + 0.04, 1.4));
        assert!(!within_department(DEPARTMENT_NORTH + 0.06, 1.4));
        assert!(!within_department(48.4, DEPARTMENT_WEST - 0.06));
    }

    #[test]
    fn non_finite_coordinates_are_refused() {
        assert!(!within_department(f64::NAN, 1.4));
        assert!(!within_department(48.4, f64::INFINITY));
    }

    #[test]
    fn commune_codes_are_eure_et_loir_insee_codes() {
        assert!(is_commune_code("28085"));
        assert!(!is_commune_code("75056"));
        assert!(!is_commune_code("2808"));
        assert!(!is_commune_code("28a85"));
    }
}

//! The map's pin payload: every pin of a view as id, kind and position — no texts, so that
//! 50 000 pins stay a few hundred kilobytes. Popups and the list fetch texts on demand.
//!
//! Wire format (served as `application/vnd.carte28.pins`, see `/api/pins`): [postcard] of
//! [`PinColumns`], one column per field so that compression finds the repetitions:
//! - pins sorted by id, ids written as the gaps between them (mostly 1: one byte each);
//! - kinds as indexes into the payload's own kind list;
//! - positions quantised to 1/65 535 of the département's frame (about 1.7 m), two bytes each;
//! - the pins « à vérifier » (unconfirmed for 12 months) as the gaps between their ids: few.

use serde::{Deserialize, Serialize};

use super::geography::{DEPARTMENT_EAST, DEPARTMENT_MARGIN, DEPARTMENT_NORTH, DEPARTMENT_SOUTH, DEPARTMENT_WEST};
use super::initiative::KindInfo;

/// Bumped whenever the layout of [`PinColumns`] changes; a reader refuses other versions.
pub const PIN_FORMAT_VERSION: u8 = 3;

/// The media type of the payload.
pub const PIN_MEDIA_TYPE: &str = "application/vnd.carte28.pins";

const SOUTH: f64 = DEPARTMENT_SOUTH - DEPARTMENT_MARGIN;
const NORTH: f64 = DEPARTMENT_NORTH + DEPARTMENT_MARGIN;
const WEST: f64 = DEPARTMENT_WEST - DEPARTMENT_MARGIN;
const EAST: f64 = DEPARTMENT_EAST + DEPARTMENT_MARGIN;

/// Where the map fetches the pins of the view a URL query describes (with or without `?`).
/// Order (`tri`) and page are left out, so every page and order of a view shares one payload.
/// The server (to preload it) and the browser (to fetch it) both call this on the raw query, so
/// they name the same URL; the endpoint validates the parameters.
pub fn pins_path(query: &str) -> String {
    let pairs = url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(name, value)| name != "tri" && name != "page" && !value.trim().is_empty());
    match url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish() {
        query if query.is_empty() => "/api/pins".to_string(),
        query => format!("/api/pins?{query}"),
    }
}

/// A checksum of `points` (longitude, latitude, in order): the sum of each number times its
/// place, one after the other in `f64`. The server's sketch of a view carries the checksum of
/// the points it clustered (`server/src/routes/view_sketch.rs`), and the map computes it of the
/// points it decodes (`leaflet_map::clustering`), the same operations in the same order: it
/// draws the sketch of these points only, not of another view's, nor of the view's before a
/// publication that moved a pin (`sketchOf` in `public/clustering-off-thread.js`).
pub fn points_checksum(points: impl IntoIterator<Item = (f64, f64)>) -> f64 {
    let mut sum = 0.0;
    for (n, (lng, lat)) in points.into_iter().enumerate() {
        sum += lng * (2 * n + 1) as f64;
        sum += lat * (2 * n + 2) as f64;
    }
    sum
}

/// One pin of the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pin {
    pub id: i64,
    /// Index into [`PinSet::kinds`].
    pub kind: u8,
    pub lat: f64,
    pub lon: f64,
    /// Not confirmed current for 12 months: drawn as « à vérifier ».
    pub to_check: bool,
}

/// The pins of one view, sorted by id, with the kinds their `kind` indexes point to (code,
/// label and colour: pins are drawn and named without another request).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PinSet {
    pub kinds: Vec<KindInfo>,
    pub pins: Vec<Pin>,
}

/// What travels: see the module documentation. The byte columns are read as slices of the
/// payload (postcard writes a sequence of bytes and a byte string alike: its length, then the
/// bytes): one copy each rather than a call per byte, a third of the map's decoding of 50 000
/// pins at a filter change (bench/RESULTS.md, twenty-seventh session).
#[derive(Serialize, Deserialize)]
struct PinColumns<'a> {
    version: u8,
    kinds: Vec<KindInfo>,
    id_gaps: Vec<u64>,
    kind: &'a [u8],
    /// Little-endian u16 pairs.
    lat: &'a [u8],
    lon: &'a [u8],
    /// Ids of the pins to check, as gaps.
    to_check_gaps: Vec<u64>,
}

/// Why bytes are not a pin payload.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PinFormatError {
    #[error("données de la carte illisibles : {0}")]
    Malformed(String),
    #[error("format de données de la carte {0} inconnu (attendu {PIN_FORMAT_VERSION})")]
    Version(u8),
}

fn quantise(value: f64, min: f64, max: f64) -> [u8; 2] {
    let step = ((value - min) / (max - min) * 65_535.0).round().clamp(0.0, 65_535.0);
    (step as u16).to_le_bytes()
}

fn restore(bytes: &[u8], min: f64, max: f64) -> f64 {
    let step = u16::from_le_bytes([bytes[0], bytes[1]]);
    min + f64::from(step) / 65_535.0 * (max - min)
}

impl PinSet {
    /// The payload of these pins. Pins must be sorted by id (the data layer reads them so).
    pub fn encode(&self) -> Vec<u8> {
        let mut id_gaps = Vec::with_capacity(self.pins.len());
        let mut kind = Vec::with_capacity(self.pins.len());
        let mut lat = Vec::with_capacity(self.pins.len() * 2);
        let mut lon = Vec::with_capacity(self.pins.len() * 2);
        let mut to_check_gaps = Vec::new();
        let mut previous = 0i64;
        let mut previous_to_check = 0i64;
        for pin in &self.pins {
            debug_assert!(pin.id > previous, "pins must be sorted by id");
            id_gaps.push((pin.id - previous) as u64);
            previous = pin.id;
            kind.push(pin.kind);
            lat.extend(quantise(pin.lat, SOUTH, NORTH));
            lon.extend(quantise(pin.lon, WEST, EAST));
            if pin.to_check {
                to_check_gaps.push((pin.id - previous_to_check) as u64);
                previous_to_check = pin.id;
            }
        }
        let columns = PinColumns {
            version: PIN_FORMAT_VERSION,
            kinds: self.kinds.clone(),
            id_gaps,
            kind: &kind,
            lat: &lat,
            lon: &lon,
            to_check_gaps,
        };
        postcard::to_allocvec(&columns).expect("pin columns always serialise")
    }

    /// Reads a payload written by [`PinSet::encode`].
    pub fn decode(bytes: &[u8]) -> Result<PinSet, PinFormatError> {
        let columns: PinColumns = postcard::from_bytes(bytes).map_err(|e| PinFormatError::Malformed(e.to_string()))?;
        if columns.version != PIN_FORMAT_VERSION {
            return Err(PinFormatError::Version(columns.version));
        }
        let count = columns.id_gaps.len();
        if columns.kind.len() != count || columns.lat.len() != 2 * count || columns.lon.len() != 2 * count {
            return Err(PinFormatError::Malformed("colonnes de longueurs différentes".into()));
        }
        if columns.kind.iter().any(|&k| usize::from(k) >= columns.kinds.len()) {
            return Err(PinFormatError::Malformed("type d'initiative inconnu".into()));
        }
        // The pins to check, in the order of their ids as the pins are: walked beside them
        // rather than looked up in a set (50 000 hashes at each change of view).
        let mut to_check = columns
            .to_check_gaps
            .iter()
            .scan(0i64, |id, gap| {
                *id += *gap as i64;
                Some(*id)
            })
            .peekable();
        let mut id = 0i64;
        let pins = (0..count)
            .map(|n| {
                id += columns.id_gaps[n] as i64;
                while to_check.next_if(|&checked| checked < id).is_some() {}
                Pin {
                    id,
                    kind: columns.kind[n],
                    lat: restore(&columns.lat[2 * n..], SOUTH, NORTH),
                    lon: restore(&columns.lon[2 * n..], WEST, EAST),
                    to_check: to_check.next_if_eq(&id).is_some(),
                }
            })
            .collect();
        Ok(PinSet { kinds: columns.kinds, pins })
    }

    /// Each pin's (longitude, latitude) as a browser reads it from the payload, to the payload's
    /// precision: the server's sketch of the map (`server/src/map_sketch.rs`) clusters exactly the
    /// positions the page's script will.
    #[cfg(feature = "ssr")]
    pub fn positions_as_sent(&self) -> Vec<(f64, f64)> {
        let sent = |value, min, max| restore(&quantise(value, min, max), min, max);
        self.pins.iter().map(|pin| (sent(pin.lon, WEST, EAST), sent(pin.lat, SOUTH, NORTH))).collect()
    }

    /// The kind of `pin`.
    pub fn kind_of(&self, pin: &Pin) -> &KindInfo {
        &self.kinds[usize::from(pin.kind)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(codes: &[&str]) -> Vec<KindInfo> {
        codes
            .iter()
            .map(|c| KindInfo {
                code: c.to_string(),
                label: c.to_uppercase(),
                label_en: c.to_string(),
                colour: "#1d4e89".into(),
            })
            .collect()
    }

    fn sample() -> PinSet {
        PinSet {
            kinds: kinds(&["immersion", "forum-metiers"]),
            pins: vec![
                Pin { id: 3, kind: 1, lat: 48.4469, lon: 1.4892, to_check: false },
                Pin { id: 4, kind: 0, lat: 48.7368, lon: 1.3656, to_check: true },
                Pin { id: 90, kind: 1, lat: DEPARTMENT_SOUTH, lon: DEPARTMENT_EAST, to_check: true },
            ],
        }
    }

    #[test]
    fn pins_survive_the_trip_within_two_metres() {
        let set = sample();
        let back = PinSet::decode(&set.encode()).unwrap();
        assert_eq!(back.kinds, set.kinds);
        assert_eq!(back.pins.len(), 3);
        for (a, b) in set.pins.iter().zip(&back.pins) {
            assert_eq!((a.id, a.kind, a.to_check), (b.id, b.kind, b.to_check));
            // 1e-5 degrees of latitude is 1.1 m.
            assert!((a.lat - b.lat).abs() < 2e-5 && (a.lon - b.lon).abs() < 2e-5, "{a:?} became {b:?}");
        }
        assert_eq!(back.kind_of(&back.pins[0]).code, "forum-metiers");
    }

    /// The clustering worker reads the positions from the payload itself (`cluster-index`'s
    /// `payload`), to index a view while the page decodes it: the same numbers, to the last bit,
    /// in the same order, or the page would take another view's index for this one.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_clustering_worker_reads_the_positions_this_decodes() {
        use cluster_index::payload::{positions, Frame};
        let frame = Frame { south: SOUTH, north: NORTH, west: WEST, east: EAST };
        let mut set = sample();
        // Long texts and ids far apart: lengths and gaps of several bytes.
        set.kinds[0].label = "é".repeat(200);
        set.pins.push(Pin { id: 1 << 40, kind: 0, lat: 48.1, lon: 1.0, to_check: true });
        set.pins.extend((1..=300).map(|n| Pin {
            id: (1 << 40) + n,
            kind: (n % 2) as u8,
            lat: SOUTH + (NORTH - SOUTH) * n as f64 / 300.0,
            lon: EAST - (EAST - WEST) * n as f64 / 300.0,
            to_check: n % 7 == 0,
        }));
        let bytes = set.encode();
        let decoded = PinSet::decode(&bytes).unwrap();
        let expected: Vec<f64> = decoded.pins.iter().flat_map(|pin| [pin.lon, pin.lat]).collect();
        let read = positions(&bytes, PIN_FORMAT_VERSION, frame).unwrap();
        assert_eq!(read.len(), expected.len());
        assert!(read.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits()));
        assert!(positions(&bytes, PIN_FORMAT_VERSION + 1, frame).is_none());
        // Cut in the positions (what follows them, the pins to check, it does not read).
        assert!(positions(&bytes[..bytes.len() - 300], PIN_FORMAT_VERSION, frame).is_none());
        let empty = PinSet { kinds: kinds(&["immersion"]), pins: vec![] };
        assert_eq!(positions(&empty.encode(), PIN_FORMAT_VERSION, frame), Some(vec![]));
    }

    /// The byte columns travel as they did when they were `Vec<u8>` (a sequence of bytes): the
    /// same payload, which the clustering worker reads without postcard.
    #[test]
    fn byte_columns_are_written_as_sequences_of_bytes() {
        #[derive(Serialize)]
        struct AsSequences {
            version: u8,
            kinds: Vec<KindInfo>,
            id_gaps: Vec<u64>,
            kind: Vec<u8>,
            lat: Vec<u8>,
            lon: Vec<u8>,
            to_check_gaps: Vec<u64>,
        }
        let set = sample();
        let payload = set.encode();
        let columns: PinColumns = postcard::from_bytes(&payload).unwrap();
        let sequences = AsSequences {
            version: columns.version,
            kinds: columns.kinds.clone(),
            id_gaps: columns.id_gaps.clone(),
            kind: columns.kind.to_vec(),
            lat: columns.lat.to_vec(),
            lon: columns.lon.to_vec(),
            to_check_gaps: columns.to_check_gaps.clone(),
        };
        assert_eq!(postcard::to_allocvec(&sequences).unwrap(), payload);
    }

    #[test]
    fn the_pins_to_check_are_found_among_many() {
        let pins: Vec<Pin> = (1..=500)
            .map(|n| Pin { id: n * 3, kind: 0, lat: 48.5, lon: 1.5, to_check: n % 7 == 0 || n == 1 || n == 500 })
            .collect();
        let set = PinSet { kinds: kinds(&["a"]), pins };
        let back = PinSet::decode(&set.encode()).unwrap();
        assert_eq!(
            back.pins.iter().map(|pin| pin.to_check).collect::<Vec<_>>(),
            set.pins.iter().map(|pin| pin.to_check).collect::<Vec<_>>()
        );
        assert_eq!(back.pins.iter().filter(|pin| pin.to_check).count(), 500 / 7 + 2);
    }

    #[test]
    fn a_pin_costs_about_six_bytes_before_compression() {
        let pins = (1..=1000)
            .map(|id| Pin { id, kind: (id % 2) as u8, lat: 48.5, lon: 1.5, to_check: id % 100 == 0 })
            .collect();
        let bytes = PinSet { kinds: kinds(&["a", "b"]), pins }.encode();
        assert!(bytes.len() < 1000 * 6 + 64, "{} bytes", bytes.len());
    }

    #[test]
    fn every_page_and_order_of_a_view_shares_its_pins() {
        assert_eq!(pins_path(""), "/api/pins");
        assert_eq!(pins_path("?tri=nom&page=3"), "/api/pins");
        assert_eq!(
            pins_path("?q=%C3%A9cole&bassin=dreux&tri=date&page=2&kind="),
            "/api/pins?q=%C3%A9cole&bassin=dreux"
        );
        assert_eq!(pins_path("q=a+b"), "/api/pins?q=a+b");
    }

    #[test]
    fn an_empty_view_is_a_valid_payload() {
        let empty = PinSet { kinds: kinds(&["immersion"]), pins: vec![] };
        assert_eq!(PinSet::decode(&empty.encode()).unwrap(), empty);
    }

    #[test]
    fn damaged_payloads_are_refused_not_misread() {
        let bytes = sample().encode();
        assert!(matches!(PinSet::decode(&bytes[..bytes.len() - 3]), Err(PinFormatError::Malformed(_))));
        assert!(matches!(PinSet::decode(b""), Err(PinFormatError::Malformed(_))));
        let mut future = bytes.clone();
        future[0] = PIN_FORMAT_VERSION + 1;
        assert_eq!(PinSet::decode(&future), Err(PinFormatError::Version(PIN_FORMAT_VERSION + 1)));
        let mut wrong_kind = sample();
        wrong_kind.pins[0].kind = 7;
        assert!(matches!(PinSet::decode(&wrong_kind.encode()), Err(PinFormatError::Malformed(_))));
    }
}

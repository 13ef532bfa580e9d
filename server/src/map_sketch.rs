//! The map's first view drawn by the server, the « sketch »: the view's clusters and pins as
//! plain HTML in the map's box, where Leaflet will draw the same ones once the page's scripts
//! have run. A citizen sees the pins as soon as the page arrives — before Leaflet, the scripts
//! and the WASM, a second on a phone — and without JavaScript at all. The page's script removes
//! it in the task that draws its own markers (`endSketch` in `public/carte28.js`). It is a
//! picture, hidden from screen readers: the list beside the map says the same.
//!
//! How it gets into the page: this middleware, inside the map page cache (a kept page holds its
//! sketch), reads the page the app rendered. A map page names its pins in its head (the
//! `/api/pins?…` preload the page's script reads too) and holds the map's empty box
//! (`<div id="carte" … class="map map--overview">`): the sketch of those pins goes into that
//! box. Not in the app's view: the box is empty in the browser's view of the page, and the
//! sketch awaits the database. A first version awaited it in the server's view of the box
//! (a `Suspend`, the browser's view rendering nothing there): the page then failed to hydrate
//! further down (tachys expected a marker node). A `<Suspense>` would also take an id of the
//! page's shared context that the browser's view does not, shifting every later one.
//!
//! Where the spots go. The script frames the map on the département (`showDepartment`:
//! Leaflet's `fitBounds`, its zoom snapped down to a quarter) and clusters at the integer zoom
//! below that. The server does not know the box's size, so the sketch holds the spots of each
//! zoom a box can get ([`SKETCH_ZOOMS`], a phone's 8 to a large screen's 10), each spot at its
//! offset from the frame's centre, and CSS container queries on the box's size pick the zoom
//! Leaflet will pick and scale the offsets to it ([`zoom_rules`], written in `style/main.css`).
//! The clusters are Supercluster's (`app::domain::supercluster`), of the pins as the payload
//! carries them.

use std::fmt::Write;
use std::ops::RangeInclusive;
use std::sync::Arc;

use app::data::Db;
use app::domain::cluster_options::CLOSE_UP_FROM;
use app::domain::geography::{DEPARTMENT_EAST, DEPARTMENT_NORTH, DEPARTMENT_SOUTH, DEPARTMENT_WEST};
use app::domain::supercluster::{lat_y, lng_x, spots_by_zoom};
use app::domain::PinSet;
use app::error::AppError;
use app::ssr::ClientAddress;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::map_page_cache::MAX_PAGE_BYTES;
use crate::view_pins::ViewPins;

/// The integer zooms the sketch draws: Leaflet's fit of the département gives 8 in a phone's
/// map (8.5 at 390 × 844), 9 on a laptop or desktop screen, 10 from about 910 × 1 100 pixels
/// of map. A smaller or larger box shows no sketch, only the script's markers.
pub const SKETCH_ZOOMS: RangeInclusive<u8> = 8..=10;

/// The lowest zoom drawn. Offsets are written in its pixels (two decimals are then a
/// twentieth of a pixel at the highest), and `--scale` is 1 there.
const LOWEST_ZOOM: u8 = *SKETCH_ZOOMS.start();

/// Leaflet's `zoomSnap` on our maps (`newMap` in `public/carte28.js`).
const ZOOM_SNAP: f64 = 0.25;

/// The département's frame in pixels at zoom 0, as Leaflet's `fitBounds` measures it: its
/// centre and its size.
struct Frame {
    centre: (f64, f64),
    size: (f64, f64),
}

fn frame() -> Frame {
    let (west, east) = (lng_x(DEPARTMENT_WEST), lng_x(DEPARTMENT_EAST));
    let (north, south) = (lat_y(DEPARTMENT_NORTH), lat_y(DEPARTMENT_SOUTH));
    Frame {
        centre: (256.0 * (west + east) / 2.0, 256.0 * (north + south) / 2.0),
        size: (256.0 * (east - west), 256.0 * (south - north)),
    }
}

/// The sketch of `pins`, as HTML: one layer per zoom of [`SKETCH_ZOOMS`], each spot with the
/// look of `clusterMarker` and `pinMarker` in `public/carte28.js` and its offset from the
/// frame's centre in `--x` and `--y`.
pub fn sketch(pins: &PinSet) -> String {
    let positions = pins.positions_as_sent();
    let frame = frame();
    let scale = f64::from(1u32 << LOWEST_ZOOM);
    // Clustered as the page's wide index clusters, with tiles or without them.
    let levels = spots_by_zoom(&positions, CLOSE_UP_FROM - 1, *SKETCH_ZOOMS.start(), *SKETCH_ZOOMS.end());
    let mut html = String::from(r#"<div class="map-sketch" aria-hidden="true"><div class="map-sketch__view">"#);
    for (zoom, spots) in SKETCH_ZOOMS.zip(levels) {
        let _ = write!(html, r#"<div class="map-sketch__zoom map-sketch__zoom--{zoom}">"#);
        for spot in spots {
            // A lone pin stands where Leaflet puts its latitude and longitude, not at
            // Supercluster's rounded copy of them.
            let (x, y) = if spot.count > 1 {
                (spot.x, spot.y)
            } else {
                let (lng, lat) = positions[spot.pin];
                (lng_x(lng), lat_y(lat))
            };
            let at = format!(
                "--x:{:.2};--y:{:.2}",
                (256.0 * x - frame.centre.0) * scale,
                (256.0 * y - frame.centre.1) * scale
            );
            if spot.count > 1 {
                let size = match spot.count {
                    0..10 => "small",
                    10..100 => "medium",
                    100..1000 => "large",
                    _ => "huge",
                };
                let _ = write!(
                    html,
                    r#"<div class="map-sketch__spot marker-cluster marker-cluster--{size}" style="{at}"><span class="marker-cluster__count">{}</span></div>"#,
                    spot.count
                );
            } else {
                let pin = &pins.pins[spot.pin];
                let checked = if pin.to_check { " pin--a-verifier" } else { "" };
                // Kinds' colours are `#rrggbb` (the migrations write them); anything else stays
                // out of the attribute, and the pin takes the site's colour.
                let colour = Some(pins.kind_of(pin).colour.as_str())
                    .filter(|c| c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()))
                    .map(|c| format!(";--pin-colour:{c}"))
                    .unwrap_or_default();
                let _ = write!(
                    html,
                    r#"<div class="map-sketch__spot pin{checked}" style="{at}{colour}"><span class="pin__body"></span></div>"#
                );
            }
        }
        html.push_str("</div>");
    }
    html.push_str("</div></div>");
    html
}

/// The container queries that show the zoom Leaflet's `fitBounds` will choose for the map's box
/// and scale the spots to it: the same for every page, they are in `style/main.css` (a test
/// checks they are these). For each quarter zoom `z` from 8, a box at least the frame's size at
/// `z` in both directions gets `z` (less 0.00125: Leaflet rounds to a hundredth of a snap first,
/// « don't jump if within 1 % of a snap level »); later rules win, so the largest zoom that fits
/// is shown; past the last zoom drawn, none is. One difference remains: Leaflet measures the
/// box in whole pixels, a container query in fractions, so a box within half a pixel of a
/// threshold (60vh of an 844-pixel screen is 506.4) may get the zoom next to Leaflet's until
/// the script draws.
pub fn zoom_rules() -> String {
    let Frame { size: (width, height), .. } = frame();
    let lowest = f64::from(LOWEST_ZOOM);
    let past = f64::from(*SKETCH_ZOOMS.end()) + 1.0;
    let mut rules = String::new();
    let mut zoom = lowest;
    while zoom <= past {
        let fits = 2f64.powf(zoom - ZOOM_SNAP / 200.0);
        let shown = if zoom < past {
            format!(" .map-sketch__zoom--{} {{ display: block; }}", zoom.floor())
        } else {
            String::new()
        };
        let _ = writeln!(
            rules,
            "@container (min-width: {:.2}px) and (min-height: {:.2}px) {{ .map-sketch__view {{ --scale: {:.4}; }} .map-sketch__zoom {{ display: none; }}{shown} }}",
            width * fits,
            height * fits,
            2f64.powf(zoom - lowest),
        );
        zoom += ZOOM_SNAP;
    }
    rules
}

/// (published revision, day, view).
type Key = (i64, i32, String);

/// The sketches of recent views, kept as `/api/pins` keeps their payloads: by published
/// revision, day (a pin turns « à vérifier » with time alone) and view. Reading and clustering
/// 50 000 pins takes tens of milliseconds, after the page's own rendering: the first map page
/// of a view after a publication pays it, later ones (and the kept pages) do not.
pub struct Sketches {
    db: Db,
    pins: ViewPins,
    kept: quick_cache::sync::Cache<Key, Arc<str>>,
}

impl Sketches {
    pub fn new(db: Db, pins: ViewPins) -> Sketches {
        Sketches { db, pins, kept: quick_cache::sync::Cache::new(16) }
    }

    /// The sketch of the view whose pins are at `pins_path` (`/api/pins?…`); none when the view
    /// is refused (the page says why) or the data cannot be read.
    async fn of(&self, pins_path: &str, visitor: Option<std::net::IpAddr>) -> Option<Arc<str>> {
        let query = pins_path.split_once('?').map_or("", |(_, query)| query);
        let (filters, revisions) = self.db.view_of_query(query, visitor).await.ok()?;
        let day = crate::routes::cache_day();
        let key = (revisions.published, day, filters.set_key());
        self.kept
            .get_or_insert_async(&key, async {
                let pins = self.pins.of(&self.db, &filters, &key).await.map_err(|_| ())?;
                tokio::task::spawn_blocking(move || Arc::from(sketch(&pins))).await.map_err(|_| ())
            })
            .await
            .ok()
    }
}

/// Middleware: puts the sketch of a map page's view into its map's box.
pub async fn add(State(sketches): State<Arc<Sketches>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let visitor = request.extensions().get::<ClientAddress>().map(|address| address.0);
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if response.status() != StatusCode::OK || !html || response.headers().contains_key(CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(page) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        tracing::error!("a page too big or broken off while it was read for its map's sketch");
        return AppError::Unavailable.into_response();
    };
    let Some((at, pins_path)) = std::str::from_utf8(&page).ok().and_then(map_box) else {
        return Response::from_parts(parts, Body::from(page));
    };
    let Some(sketch) = sketches.of(&pins_path, visitor).await else {
        return Response::from_parts(parts, Body::from(page));
    };
    let mut sketched = Vec::with_capacity(page.len() + sketch.len());
    sketched.extend_from_slice(&page[..at]);
    sketched.extend_from_slice(sketch.as_bytes());
    sketched.extend_from_slice(&page[at..]);
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(sketched))
}

/// Where the map's box of a map page opens (just after its start tag) and the path of the pins
/// its head preloads (the link `startPreview` in `public/carte28.js` reads); `None` for any other
/// page.
fn map_box(page: &str) -> Option<(usize, String)> {
    let start = page.find(r#"<div id="carte" "#)?;
    let tag = &page[start..start + page[start..].find('>')? + 1];
    if !tag.contains("map--overview") {
        return None;
    }
    let head = &page[..page.find("</head>")?];
    let path = head.match_indices("<link ").find_map(|(at, _)| {
        let link = &head[at..at + head[at..].find('>')?];
        let href = link.split_once(r#" href=""#)?.1.split('"').next()?;
        (link.contains(r#" rel="preload""#) && href.starts_with("/api/pins")).then_some(href)
    })?;
    Some((start + tag.len(), path.replace("&amp;", "&")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::initiative::KindInfo;
    use app::domain::pins::Pin;

    fn pins(at: &[(f64, f64)], colour: &str) -> PinSet {
        PinSet {
            kinds: vec![KindInfo {
                code: "forum".into(),
                label: "Forum".into(),
                label_en: "Forum".into(),
                colour: colour.into(),
            }],
            pins: at
                .iter()
                .enumerate()
                .map(|(n, &(lat, lon))| Pin { id: n as i64 + 1, kind: 0, lat, lon, to_check: n == 1 })
                .collect(),
        }
    }

    #[test]
    fn the_style_sheet_holds_the_zoom_rules() {
        let css = include_str!("../../style/main.css");
        assert!(css.contains(&zoom_rules()), "style/main.css must hold, as they are:\n{}", zoom_rules());
    }

    #[test]
    fn the_frames_corners_are_half_its_size_from_the_centre() {
        let html =
            sketch(&pins(&[(DEPARTMENT_NORTH, DEPARTMENT_WEST), (DEPARTMENT_SOUTH, DEPARTMENT_EAST)], "#1d4e89"));
        let Frame { size: (width, height), .. } = frame();
        // At zoom 8 Eure-et-Loir is about 228 × 274 pixels.
        let (half_w, half_h) = (width * 128.0, height * 128.0);
        assert!((half_w - 113.8).abs() < 0.1 && (half_h - 137.1).abs() < 0.2, "{half_w} × {half_h}");
        let layer =
            html.split("map-sketch__zoom--8").nth(1).unwrap().split("map-sketch__zoom--9").next().unwrap().to_string();
        let spots: Vec<(f64, f64)> = html
            .split("map-sketch__zoom--8")
            .nth(1)
            .unwrap()
            .split("--x:")
            .skip(1)
            .map(|s| {
                let x = s.split(';').next().unwrap().parse().unwrap();
                let y = s.split("--y:").nth(1).unwrap().split([';', '"']).next().unwrap().parse().unwrap();
                (x, y)
            })
            .take(2)
            .collect();
        // Within the payload's quantisation (a few metres) and the two decimals written.
        assert!((spots[0].0 + half_w).abs() < 0.02 && (spots[0].1 + half_h).abs() < 0.02, "{spots:?}");
        assert!((spots[1].0 - half_w).abs() < 0.02 && (spots[1].1 - half_h).abs() < 0.02, "{spots:?}");
        assert_eq!(layer.matches(r#"class="map-sketch__spot pin""#).count(), 1, "{layer}");
        assert_eq!(
            layer.matches(r#"class="map-sketch__spot pin pin--a-verifier""#).count(),
            1,
            "the second pin is to check"
        );
        assert_eq!(layer.matches(";--pin-colour:#1d4e89").count(), 2, "{layer}");
    }

    #[test]
    fn a_colour_that_is_not_one_stays_out_of_the_page() {
        let html = sketch(&pins(&[(48.4, 1.4)], r#"red" onclick="x"#));
        assert!(!html.contains("onclick") && !html.contains("--pin-colour") && html.contains("pin__body"), "{html}");
    }

    #[test]
    fn only_a_map_pages_box_is_sketched_with_the_pins_its_head_names() {
        let page = r#"<head><link rel="preload" href="/pkg/x.wasm" as="fetch"><link rel="stylesheet" href="/api/pinsx"><link as="fetch" crossorigin="anonymous" href="/api/pins?bassin=dreux&amp;kind=forum" rel="preload"></head><body><div id="carte" role="region" class="map map--overview"></div></body>"#;
        let (at, path) = map_box(page).unwrap();
        assert_eq!(path, "/api/pins?bassin=dreux&kind=forum");
        assert_eq!(&page[at..], "</div></body>");
        assert!(map_box(&page.replace("/api/pins", "/pkg/x.wasm")).is_none());
        assert!(map_box(&page.replace("map--overview", "map--detail")).is_none());
        assert!(map_box("<html><body>Bonjour</body></html>").is_none());
    }
}

//! The real router, over HTTP semantics, against a fresh SQLite file with the demo data.

use crate::common;

use std::collections::HashSet;

use app::data::Db;
use app::domain::{InitiativeInput, PinSet, Status};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

struct TestApp {
    router: Router,
    db: Db,
    dir: tempfile::TempDir,
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl TestApp {
    async fn new() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
        db.load_demo_if_empty().await.unwrap();
        TestApp { router: common::router_on(&db).await, db, dir }
    }

    async fn get(&self, path: &str) -> Answer {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type =
            response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer { status, content_type, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    /// GETs `path` with extra request headers; answers the response's headers and raw body.
    async fn get_raw(&self, path: &str, headers: &[(&str, &str)]) -> (StatusCode, header::HeaderMap, Vec<u8>) {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self.router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let (parts, body) = response.into_parts();
        (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
    }

    /// The ids in the pin payload of `query`, read from its brotli encoding.
    async fn pin_ids(&self, query: &str) -> HashSet<i64> {
        let (status, headers, body) =
            self.get_raw(&format!("/api/pins{query}"), &[("accept-encoding", "gzip, br")]).await;
        assert_eq!(status, StatusCode::OK, "/api/pins{query}");
        assert_eq!(headers[header::CONTENT_ENCODING], "br");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(&body[..], 4096), &mut bytes).unwrap();
        PinSet::decode(&bytes).unwrap().pins.iter().map(|p| p.id).collect()
    }

    async fn titles(&self, status: Status) -> Vec<(i64, String)> {
        self.db.titles_with_status(status).await.unwrap()
    }

    /// Titles that must never reach a public page or export.
    async fn private_titles(&self) -> Vec<(i64, String)> {
        let mut titles = Vec::new();
        for status in [Status::Draft, Status::Pending, Status::Rejected, Status::Archived] {
            titles.extend(self.titles(status).await);
        }
        assert!(!titles.is_empty(), "the demo data should hold non-public initiatives");
        titles
    }
}

/// How a text appears in server-rendered HTML text nodes.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn h1_count(html: &str) -> usize {
    html.matches("<h1").count()
}

#[tokio::test]
async fn health_is_ok_while_the_database_answers_and_503_once_it_does_not() {
    let app = TestApp::new().await;
    let answer = app.get("/healthz").await;
    assert_eq!((answer.status, answer.body.as_str()), (StatusCode::OK, "ok"));
    app.db.close().await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn the_geojson_export_holds_exactly_the_published_initiatives() {
    let app = TestApp::new().await;
    let answer = app.get("/api/initiatives.geojson").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, "application/geo+json");
    let collection: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    assert_eq!(collection["licence"], "Licence Ouverte 2.0");
    assert!(collection["generated_at"].as_str().unwrap().starts_with("20"));
    let features = collection["features"].as_array().unwrap();
    let exported: HashSet<i64> = features.iter().map(|f| f["id"].as_i64().unwrap()).collect();
    let published: HashSet<i64> = app.titles(Status::Published).await.iter().map(|(id, _)| *id).collect();
    assert_eq!(exported, published);
    for feature in features {
        let properties = &feature["properties"];
        assert_eq!(feature["geometry"]["type"], "Point");
        let [lon, lat] = [
            feature["geometry"]["coordinates"][0].as_f64().unwrap(),
            feature["geometry"]["coordinates"][1].as_f64().unwrap(),
        ];
        assert!(app::domain::within_department(lat, lon), "RFC 7946 order is [lon, lat]");
        assert_eq!(properties["status"], "published");
        assert_eq!(properties["demo"], true);
        assert!(properties["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(
            ["Chartres", "Dreux", "Châteaudun", "Nogent-le-Rotrou"].contains(&properties["bassin"].as_str().unwrap())
        );
        let url = properties["url"].as_str().unwrap();
        assert!(url.starts_with(&format!("/initiatives/{}-", feature["id"])), "{url}");
    }
    for (_, title) in app.private_titles().await {
        assert!(!answer.body.contains(&serde_json::to_string(&title).unwrap()), "{title} leaked into the export");
    }
}

#[tokio::test]
async fn the_map_page_is_french_and_lists_every_published_initiative_and_nothing_else() {
    let app = TestApp::new().await;
    let answer = app.get("/").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.content_type.starts_with("text/html"));
    let html = &answer.body;
    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains("<meta name=\"description\""));
    assert!(html.contains("<title>"));
    assert!(html.contains("rel=\"icon\""));
    assert_eq!(h1_count(html), 1);
    let published = app.titles(Status::Published).await;
    assert!(html.contains(&format!("{} initiatives", published.len())));
    for (id, title) in &published {
        assert!(html.contains(&format!("data-id=\"{id}\"")), "list item {id} missing");
        assert!(html.contains(&html_text(title)), "{title} missing from the list");
    }
    // The data the page hands the browser (postcard in base64, not in the HTML's text) too.
    let data = common::page_data(html);
    assert!(published.iter().all(|(_, title)| data.contains(title.as_str())), "the list's data is handed over");
    for (id, title) in app.private_titles().await {
        assert!(!html.contains(&html_text(&title)), "{title} leaked onto the map page");
        assert!(!data.contains(title.as_str()), "{title} leaked into the map page's data");
        assert!(!html.contains(&format!("data-id=\"{id}\"")));
    }
    assert!(!html.contains("cdn"), "assets are served locally");
}

#[tokio::test]
async fn the_map_page_suggests_every_commune_in_its_html_and_not_again_in_its_data() {
    let app = TestApp::new().await;
    let html = app.get("/").await.body;
    // The database's communes (the gazetteer's, `sync_gazetteer`), read apart from the site.
    let communes: Vec<(String, String)> = sqlx::query_as("SELECT insee, name FROM communes ORDER BY name, insee")
        .fetch_all(&common::pool(&app.dir).await)
        .await
        .unwrap();
    assert!(communes.len() > 300);
    let datalist = html.split("<datalist id=\"communes-28\">").nth(1).expect("the communes' suggestions");
    let datalist = datalist.split("</datalist>").next().unwrap();
    let expected: String = communes
        .iter()
        .map(|(insee, name)| format!("<option value=\"{}\"></option>", html_text(&format!("{name} ({insee})"))))
        .collect();
    assert_eq!(datalist, expected, "every commune of the database, in its order");
    // The page's data is the view's: a commune's name is there when a listed initiative is in it
    // (or names a part of it), not the whole list a second time.
    let data = common::page_data(&html);
    let named = communes.iter().filter(|(_, name)| data.contains(name.as_str())).count();
    assert!(named < 100, "{named} of {} communes named in the page's data", communes.len());
    // A view naming a commune says its name in the panel's field.
    let html = app.get("/?commune=28085").await.body;
    assert!(html.contains("name=\"commune\" list=\"communes-28\" value=\"Chartres (28085)\""), "the commune's field");
}

#[tokio::test]
async fn a_published_initiative_has_a_complete_detail_page() {
    let app = TestApp::new().await;
    let (id, title) = app.titles(Status::Published).await[0].clone();
    let detail = app.db.published_detail(id).await.unwrap().unwrap();
    let answer = app.get(&detail.path).await;
    assert_eq!(answer.status, StatusCode::OK);
    let html = &answer.body;
    assert_eq!(h1_count(html), 1);
    assert!(html.contains(&format!("<h1>{}", html_text(&title))), "the h1 holds the title");
    for text in [&detail.summary, &detail.organisation, &detail.commune_name, &detail.area.name, &detail.kind.label] {
        assert!(html.contains(&html_text(text)), "{text} missing from the detail page");
    }
    assert!(html.contains(&format!("<title>{} – Carte Orientation 28</title>", html_text(&title))));
    // The id alone (without slug) leads to the same initiative.
    assert_eq!(app.get(&format!("/initiatives/{id}")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_and_non_public_initiatives_are_real_404s() {
    let app = TestApp::new().await;
    let mut paths = vec!["/initiatives/999999".to_string(), "/initiatives/abc".into(), "/nope/nothing-here".into()];
    paths.extend(app.private_titles().await.iter().map(|(id, _)| format!("/initiatives/{id}")));
    for path in paths {
        let answer = app.get(&path).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(answer.body.contains("Page introuvable"), "{path}");
        assert!(answer.body.contains("href=\"/\""), "{path} offers no way back");
    }
}

#[tokio::test]
async fn every_invalid_export_parameter_is_a_400_with_a_french_message() {
    let app = TestApp::new().await;
    let long = format!("q={}", "a".repeat(5000));
    for (query, expected) in [
        ("bassin=paris", "Bassin inconnu"),
        ("kind=sieste", "Type d'initiative inconnu"),
        ("upcoming=maybe", "upcoming vaut 1 ou 0"),
        ("commune=28a85", "Code commune mal formé"),
        ("theme=cuisine", "Valeur inconnue pour theme"),
        ("page=0", "numéro de page"),
        (long.as_str(), "trop longue"),
    ] {
        for endpoint in
            ["/api/initiatives.geojson", "/api/initiatives.csv", "/api/evenements.ics", "/api/pins", "/api/sketch/9"]
        {
            let answer = app.get(&format!("{endpoint}?{query}")).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{endpoint}?{query}");
            let error: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
            assert!(error["error"].as_str().unwrap().contains(expected), "{endpoint}?{query}: {}", answer.body);
        }
    }
}

#[tokio::test]
async fn filtered_exports_hold_exactly_the_filtered_set() {
    let app = TestApp::new().await;
    let filters = app::domain::Filters { areas: vec!["dreux".into()], upcoming: false, ..Default::default() };
    let expected: HashSet<i64> = app.db.all_published_details(&filters).await.unwrap().iter().map(|d| d.id).collect();
    assert!(!expected.is_empty());
    let answer = app.get("/api/initiatives.geojson?bassin=dreux&q=").await;
    let collection: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let exported: HashSet<i64> =
        collection["features"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
    assert_eq!(exported, expected);

    let csv = app.get("/api/initiatives.csv?bassin=dreux").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.body.starts_with('\u{feff}'), "UTF-8 byte-order mark for spreadsheets");
    let mut reader =
        ::csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    for column in
        ["id", "nom", "presentation_resume", "code_insee", "latitude", "longitude", "licence", "date_extraction"]
    {
        assert!(header.iter().any(|h| h == column), "column {column}");
    }
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let csv_ids: HashSet<i64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert_eq!(csv_ids, expected);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (area, licence, charter) = (column("bassin"), column("licence"), column("charte_signee"));
    assert!(rows.iter().all(|r| &r[area] == "Dreux" && &r[licence] == "Licence Ouverte 2.0" && &r[charter] == "false"));
}

#[tokio::test]
async fn the_unfiltered_csv_holds_every_published_initiative_and_no_other() {
    let app = TestApp::new().await;
    let answer = app.get("/api/initiatives.csv").await;
    let mut reader =
        ::csv::ReaderBuilder::new().delimiter(b';').from_reader(answer.body.trim_start_matches('\u{feff}').as_bytes());
    let ids: HashSet<i64> = reader.records().map(|r| r.unwrap()[0].parse().unwrap()).collect();
    let published: HashSet<i64> = app.titles(Status::Published).await.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, published);
    for (_, title) in app.private_titles().await {
        assert!(!answer.body.contains(&title), "{title} leaked into the CSV");
    }
}

#[tokio::test]
async fn the_pins_of_a_view_are_its_exact_set_in_every_encoding() {
    let app = TestApp::new().await;
    let published: HashSet<i64> = app.titles(Status::Published).await.iter().map(|(id, _)| *id).collect();
    assert_eq!(app.pin_ids("").await, published);
    assert_eq!(app.pin_ids("?tri=nom&page=1").await, published, "order and page do not change the set");
    for query in ["?bassin=dreux", "?kind=forum-metiers&kind=job-dating", "?q=ecole+entreprise", "?upcoming=1"] {
        let geojson = app.get(&format!("/api/initiatives.geojson{query}")).await;
        let collection: serde_json::Value = serde_json::from_str(&geojson.body).unwrap();
        let exported: HashSet<i64> =
            collection["features"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
        assert!(!exported.is_empty(), "{query} should match something in the demo data");
        assert_eq!(app.pin_ids(query).await, exported, "map and export of {query} differ");
    }
    let (_, headers, plain) = app.get_raw("/api/pins", &[]).await;
    assert_eq!(headers[header::CONTENT_TYPE], "application/vnd.carte28.pins");
    assert!(headers.get(header::CONTENT_ENCODING).is_none(), "no encoding asked, none used");
    assert_eq!(PinSet::decode(&plain).unwrap().pins.len(), published.len());
    let (_, headers, gzipped) = app.get_raw("/api/pins", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut bytes).unwrap();
    assert_eq!(bytes, plain);
}

/// An open day in Chartres, ready to be created.
fn open_day_in_chartres(title: &str) -> InitiativeInput {
    InitiativeInput {
        title: title.into(),
        summary: "Découvrir les métiers de l'agriculture et du paysage.".into(),
        kind: "visite-entreprise".into(),
        themes: vec![app::domain::Theme::Competences],
        audiences: vec![app::domain::Audience::ToutPublic],
        commune: "28085".into(),
        lat: 48.447,
        lon: 1.489,
        organisation: "Lycée".into(),
        ..InitiativeInput::default()
    }
}

#[tokio::test]
async fn pins_are_revalidated_and_an_edit_shows_at_once() {
    let app = TestApp::new().await;
    let (status, headers, _) = app.get_raw("/api/pins?bassin=chartres", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let etag = headers[header::ETAG].to_str().unwrap().to_string();
    let (status, _, body) = app.get_raw("/api/pins?bassin=chartres", &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    let before = app.pin_ids("?bassin=chartres").await;
    // The view's sketch (read from the same kept pins) counts them too.
    let sketched = |body: &[u8]| f64::from_le_bytes(body[8..16].try_into().unwrap());
    let (_, _, sketch) = app.get_raw("/api/sketch/9?bassin=chartres", &[]).await;
    assert_eq!(sketched(&sketch), before.len() as f64);
    let input = open_day_in_chartres("Portes ouvertes du lycée agricole");
    let id = app.db.create_initiative(&input, Status::Published, false).await.unwrap();
    let (status, headers, _) = app.get_raw("/api/pins?bassin=chartres", &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::OK, "the old etag no longer matches");
    assert_ne!(headers[header::ETAG].to_str().unwrap(), etag);
    let after = app.pin_ids("?bassin=chartres").await;
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&id));
    let (_, _, sketch) = app.get_raw("/api/sketch/9?bassin=chartres", &[]).await;
    assert_eq!(sketched(&sketch), after.len() as f64, "the sketch is of the new pins too");
}

#[tokio::test]
async fn a_views_pins_are_read_once_for_all_that_asks_together_and_again_after_a_publication() {
    use server::view_pins::ViewPins;
    let app = TestApp::new().await;
    app.db.seed_synthetic(2_000).await.unwrap();
    let kept = ViewPins::default();
    let day = server::routes::cache_day();
    let (filters, revisions) = app.db.view_of_query("bassin=chartres", None).await.unwrap();
    let key = (revisions.published, day, filters.set_key());
    // The payload, a sketch and the page's sketch of a view new since the last publication ask
    // together: one read answers them all.
    let (first, second, third) = tokio::join!(
        kept.of(&app.db, &filters, &key),
        kept.of(&app.db, &filters, &key),
        kept.of(&app.db, &filters, &key)
    );
    let first = first.unwrap();
    assert!(std::sync::Arc::ptr_eq(&first, &second.unwrap()) && std::sync::Arc::ptr_eq(&first, &third.unwrap()));
    assert_eq!(kept.reads(), 1);
    assert_eq!(first.pins.iter().map(|pin| pin.id).collect::<HashSet<_>>(), app.pin_ids("?bassin=chartres").await);
    // Another view is read for itself.
    let (everywhere, _) = app.db.view_of_query("", None).await.unwrap();
    let all = kept.of(&app.db, &everywhere, &(revisions.published, day, everywhere.set_key())).await.unwrap();
    assert!(all.pins.len() > first.pins.len());
    assert_eq!(kept.reads(), 2);
    // A publication moves the revision: the view is read again, with the new pin.
    let mut input = open_day_in_chartres("Portes ouvertes de la chambre des métiers");
    let id = app.db.create_initiative(&input, Status::Published, false).await.unwrap();
    let (_, after) = app.db.view_of_query("bassin=chartres", None).await.unwrap();
    assert_ne!(after.published, revisions.published);
    let fresh = kept.of(&app.db, &filters, &(after.published, day, filters.set_key())).await.unwrap();
    assert_eq!(fresh.pins.len(), first.pins.len() + 1);
    assert!(fresh.pins.iter().any(|pin| pin.id == id));
    input.title = "Un brouillon de plus".into();
    let _draft = app.db.create_initiative(&input, Status::Draft, false).await.unwrap();
    let (_, unchanged) = app.db.view_of_query("bassin=chartres", None).await.unwrap();
    assert_eq!(unchanged.published, after.published, "a draft publishes nothing");
    let again = kept.of(&app.db, &filters, &(unchanged.published, day, filters.set_key())).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&fresh, &again));
    assert_eq!(kept.reads(), 3);
}

#[tokio::test]
async fn the_payload_the_sketches_and_the_pages_sketch_of_a_view_share_one_read_of_its_pins() {
    let app = TestApp::new().await;
    app.db.seed_synthetic(600).await.unwrap();
    let kept = server::view_pins::ViewPins::default();
    let router = common::router_keeping(&app.db, kept.clone()).await;
    let get = |path: &'static str| {
        let router = router.clone();
        async move {
            let response = router.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            response.into_body().collect().await.unwrap().to_bytes()
        }
    };
    // Each of the three reads a view first (so each goes through the shared pins)…
    get("/api/pins?bassin=dreux").await;
    assert_eq!(kept.reads(), 1);
    get("/api/sketch/9?bassin=chartres").await;
    assert_eq!(kept.reads(), 2);
    let page = get("/?bassin=chateaudun").await;
    assert!(String::from_utf8_lossy(&page).contains("map-sketch"), "the page holds its sketch");
    assert_eq!(kept.reads(), 3);
    // … and the others find it there.
    for path in [
        "/?bassin=dreux",
        "/api/sketch/9?bassin=dreux",
        "/api/sketch/8?bassin=dreux",
        "/?bassin=chartres",
        "/api/pins?bassin=chartres",
        "/api/pins?bassin=chateaudun",
        "/api/sketch/10?bassin=chateaudun",
    ] {
        get(path).await;
    }
    assert_eq!(kept.reads(), 3, "no view read twice");
}

#[tokio::test]
async fn a_views_sketch_is_its_clusters_at_one_zoom_as_the_page_reads_them() {
    let app = TestApp::new().await;
    app.db.seed_synthetic(3_000).await.unwrap();
    let numbers = |body: &[u8]| -> Vec<f64> {
        body.chunks_exact(8).map(|bytes| f64::from_le_bytes(bytes.try_into().unwrap())).collect()
    };
    let (status, headers, body) = app.get_raw("/api/sketch/9?bassin=chartres", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/octet-stream");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let sketch = numbers(&body);
    // The zoom, the view's pin count, then the spots of the view's payload, four numbers each.
    let (_, _, payload) = app.get_raw("/api/pins?bassin=chartres", &[]).await;
    let pins = PinSet::decode(&payload).unwrap();
    assert!(pins.pins.len() > 500, "a view worth clustering");
    let positions: Vec<(f64, f64)> = pins.pins.iter().map(|pin| (pin.lon, pin.lat)).collect();
    // The checksum the page computes of the points it decoded.
    let checksum = app::domain::supercluster::points_checksum(positions.iter().copied());
    assert_eq!(sketch[..3], [9.0, pins.pins.len() as f64, checksum]);
    assert_eq!(sketch[3..], app::domain::supercluster::spots_as_the_page_reads_them(&positions, 9));
    let clusters = sketch[3..].chunks_exact(4).filter(|spot| spot[2] >= 0.0).count();
    assert!(clusters > 5 && clusters < 200, "the pins clustered at zoom 9: {clusters} clusters");
    // Another zoom, another view: other answers; the same, a 304.
    let (_, _, closer) = app.get_raw("/api/sketch/11?bassin=chartres", &[]).await;
    assert!(numbers(&closer).len() > sketch.len() && numbers(&closer)[0] == 11.0);
    let (_, _, all) = app.get_raw("/api/sketch/9", &[]).await;
    assert!(numbers(&all)[1] > sketch[1]);
    let etag = headers[header::ETAG].to_str().unwrap().to_string();
    let (status, _, _) = app.get_raw("/api/sketch/9?bassin=chartres", &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    // The close-up zooms are the map's own to cluster; a zoom that is none is said so in French.
    for zoom in ["14", "18", "-1", "neuf", "9.5"] {
        let answer = app.get(&format!("/api/sketch/{zoom}?bassin=chartres")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "zoom {zoom}");
        assert!(answer.body.contains("Zoom impossible") && answer.body.contains("de 0 à 13"), "{}", answer.body);
    }
}

#[tokio::test]
async fn the_map_page_preloads_its_pins_and_pages_its_list() {
    let app = TestApp::new().await;
    let html = app.get("/?bassin=dreux&tri=nom").await.body;
    assert!(html.contains("href=\"/api/pins?bassin=dreux\" rel=\"preload\""), "no preload of the view's pins");
    app.db.seed_synthetic(150).await.unwrap();
    let total = app.titles(Status::Published).await.len();
    let first = app.get("/").await.body;
    assert_eq!(first.matches("class=\"initiative-item\"").count(), 100, "one page of 100");
    assert!(first.contains("Page 1 sur 3"));
    assert!(first.contains("href=\"/?page=2\""), "a link to the next page");
    let last = app.get("/?page=3").await.body;
    assert_eq!(last.matches("class=\"initiative-item\"").count(), total - 200);
    assert!(last.contains("start=\"201\""), "the list numbers continue across pages");
    let past = app.get("/?page=9").await.body;
    assert!(past.contains("Cette page n&#x27;existe pas") || past.contains("Cette page n'existe pas"));
    let refused = app.get("/?page=0").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("numéro de page"));
}

/// The nonce a page's Content-Security-Policy names, checked against the page's scripts.
fn page_nonce(headers: &header::HeaderMap, html: &str) -> String {
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce").to_string();
    let inline = html.matches("<script").count() - html.matches("<script src=").count();
    assert!(inline > 0);
    let carrying = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(carrying >= inline, "{policy}");
    assert_eq!(html.matches("nonce=\"").count(), carrying, "no other nonce in the page");
    nonce
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut plain).unwrap();
    plain
}

#[tokio::test]
async fn anonymous_visitors_share_one_rendering_of_a_view_until_the_public_content_changes() {
    let app = TestApp::new().await;
    // Served from memory (map_page_cache): the same bytes, in every encoding, with the
    // headers of the rendering, its policy naming the nonce its scripts carry.
    let (status, first_headers, first) = app.get_raw("/?bassin=dreux", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let first = String::from_utf8(first).unwrap();
    let nonce = page_nonce(&first_headers, &first);
    let (_, headers, again) = app.get_raw("/?bassin=dreux", &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::VARY], "accept-encoding");
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(unbrotli(&again), first.as_bytes(), "the kept rendering");
    assert_eq!(page_nonce(&headers, &first), nonce);
    let (_, headers, gzipped) = app.get_raw("/?bassin=dreux", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut plain).unwrap();
    assert_eq!(plain, first.as_bytes());
    // Another view is another rendering, with its own nonce.
    let (_, headers, other) = app.get_raw("/?bassin=chartres", &[]).await;
    assert_ne!(page_nonce(&headers, &String::from_utf8(other).unwrap()), nonce);

    // A publication shows at once, with a fresh nonce.
    let title = "Forum des métiers du bassin drouais";
    assert!(!first.contains(title));
    let input = InitiativeInput {
        title: title.into(),
        summary: "Rencontrer des professionnels de tous les métiers.".into(),
        kind: "forum-metiers".into(),
        themes: vec![app::domain::Theme::Competences],
        audiences: vec![app::domain::Audience::ToutPublic],
        commune: "28134".into(),
        lat: 48.737,
        lon: 1.366,
        organisation: "Ville de Dreux".into(),
        ..InitiativeInput::default()
    };
    app.db.create_initiative(&input, Status::Published, false).await.unwrap();
    let (_, headers, after) = app.get_raw("/?bassin=dreux", &[]).await;
    let after = String::from_utf8(after).unwrap();
    assert!(after.contains(title), "the new initiative is listed");
    assert_ne!(page_nonce(&headers, &after), nonce);
    // A draft moves nothing the public sees: the rendering is kept.
    let draft = InitiativeInput { title: "Brouillon jamais publié".into(), ..input };
    app.db.create_initiative(&draft, Status::Draft, false).await.unwrap();
    assert_eq!(app.get("/?bassin=dreux").await.body, after);

    // Signed in, the page is rendered for its reader, and never kept for anyone else.
    app.db.load_demo_holder("demo-carte-orientation-28").await.unwrap();
    let cookie = common::demo_holder_cookie(&app.router).await;
    let (_, _, mine) = app.get_raw("/?bassin=dreux", &[("cookie", &cookie)]).await;
    let mine = String::from_utf8(mine).unwrap();
    assert!(mine.contains("Mon compte") && !mine.contains("Se connecter"));
    let (_, _, fresh) = app.get_raw("/?bassin=nogent-le-rotrou", &[("cookie", &cookie)]).await;
    assert!(String::from_utf8(fresh).unwrap().contains("Mon compte"));
    let anonymous = app.get("/?bassin=nogent-le-rotrou").await.body;
    assert!(anonymous.contains("Se connecter") && !anonymous.contains("Mon compte"));

    // A nonsense view is a 400 each time, never kept.
    for _ in 0..2 {
        let refused = app.get("/?bassin=paris").await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn static_files_are_revalidated_so_a_release_never_meets_the_code_of_the_last() {
    let mut app = TestApp::new().await;
    let site = tempfile::tempdir().unwrap();
    for folder in ["pkg", "data"] {
        std::fs::create_dir(site.path().join(folder)).unwrap();
    }
    std::fs::write(site.path().join("pkg/carte-orientation-28.js"), "export default 1;").unwrap();
    std::fs::write(site.path().join("data/bassins28.geojson"), r#"{"type":"FeatureCollection","features":[]}"#)
        .unwrap();
    std::fs::write(site.path().join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    app.router = common::router_serving(&app.db, site.path()).await;
    // The code, and the area outlines every map visit fetches.
    for path in ["/pkg/carte-orientation-28.js", "/data/bassins28.geojson"] {
        let (status, headers, body) = app.get_raw(path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!body.is_empty());
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache", "{path}: no heuristic freshness");
        let modified = headers[header::LAST_MODIFIED].to_str().unwrap().to_string();
        let (status, _, body) = app.get_raw(path, &[("if-modified-since", &modified)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}: revalidation costs a 304");
        assert!(body.is_empty());
    }
    // The icon alone is kept a day: the browser asks for it again at each change of the map's
    // view otherwise.
    let (status, headers, body) = app.get_raw("/favicon.svg", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with(b"<svg"));
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=86400");
    assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
    // What is no file is still the site's 404 page.
    let missing = app.get("/pkg/absent.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.content_type.starts_with("text/html"), "{}", missing.content_type);
    // Answers that say how long they keep theirs are left as they are.
    let (_, headers, _) = app.get_raw("/api/pins", &[]).await;
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let (_, headers, _) = app.get_raw("/api/revision", &[]).await;
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
}

/// The events of an iCalendar text, each as its unfolded `NAME[;PARAMS]` → value lines.
fn vevents(ics: &str) -> Vec<Vec<(String, String)>> {
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let (Some(event), Some((name, value))) = (current.as_mut(), line.split_once(':')) {
                    event.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    events
}

fn property<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event.iter().find(|(n, _)| n == name || n.starts_with(&format!("{name};"))).map(|(_, v)| v.as_str()).unwrap()
}

#[tokio::test]
async fn the_calendar_feed_holds_the_dated_initiatives_of_the_view_as_whole_days_or_timed_slots() {
    let app = TestApp::new().await;
    let answer = app.get("/api/evenements.ics").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, "text/calendar; charset=utf-8");
    assert!(answer.body.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{}", &answer.body[..80]);
    assert!(answer.body.contains("X-WR-TIMEZONE:Europe/Paris\r\n"));
    assert!(answer.body.lines().all(|line| line.len() <= 75), "lines are folded at 75 octets");
    let geojson: serde_json::Value = serde_json::from_str(&app.get("/api/initiatives.geojson").await.body).unwrap();
    let dated: Vec<&serde_json::Value> =
        geojson["features"].as_array().unwrap().iter().filter(|f| !f["properties"]["start_date"].is_null()).collect();
    assert!(dated.len() > 5, "the demo data has dated initiatives");
    let events = vevents(&answer.body);
    assert_eq!(events.len(), dated.len(), "one event per dated published initiative, no other");
    let mut timed = 0;
    for feature in dated {
        let id = feature["id"].as_i64().unwrap();
        let properties = &feature["properties"];
        let event = events
            .iter()
            .find(|e| property(e, "UID") == format!("initiative-{id}@127.0.0.1:3000"))
            .unwrap_or_else(|| panic!("no event for initiative {id}"));
        let start = properties["start_date"].as_str().unwrap().replace('-', "");
        match (properties["start_time"].as_str(), properties["end_time"].as_str()) {
            (None, _) => {
                assert_eq!(property(event, "DTSTART;VALUE=DATE"), start);
                let last = properties["end_date"].as_str().unwrap_or(properties["start_date"].as_str().unwrap());
                let day_after = chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d").unwrap().succ_opt().unwrap();
                let end = day_after.format("%Y%m%d").to_string();
                assert_eq!(property(event, "DTEND;VALUE=DATE"), end, "DTEND is exclusive");
            }
            (Some(opens), closes) => {
                let at = |hour: &str| format!("{start}T{}00", hour.replace(':', ""));
                assert_eq!(property(event, "DTSTART;TZID=Europe/Paris"), at(opens));
                assert_eq!(property(event, "DTEND;TZID=Europe/Paris"), at(closes.unwrap()), "the first day's slot");
                timed += 1;
            }
        }
        assert_eq!(property(event, "URL"), format!("http://127.0.0.1:3000{}", properties["url"].as_str().unwrap()));
        assert!(property(event, "LOCATION").contains(properties["commune"].as_str().unwrap()));
        assert_eq!(property(event, "SEQUENCE"), "0", "demo data was published once");
    }
    assert!(timed > 0 && timed < events.len(), "the demo data has events with hours and without");
    assert!(answer.body.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));

    let dreux = vevents(&app.get("/api/evenements.ics?bassin=dreux").await.body);
    assert!(!dreux.is_empty() && dreux.len() < events.len(), "a view's feed holds the view");
    let bad = app.get("/api/evenements.ics?bassin=paris").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Bassin inconnu : « paris »"), "{}", bad.body);
}

#[tokio::test]
async fn an_event_follows_the_published_versions_of_its_initiative() {
    let app = TestApp::new().await;
    let new = |email: &str| app::domain::NewAccount {
        organisation: "Lycée Fulbert".into(),
        contact_name: "Camille Martin".into(),
        email: email.into(),
        password: "une phrase de passe solide".into(),
    };
    let holder = app.db.create_account(&new("porteur@exemple.fr"), app::domain::Role::Holder).await.unwrap();
    app.db.create_account(&new("animation@exemple.fr"), app::domain::Role::Animator).await.unwrap();
    let animator = app.db.set_animator_areas(None, "animation@exemple.fr", &["chartres".into()]).await.unwrap();
    let forum = InitiativeInput {
        title: "Forum de l'alternance".into(),
        summary: "Soixante-dix entreprises recrutent en alternance, à Chartrexpo.".into(),
        kind: "forum-metiers".into(),
        themes: vec![app::domain::Theme::EcoleEntreprise],
        audiences: vec![app::domain::Audience::Lyceens],
        commune: "28085".into(),
        lat: 48.4469,
        lon: 1.4892,
        address: Some("Chartrexpo, avenue Jean-Mermoz".into()),
        organisation: "MEE Chartres Métropole".into(),
        start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 17),
        end_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 18),
        ..InitiativeInput::default()
    };
    let id = app.db.create_held_initiative(&holder, &forum, app::domain::Intent::Submit).await.unwrap();
    let one = format!("/api/evenements/{id}.ics");
    assert_eq!(app.get(&one).await.status, StatusCode::NOT_FOUND, "not public before moderation");
    app.db.approve_revision(id, 1, &animator).await.unwrap();
    // The first public version is dated a year back, so that the second one's LAST-MODIFIED (to
    // the second, as iCalendar writes it) is later even when the test runs within one second.
    let pool = common::pool(&app.dir).await;
    sqlx::query("UPDATE initiatives SET updated_at = '2025-12-01T08:30:00Z' WHERE id = ?1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let (status, headers, body) = app.get_raw(&one, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_DISPOSITION], format!("attachment; filename=\"initiative-{id}.ics\""));
    let first = vevents(std::str::from_utf8(&body).unwrap()).remove(0);
    assert_eq!(property(&first, "SUMMARY"), "Forum de l'alternance");
    assert_eq!(property(&first, "LOCATION"), "Chartrexpo\\, avenue Jean-Mermoz\\, Chartres", "escaped commas");
    assert_eq!(property(&first, "DTSTART;VALUE=DATE"), "20270317");
    assert_eq!(property(&first, "DTEND;VALUE=DATE"), "20270319");
    assert_eq!(property(&first, "SEQUENCE"), "0");

    assert!(!app.get(&one).await.body.contains("VTIMEZONE"), "whole days need no time zone");

    // The holder adds the hours, each day's: the event becomes two timed slots in Paris time.
    let moved = InitiativeInput {
        title: "Forum de l'alternance 2027".into(),
        start_time: chrono::NaiveTime::from_hms_opt(9, 0, 0),
        end_time: chrono::NaiveTime::from_hms_opt(17, 30, 0),
        ..forum
    };
    app.db.save_revision(id, &holder, 1, &moved, app::domain::Intent::Submit).await.unwrap();
    let pending = vevents(&app.get(&one).await.body).remove(0);
    assert_eq!(property(&pending, "SUMMARY"), "Forum de l'alternance", "a change waiting for moderation is not public");
    app.db.approve_revision(id, 2, &animator).await.unwrap();
    let ics = app.get("/api/evenements.ics?bassin=chartres").await.body;
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"), "the zone the TZIDs name is defined");
    assert!(ics.find("END:VTIMEZONE").unwrap() < ics.find("BEGIN:VEVENT").unwrap());
    let feed = vevents(&ics);
    let second = feed.iter().find(|e| property(e, "UID") == property(&first, "UID")).expect("same UID in the feed");
    assert_eq!(property(second, "SUMMARY"), "Forum de l'alternance 2027");
    assert_eq!(property(second, "SEQUENCE"), "1", "calendars replace their copy");
    assert_eq!(property(&first, "LAST-MODIFIED"), "20251201T083000Z");
    assert!(property(second, "LAST-MODIFIED") > property(&first, "LAST-MODIFIED"), "the new version's time");
    assert_eq!(property(second, "DTSTART;TZID=Europe/Paris"), "20270317T090000");
    assert_eq!(property(second, "DTEND;TZID=Europe/Paris"), "20270317T173000");
    assert_eq!(property(second, "RRULE"), "FREQ=DAILY;COUNT=2", "the same hours on each of its two days");
    let page = app.get(&format!("/initiatives/{id}")).await.body;
    assert!(page.contains("Du 17 mars 2027 au 18 mars 2027, de 9 h à 17 h 30"), "the page shows the hours");
    let csv = app.get("/api/initiatives.csv?bassin=chartres").await.body;
    assert!(csv.contains(";2027-03-17;2027-03-18;09:00;17:30;"), "the CSV too");

    let everything = vevents(&app.get("/api/evenements.ics").await.body);
    let published = app.titles(Status::Published).await.into_iter().map(|(id, _)| id);
    let undated = published
        .into_iter()
        .find(|id| !everything.iter().any(|e| property(e, "UID") == format!("initiative-{id}@127.0.0.1:3000")))
        .expect("the demo data has permanent offers");
    assert_eq!(app.get(&format!("/api/evenements/{undated}.ics")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/evenements/abc.ics").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn around_a_place_is_a_view_like_any_other_in_pins_exports_and_the_page() {
    let app = TestApp::new().await;
    let geojson: serde_json::Value =
        serde_json::from_str(&app.get("/api/initiatives.geojson?autour=28134&rayon=20").await.body).unwrap();
    let exported: HashSet<i64> =
        geojson["features"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
    assert!(!exported.is_empty());
    assert_eq!(app.pin_ids("?autour=28134&rayon=20").await, exported, "the map's pins are the export's");
    assert!(exported.len() < app.pin_ids("").await.len());
    let csv = app.get("/api/initiatives.csv?autour=28134&rayon=20").await.body;
    let rows = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, exported.len(), "the CSV too");
    let page = app.get("/?autour=28134&rayon=20").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("{} initiative", exported.len())), "the page counts the view");
    assert!(page.body.contains("value=\"Dreux (28134)\""), "the panel shows the commune");
    assert!(page.body.contains("<option value=\"20\" selected"), "and the radius");
    for (query, says) in [("autour=Paris", "« Paris » n'est ni une commune"), ("autour=28134&rayon=1000", "de 1 à 100")]
    {
        let answer = app.get(&format!("/api/pins?{query}")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(answer.body.contains(says), "{query}: {}", answer.body);
    }
}

#[tokio::test]
async fn an_address_typed_around_is_placed_by_the_geocoder_in_the_page_pins_and_exports() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let service = format!("http://{}/search", listener.local_addr().unwrap());
    tokio::spawn(async move { app::geocoder::standin::serve(listener).await.unwrap() });
    let mut app = TestApp::new().await;
    app.db = app.db.clone().with_geocoder(Some(app::geocoder::Geocoder::new(&service).unwrap()));
    app.router = common::router_on(&app.db).await;
    let view = "autour=place+Metezeau+Dreux&rayon=20";
    let geojson: serde_json::Value =
        serde_json::from_str(&app.get(&format!("/api/initiatives.geojson?{view}")).await.body).unwrap();
    let exported: HashSet<i64> =
        geojson["features"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
    // Place Métezeau is in the middle of Dreux: the same initiatives as around Dreux's centre
    // would be a coincidence of the demo data, so the reference is the address's own position.
    let around_position = app.pin_ids("?autour=48.73712%2C1.36632&rayon=20").await;
    assert!(!exported.is_empty());
    assert_eq!(exported, around_position, "the address is placed where the service says");
    assert_eq!(app.pin_ids(&format!("?{view}")).await, exported, "the map's pins are the export's");
    let page = app.get(&format!("/?{view}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"place Metezeau Dreux\""), "the panel keeps the words typed");
    assert!(page.body.contains("Adresse trouvée :"), "and says which address they named");
    assert!(page.body.contains("Place Métezeau 28100 Dreux"));
    assert!(page.body.contains("Adresse, commune ou position"), "the field says it takes addresses");
    let english = app.get(&format!("/en?{view}")).await;
    assert!(english.body.contains("Address found:") && english.body.contains("Address, town or position"));
    let far = app.get("/api/pins?autour=vieux+port").await;
    assert_eq!(far.status, StatusCode::BAD_REQUEST);
    assert!(far.body.contains("loin de l'Eure-et-Loir"), "{}", far.body);
    // A service that fails is no fault of the request: 503, for the pins, the exports and the
    // calendar feeds subscribed to (they try again later rather than drop the address).
    for path in ["/api/pins?autour=rue+en+panne", "/api/evenements.ics?autour=gare+en+panne"] {
        let down = app.get(path).await;
        assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(down.body.contains("Le service d'adresses ne répond pas"), "{path}: {}", down.body);
    }
}

#[tokio::test]
async fn pages_answer_in_english_under_en_with_the_holders_english_summary() {
    let app = TestApp::new().await;
    let map = app.get("/en?bassin=dreux").await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(map.body.contains("<html lang=\"en\""), "the English map says its language");
    assert!(map.body.contains("Who can help me choose my path in Eure-et-Loir?"));
    assert!(map.body.contains("hreflang=\"fr\"") && map.body.contains("hreflang=\"en\""), "both addresses named");
    assert!(map.body.contains("href=\"/en/initiatives/"), "its list leads to English pages");
    assert!(!map.body.contains("Qui peut m'aider"), "no French heading left");
    let french = app.get("/?bassin=dreux").await.body;
    assert!(french.contains("<html lang=\"fr\""), "the French map says its language");
    // An initiative's own texts stay French; its English summary, when its holder wrote one,
    // is what English readers get instead of the French one.
    let input = InitiativeInput {
        title: "Portes ouvertes du lycée agricole".into(),
        summary: "Découvrir les métiers de l'agriculture et du paysage.".into(),
        summary_en: Some("Discover farming and landscape jobs at the open day.".into()),
        kind: "visite-entreprise".into(),
        themes: vec![app::domain::Theme::Competences],
        audiences: vec![app::domain::Audience::ToutPublic],
        commune: "28085".into(),
        lat: 48.447,
        lon: 1.489,
        organisation: "Lycée".into(),
        ..InitiativeInput::default()
    };
    let id = app.db.create_initiative(&input, Status::Published, false).await.unwrap();
    let english = app.get(&format!("/en/initiatives/{id}")).await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english.body.contains("<p lang=\"en\" class=\"initiative__summary\">Discover farming and landscape jobs"),
        "the English summary shown"
    );
    assert!(english.body.contains("In practice"));
    assert!(english.body.contains("<h1 lang=\"fr\">Portes ouvertes"), "the holder's French words are marked as French");
    let french = app.get(&format!("/initiatives/{id}")).await.body;
    // (The English summary travels in the page's data; the page shows the French one.)
    assert!(french.contains("class=\"initiative__summary\">Découvrir les métiers"), "the French summary shown");
    assert!(french.contains("En pratique"));
    // The exports carry it, under a machine name like every other field.
    let geojson: serde_json::Value = serde_json::from_str(&app.get("/api/initiatives.geojson").await.body).unwrap();
    let feature = geojson["features"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap().clone();
    assert_eq!(feature["properties"]["summary_en"], "Discover farming and landscape jobs at the open day.");
    let csv = app.get("/api/initiatives.csv").await.body;
    let mut reader =
        ::csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let english = reader.headers().unwrap().iter().position(|h| h == "presentation_resume_en").unwrap();
    let row = reader.records().map(Result::unwrap).find(|r| r[0] == id.to_string()).unwrap();
    assert_eq!(&row[english], "Discover farming and landscape jobs at the open day.");
    // An English address that is no page is the English 404.
    let missing = app.get("/en/nulle-part").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Page not found"));
}

#[tokio::test]
async fn a_first_visit_preferring_english_is_sent_to_the_english_page_once() {
    let app = TestApp::new().await;
    let english_browser =
        [("accept", "text/html,application/xhtml+xml"), ("accept-language", "en-GB,en;q=0.9,fr;q=0.5")];
    let (status, headers, _) = app.get_raw("/initiatives/1?x=1", &english_browser).await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(headers[header::LOCATION], "/en/initiatives/1?x=1");
    // The first page served marks the visit; from then on the address is obeyed.
    let (status, headers, _) = app.get_raw("/en", &english_browser).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::SET_COOKIE].to_str().unwrap().starts_with("langue=en;"), "{headers:?}");
    let with_cookie = [english_browser[0], english_browser[1], ("cookie", "langue=en")];
    let (status, headers, _) = app.get_raw("/", &with_cookie).await;
    assert_eq!(status, StatusCode::OK, "the switch to French is obeyed");
    assert!(!headers.contains_key(header::SET_COOKIE));
    // Coming from one of the site's pages is no first visit (the switch to French works in a
    // browser that refuses cookies).
    let switched =
        [english_browser[0], english_browser[1], ("host", "127.0.0.1:3000"), ("referer", "http://127.0.0.1:3000/en")];
    let (status, _, _) = app.get_raw("/", &switched).await;
    assert_eq!(status, StatusCode::OK);
    let elsewhere =
        [english_browser[0], english_browser[1], ("host", "127.0.0.1:3000"), ("referer", "https://mairie.example.fr/")];
    let (status, _, _) = app.get_raw("/", &elsewhere).await;
    assert_eq!(status, StatusCode::FOUND, "a link from a partner's site is a first visit");
    // A French browser stays; the embed page (inside partners' sites) and the API are never
    // redirected nor given a cookie.
    let (status, headers, _) =
        app.get_raw("/", &[("accept", "text/html"), ("accept-language", "fr-FR,fr;q=0.9,en;q=0.8")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::SET_COOKIE].to_str().unwrap().starts_with("langue=fr;"));
    let (status, headers, _) = app.get_raw("/integrer?bassin=dreux", &english_browser).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key(header::SET_COOKIE));
    let (status, _, _) = app.get_raw("/api/initiatives.geojson", &english_browser).await;
    assert_eq!(status, StatusCode::OK);
    // The English embed page may be framed, like the French one; the English map may not.
    let (_, headers, _) = app.get_raw("/en/integrer", &[("cookie", "langue=en")]).await;
    assert!(!headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));
    let (_, headers, _) = app.get_raw("/en", &[("cookie", "langue=en")]).await;
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));
}

/// A server function answers the page's own calls (`Accept: application/x-postcard`, as
/// server_fn sends it) in postcard, labelled so, and any other caller in JSON labelled JSON:
/// the same view either way, and the same refusal (app/src/wire.rs, src/wire_answers.rs).
#[tokio::test]
async fn a_server_function_answers_the_page_in_postcard_and_anyone_else_in_json() {
    use app::domain::MapData;
    use app::error::AppError;
    use app::wire::WireEncoding;
    use leptos::server_fn::Decodes;
    let app = TestApp::new().await;
    let router = &app.router;
    let post = |query: &'static str, accept: &'static str| async move {
        let form = [("query", query)];
        let response = common::call_accepting(router, "/api/load_map_data", &form, None, None, accept).await;
        let (parts, body) = response.into_parts();
        let label = parts.headers.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string());
        (parts.status, label, body.collect().await.unwrap().to_bytes())
    };
    let (status, label, postcard) = post("bassin=dreux", "application/x-postcard").await;
    assert_eq!((status, label.as_deref()), (StatusCode::OK, Some("application/x-postcard")));
    let (status, label, json) = post("bassin=dreux", "application/json").await;
    assert_eq!((status, label.as_deref()), (StatusCode::OK, Some("application/json")));
    let from_postcard: MapData = WireEncoding::decode(postcard.clone()).unwrap();
    let from_json: MapData = serde_json::from_slice(&json).unwrap();
    assert_eq!(from_postcard, from_json);
    assert!(!from_postcard.list.items.is_empty() && from_postcard.list.items.iter().all(|i| i.area_name == "Dreux"));
    assert!(postcard.len() < json.len(), "postcard {} B, JSON {} B", postcard.len(), json.len());
    // A refusal: the same status, its message readable either way.
    let (status, label, postcard) = post("bassin=paris", "text/html, application/x-postcard;q=0.9").await;
    assert_eq!((status, label.as_deref()), (StatusCode::BAD_REQUEST, Some("application/x-postcard")));
    let (json_status, label, json) = post("bassin=paris", "*/*").await;
    assert_eq!((json_status, label.as_deref()), (StatusCode::BAD_REQUEST, Some("application/json")));
    let refusal: AppError = WireEncoding::decode(postcard).unwrap();
    assert!(
        matches!(&refusal, AppError::BadRequest(message) if message.french.contains("Bassin inconnu")),
        "{refusal:?}"
    );
    assert_eq!(refusal, serde_json::from_slice::<AppError>(&json).unwrap());
}

//! The data layer and the server functions against a real SQLite file holding the demo data.
#![cfg(feature = "ssr")]

use std::collections::HashSet;

use app::data::{DataError, Db};
use app::domain::{Audience, InitiativeInput, Status, Theme};
use app::error::AppError;
use app::initiatives::get_initiative;
use app::map::load_map_data;
use leptos::prelude::{provide_context, Owner};

/// A fresh database file (in a folder that does not exist yet) with the demo data loaded.
async fn demo_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/folder/carte.db", dir.path().display());
    let db = Db::connect(&url).await.expect("database opens and migrates");
    db.load_demo_if_empty().await.expect("demo data loads");
    (db, dir)
}

/// Runs server functions as the server does: with the database in the reactive context.
fn with_db(db: &Db) -> Owner {
    let owner = Owner::new();
    owner.set();
    provide_context(db.clone());
    owner
}

fn ids(rows: &[(i64, String)]) -> HashSet<i64> {
    rows.iter().map(|(id, _)| *id).collect()
}

#[tokio::test]
async fn the_database_file_and_its_folder_are_created_and_the_gazetteer_is_loaded() {
    let (db, dir) = demo_db().await;
    assert!(dir.path().join("nested/folder/carte.db").exists());
    assert_eq!(db.commune_count().await.unwrap(), 363);
}

#[tokio::test]
async fn demo_data_covers_every_area_and_kind_and_holds_non_public_initiatives() {
    let (db, _dir) = demo_db().await;
    let published = db.published_summaries(&Default::default()).await.unwrap();
    assert!(published.len() >= 60, "only {} published demo initiatives", published.len());
    assert!(published.iter().all(|i| i.is_demo));
    let areas: HashSet<_> = published.iter().map(|i| i.area_name.as_str()).collect();
    assert_eq!(areas, HashSet::from(["Chartres", "Dreux", "Châteaudun", "Nogent-le-Rotrou"]));
    let kinds: HashSet<_> = published.iter().map(|i| i.kind.clone()).collect();
    let all_kinds: HashSet<_> = db.kinds().await.unwrap().into_iter().map(|k| k.code).collect();
    assert_eq!(kinds, all_kinds, "every kind has a published demo initiative");
    for status in [Status::Draft, Status::Pending, Status::Rejected, Status::Archived] {
        assert!(!db.titles_with_status(status).await.unwrap().is_empty(), "no demo initiative is {status:?}");
    }
}

#[tokio::test]
async fn reloading_the_demo_replaces_it_instead_of_duplicating_it() {
    let (db, _dir) = demo_db().await;
    let before = db.initiative_count().await.unwrap();
    assert_eq!(db.load_demo_if_empty().await.unwrap(), 0, "a non-empty database is left alone");
    db.load_demo().await.unwrap();
    assert_eq!(db.initiative_count().await.unwrap(), before);
}

#[tokio::test]
async fn the_map_data_holds_exactly_the_published_initiatives() {
    let (db, _dir) = demo_db().await;
    let _owner = with_db(&db);
    let data = load_map_data(String::new()).await.expect("map data");
    let shown: HashSet<i64> = data.list.items.iter().map(|i| i.id).collect();
    assert_eq!(shown, ids(&db.titles_with_status(Status::Published).await.unwrap()));
    assert_eq!(data.kinds.len(), 11);
    for pin in &data.list.items {
        assert!(app::domain::within_department(pin.lat, pin.lon), "{} is outside", pin.title);
        assert!(pin.path.starts_with(&format!("/initiatives/{}-", pin.id)), "{}", pin.path);
    }
}

/// The map's data reaches the page in postcard (`app::wire`), which has no field names: a field
/// it cannot carry (`skip_serializing_if`…) makes every field after it misread, or the reading
/// fail. The demo's whole view, dates and hours included, and an error, read back as sent.
#[tokio::test]
async fn the_map_data_and_its_errors_reach_the_page_as_sent() {
    use app::wire::WireCodec;
    use leptos::server::codee::{Decoder, Encoder};
    let (db, _dir) = demo_db().await;
    let _owner = with_db(&db);
    let data = load_map_data(String::new()).await.expect("map data");
    assert!(data.list.items.iter().any(|i| i.start_date.is_some()), "the demo has dated initiatives");
    assert!(data.list.items.iter().any(|i| i.start_time.is_some()), "the demo has hours");
    assert!(data.list.items.iter().any(|i| i.start_time.is_none()), "the demo has initiatives without hours");
    let view: Result<_, AppError> = Ok(data);
    let bytes = <WireCodec as Encoder<_>>::encode(&view).unwrap();
    assert_eq!(<WireCodec as Decoder<Result<_, AppError>>>::decode(&bytes).unwrap(), view);
    let refused = load_map_data("bassin=paris".into()).await;
    let bytes = <WireCodec as Encoder<_>>::encode(&refused).unwrap();
    assert_eq!(<WireCodec as Decoder<Result<_, AppError>>>::decode(&bytes).unwrap(), refused);
}

#[tokio::test]
async fn the_map_data_follows_the_url_query_and_refuses_nonsense() {
    let (db, _dir) = demo_db().await;
    let _owner = with_db(&db);
    let dreux = load_map_data("?bassin=dreux&kind=job-dating".into()).await.expect("filtered view");
    assert!(!dreux.list.items.is_empty());
    assert!(dreux.list.items.iter().all(|i| i.area_name == "Dreux" && i.kind == "job-dating"));
    assert_eq!(dreux.filters.to_query(), "kind=job-dating&bassin=dreux");
    assert_eq!(dreux.areas.len(), 4);
    let job_datings_by_area: i64 = dreux.facets.areas.iter().map(|(_, n)| n).sum();
    assert!(job_datings_by_area > dreux.list.items.len() as i64, "area counts ignore the area filter");
    match load_map_data("bassin=paris".into()).await {
        Err(AppError::BadRequest(message)) => {
            assert!(
                message.french.contains("Bassin inconnu") && message.english.contains("Unknown employment area"),
                "{message}"
            )
        }
        other => panic!("expected a 400, got {other:?}"),
    }
}

#[tokio::test]
async fn only_published_initiatives_can_be_read_one_by_one() {
    let (db, _dir) = demo_db().await;
    let _owner = with_db(&db);
    let (published_id, published_title) = db.titles_with_status(Status::Published).await.unwrap()[0].clone();
    let detail = get_initiative(published_id).await.expect("published initiative");
    assert_eq!(detail.title, published_title);
    assert!(!detail.themes.is_empty() && !detail.audiences.is_empty());
    for status in [Status::Draft, Status::Pending, Status::Rejected, Status::Archived] {
        for (id, _) in db.titles_with_status(status).await.unwrap() {
            assert_eq!(get_initiative(id).await, Err(AppError::NotFound), "{status:?} initiative {id} leaked");
        }
    }
    assert_eq!(get_initiative(987_654).await, Err(AppError::NotFound));
}

fn valid_input() -> InitiativeInput {
    InitiativeInput {
        title: "Atelier découverte des métiers du soin".into(),
        summary: "Deux heures pour découvrir les métiers du soin avec des professionnels.".into(),
        summary_en: None,
        description: String::new(),
        kind: "atelier-se-connaitre".into(),
        themes: vec![Theme::SeConnaitre],
        audiences: vec![Audience::Lyceens, Audience::Lyceens],
        commune: "28134".into(),
        lat: 48.737,
        lon: 1.366,
        address: Some("   ".into()),
        organisation: "Lycée Rotrou".into(),
        website: None,
        email: None,
        phone: None,
        start_date: None,
        end_date: None,
        start_time: None,
        end_time: None,
    }
}

#[tokio::test]
async fn invalid_input_is_refused_with_its_reasons_and_nothing_is_stored() {
    let (db, _dir) = demo_db().await;
    let before = db.initiative_count().await.unwrap();
    let outside = InitiativeInput { lat: 48.8566, lon: 2.3522, commune: "75056".into(), ..valid_input() };
    match db.create_initiative(&outside, Status::Published, false).await {
        Err(DataError::Invalid(errors)) => {
            assert!(errors.for_field(app::domain::Field::Location).is_some());
            assert!(errors.for_field(app::domain::Field::Commune).is_some());
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(db.initiative_count().await.unwrap(), before);
}

#[tokio::test]
async fn a_stored_initiative_takes_its_area_from_its_commune() {
    let (db, _dir) = demo_db().await;
    let id = db.create_initiative(&valid_input(), Status::Published, false).await.unwrap();
    let detail = db.published_detail(id).await.unwrap().expect("published");
    assert_eq!(detail.commune_name, "Dreux");
    assert_eq!(detail.area.code, "dreux");
    assert_eq!(detail.audiences, vec![Audience::Lyceens], "duplicates are stored once");
    assert_eq!(detail.address, None, "blank optional fields are stored as absent");
    assert!(!detail.is_demo);
}

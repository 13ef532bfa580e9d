//! What keeps views usable at 50 000 initiatives, against a real SQLite file: pages of the
//! list, the compact pin payload, the data revision that keys caches, orders in SQL.
#![cfg(feature = "ssr")]

use std::collections::HashSet;

use app::data::Db;
use app::domain::ordering::title_key;
use app::domain::{Audience, Facets, Filters, InitiativeInput, PinSet, Sort, Status, Theme, PAGE_SIZE};
use chrono::{Duration, Utc};

async fn empty_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    (db, dir)
}

fn on_page(page: u32) -> Filters {
    Filters::default().on_page(page)
}

fn input(title: &str) -> InitiativeInput {
    InitiativeInput {
        title: title.into(),
        summary: "Un résumé assez long pour être valide.".into(),
        kind: "forum-metiers".into(),
        themes: vec![Theme::Competences],
        audiences: vec![Audience::ToutPublic],
        commune: "28085".into(),
        lat: 48.447,
        lon: 1.489,
        organisation: "Structure".into(),
        ..InitiativeInput::default()
    }
}

#[tokio::test]
async fn the_list_comes_in_pages_that_cover_the_view_once_in_name_order() {
    let (db, _dir) = empty_db().await;
    db.seed_synthetic(250).await.unwrap();
    let mut seen = Vec::new();
    for page in 1..=3 {
        let list = db.published_page(&on_page(page)).await.unwrap();
        assert_eq!((list.total, list.page, list.pages), (250, page, 3));
        assert_eq!(list.items.len(), if page < 3 { PAGE_SIZE as usize } else { 50 });
        assert_eq!(list.first_rank(), u64::from(page - 1) * u64::from(PAGE_SIZE) + 1);
        seen.extend(list.items);
    }
    let ids: HashSet<i64> = seen.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 250, "no initiative on two pages, none missing");
    let keys: Vec<String> = seen.iter().map(|s| title_key(&s.title)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "name order runs across pages");
    let past = db.published_page(&on_page(4)).await.unwrap();
    assert!(past.items.is_empty());
    assert_eq!((past.total, past.pages), (250, 3), "a page past the end says where the list ends");
}

#[tokio::test]
async fn a_search_comes_in_pages_too_with_the_same_total_as_its_count_and_its_pins() {
    let (db, _dir) = empty_db().await;
    // Every synthetic title names its kind: about one in eleven is a « Job dating ».
    db.seed_synthetic(1500).await.unwrap();
    let search = |page: u32| Filters { q: Some("job dating".into()), ..Filters::default() }.on_page(page);
    let count = db.published_count(&search(1)).await.unwrap();
    assert!(count > u64::from(PAGE_SIZE), "the search spans several pages ({count} found)");
    let pins = db.published_pins(&search(1)).await.unwrap();
    assert_eq!(pins.pins.len() as u64, count, "map and list show the same set");
    let pages = count.div_ceil(u64::from(PAGE_SIZE)) as u32;
    let mut seen = HashSet::new();
    for page in 1..=pages {
        let list = db.published_page(&search(page)).await.unwrap();
        assert_eq!((list.total, list.pages), (count, pages));
        assert!(list.items.iter().all(|s| s.title.contains("Job dating")), "only matches");
        seen.extend(list.items.iter().map(|s| s.id));
    }
    assert_eq!(seen.len() as u64, count, "no match on two pages, none missing");
    let past = db.published_page(&search(pages + 1)).await.unwrap();
    assert!(past.items.is_empty());
    assert_eq!((past.total, past.pages), (count, pages));
}

#[tokio::test]
async fn the_pins_of_a_view_are_exactly_its_set_and_survive_the_wire() {
    let (db, _dir) = empty_db().await;
    db.load_demo().await.unwrap();
    db.seed_synthetic(300).await.unwrap();
    for filters in [
        Filters::default(),
        Filters { areas: vec!["dreux".into()], ..Filters::default() },
        Filters { q: Some("forum".into()), kinds: vec!["forum-metiers".into()], ..Filters::default() },
    ] {
        let set: HashSet<i64> = db.published_summaries(&filters).await.unwrap().iter().map(|s| s.id).collect();
        let pins = PinSet::decode(&db.published_pins(&filters).await.unwrap().encode()).unwrap();
        let ids: Vec<i64> = pins.pins.iter().map(|p| p.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id");
        assert_eq!(ids.iter().copied().collect::<HashSet<_>>(), set, "{filters:?}");
        assert_eq!(db.published_count(&filters).await.unwrap(), set.len() as u64);
        assert_eq!(pins.kinds.len(), 11);
        for summary in db.published_summaries(&filters).await.unwrap().iter().take(20) {
            let pin = pins.pins.iter().find(|p| p.id == summary.id).unwrap();
            assert_eq!(pins.kind_of(pin).code, summary.kind);
            assert!((pin.lat - summary.lat).abs() < 2e-5 && (pin.lon - summary.lon).abs() < 2e-5);
        }
    }
}

#[tokio::test]
async fn every_write_changes_the_data_revision() {
    let (db, _dir) = empty_db().await;
    let before = db.revision().await.unwrap();
    assert_eq!(db.revision().await.unwrap(), before, "reading changes nothing");
    db.create_initiative(&input("Forum des métiers de Lucé"), Status::Draft, false).await.unwrap();
    let after_insert = db.revision().await.unwrap();
    assert!(after_insert > before);
    db.load_demo().await.unwrap();
    assert!(db.revision().await.unwrap() > after_insert);
}

#[tokio::test]
async fn the_revisions_kept_between_requests_follow_every_write_of_this_process_at_once() {
    let (db, _dir) = empty_db().await;
    let before = db.revisions().await.unwrap();
    assert_eq!(db.revisions().await.unwrap(), before, "reading changes nothing");
    db.create_initiative(&input("Forum des métiers de Lucé"), Status::Published, false).await.unwrap();
    let after = db.revisions().await.unwrap();
    assert!(after.data > before.data && after.published > before.published, "{before:?} then {after:?}");
    // Routes and server functions hold clones of one handle: a write on one is seen on all.
    let clone = db.clone();
    clone.create_initiative(&input("Forum des métiers de Mainvilliers"), Status::Draft, false).await.unwrap();
    let later = db.revisions().await.unwrap();
    assert!(later.data > after.data, "a draft moves the data revision: {after:?} then {later:?}");
    assert_eq!(later.published, after.published, "not what the public sees");
}

#[tokio::test]
async fn another_process_writing_the_same_file_reaches_the_kept_revisions_within_a_moment() {
    let (db, dir) = empty_db().await;
    // Another handle on the file, as the command line or a second server opens it.
    let other = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    let before = db.revisions().await.unwrap();
    other.create_initiative(&input("Forum des métiers de Lucé"), Status::Published, false).await.unwrap();
    tokio::time::sleep(app::data::REVISIONS_FRESH_FOR + std::time::Duration::from_millis(50)).await;
    let after = db.revisions().await.unwrap();
    assert!(after.published > before.published, "{before:?} then {after:?}");
}

#[tokio::test]
async fn the_write_ahead_log_is_still_checkpointed_into_the_database() {
    // Counting commits replaces SQLite's automatic checkpoints (its WAL hook): without one done
    // by hand, the log would grow with every write for as long as the server runs.
    let (db, dir) = empty_db().await;
    let long = "Des ateliers pour découvrir les métiers de l'industrie, rencontrer des apprentis. ".repeat(48);
    for n in 0..500 {
        let initiative = InitiativeInput { description: long.clone(), ..input(&format!("Atelier découverte {n}")) };
        db.create_initiative(&initiative, Status::Published, false).await.unwrap();
    }
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).map(|m| m.len()).unwrap_or(0);
    let (database, log) = (size("carte.db"), size("carte.db-wal"));
    // About 5.5 MB written in all, in 500 commits; SQLite checkpoints at 1 000 pages of 4 KiB.
    assert!(database > 3_000_000, "the writes reached the database file: {database} bytes");
    assert!(log < 4_500_000, "the log was reused after a checkpoint: {log} bytes");
}

#[tokio::test]
async fn the_counts_beside_the_options_follow_every_write_at_once() {
    let (db, _dir) = empty_db().await;
    let forums = |facets: &Facets| Facets::count(&facets.kinds, "forum-metiers");
    let dreux = Filters { areas: vec!["dreux".into()], ..Filters::default() };
    assert_eq!(forums(&db.facets(&Filters::default()).await.unwrap()), 0);
    db.create_initiative(&input("Forum des métiers de Chartres"), Status::Published, false).await.unwrap();
    assert_eq!(forums(&db.facets(&Filters::default()).await.unwrap()), 1, "a kept count is not served stale");
    assert_eq!(forums(&db.facets(&dreux).await.unwrap()), 0, "each view has its own counts");
    assert_eq!(forums(&db.facets(&Filters::default().on_page(2)).await.unwrap()), 1, "pages share them");
}

#[tokio::test]
async fn the_pages_of_the_list_follow_every_write_at_once() {
    let (db, _dir) = empty_db().await;
    let titles = |page: app::domain::ListPage| page.items.into_iter().map(|s| s.title).collect::<Vec<_>>();
    let by_date = Filters { sort: Some(Sort::Date), ..Filters::default() };
    assert!(titles(db.published_page(&Filters::default()).await.unwrap()).is_empty());
    // Dated: the order by date puts it before the permanent offer below, the order by name after.
    let forum = InitiativeInput {
        start_date: Some(Utc::now().date_naive() + Duration::days(10)),
        ..input("Forum des métiers de Chartres")
    };
    db.create_initiative(&forum, Status::Published, false).await.unwrap();
    assert_eq!(
        titles(db.published_page(&Filters::default()).await.unwrap()),
        ["Forum des métiers de Chartres"],
        "a kept page is not served stale"
    );
    assert_eq!(titles(db.published_page(&by_date).await.unwrap()), ["Forum des métiers de Chartres"]);
    db.create_initiative(&input("Atelier CV"), Status::Published, false).await.unwrap();
    db.create_initiative(&input("Brouillon"), Status::Draft, false).await.unwrap();
    let page = db.published_page(&Filters::default()).await.unwrap();
    assert_eq!((page.total, page.pages), (2, 1));
    assert_eq!(titles(page), ["Atelier CV", "Forum des métiers de Chartres"]);
    assert_eq!(
        titles(db.published_page(&by_date).await.unwrap()),
        ["Forum des métiers de Chartres", "Atelier CV"],
        "each order has its own page"
    );
    assert!(titles(db.published_page(&on_page(2)).await.unwrap()).is_empty(), "each page its own");
    let dreux = Filters { areas: vec!["dreux".into()], ..Filters::default() };
    assert!(titles(db.published_page(&dreux).await.unwrap()).is_empty(), "each view its own");
}

#[tokio::test]
async fn summaries_by_id_keep_the_order_asked_and_leave_out_what_is_not_public() {
    let (db, _dir) = empty_db().await;
    let a = db.create_initiative(&input("Alpha des métiers"), Status::Published, false).await.unwrap();
    let b = db.create_initiative(&input("Bêta des métiers"), Status::Published, false).await.unwrap();
    let hidden = db.create_initiative(&input("Brouillon"), Status::Draft, false).await.unwrap();
    let found = db.published_summaries_by_id(&[b, hidden, a, 999_999]).await.unwrap();
    assert_eq!(found.iter().map(|s| s.id).collect::<Vec<_>>(), vec![b, a]);
    assert!(db.published_summaries_by_id(&[]).await.unwrap().is_empty());
}

#[tokio::test]
async fn soonest_dates_come_first_then_permanent_offers_then_past_events() {
    let (db, _dir) = empty_db().await;
    let today = Utc::now().date_naive();
    let dated = |title: &str, start: Option<i64>, end: Option<i64>| InitiativeInput {
        start_date: start.map(|d| today + Duration::days(d)),
        end_date: end.map(|d| today + Duration::days(d)),
        ..input(title)
    };
    let permanent = db.create_initiative(&dated("Permanent", None, None), Status::Published, false).await.unwrap();
    let long_past = db
        .create_initiative(&dated("Passé depuis longtemps", Some(-300), None), Status::Published, false)
        .await
        .unwrap();
    let past = db.create_initiative(&dated("Passé", Some(-30), None), Status::Published, false).await.unwrap();
    let soon = db.create_initiative(&dated("Bientôt", Some(10), None), Status::Published, false).await.unwrap();
    let ongoing =
        db.create_initiative(&dated("En cours", Some(-20), Some(60)), Status::Published, false).await.unwrap();
    let today_only =
        db.create_initiative(&dated("Aujourd'hui", Some(0), None), Status::Published, false).await.unwrap();
    let later = db.create_initiative(&dated("Plus tard", Some(150), None), Status::Published, false).await.unwrap();
    let by_date = Filters { sort: Some(Sort::Date), ..Filters::default() };
    let order: Vec<i64> = db.published_summaries(&by_date).await.unwrap().iter().map(|s| s.id).collect();
    assert_eq!(order, vec![ongoing, today_only, soon, later, permanent, past, long_past]);
    let page: Vec<i64> = db.published_page(&by_date).await.unwrap().items.iter().map(|s| s.id).collect();
    assert_eq!(page, order, "the page has the list's order");
}

#[tokio::test]
async fn names_sort_the_french_way_in_the_database() {
    let (db, _dir) = empty_db().await;
    for title in ["Zéro déchet", "« Un jour, un métier »", "École ouverte", "atelier CV", "Étoile du berger"] {
        db.create_initiative(&input(title), Status::Published, false).await.unwrap();
    }
    let titles: Vec<String> =
        db.published_summaries(&Filters::default()).await.unwrap().into_iter().map(|s| s.title).collect();
    assert_eq!(
        titles,
        vec!["atelier CV", "École ouverte", "Étoile du berger", "« Un jour, un métier »", "Zéro déchet"]
    );
}

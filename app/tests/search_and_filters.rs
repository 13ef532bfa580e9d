//! Filters and French full-text search over the demo data, against a real SQLite file.
#![cfg(feature = "ssr")]

use std::collections::HashSet;

use app::data::{Db, Facet};
use app::domain::filters::fold_words;
use app::domain::{Audience, Filters, InitiativeDetail, InitiativeInput, Status, Theme};

async fn demo_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    db.load_demo_if_empty().await.unwrap();
    (db, dir)
}

fn search(q: &str) -> Filters {
    Filters { q: Some(q.to_string()), ..Filters::default() }
}

async fn ids(db: &Db, filters: &Filters) -> Vec<i64> {
    db.published_summaries(filters).await.unwrap().iter().map(|s| s.id).collect()
}

/// A workshop in Chartres for everyone, named and described by `title` and `summary`.
fn workshop(title: &str, summary: &str, organisation: &str) -> InitiativeInput {
    InitiativeInput {
        title: title.into(),
        summary: summary.into(),
        kind: "atelier-se-connaitre".into(),
        themes: vec![Theme::Competences],
        audiences: vec![Audience::ToutPublic],
        commune: "28085".into(),
        lat: 48.447,
        lon: 1.489,
        organisation: organisation.into(),
        ..InitiativeInput::default()
    }
}

/// Every searchable word of an initiative, folded as the search folds them.
fn searchable_words(d: &InitiativeDetail) -> Vec<String> {
    let mut text = vec![d.title.clone(), d.summary.clone(), d.description.clone(), d.organisation.clone()];
    text.extend([d.commune_name.clone(), d.area.name.clone(), d.kind.label.clone()]);
    text.extend(d.themes.iter().map(|t| t.label().to_string()));
    text.extend(d.audiences.iter().map(|a| a.label().to_string()));
    fold_words(&text.join(" "))
}

#[tokio::test]
async fn search_ignores_case_accents_and_word_order_and_finds_theme_labels() {
    let (db, _dir) = demo_db().await;
    let found = db.all_published_details(&search("ecole entreprise")).await.unwrap();
    assert!(!found.is_empty());
    for detail in &found {
        let words = searchable_words(detail);
        for wanted in ["ecole", "entreprise"] {
            assert!(words.iter().any(|w| w.starts_with(wanted)), "{} matched without {wanted}", detail.title);
        }
    }
    let with_theme: HashSet<i64> = db
        .all_published_details(&Filters { themes: vec![Theme::EcoleEntreprise], ..Filters::default() })
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    let found_ids: HashSet<i64> = found.iter().map(|d| d.id).collect();
    assert!(with_theme.is_subset(&found_ids), "every « Relation école / entreprise » initiative is found");
    let reversed: HashSet<i64> = ids(&db, &search("ENTREPRISE École")).await.into_iter().collect();
    assert_eq!(reversed, found_ids);
    let chateaudun = ids(&db, &search("Chateaudun")).await;
    assert!(!chateaudun.is_empty(), "the index folds accents: Chateaudun finds Châteaudun");
    assert_eq!(chateaudun, ids(&db, &search("CHÂTEAUDUN")).await);
    assert!(ids(&db, &search("xylophoniste")).await.is_empty());
}

#[tokio::test]
async fn search_ranks_title_matches_first() {
    let (db, _dir) = demo_db().await;
    let found = db.published_summaries(&search("job dating dreux")).await.unwrap();
    assert!(!found.is_empty());
    let first = fold_words(&found[0].title).join(" ");
    assert!(first.contains("job dating"), "first result: {}", found[0].title);
    assert_eq!(found[0].area_name, "Dreux");
}

#[tokio::test]
async fn each_filter_narrows_to_matching_initiatives_only() {
    let (db, _dir) = demo_db().await;
    let all = db.all_published_details(&Filters::default()).await.unwrap();
    let dreux_forums = Filters {
        areas: vec!["dreux".into()],
        kinds: vec!["forum-metiers".into(), "job-dating".into()],
        ..Filters::default()
    };
    let expected: HashSet<i64> = all
        .iter()
        .filter(|d| d.area.code == "dreux" && ["forum-metiers", "job-dating"].contains(&d.kind.code.as_str()))
        .map(|d| d.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&db, &dreux_forums).await.into_iter().collect::<HashSet<_>>(), expected);

    let collegiens = Filters { audiences: vec![Audience::Collegiens], ..Filters::default() };
    let expected: HashSet<i64> =
        all.iter().filter(|d| d.audiences.contains(&Audience::Collegiens)).map(|d| d.id).collect();
    assert_eq!(ids(&db, &collegiens).await.into_iter().collect::<HashSet<_>>(), expected);

    let today = chrono::Utc::now().date_naive();
    let upcoming = Filters { upcoming: true, ..Filters::default() };
    let expected: HashSet<i64> = all
        .iter()
        .filter(|d| d.start_date.is_some() && d.end_date.or(d.start_date).unwrap() >= today)
        .map(|d| d.id)
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.len());
    assert_eq!(ids(&db, &upcoming).await.into_iter().collect::<HashSet<_>>(), expected);

    let chartres = Filters { commune: Some("28085".into()), ..Filters::default() };
    assert!(db.all_published_details(&chartres).await.unwrap().iter().all(|d| d.commune_name == "Chartres"));
}

#[tokio::test]
async fn facet_counts_apply_every_other_filter() {
    let (db, _dir) = demo_db().await;
    let dreux = Filters { areas: vec!["dreux".into()], ..Filters::default() };
    let in_dreux = ids(&db, &dreux).await.len() as i64;
    let kinds = db.facet_counts(&dreux, Facet::Kind).await.unwrap();
    assert_eq!(kinds.iter().map(|(_, n)| n).sum::<i64>(), in_dreux, "each initiative has one kind");
    // The area facet ignores the area filter: it tells what choosing another area would give.
    let areas = db.facet_counts(&dreux, Facet::Area).await.unwrap();
    assert_eq!(areas.len(), 4);
    for (area, count) in areas {
        let only = Filters { areas: vec![area.clone()], ..Filters::default() };
        assert_eq!(count, ids(&db, &only).await.len() as i64, "{area}");
    }
    let themes = db.facet_counts(&dreux, Facet::Theme).await.unwrap();
    for (theme, count) in themes {
        let both = Filters { themes: vec![Theme::from_code(&theme).unwrap()], ..dreux.clone() };
        assert_eq!(count, ids(&db, &both).await.len() as i64, "{theme}");
    }
}

#[tokio::test]
async fn a_new_initiative_is_searchable_at_once_and_private_ones_never_are() {
    let (db, _dir) = demo_db().await;
    let input = workshop(
        "Découverte des métiers de l'horlogerie",
        "Un atelier pour découvrir la réparation de montres et d'horloges anciennes.",
        "Atelier du Temps",
    );
    let published = db.create_initiative(&input, Status::Published, false).await.unwrap();
    let draft = db
        .create_initiative(
            &InitiativeInput { title: "Horlogerie : brouillon privé".into(), ..input.clone() },
            Status::Draft,
            false,
        )
        .await
        .unwrap();
    let found = ids(&db, &search("HORLOGERIE")).await;
    assert!(found.contains(&published));
    assert!(!found.contains(&draft));
}

#[tokio::test]
async fn synthetic_initiatives_are_published_searchable_and_not_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    assert_eq!(db.seed_synthetic(500).await.unwrap(), 500);
    let all = db.published_summaries(&Filters::default()).await.unwrap();
    assert_eq!(all.len(), 500);
    assert!(all.iter().all(|s| !s.is_demo && s.title.contains("synthétiques")));
    assert!(all.iter().all(|s| app::domain::within_department(s.lat, s.lon)));
    let areas: HashSet<&str> = all.iter().map(|s| s.area_name.as_str()).collect();
    assert_eq!(areas.len(), 4);
    assert!(!ids(&db, &search("synthetique dreux")).await.is_empty());
}

#[tokio::test]
async fn date_order_puts_events_not_over_first_soonest_first() {
    let (db, _dir) = demo_db().await;
    let today = chrono::Utc::now().date_naive();
    let by_date = Filters { sort: Some(app::domain::Sort::Date), ..Filters::default() };
    let items = db.published_summaries(&by_date).await.unwrap();
    let not_over = |i: &&app::domain::InitiativeSummary| i.end_date.or(i.start_date).is_some_and(|d| d >= today);
    let first: Vec<_> = items.iter().take_while(not_over).collect();
    assert!(!first.is_empty());
    assert!(first.windows(2).all(|w| w[0].start_date <= w[1].start_date), "soonest first");
    assert!(items[first.len()..].iter().all(|i| !not_over(&i)), "every event not over comes first");
    assert_eq!(items.len(), db.published_summaries(&Filters::default()).await.unwrap().len());
}

#[tokio::test]
async fn a_search_read_before_a_publication_shows_it_at_once() {
    let (db, _dir) = demo_db().await;
    // The ranking of a search is kept per published revision (data/search.rs, `Rankings`):
    // read it, change what the public sees, read it again.
    let page = |db: &Db| {
        let db = db.clone();
        async move { db.published_page(&search("ferronnerie")).await.unwrap() }
    };
    assert_eq!(page(&db).await.total, 0);
    let input = workshop(
        "Ferronnerie d'art : une journée à l'atelier",
        "Forger, souder, dessiner une grille : le métier de ferronnier en vrai.",
        "Forge de la Beauce",
    );
    let first = db.create_initiative(&input, Status::Published, false).await.unwrap();
    let found = page(&db).await;
    assert_eq!((found.total, found.items.iter().map(|s| s.id).collect::<Vec<_>>()), (1, vec![first]));
    // A second one whose summary only names it ranks after the first, whose title does.
    let second = db
        .create_initiative(
            &InitiativeInput {
                title: "Métiers du patrimoine".into(),
                summary: "Taille de pierre, vitrail et ferronnerie : rencontrer les artisans.".into(),
                ..input
            },
            Status::Published,
            false,
        )
        .await
        .unwrap();
    let found = page(&db).await;
    assert_eq!(found.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![first, second]);
    assert_eq!(found.total, 2);
}

/// The great-circle distance in km (haversine): independent of the filter's own formula.
fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

#[tokio::test]
async fn around_a_commune_keeps_what_lies_within_the_radius_in_pins_counts_list_and_exports() {
    let (db, _dir) = demo_db().await;
    db.seed_synthetic(2_000).await.unwrap();
    let pairs = vec![("autour".to_string(), "Chartres (28085)".to_string()), ("rayon".to_string(), "15".to_string())];
    let filters = Filters::from_query(&pairs, &db.catalogue().await.unwrap()).unwrap();
    let near = filters.near.clone().unwrap();
    let everything = db.published_pins(&Filters::default()).await.unwrap();
    let within: HashSet<i64> = db.published_pins(&filters).await.unwrap().pins.iter().map(|p| p.id).collect();
    let (mut inside, mut outside) = (0, 0);
    for pin in &everything.pins {
        let km = great_circle_km(near.lat(), near.lon(), pin.lat, pin.lon);
        // Pins a few metres from the circle may fall either way (pins are rounded to 1e-5°).
        if km < 15.0 * 0.995 {
            assert!(within.contains(&pin.id), "pin {} at {km:.3} km is within 15 km", pin.id);
            inside += 1;
        } else if km > 15.0 * 1.005 {
            assert!(!within.contains(&pin.id), "pin {} at {km:.3} km is beyond 15 km", pin.id);
            outside += 1;
        }
    }
    assert!(inside > 20 && outside > 20, "a test on both sides of the circle: {inside} in, {outside} out");
    // The counts beside the options, the list and the exports hold the same set.
    let areas: i64 = db.facets(&filters).await.unwrap().areas.iter().map(|(_, n)| n).sum();
    assert_eq!(areas as usize, within.len());
    let details = db.all_published_details(&filters).await.unwrap();
    let exported: HashSet<i64> = details.iter().map(|d| d.id).collect();
    assert_eq!(exported, within);
    // The print directory reads the view's first ones only, in the list's order.
    let first = db.first_published_details(&filters, 5).await.unwrap();
    assert_eq!(first, details[..5].to_vec());
    assert_eq!(db.published_page(&filters).await.unwrap().total as usize, within.len());
}

/// The view a query string asks for, as the map page reads it.
async fn view(db: &Db, query: &str) -> Filters {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    Filters::from_query(&pairs, &db.catalogue().await.unwrap()).unwrap()
}

/// Searches of every shape (one word, several, either order, one letter, a word twice, nothing
/// found) alone and with each filter, the demo's drafts and pending changes in the table too.
const SEARCH_VIEWS: &[&str] = &[
    "q=forum",
    "q=ecole+entreprise",
    "q=entreprise+%C3%A9cole",
    "q=dreux",
    "q=d",
    "q=forum+forum",
    "q=synthetiques+atelier",
    "q=klub",
    "q=stage+3e",
    "q=xylophone+quantique",
    "q=atelier&bassin=chateaudun",
    "q=atelier&bassin=chateaudun&bassin=dreux",
    "q=visite&kind=visite-entreprise",
    "q=synthetiques&theme=competences&audience=lyceens",
    "q=chartres&commune=28085",
    "q=forum&upcoming=1",
    "q=synthetiques&autour=28134&rayon=15",
    "q=immersion&audience=tout-public&theme=se-connaitre",
    // Folding as FTS5 folds: « œ » is not « oe » there, « ñ » is « n ».
    "q=coeur",
    "q=c%C5%93ur",
    "q=co",
    "q=espana",
    "q=Espa%C3%B1a",
];

#[tokio::test]
async fn the_search_index_in_memory_ranks_and_filters_as_the_sql_does() {
    let (db, _dir) = demo_db().await;
    db.seed_synthetic(1500).await.unwrap();
    let input = workshop(
        "Échange Erasmus : un stage en España",
        "Partir trois semaines en Andalousie pour découvrir un métier, au cœur d'une entreprise.",
        "Lycée Marceau",
    );
    db.create_initiative(&input, Status::Published, false).await.unwrap();
    assert_eq!(db.ranked_by_index(&search("forum")).await.unwrap(), None, "nothing built yet");
    db.build_search_index().await.unwrap();
    let mut compared = 0;
    let mut found_any = false;
    for query in SEARCH_VIEWS {
        let filters = view(&db, query).await;
        let by_index = db.ranked_by_index(&filters).await.unwrap().expect("built at this revision");
        let by_sql = ids(&db, &filters).await;
        assert_eq!(by_index, by_sql, "{query}");
        found_any |= !by_sql.is_empty() && query.contains("espa");
        // The list's pages come from it.
        let page = db.published_page(&filters).await.unwrap();
        assert_eq!(page.total as usize, by_sql.len(), "{query}");
        assert_eq!(page.items.iter().map(|s| s.id).collect::<Vec<_>>(), by_sql[..by_sql.len().min(100)], "{query}");
        compared += by_sql.len();
    }
    assert!(compared > 3000, "the views find enough to compare orders: {compared}");
    assert!(found_any, "« España » is found by « espana »");
}

#[tokio::test]
async fn a_publication_is_found_at_once_and_the_index_catches_up() {
    let (db, _dir) = demo_db().await;
    db.build_search_index().await.unwrap();
    let input = workshop(
        "Marqueterie : initiation au placage",
        "Découper, assembler et coller des bois précieux avec un ébéniste.",
        "Atelier du Bois",
    );
    let id = db.create_initiative(&input, Status::Published, false).await.unwrap();
    // The index was read before the publication: the search goes through SQL meanwhile.
    assert_eq!(db.ranked_by_index(&search("marqueterie")).await.unwrap(), None);
    let page = db.published_page(&search("marqueterie")).await.unwrap();
    assert_eq!(page.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![id]);
    // That search started a build in the background; it ends with the new initiative in it.
    let mut caught_up = None;
    for _ in 0..200 {
        caught_up = db.ranked_by_index(&search("marqueterie")).await.unwrap();
        if caught_up.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(caught_up, Some(vec![id]));
}

#[tokio::test]
async fn english_readers_find_initiatives_by_their_english_summary_and_english_names() {
    let (db, _dir) = demo_db().await;
    let input = InitiativeInput {
        summary_en: Some("Learn to repair bicycles with a mechanic, one evening a week.".into()),
        ..workshop("Atelier vélo solidaire", "Apprendre à réparer les vélos avec un mécanicien.", "Cyclo 28")
    };
    let id = db.create_initiative(&input, Status::Published, false).await.unwrap();
    // By SQL (the index in memory is not built yet), then by the index: the same answers.
    assert_eq!(ids(&db, &search("bicycles mechanic")).await, vec![id], "its English summary");
    assert!(ids(&db, &search("réparer vélos")).await.contains(&id), "its French summary still");
    let forums = ids(&db, &search("job fair")).await;
    let french_forums = ids(&db, &Filters { kinds: vec!["forum-metiers".into()], ..Filters::default() }).await;
    assert!(!forums.is_empty() && french_forums.iter().all(|f| forums.contains(f)), "a kind's English name");
    assert!(ids(&db, &search("self-discovery workshop")).await.contains(&id), "its kind in English");
    db.build_search_index().await.unwrap();
    for words in ["bicycles mechanic", "job fair", "self-discovery workshop"] {
        let by_index = db.ranked_by_index(&search(words)).await.unwrap().expect("built at this revision");
        assert_eq!(by_index, ids(&db, &search(words)).await, "{words}");
    }
}

#[tokio::test]
async fn a_commune_is_found_by_its_name_as_people_type_it() {
    let (db, _dir) = demo_db().await;
    let catalogue = db.catalogue().await.unwrap();
    use app::domain::Vocabulary;
    for (typed, insee) in [
        ("Châteaudun", Some("28088")),
        ("chateaudun", Some("28088")),
        ("CHATEAUDUN 28200", Some("28088")),
        ("28120 Illiers Combray", Some("28196")),
        ("St Rémy sur Avre", Some("28359")),
        ("saint-prest", Some("28358")),
        ("Ste Gemme Moronval", Some("28332")),
        ("Nogent le Rotrou", Some("28280")),
        // A postcode alone is no name (most are another commune's INSEE code); the wrong one
        // names nothing.
        ("28110", None),
        ("28100 Chartres", None),
        ("Paris", None),
    ] {
        assert_eq!(catalogue.commune_named(typed).as_deref(), insee, "{typed}");
    }
    let filters = view(&db, "commune=lèves&autour=St+Prest&rayon=5").await;
    assert_eq!(filters.commune.as_deref(), Some("28209"));
    assert_eq!(filters.near.unwrap().commune.as_deref(), Some("28358"));
}

/// The stand-in for the national address service on a port of this machine, and how many
/// searches it answered.
async fn address_service() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/search", listener.local_addr().unwrap());
    let (router, asked) = app::geocoder::standin::router();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (url, asked)
}

/// The view `query` asks for, or what the page says instead, and why: `said` (the words name no
/// place), `busy` (a limit), `down` (the service does not answer).
async fn view_or_refusal(db: &Db, query: &str) -> Result<Filters, String> {
    view_for(db, query, None).await
}

/// The same, asked by `visitor`.
async fn view_for(db: &Db, query: &str, visitor: Option<std::net::IpAddr>) -> Result<Filters, String> {
    use app::data::DataError;
    match db.view_of_query(query, visitor).await {
        Ok((filters, _)) => Ok(filters),
        Err(DataError::Said(message)) => Err(format!("said: {} | {}", message.french, message.english)),
        Err(DataError::Busy(message)) => Err(format!("busy: {} | {}", message.french, message.english)),
        Err(DataError::ServiceDown(message)) => Err(format!("down: {} | {}", message.french, message.english)),
        Err(other) => panic!("{query}: {other}"),
    }
}

#[tokio::test]
async fn an_address_typed_is_placed_by_the_configured_geocoder_and_its_answer_kept() {
    use std::sync::atomic::Ordering;
    let (db, _dir) = demo_db().await;
    let (url, asked) = address_service().await;
    let db = db.with_geocoder(Some(app::geocoder::Geocoder::new(&url).unwrap()));
    let typed = "12 rue Noel Ballay, Chartres";
    let filters = view_or_refusal(&db, &format!("autour={}&rayon=5", urlencode(typed))).await.unwrap();
    let near = filters.near.clone().unwrap();
    assert_eq!(near.address.as_ref().unwrap().label, "12 Rue Noël Ballay 28000 Chartres");
    assert_eq!(near.address.as_ref().unwrap().typed, typed);
    assert_eq!((near.lat_e5, near.lon_e5, near.commune.as_deref()), (4_844_566, 148_785, None));
    // The view holds what lies within 5 km of that address, measured independently.
    let listed: HashSet<i64> = db.published_pins(&filters).await.unwrap().pins.iter().map(|p| p.id).collect();
    let expected: HashSet<i64> = db
        .published_pins(&Filters::default())
        .await
        .unwrap()
        .pins
        .iter()
        .filter(|p| great_circle_km(48.44566, 1.48785, p.lat, p.lon) < 5.0)
        .map(|p| p.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(listed, expected);
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    // Asked again (a shared link, the pins after the page), in other capitals: from memory.
    view_or_refusal(&db, &format!("autour={}&rayon=10", urlencode(&typed.to_uppercase()))).await.unwrap();
    assert_eq!(asked.load(Ordering::SeqCst), 1, "one request per address");
    // Communes, positions and codes never reach the service; nor does a view refused anyway.
    for query in ["autour=Chartres", "autour=28085", "autour=48.45,1.49", "commune=Dreux"] {
        view_or_refusal(&db, query).await.unwrap();
    }
    for (query, says) in [
        ("autour=28000", "Pour un code postal, tapez aussi le nom de la commune"),
        ("autour=place+des+epars&bassin=paris", "Bassin inconnu"),
        ("autour=place+des+epars&autour=gare", "donné deux fois"),
    ] {
        let refusal = view_or_refusal(&db, query).await.unwrap_err();
        assert!(refusal.starts_with("said:") && refusal.contains(says), "{query}: {refusal}");
    }
    assert_eq!(asked.load(Ordering::SeqCst), 1, "communes and positions are placed here");
    // Quotes or brackets first are not the service's words.
    let quoted = view_or_refusal(&db, &format!("autour={}", urlencode("« place Métezeau, Dreux »"))).await.unwrap();
    assert_eq!(quoted.near.unwrap().address.unwrap().label, "Place Métezeau 28100 Dreux");

    for (typed, says) in [
        ("vieux port", "« vieux port » désigne « Quai du Port 13002 Marseille », loin de l'Eure-et-Loir"),
        // A namesake near Chartres scores lower than the address typed: the address wins.
        ("rue de la republique paris", "désigne « Rue de la République 75011 Paris », loin"),
        ("rue imaginaire de nulle part", "Aucune adresse trouvée pour « rue imaginaire de nulle part »"),
        ("ab", "Une adresse s'écrit en 3 à 200 caractères"),
    ] {
        let refusal = view_or_refusal(&db, &format!("autour={}", urlencode(typed))).await.unwrap_err();
        assert!(refusal.starts_with("said:") && refusal.contains(says), "{typed}: {refusal}");
    }
    let dreux = view_or_refusal(&db, "autour=rue+de+la+republique+dreux").await.unwrap();
    assert_eq!(dreux.near.unwrap().address.unwrap().label, "Rue de la République 28100 Dreux");
    // The service fails: said at once, and not asked again for a while; a place it found before
    // still serves.
    let before = asked.load(Ordering::SeqCst);
    let refusal = view_or_refusal(&db, "autour=rue+en+panne").await.unwrap_err();
    assert!(refusal.starts_with("down:") && refusal.contains("Le service d'adresses ne répond pas"), "{refusal}");
    let refusal = view_or_refusal(&db, "autour=place+des+epars+chartres").await.unwrap_err();
    assert!(refusal.starts_with("down:"), "{refusal}");
    assert_eq!(asked.load(Ordering::SeqCst), before + 1, "paused after a failure");
    view_or_refusal(&db, &format!("autour={}", urlencode(typed))).await.unwrap();
    // A service that does not answer at all says the same.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let nowhere = format!("http://{}/search", closed.local_addr().unwrap());
    drop(closed);
    let db = db.with_geocoder(Some(app::geocoder::Geocoder::new(&nowhere).unwrap()));
    let refusal = view_or_refusal(&db, "autour=place+des+epars+chartres").await.unwrap_err();
    assert!(refusal.contains("ne répond pas") && refusal.contains("is not answering"), "{refusal}");
    // Without a geocoder an address is words that name no commune.
    let db = db.with_geocoder(None);
    let refusal = view_or_refusal(&db, &format!("autour={}", urlencode(typed))).await.unwrap_err();
    assert!(refusal.contains("n'est ni une commune d'Eure-et-Loir ni une position"), "{refusal}");
}

#[tokio::test]
async fn one_visitor_typing_many_addresses_is_slowed_and_others_are_not() {
    let (db, _dir) = demo_db().await;
    let (url, _) = address_service().await;
    let db = db.with_geocoder(Some(app::geocoder::Geocoder::new(&url).unwrap()));
    let (one, other): (std::net::IpAddr, std::net::IpAddr) =
        ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
    let address = |n: u32| format!("autour=noel+ballay+chartres+{n}");
    for n in 0..app::geocoder::PER_VISITOR_BURST {
        view_for(&db, &address(n), Some(one)).await.unwrap();
    }
    let refusal = view_for(&db, &address(99), Some(one)).await.unwrap_err();
    assert!(refusal.starts_with("busy:") && refusal.contains("beaucoup d'adresses"), "{refusal}");
    // What this visitor placed before still serves them; someone else is not slowed.
    view_for(&db, &address(0), Some(one)).await.unwrap();
    view_for(&db, &address(99), Some(other)).await.unwrap();
    // An IPv6 visitor counts by their network (/64), as every limit of the site does.
    let ipv6 = |text: &str| Some(text.parse::<std::net::IpAddr>().unwrap());
    for n in 100..100 + app::geocoder::PER_VISITOR_BURST {
        view_for(&db, &address(n), ipv6("2001:db8:1:2::1")).await.unwrap();
    }
    let refusal = view_for(&db, &address(200), ipv6("2001:db8:1:2:ffff::9")).await.unwrap_err();
    assert!(refusal.starts_with("busy:"), "same /64: {refusal}");
    view_for(&db, &address(200), ipv6("2001:db8:1:3::1")).await.unwrap();
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

//! What the data-layer test files share: a fresh database, an account, an initiative of
//! Chartres, and what the public sees.
#![allow(dead_code)] // each test file uses its part

use app::data::Db;
use app::domain::{Account, Audience, Filters, InitiativeInput, NewAccount, Role, Theme};

/// A new, empty database in a folder of its own (kept while the folder lives).
pub async fn empty_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    (db, dir)
}

/// An account of `role` with the tests' password.
pub async fn account(db: &Db, email: &str, role: Role) -> Account {
    let new = NewAccount {
        organisation: format!("Structure de {email}"),
        contact_name: "Camille Martin".into(),
        email: email.into(),
        password: "une phrase de passe solide".into(),
    };
    db.create_account(&new, role).await.unwrap()
}

/// An initiative in Chartres (area `chartres`).
pub fn forum() -> InitiativeInput {
    InitiativeInput {
        title: "Forum de l'alternance".into(),
        summary: "Soixante-dix entreprises recrutent en alternance à Chartrexpo.".into(),
        summary_en: None,
        description: String::new(),
        kind: "forum-metiers".into(),
        themes: vec![Theme::EcoleEntreprise],
        audiences: vec![Audience::Lyceens],
        commune: "28085".into(),
        lat: 48.4469,
        lon: 1.4892,
        address: None,
        organisation: "MEE Chartres Métropole".into(),
        website: None,
        email: None,
        phone: None,
        start_date: None,
        end_date: None,
        start_time: None,
        end_time: None,
    }
}

/// The titles the public sees.
pub async fn public_titles(db: &Db) -> Vec<String> {
    db.published_summaries(&Filters::default()).await.unwrap().into_iter().map(|s| s.title).collect()
}

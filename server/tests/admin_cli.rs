//! `server admin create --email EMAIL` (the only way to the first administrator) and `server
//! admin publish-charter --file F`, run as the real binary on a fresh SQLite file.

use std::process::{Command, Output};

use app::data::Db;
use app::domain::Role;

fn admin_create(database: &str, email: &str, password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["admin", "create", "--email", email])
        .env("DATABASE_URL", database)
        .env("ADMIN_PASSWORD", password)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[tokio::test]
async fn creates_an_administrator_once_and_refuses_what_sign_up_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/carte.db", dir.path().display());

    let short = admin_create(&database, "admin@exemple.fr", "court");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("au moins 12 caractères"), "{short:?}");

    let created = admin_create(&database, "Admin@Exemple.fr", "une phrase de passe solide");
    assert!(created.status.success(), "{created:?}");
    assert!(String::from_utf8_lossy(&created.stdout).contains("admin@exemple.fr"));

    let again = admin_create(&database, "admin@exemple.fr", "une autre phrase de passe");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("existe déjà"), "{again:?}");

    let db = Db::connect(&database).await.unwrap();
    let admin = db.authenticate("admin@exemple.fr", "une phrase de passe solide").await.unwrap().expect("signs in");
    assert_eq!(admin.role, Role::Admin);
    assert_eq!(db.authenticate("admin@exemple.fr", "une autre phrase de passe").await.unwrap(), None, "the second run changed nothing");
}

#[tokio::test]
async fn publishes_a_new_charter_version_from_a_file_and_refuses_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/carte.db", dir.path().display());
    let publish = |file: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["admin", "publish-charter", "--file"])
            .arg(file)
            .env("DATABASE_URL", &database)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let empty = dir.path().join("vide.txt");
    std::fs::write(&empty, "\n").unwrap();
    let refused = publish(&empty);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("rien n'a été publié"), "{refused:?}");

    let text = dir.path().join("charte-v2.txt");
    std::fs::write(&text, format!("Charte d'immersion, version 2\n\n{}", "Un engagement de plus. ".repeat(20))).unwrap();
    let published = publish(&text);
    assert!(published.status.success(), "{published:?}");
    assert!(String::from_utf8_lossy(&published.stdout).contains("version 2"));
    let db = Db::connect(&database).await.unwrap();
    let current = db.current_charter().await.unwrap();
    assert_eq!(current.version, 2);
    assert_eq!(current.paragraphs()[0], "Charte d'immersion, version 2");
}

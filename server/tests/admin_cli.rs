//! `server admin create --email EMAIL` (the only way to the first administrator) and `server
//! admin publish-charter --file F` and the animators' commands (`admin create --role animator`,
//! `admin areas`), run as the real binary on a fresh SQLite file.

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
    assert_eq!(
        db.authenticate("admin@exemple.fr", "une autre phrase de passe").await.unwrap(),
        None,
        "the second run changed nothing"
    );
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
    std::fs::write(&text, format!("Charte d'immersion, version 2\n\n{}", "Un engagement de plus. ".repeat(20)))
        .unwrap();
    let published = publish(&text);
    assert!(published.status.success(), "{published:?}");
    assert!(String::from_utf8_lossy(&published.stdout).contains("version 2"));
    let db = Db::connect(&database).await.unwrap();
    let current = db.current_charter().await.unwrap();
    assert_eq!(current.version, 2);
    assert_eq!(current.paragraphs()[0], "Charte d'immersion, version 2");
}

#[tokio::test]
async fn creates_animators_of_named_areas_and_refuses_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/carte.db", dir.path().display());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(args)
            .env("DATABASE_URL", &database)
            .env("ADMIN_PASSWORD", "une phrase de passe solide")
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let typo = run(&["admin", "create", "--email", "anim@exemple.fr", "--role", "animator", "--area", "drex"]);
    assert!(!typo.status.success());
    assert!(String::from_utf8_lossy(&typo.stderr).contains("Rien n'a été créé"), "{typo:?}");
    let created = run(&["admin", "create", "--email", "anim@exemple.fr", "--role", "animator", "--area", "dreux"]);
    assert!(created.status.success(), "{created:?}");
    assert!(String::from_utf8_lossy(&created.stdout).contains("Animateur du club anim@exemple.fr"), "{created:?}");
    let moved = run(&["admin", "areas", "--email", "anim@exemple.fr", "--area", "chartres", "--area", "dreux"]);
    assert!(moved.status.success(), "{moved:?}");
    let nobody = run(&["admin", "areas", "--email", "personne@exemple.fr", "--area", "dreux"]);
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("Aucun compte"), "{nobody:?}");

    let db = Db::connect(&database).await.unwrap();
    let animator = db.authenticate("anim@exemple.fr", "une phrase de passe solide").await.unwrap().expect("signs in");
    assert_eq!(animator.role, Role::Animator);
    assert_eq!(db.animated_areas(animator.id).await.unwrap(), vec!["chartres", "dreux"]);
    let log: Vec<_> = db.audit_log(10).await.unwrap().into_iter().map(|e| (e.action, e.subject)).collect();
    use app::domain::audit::AuditAction;
    assert_eq!(
        log,
        vec![
            (AuditAction::AssignAreas, "anim@exemple.fr".to_string()),
            (AuditAction::AssignAreas, "anim@exemple.fr".to_string()),
            (AuditAction::CreateAccount, "anim@exemple.fr".to_string()),
        ]
    );
}

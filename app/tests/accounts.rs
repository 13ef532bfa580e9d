//! Accounts against a real SQLite file: creation, password checks that never tell an unknown
//! email from a wrong password, case-insensitive emails, password changes.
#![cfg(feature = "ssr")]

use app::data::{DataError, Db};
use app::domain::{Field, NewAccount, Role};

async fn empty_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    (db, dir)
}

fn sign_up(email: &str) -> NewAccount {
    NewAccount {
        organisation: "CIO de Chartres".into(),
        contact_name: "Camille Martin".into(),
        email: email.into(),
        password: "une phrase de passe solide".into(),
    }
}

fn field_of(error: DataError) -> Field {
    match error {
        DataError::Invalid(errors) => errors.0[0].field,
        other => panic!("expected a field error, got {other}"),
    }
}

#[tokio::test]
async fn a_new_account_signs_in_with_its_password_only() {
    let (db, dir) = empty_db().await;
    let account = db.create_account(&sign_up("Camille@Exemple.fr"), Role::Holder).await.unwrap();
    assert_eq!((account.email.as_str(), account.role), ("camille@exemple.fr", Role::Holder));
    let signed_in = db.authenticate(" CAMILLE@exemple.fr", "une phrase de passe solide").await.unwrap();
    assert_eq!(signed_in, Some(account.clone()), "emails match whatever their case");
    assert_eq!(db.authenticate("camille@exemple.fr", "une phrase de passe fausse").await.unwrap(), None);
    assert_eq!(db.authenticate("personne@exemple.fr", "une phrase de passe solide").await.unwrap(), None);
    assert_eq!(db.account(account.id).await.unwrap(), Some(account));

    // The file holds an argon2id hash, never the password.
    let file = std::fs::read(dir.path().join("carte.db")).unwrap();
    let text = String::from_utf8_lossy(&file);
    assert!(!text.contains("une phrase de passe solide"));
    let wal = std::fs::read(dir.path().join("carte.db-wal")).unwrap_or_default();
    assert!(!String::from_utf8_lossy(&wal).contains("une phrase de passe solide"));
    assert!(text.contains("$argon2id$") || String::from_utf8_lossy(&wal).contains("$argon2id$"));
}

#[tokio::test]
async fn one_email_one_account_whatever_its_case() {
    let (db, _dir) = empty_db().await;
    db.create_account(&sign_up("camille@exemple.fr"), Role::Holder).await.unwrap();
    let again = db.create_account(&sign_up("CAMILLE@exemple.fr "), Role::Holder).await;
    assert!(matches!(again, Err(DataError::EmailTaken)), "{again:?}");
}

#[tokio::test]
async fn a_broken_form_stores_nothing_and_says_which_field() {
    let (db, _dir) = empty_db().await;
    let short = NewAccount { password: "trop court".into(), ..sign_up("camille@exemple.fr") };
    assert_eq!(field_of(db.create_account(&short, Role::Holder).await.unwrap_err()), Field::Password);
    assert_eq!(db.authenticate("camille@exemple.fr", "trop court").await.unwrap(), None);
    // The address is still free.
    db.create_account(&sign_up("camille@exemple.fr"), Role::Holder).await.unwrap();
}

#[tokio::test]
async fn changing_a_password_needs_the_current_one() {
    let (db, _dir) = empty_db().await;
    let account = db.create_account(&sign_up("camille@exemple.fr"), Role::Holder).await.unwrap();
    let wrong = db.change_password(account.id, "pas le bon mot de passe", "un nouveau mot de passe").await;
    assert_eq!(field_of(wrong.unwrap_err()), Field::Password);
    let weak = db.change_password(account.id, "une phrase de passe solide", "court").await;
    assert_eq!(field_of(weak.unwrap_err()), Field::NewPassword);
    assert!(
        db.authenticate("camille@exemple.fr", "une phrase de passe solide").await.unwrap().is_some(),
        "unchanged so far"
    );

    db.change_password(account.id, "une phrase de passe solide", "un nouveau mot de passe").await.unwrap();
    assert_eq!(db.authenticate("camille@exemple.fr", "une phrase de passe solide").await.unwrap(), None);
    assert!(db.authenticate("camille@exemple.fr", "un nouveau mot de passe").await.unwrap().is_some());
}

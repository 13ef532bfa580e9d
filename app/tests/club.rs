//! The club against a real SQLite file: the directory of holders, single-use expiring
//! invitations, and the dashboard's figures.
#![cfg(feature = "ssr")]

use app::data::{DataError, Db};
use app::domain::club::{InvitationForm, InvitationState};
use app::domain::moderation::Scope;
use app::domain::{Account, Filters, Intent, NewAccount, Role, Theme};

async fn demo_db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&url_of(&dir)).await.unwrap();
    db.load_demo().await.unwrap();
    (db, dir)
}

fn url_of(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}/carte.db", dir.path().display())
}

fn new_account(organisation: &str, email: &str) -> NewAccount {
    NewAccount {
        organisation: organisation.into(),
        contact_name: "Camille Martin".into(),
        email: email.into(),
        password: "une phrase de passe solide".into(),
    }
}

async fn animator(db: &Db) -> Account {
    db.create_account(&new_account("Club", "animation@exemple.fr"), Role::Animator).await.unwrap();
    db.set_animator_areas(None, "animation@exemple.fr", &["chartres".into()]).await.unwrap()
}

/// The secret of an invitation's path (`/inscription?invitation=…`).
fn secret_of(path: &str) -> &str {
    path.split_once("invitation=").unwrap().1
}

#[tokio::test]
async fn the_directory_lists_holders_with_their_areas_initiatives_and_charter() {
    let (db, _dir) = demo_db().await;
    let holder = db.load_demo_holder("une phrase de passe solide").await.unwrap();
    db.sign_charter(&holder, 1).await.unwrap();
    let newcomer = db.create_account(&new_account("Association Zéro", "zero@exemple.fr"), Role::Holder).await.unwrap();
    db.create_held_initiative(
        &newcomer,
        &db.working_copy(db.published_summaries(&Filters::default()).await.unwrap()[0].id).await.unwrap().input,
        Intent::Draft,
    )
    .await
    .unwrap();
    animator(&db).await;
    let directory = db.club_directory().await.unwrap();
    assert_eq!(directory.len(), 2, "holders only: {directory:?}");
    let zero = &directory[0];
    assert_eq!(
        (zero.organisation.as_str(), zero.published, zero.charter_signed, zero.areas.len()),
        ("Association Zéro", 0, false, 0)
    );
    let mission = &directory[1];
    assert_eq!(
        (mission.organisation.as_str(), mission.published, mission.charter_signed),
        ("Mission Locale du Drouais", 3, true)
    );
    assert_eq!(mission.areas, vec!["Dreux"]);
}

#[tokio::test]
async fn an_invitation_fills_the_sign_up_and_serves_once() {
    let (db, _dir) = demo_db().await;
    let animator = animator(&db).await;
    let form = InvitationForm {
        organisation: " CFA du BTP ".into(),
        contact_name: "Alex Petit".into(),
        email: "Alex@CFA.fr".into(),
    };
    let created = db.create_invitation(&animator, &form).await.unwrap();
    let secret = secret_of(&created.path).to_string();
    assert_eq!(secret.len(), 64);
    let welcome = db.invitation_welcome(&secret).await.unwrap();
    assert_eq!((welcome.form.organisation.as_str(), welcome.form.email.as_str()), ("CFA du BTP", "alex@cfa.fr"));
    assert_eq!(welcome.invited_by, "Camille Martin (Club)");

    // The animator holds the link too: the address is still verified by its own mail.
    assert_eq!(db.sign_up(&new_account("CFA du BTP", "alex@cfa.fr"), Some(&secret), true).await.unwrap(), None);
    let account = db.authenticate("alex@cfa.fr", "une phrase de passe solide").await.unwrap().unwrap();
    assert_eq!((account.role, account.verified), (Role::Holder, false));
    let again = db.sign_up(&new_account("Autre", "autre@exemple.fr"), Some(&secret), true).await;
    assert!(
        matches!(again, Err(DataError::Said(message)) if message.french.contains("déjà servi") && message.english.contains("already been used"))
    );
    assert!(
        db.authenticate("autre@exemple.fr", "une phrase de passe solide").await.unwrap().is_none(),
        "no second account"
    );
    let listed = db.invitations(Role::Holder).await.unwrap();
    assert!(matches!(&listed[0].state, InvitationState::Used { by, .. } if by == "CFA du BTP"));
    assert!(matches!(db.invitation_welcome("0".repeat(64).as_str()).await, Err(DataError::NotFound)));
    assert!(matches!(db.create_invitation(&animator, &InvitationForm::default()).await, Err(DataError::Invalid(_))));
}

#[tokio::test]
async fn an_expired_invitation_is_refused_and_says_so() {
    let (db, dir) = demo_db().await;
    let animator = animator(&db).await;
    let created = db
        .create_invitation(&animator, &InvitationForm { organisation: "CCI".into(), ..Default::default() })
        .await
        .unwrap();
    // As if fourteen days had passed: another connection to the same file moves the deadline.
    let other = sqlx::SqlitePool::connect(&url_of(&dir)).await.unwrap();
    sqlx::query("UPDATE invitations SET expires_at = '2026-01-01T00:00:00Z'").execute(&other).await.unwrap();
    let refused = db.invitation_welcome(secret_of(&created.path)).await;
    assert!(
        matches!(refused, Err(DataError::Said(message)) if message.french.contains("expiré") && message.english.contains("expired"))
    );
    assert!(matches!(
        db.sign_up(&new_account("CCI", "cci@exemple.fr"), Some(secret_of(&created.path)), true).await,
        Err(DataError::Said(_))
    ));
    assert_eq!(db.invitations(Role::Holder).await.unwrap()[0].state, InvitationState::Expired);
}

#[tokio::test]
async fn the_dashboard_counts_by_area_theme_kind_and_freshness() {
    let (db, _dir) = demo_db().await;
    let published = db.published_summaries(&Filters::default()).await.unwrap();
    let dashboard = db.dashboard(&Scope::Everywhere).await.unwrap();
    let total: i64 = dashboard.by_area.iter().map(|(_, n, _)| n).sum();
    assert_eq!(total as usize, published.len());
    let stale: i64 = dashboard.by_area.iter().map(|(_, _, n)| n).sum();
    assert_eq!(stale, 2);
    let dreux = published.iter().filter(|s| s.area_name == "Dreux").count() as i64;
    assert_eq!(dashboard.by_area.iter().find(|(a, _, _)| a == "dreux").unwrap().1, dreux);
    let kinds: i64 = dashboard.by_kind.iter().map(|(_, n)| n).sum();
    assert_eq!(kinds as usize, published.len());
    assert_eq!(dashboard.by_kind.len(), 11, "every kind, even without initiatives");
    let chartres_themes = dashboard.themes_of("chartres");
    assert_eq!(chartres_themes.len(), Theme::ALL.len());
    assert!(
        chartres_themes.iter().map(|(_, n)| n).sum::<i64>()
            >= published.iter().filter(|s| s.area_name == "Chartres").count() as i64
    );
    assert_eq!(dashboard.oldest_days, None, "nothing waits");
    assert!(dashboard.queue_ages.iter().all(|(_, n)| *n == 0));
}

//! Mail and the life of an account against a real SQLite file: what each action writes to the
//! outbox (in its own transaction), verified addresses, forgotten passwords, changes of address,
//! animators' invitations, who is told of what (once), unsubscribing, reminders, the download
//! of one's data and the deletion of an account.
#![cfg(feature = "ssr")]

use crate::common::{account, empty_db, forum, public_titles};
use app::data::{DataError, Db};
use app::domain::accounts::{AfterDeletion, LinkProblem, LinkPurpose};
use app::domain::audit::AuditAction;
use app::domain::club::{AnimatorInvitationForm, InvitationForm};
use app::domain::contributions::{NewReport, ReportReason};
use app::domain::mail::{MailState, OutboxMail, QueueMail};
use app::domain::{Account, Field, InitiativeInput, Intent, NewAccount, Role, Status};

const PASSWORD: &str = "une phrase de passe solide";

fn sign_up_form(email: &str) -> NewAccount {
    NewAccount {
        organisation: "Association Horizon".into(),
        contact_name: "Dominique Roux".into(),
        email: email.into(),
        password: PASSWORD.into(),
    }
}

/// The mails to `to`, oldest first.
async fn mails_to(db: &Db, to: &str) -> Vec<OutboxMail> {
    let mut mails: Vec<OutboxMail> = db.outbox(500).await.unwrap().into_iter().filter(|m| m.recipient == to).collect();
    mails.sort_by_key(|m| m.id);
    mails
}

/// The secret of the link after `key=` in a mail's text, as the person's click would carry it.
fn secret_in(mail: &OutboxMail, key: &str) -> String {
    let start =
        mail.text.find(&format!("{key}=")).unwrap_or_else(|| panic!("no {key}= in {}", mail.text)) + key.len() + 1;
    mail.text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

fn refused<T: std::fmt::Debug>(result: Result<T, DataError>) -> String {
    match result {
        Err(DataError::Refused(message)) => message,
        Err(DataError::Said(message)) => message.french,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn link_problem(result: Result<impl std::fmt::Debug, DataError>) -> LinkProblem {
    match result {
        Err(DataError::Link(problem, _)) => problem,
        other => panic!("expected a link problem, got {other:?}"),
    }
}

/// Raw SQL on the test's database file, for what no page can do (moving time, reading every
/// table).
async fn sql(dir: &tempfile::TempDir) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap()
}

#[tokio::test]
async fn a_sign_up_is_verified_by_its_single_use_link_and_never_tells_who_has_an_account() {
    let (db, dir) = empty_db().await;
    assert_eq!(
        db.sign_up(&sign_up_form("Dominique@Exemple.fr"), None, true).await.unwrap(),
        None,
        "not signed in: check your mailbox"
    );
    let created = db.authenticate("dominique@exemple.fr", PASSWORD).await.unwrap().unwrap();
    assert!(!created.verified);
    let mail = &mails_to(&db, "dominique@exemple.fr").await[0];
    assert!(mail.subject.starts_with("Confirmez votre adresse"));
    assert!(mail.text.contains("http://127.0.0.1:3000/verifier-adresse?jeton="), "{}", mail.text);
    let secret = secret_in(mail, "jeton");
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM account_links").fetch_all(&sql(&dir).await).await.unwrap();
    assert!(!stored.iter().any(|hash| hash == &secret), "only a hash of the secret is kept");

    assert_eq!(link_problem(db.verify_address("0123abcd").await), LinkProblem::Unknown, "a tampered link");
    db.check_link(&secret, LinkPurpose::VerifyEmail).await.unwrap();
    let verified = db.verify_address(&secret).await.unwrap();
    assert!(verified.verified && verified.id == created.id);
    assert_eq!(link_problem(db.verify_address(&secret).await), LinkProblem::Used, "single use");

    // The same address again: nothing created, the same answer, its owner told.
    assert_eq!(db.sign_up(&sign_up_form("dominique@exemple.fr"), None, true).await.unwrap(), None);
    let mails = mails_to(&db, "dominique@exemple.fr").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[1].subject.contains("proposée pour un compte") && mails[1].text.contains("/mot-de-passe-oublie"));
    // Past the limit per address, still the same answer, and no mail.
    assert_eq!(db.sign_up(&sign_up_form("dominique@exemple.fr"), None, false).await.unwrap(), None);
    assert_eq!(mails_to(&db, "dominique@exemple.fr").await.len(), 2);
}

#[tokio::test]
async fn verification_links_expire_and_a_new_one_replaces_the_old() {
    let (db, dir) = empty_db().await;
    db.sign_up(&sign_up_form("alex@exemple.fr"), None, true).await.unwrap();
    let first = secret_in(&mails_to(&db, "alex@exemple.fr").await[0], "jeton");
    let account = db.authenticate("alex@exemple.fr", PASSWORD).await.unwrap().unwrap();
    db.send_verification(&account).await.unwrap();
    let second = secret_in(&mails_to(&db, "alex@exemple.fr").await[1], "jeton");
    assert_eq!(link_problem(db.verify_address(&first).await), LinkProblem::Expired, "the new link replaces the old");
    sqlx::query("UPDATE account_links SET expires_at = '2020-01-01T00:00:00Z'")
        .execute(&sql(&dir).await)
        .await
        .unwrap();
    assert_eq!(link_problem(db.verify_address(&second).await), LinkProblem::Expired);
    assert!(LinkProblem::Expired.message(Some(LinkPurpose::VerifyEmail)).french.contains("Mon compte"));
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_through_an_hour_long_link_that_ends_every_session() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    db.request_password_reset("personne@exemple.fr", true).await.unwrap();
    assert!(db.outbox(10).await.unwrap().is_empty(), "an unknown address gets nothing, and the same answer");
    db.request_password_reset(" Porteur@Exemple.fr ", true).await.unwrap();
    let mail = &mails_to(&db, "porteur@exemple.fr").await[0];
    assert!(mail.text.contains("/nouveau-mot-de-passe?jeton=") && mail.text.contains("valable 1 heure"));
    assert!(!mail.text.contains("ne plus recevoir"), "a security mail has no unsubscribe link");
    let secret = secret_in(mail, "jeton");

    let (_, before) = db.account_and_generation(holder.id).await.unwrap().unwrap();
    match db.reset_password(&secret, "court").await {
        Err(DataError::Invalid(errors)) => assert_eq!(errors.0[0].field, Field::NewPassword),
        other => panic!("{other:?}"),
    }
    let (account, generation) = db.reset_password(&secret, "un tout nouveau mot de passe").await.unwrap();
    assert_eq!(account.id, holder.id);
    assert!(generation > before, "every session opened before is over");
    assert!(db.authenticate("porteur@exemple.fr", PASSWORD).await.unwrap().is_none());
    assert!(db.authenticate("porteur@exemple.fr", "un tout nouveau mot de passe").await.unwrap().is_some());
    assert_eq!(link_problem(db.reset_password(&secret, "encore un autre mot de passe").await), LinkProblem::Used);
    assert_eq!(link_problem(db.check_link(&secret, LinkPurpose::ResetPassword).await), LinkProblem::Used);
}

#[tokio::test]
async fn a_new_address_replaces_the_old_only_once_its_link_is_used() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "ancienne@exemple.fr", Role::Holder).await;
    account(&db, "prise@exemple.fr", Role::Holder).await;
    match db.request_email_change(&holder, "pas le bon", "nouvelle@exemple.fr", true).await {
        Err(DataError::Invalid(errors)) => assert_eq!(errors.0[0].field, Field::Password),
        other => panic!("{other:?}"),
    }
    db.request_email_change(&holder, PASSWORD, "prise@exemple.fr", true).await.unwrap();
    assert!(
        mails_to(&db, "prise@exemple.fr").await[0].subject.contains("proposée"),
        "a taken address: its owner is told"
    );
    assert_eq!(
        db.pending_email(holder.id).await.unwrap().as_deref(),
        Some("prise@exemple.fr"),
        "the request waits as for a free address: « Mon compte » tells nothing"
    );

    db.request_email_change(&holder, PASSWORD, "Nouvelle@Exemple.fr", true).await.unwrap();
    assert_eq!(db.pending_email(holder.id).await.unwrap().as_deref(), Some("nouvelle@exemple.fr"));
    assert!(mails_to(&db, "ancienne@exemple.fr")
        .await
        .last()
        .unwrap()
        .text
        .contains("remplacer cette adresse par nouvelle@exemple.fr"));
    assert_eq!(
        db.account(holder.id).await.unwrap().unwrap().email,
        "ancienne@exemple.fr",
        "nothing changes before the link"
    );
    let secret = secret_in(&mails_to(&db, "nouvelle@exemple.fr").await[0], "jeton");
    db.request_password_reset("ancienne@exemple.fr", true).await.unwrap();
    let reset_to_old = secret_in(mails_to(&db, "ancienne@exemple.fr").await.last().unwrap(), "jeton");
    let moved = db.verify_address(&secret).await.unwrap();
    assert_eq!((moved.email.as_str(), moved.verified), ("nouvelle@exemple.fr", true));
    assert!(db.authenticate("nouvelle@exemple.fr", PASSWORD).await.unwrap().is_some());
    assert_eq!(
        link_problem(db.reset_password(&reset_to_old, "un tout nouveau mot de passe").await),
        LinkProblem::Expired,
        "a link mailed to the old address no longer serves"
    );
}

#[tokio::test]
async fn ending_every_session_also_ends_the_links_waiting_to_reset_or_move_the_account() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    db.request_email_change(&holder, PASSWORD, "voleur@exemple.fr", true).await.unwrap();
    db.request_password_reset("porteur@exemple.fr", true).await.unwrap();
    let move_secret = secret_in(&mails_to(&db, "voleur@exemple.fr").await[0], "jeton");
    let reset_secret = secret_in(mails_to(&db, "porteur@exemple.fr").await.last().unwrap(), "jeton");
    db.end_sessions(holder.id).await.unwrap();
    assert_eq!(db.pending_email(holder.id).await.unwrap(), None);
    assert_eq!(link_problem(db.verify_address(&move_secret).await), LinkProblem::Expired);
    assert_eq!(link_problem(db.check_link(&reset_secret, LinkPurpose::ResetPassword).await), LinkProblem::Expired);
    assert_eq!(db.account(holder.id).await.unwrap().unwrap().email, "porteur@exemple.fr");
}

#[tokio::test]
async fn a_new_account_on_a_deleted_accounts_id_opens_none_of_its_old_sessions() {
    let (db, _dir) = empty_db().await;
    let first = account(&db, "premier@exemple.fr", Role::Holder).await;
    let (_, old_generation) = db.account_and_generation(first.id).await.unwrap().unwrap();
    db.delete_account(&first, PASSWORD, &[]).await.unwrap();
    let second = account(&db, "second@exemple.fr", Role::Holder).await;
    assert_eq!(second.id, first.id, "SQLite hands the free id out again");
    let (_, generation) = db.account_and_generation(second.id).await.unwrap().unwrap();
    assert_ne!(generation, old_generation, "a session of the deleted account would fit the new one");
}

#[tokio::test]
async fn animators_are_made_by_an_invitation_mailed_to_their_address() {
    let (db, _dir) = empty_db().await;
    let admin = account(&db, "admin@exemple.fr", Role::Admin).await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    let form = |email: &str, areas: &[&str]| AnimatorInvitationForm {
        email: email.into(),
        areas: areas.iter().map(|a| a.to_string()).collect(),
    };
    assert!(refused(db.invite_animator(&admin, &form("porteur@exemple.fr", &["dreux"])).await)
        .contains("porte 1 initiative"));
    assert!(
        refused(db.set_animator_areas(Some(&admin), "porteur@exemple.fr", &["dreux".into()]).await).contains("porte")
    );

    // A new person: the link creates their account, verified, animator of the areas.
    let invited = db
        .invite_animator(&admin, &form("Nouvelle.Animatrice@exemple.fr", &["nogent-le-rotrou", "dreux"]))
        .await
        .unwrap();
    let mail = &mails_to(&db, "nouvelle.animatrice@exemple.fr").await[0];
    assert!(
        mail.text.contains("Dreux")
            && mail.text.contains("Nogent-le-Rotrou")
            && mail.text.contains("/rejoindre-l-animation?invitation=")
    );
    let secret = secret_in(mail, "invitation");
    assert!(invited.path.ends_with(&secret));
    let wrong = db.sign_up(&sign_up_form("autre@exemple.fr"), Some(&secret), true).await;
    assert!(matches!(wrong, Err(DataError::Invalid(_))), "an animator's invitation serves its own address only");
    let animator =
        db.sign_up(&sign_up_form("nouvelle.animatrice@exemple.fr"), Some(&secret), true).await.unwrap().unwrap();
    assert_eq!((animator.role, animator.verified), (Role::Animator, true));
    assert_eq!(db.animated_areas(animator.id).await.unwrap(), vec!["dreux", "nogent-le-rotrou"]);
    assert!(refused(db.sign_up(&sign_up_form("nouvelle.animatrice@exemple.fr"), Some(&secret), true).await)
        .contains("déjà servi"));

    // An existing account: accepted once signed in, and only once its address is verified.
    db.sign_up(&sign_up_form("futur@exemple.fr"), None, true).await.unwrap();
    let futur = db.authenticate("futur@exemple.fr", PASSWORD).await.unwrap().unwrap();
    assert!(refused(db.invite_animator(&admin, &form("futur@exemple.fr", &["chartres"])).await)
        .contains("pas encore vérifiée"));
    db.verify_address(&secret_in(&mails_to(&db, "futur@exemple.fr").await[0], "jeton")).await.unwrap();
    db.invite_animator(&admin, &form("futur@exemple.fr", &["chartres"])).await.unwrap();
    let secret = secret_in(mails_to(&db, "futur@exemple.fr").await.last().unwrap(), "invitation");
    assert!(refused(db.accept_animator_invitation(&holder, &secret).await).contains("adressée à futur@exemple.fr"));
    let futur = db.account(futur.id).await.unwrap().unwrap();
    let now_animator = db.accept_animator_invitation(&futur, &secret).await.unwrap();
    assert_eq!(now_animator.role, Role::Animator);
    assert_eq!(db.animated_areas(futur.id).await.unwrap(), vec!["chartres"]);
    let log = db.audit_log(10).await.unwrap();
    assert!(
        log.iter().any(|e| e.action == AuditAction::InviteAnimator)
            && log.iter().any(|e| e.action == AuditAction::JoinAsAnimator)
    );
}

#[tokio::test]
async fn a_holder_invitation_is_mailed_but_the_address_is_still_verified_by_its_own_link() {
    let (db, _dir) = empty_db().await;
    let animator = account(&db, "animateur@exemple.fr", Role::Animator).await;
    let form = InvitationForm {
        organisation: "CFA du BTP".into(),
        contact_name: "Alex".into(),
        email: "cfa@exemple.fr".into(),
    };
    let invited = db.create_invitation(&animator, &form).await.unwrap();
    assert_eq!(invited.mailed_to.as_deref(), Some("cfa@exemple.fr"));
    let secret = secret_in(&mails_to(&db, "cfa@exemple.fr").await[0], "invitation");
    assert!(invited.path.ends_with(&secret), "the animator holds the same link: it proves nothing");
    assert_eq!(db.sign_up(&sign_up_form("cfa@exemple.fr"), Some(&secret), true).await.unwrap(), None);
    let verification = mails_to(&db, "cfa@exemple.fr").await;
    assert!(verification.last().unwrap().subject.starts_with("Confirmez"));
    let holder = db.verify_address(&secret_in(verification.last().unwrap(), "jeton")).await.unwrap();
    assert_eq!((holder.role, holder.verified), (Role::Holder, true));
    assert!(refused(db.sign_up(&sign_up_form("autre@exemple.fr"), Some(&secret), true).await).contains("déjà servi"));
    // Without an address, the link is only copied; signing up through it verifies by mail too.
    let copied = db.create_invitation(&animator, &InvitationForm { email: String::new(), ..form }).await.unwrap();
    assert_eq!(copied.mailed_to, None);
    let secret = copied.path.split_once("invitation=").unwrap().1.to_string();
    assert_eq!(db.sign_up(&sign_up_form("autre@exemple.fr"), Some(&secret), true).await.unwrap(), None);
    assert!(mails_to(&db, "autre@exemple.fr").await[0].subject.starts_with("Confirmez"));
}

/// A holder (verified), an animator of Chartres who wants each item, one of Chartres who wants
/// a digest, one of Dreux.
async fn club(db: &Db) -> (Account, Account, Account, Account) {
    let holder = account(db, "porteur@exemple.fr", Role::Holder).await;
    let mut animators = Vec::new();
    for (email, area) in
        [("chartres@exemple.fr", "chartres"), ("digest@exemple.fr", "chartres"), ("dreux@exemple.fr", "dreux")]
    {
        account(db, email, Role::Animator).await;
        animators.push(db.set_animator_areas(None, email, &[area.to_string()]).await.unwrap());
    }
    db.set_queue_mail(animators[1].id, QueueMail::Daily).await.unwrap();
    let dreux = animators.pop().unwrap();
    let digest = animators.pop().unwrap();
    (holder, animators.pop().unwrap(), digest, dreux)
}

#[tokio::test]
async fn animators_hear_of_each_item_once_at_once_or_in_a_daily_digest() {
    let (db, _dir) = empty_db().await;
    let (holder, chartres, _digest, _dreux) = club(&db).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    let edited = InitiativeInput { title: "Forum de l'alternance, nouvelle date".into(), ..forum() };
    db.save_revision(id, &holder, 1, &edited, Intent::Submit).await.unwrap();
    let told = mails_to(&db, "chartres@exemple.fr").await;
    assert_eq!(told.len(), 1, "saving again while it waits is the same item: {told:?}");
    assert!(
        told[0].subject.contains("Forum de l'alternance")
            && told[0].text.contains(&format!("/moderation/initiatives/{id}"))
    );
    assert!(mails_to(&db, "dreux@exemple.fr").await.is_empty(), "another area's animator hears nothing");
    assert!(mails_to(&db, "digest@exemple.fr").await.is_empty(), "a digest reader waits for the digest");

    assert_eq!(db.send_digests(true).await.unwrap(), 1, "one digest: nothing new for the others");
    let digest = mails_to(&db, "digest@exemple.fr").await;
    assert_eq!(digest.len(), 1);
    assert!(
        digest[0].subject.starts_with("1 nouveauté") && digest[0].text.contains("Forum de l'alternance, nouvelle date")
    );
    assert_eq!(db.send_digests(true).await.unwrap(), 0, "never twice for one item");

    // A refusal, then a new submission: a new item.
    let animator = db.account(chartres.id).await.unwrap().unwrap();
    db.reject_revision(id, 2, &animator, "Précisez la date, s'il vous plaît.").await.unwrap();
    db.save_revision(id, &holder, 2, &forum(), Intent::Submit).await.unwrap();
    assert_eq!(mails_to(&db, "chartres@exemple.fr").await.len(), 2);
    // A report is an item of its own.
    db.approve_revision(id, 3, &animator).await.unwrap();
    let report =
        NewReport { reason: ReportReason::WrongInformation, comment: "Le lieu a changé".into(), contact_email: None };
    db.report_initiative(id, &report, None).await.unwrap();
    let told = mails_to(&db, "chartres@exemple.fr").await;
    assert_eq!(told.len(), 3);
    assert!(told[2].text.contains("Signalement attend une décision"), "{}", told[2].text);
}

#[tokio::test]
async fn holders_and_citizens_are_told_what_became_of_their_initiatives() {
    let (db, dir) = empty_db().await;
    let (holder, chartres, _, _) = club(&db).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.reject_revision(id, 1, &chartres, "Il manque les dates du forum.").await.unwrap();
    db.save_revision(id, &holder, 1, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(id, 2, &chartres).await.unwrap();
    let told = mails_to(&db, "porteur@exemple.fr").await;
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told[0].subject.starts_with("À revoir") && told[0].text.contains("> Il manque les dates du forum."));
    assert!(told[0].text.contains(&format!("http://127.0.0.1:3000/mes-initiatives/{id}")));
    assert!(told[1].subject.starts_with("Publiée") && told[1].text.contains(&format!("/initiatives/{id}-")));
    assert!(
        told[1].text.contains("/desabonnement?jeton="),
        "every mail but the security ones can be unsubscribed from"
    );

    // A report with an address: the holder and the citizen are told once it is resolved, and the
    // citizen's address is erased.
    let report = NewReport {
        reason: ReportReason::NoLongerExists,
        comment: String::new(),
        contact_email: Some("citoyen@exemple.fr".into()),
    };
    let report = db.report_initiative(id, &report, None).await.unwrap();
    db.resolve_report(report, &chartres, "Dates corrigées avec le porteur").await.unwrap();
    db.resolve_report(report, &chartres, "Encore").await.unwrap();
    assert_eq!(mails_to(&db, "citoyen@exemple.fr").await.len(), 1, "told once");
    assert!(mails_to(&db, "citoyen@exemple.fr").await[0].text.contains("Dates corrigées avec le porteur"));
    assert!(mails_to(&db, "porteur@exemple.fr").await[2].subject.starts_with("Signalement traité"));
    assert_eq!(db.reports_on(id).await.unwrap()[0].contact_email, None, "the address served its one message");

    // A citizen's suggestion, published: its author is told with the link, once.
    let suggested = db
        .suggest_initiative(
            &InitiativeInput { title: "Visite de l'usine".into(), ..forum() },
            Some("curieux@exemple.fr"),
        )
        .await
        .unwrap();
    assert!(mails_to(&db, "chartres@exemple.fr").await.iter().any(|m| m.text.contains("Suggestion citoyenne attend")));
    db.approve_revision(suggested, 1, &chartres).await.unwrap();
    let told = mails_to(&db, "curieux@exemple.fr").await;
    assert_eq!(told.len(), 1);
    assert!(told[0].text.contains("est publiée") && told[0].text.contains(&format!("/initiatives/{suggested}-")));
    assert_eq!(db.case(suggested).await.unwrap().suggested_by, Some(None), "the address is erased once used");

    // A month later (never sent: no mail server), the mails are forgotten, and with the last
    // one the citizens' addresses; the holder's account keeps its preferences.
    let raw = sql(&dir).await;
    sqlx::query("UPDATE outbox SET created_at = '2000-01-01T00:00:00Z'").execute(&raw).await.unwrap();
    assert!(db.purge_outbox().await.unwrap() > 0);
    assert!(db.outbox(100).await.unwrap().is_empty());
    let kept: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT email FROM mail_subscriptions").fetch_all(&raw).await.unwrap();
    assert!(!kept.is_empty() && kept.iter().all(|e| !e.contains("citoyen") && !e.contains("curieux")), "{kept:?}");
}

#[tokio::test]
async fn unsubscribing_is_honoured_at_once_even_for_mails_already_waiting() {
    let (db, _dir) = empty_db().await;
    let (holder, chartres, _, _) = club(&db).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.reject_revision(id, 1, &chartres, "Il manque les dates du forum.").await.unwrap();
    let refused = &mails_to(&db, "porteur@exemple.fr").await[0];
    let token = secret_in(refused, "jeton");
    let subscription = db.set_subscribed(&token, false).await.unwrap();
    assert_eq!((subscription.email.as_str(), subscription.unsubscribed), ("p•••@exemple.fr", true));
    assert!(
        db.due_mails(50).await.unwrap().iter().all(|m| m.recipient != "porteur@exemple.fr"),
        "the waiting one is not sent"
    );
    assert_eq!(mails_to(&db, "porteur@exemple.fr").await[0].state, MailState::Cancelled);
    db.save_revision(id, &holder, 1, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(id, 2, &chartres).await.unwrap();
    assert_eq!(mails_to(&db, "porteur@exemple.fr").await.len(), 1, "no new mail of that kind");
    assert_eq!(db.unsubscribed_kinds("porteur@exemple.fr").await.unwrap(), vec!["decision"]);
    // Subscribing again from the same link.
    assert!(!db.set_subscribed(&token, true).await.unwrap().unsubscribed);
    assert_eq!(link_problem(db.subscription("pas-un-jeton").await), LinkProblem::Unknown);
}

#[tokio::test]
async fn holders_are_reminded_a_month_before_a_pin_turns_to_check_and_when_it_does_once_each() {
    let (db, dir) = empty_db().await;
    let (holder, chartres, _, _) = club(&db).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(id, 1, &chartres).await.unwrap();
    assert_eq!(db.send_freshness_reminders().await.unwrap(), 0, "just published");
    let pool = sql(&dir).await;
    let confirmed = |months: i64| {
        let at = (chrono::Utc::now() - chrono::Duration::days(months * 30 + 10))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        sqlx::query("UPDATE initiatives SET confirmed_at = ?1").bind(at)
    };
    confirmed(11).execute(&pool).await.unwrap();
    assert_eq!(db.send_freshness_reminders().await.unwrap(), 1);
    assert_eq!(db.send_freshness_reminders().await.unwrap(), 0, "once");
    confirmed(12).execute(&pool).await.unwrap();
    // A new confirmation date is a new year: the « in a month » is skipped once it is late.
    assert_eq!(db.send_freshness_reminders().await.unwrap(), 1);
    let reminders: Vec<OutboxMail> =
        mails_to(&db, "porteur@exemple.fr").await.into_iter().filter(|m| m.kind == "freshness").collect();
    assert_eq!(reminders.len(), 2);
    assert!(
        reminders[0].subject.starts_with("Toujours à jour ?")
            && reminders[0].text.contains("signalée « à vérifier » sur la carte le")
    );
    assert!(reminders[1].subject.contains("est désormais « à vérifier »"));
    assert!(reminders[1].text.contains(&format!("/mes-initiatives/{id}/confirmer")));
}

#[tokio::test]
async fn a_deleted_account_leaves_its_handed_over_initiatives_public_and_nothing_of_the_person() {
    let (db, dir) = empty_db().await;
    let (_, chartres, _, _) = club(&db).await;
    let holder = db.create_account(&sign_up_form("quitte@exemple.fr"), Role::Holder).await.unwrap();
    let kept = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(kept, 1, &chartres).await.unwrap();
    let archived = db
        .create_held_initiative(&holder, &InitiativeInput { title: "Atelier CV".into(), ..forum() }, Intent::Submit)
        .await
        .unwrap();
    db.approve_revision(archived, 1, &chartres).await.unwrap();
    let draft = db
        .create_held_initiative(
            &holder,
            &InitiativeInput { title: "Brouillon secret".into(), ..forum() },
            Intent::Draft,
        )
        .await
        .unwrap();
    db.sign_charter(&holder, 1).await.unwrap();
    let report = NewReport {
        reason: ReportReason::Other,
        comment: "Signalé par le porteur".into(),
        contact_email: Some("quitte@exemple.fr".into()),
    };
    db.report_initiative(kept, &report, Some(&holder)).await.unwrap();

    let export = db.account_export(&holder).await.unwrap();
    assert_eq!(export["compte"]["adresse"], "quitte@exemple.fr");
    assert_eq!(export["initiatives"].as_array().unwrap().len(), 3);
    assert_eq!(export["initiatives"][0]["revisions"][0]["contenu"]["title"], "Forum de l'alternance");
    assert_eq!(export["signatures_de_la_charte"][0]["version"], 1);

    let choices = [(kept, AfterDeletion::HandOver)];
    assert!(
        matches!(db.delete_account(&holder, PASSWORD, &choices).await, Err(DataError::Said(m)) if m.french.contains("Atelier CV") && m.english.contains("“Atelier CV”"))
    );
    assert!(matches!(db.delete_account(&holder, "pas le bon", &choices).await, Err(DataError::Invalid(_))));
    let choices = [(kept, AfterDeletion::HandOver), (archived, AfterDeletion::Archive)];
    db.delete_account(&holder, PASSWORD, &choices).await.unwrap();

    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance"], "handed over: still public");
    assert_eq!(db.holder_of(kept).await.unwrap(), None, "held by the club");
    assert_eq!(db.working_copy(archived).await.unwrap().status, Status::Archived);
    assert!(matches!(db.working_copy(draft).await, Err(DataError::NotFound)), "drafts are deleted");
    assert!(
        db.history(kept).await.unwrap().iter().all(|r| !r.author.contains("Dominique")),
        "revisions no longer name the person"
    );
    assert!(db.authenticate("quitte@exemple.fr", PASSWORD).await.unwrap().is_none());
    assert!(db.audit_log(20).await.unwrap().iter().any(|e| e.action == AuditAction::DeleteAccount));

    // Nothing personal left: no row of any table holds the address or the name.
    let pool = sql(&dir).await;
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'initiatives_search%' AND name NOT LIKE 'sqlite_%'")
        .fetch_all(&pool)
        .await
        .unwrap();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(&pool)
            .await
            .unwrap();
        for column in columns {
            let found: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE '%quitte@exemple.fr%' OR CAST(\"{column}\" AS TEXT) LIKE '%Dominique Roux%'"
            ))
            .fetch_one(&pool)
            .await
            .unwrap();
            assert_eq!(found, 0, "{table}.{column} still holds the person");
        }
    }
}

#[tokio::test]
async fn mails_are_written_in_the_language_of_their_reader() {
    let (db, _dir) = empty_db().await;
    let (_, chartres, _, _) = club(&db).await;
    // Signed up from the English pages (`speaking(true)`: the server functions' handle of an
    // English page): the verification mail is English and leads to the English page…
    let english = db.speaking(true);
    english.sign_up(&sign_up_form("sam@exemple.fr"), None, true).await.unwrap();
    let mail = &mails_to(&db, "sam@exemple.fr").await[0];
    assert!(mail.english && mail.subject.starts_with("Confirm your email address"), "{}", mail.subject);
    assert!(mail.text.starts_with("Hello,") && mail.text.contains("http://127.0.0.1:3000/en/verifier-adresse?jeton="));
    english.verify_address(&secret_in(mail, "jeton")).await.unwrap();
    // …and what others do later reaches the account in English too: a decision on its initiative.
    let sam = db.authenticate("sam@exemple.fr", PASSWORD).await.unwrap().unwrap();
    let id = db.create_held_initiative(&sam, &forum(), Intent::Submit).await.unwrap();
    db.reject_revision(id, 1, &chartres, "Il manque les dates du forum.").await.unwrap();
    let refused = mails_to(&db, "sam@exemple.fr").await.pop().unwrap();
    assert!(refused.english && !refused.subject.starts_with("À revoir"), "{}", refused.subject);
    assert!(refused.text.contains("> Il manque les dates du forum."), "the facilitator's words as written");
    assert!(refused.text.contains(&format!("/en/mes-initiatives/{id}")), "{}", refused.text);
    assert!(refused.text.contains("/en/desabonnement?jeton="), "unsubscribing on the English page");
    // A request that does not say its page (no `Referer`) changes nothing; signing in from
    // French pages makes it French again.
    db.remember_language(sam.id).await.unwrap();
    db.save_revision(id, &sam, 1, &forum(), Intent::Submit).await.unwrap();
    db.reject_revision(id, 2, &chartres, "Encore une précision.").await.unwrap();
    assert!(mails_to(&db, "sam@exemple.fr").await.pop().unwrap().english, "still English");
    db.speaking(false).remember_language(sam.id).await.unwrap();
    db.save_revision(id, &sam, 2, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(id, 3, &chartres).await.unwrap();
    let published = mails_to(&db, "sam@exemple.fr").await.pop().unwrap();
    assert!(!published.english && published.subject.starts_with("Publiée"), "{}", published.subject);

    // A facilitator who signs in from English pages hears of new items in English; the others
    // in French.
    english.remember_language(chartres.id).await.unwrap();
    let report =
        NewReport { reason: ReportReason::WrongInformation, comment: "Le lieu a changé".into(), contact_email: None };
    db.report_initiative(id, &report, None).await.unwrap();
    let item = mails_to(&db, "chartres@exemple.fr").await.pop().unwrap();
    assert!(item.english && item.text.contains("Report") && !item.text.contains("Signalement"), "{}", item.text);

    // A citizen's suggestion sent from an English page: its follow-up is English.
    let suggested = english
        .suggest_initiative(
            &InitiativeInput { title: "Visite de l'usine".into(), ..forum() },
            Some("visitor@exemple.fr"),
        )
        .await
        .unwrap();
    db.approve_revision(suggested, 1, &chartres).await.unwrap();
    let told = mails_to(&db, "visitor@exemple.fr").await;
    assert!(told[0].english && told[0].text.contains(&format!("/en/initiatives/{suggested}-")), "{}", told[0].text);
}

#[tokio::test]
async fn a_facilitator_s_invitation_is_in_its_account_s_language_or_else_the_admin_s_page_s() {
    let (db, _dir) = empty_db().await;
    let admin = account(&db, "admin@exemple.fr", Role::Admin).await;
    let form = |email: &str| AnimatorInvitationForm { email: email.into(), areas: vec!["dreux".into()] };
    // An account that signed up from the English pages: English, whatever the admin's page.
    let english = db.speaking(true);
    english.sign_up(&sign_up_form("lee@exemple.fr"), None, true).await.unwrap();
    english.verify_address(&secret_in(&mails_to(&db, "lee@exemple.fr").await[0], "jeton")).await.unwrap();
    db.speaking(false).invite_animator(&admin, &form("lee@exemple.fr")).await.unwrap();
    let invitation = mails_to(&db, "lee@exemple.fr").await.pop().unwrap();
    assert!(
        invitation.english && invitation.text.contains("/en/rejoindre-l-animation?invitation="),
        "{}",
        invitation.text
    );
    // An address without an account: the language of the admin's page.
    english.invite_animator(&admin, &form("nouveau@exemple.fr")).await.unwrap();
    assert!(mails_to(&db, "nouveau@exemple.fr").await[0].english);
    db.speaking(false).invite_animator(&admin, &form("nouvelle@exemple.fr")).await.unwrap();
    assert!(!mails_to(&db, "nouvelle@exemple.fr").await[0].english);
}

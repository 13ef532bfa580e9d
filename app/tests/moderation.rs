//! Moderation against a real SQLite file: animators' queues by area, approving and refusing,
//! restoring an earlier revision (nothing lost), citizens' suggestions and reports, the audit
//! log, and the published revision that open maps follow.
#![cfg(feature = "ssr")]

use crate::common::{account, empty_db, forum, public_titles};
use app::data::{DataError, Db};
use app::domain::audit::AuditAction;
use app::domain::contributions::{NewReport, ReportReason};
use app::domain::moderation::{QueueKind, Scope};
use app::domain::{Account, Audience, Field, Filters, InitiativeInput, Intent, Role, Status, Theme};

async fn animator_of(db: &Db, email: &str, area: &str) -> Account {
    account(db, email, Role::Animator).await;
    db.set_animator_areas(None, email, &[area.to_string()]).await.unwrap()
}

/// An initiative in Dreux (area `dreux`).
fn job_dating() -> InitiativeInput {
    InitiativeInput {
        title: "Job dating place de Verdun".into(),
        kind: "job-dating".into(),
        commune: "28134".into(),
        lat: 48.7366,
        lon: 1.3654,
        organisation: "Mission Locale du Drouais".into(),
        ..forum()
    }
}

#[tokio::test]
async fn each_animator_sees_the_queue_of_their_areas_oldest_first() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let dreux = animator_of(&db, "animation.dreux@exemple.fr", "dreux").await;
    let admin = account(&db, "admin@exemple.fr", Role::Admin).await;
    let in_chartres = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    let in_dreux = db.create_held_initiative(&holder, &job_dating(), Intent::Submit).await.unwrap();
    // A draft waits for nobody.
    db.create_held_initiative(&holder, &InitiativeInput { title: "Brouillon".into(), ..forum() }, Intent::Draft)
        .await
        .unwrap();

    let queue = |account: Account| {
        let db = db.clone();
        async move {
            let scope = db.scope_of(&account).await.unwrap().unwrap();
            db.moderation_queue(&scope).await.unwrap().into_iter().map(|i| i.initiative_id).collect::<Vec<_>>()
        }
    };
    assert_eq!(queue(chartres.clone()).await, vec![in_chartres]);
    assert_eq!(queue(dreux.clone()).await, vec![in_dreux]);
    assert_eq!(queue(admin).await, vec![in_chartres, in_dreux], "admins see every area, oldest first");
    assert_eq!(db.scope_of(&holder).await.unwrap(), None, "holders moderate nothing");
    assert_eq!(db.moderation_areas(in_chartres).await.unwrap(), vec!["chartres"]);
    assert!(!db.scope_of(&dreux).await.unwrap().unwrap().covers("chartres"));
    let item = db.moderation_queue(&Scope::Everywhere).await.unwrap().remove(0);
    assert_eq!((item.kind, item.area_name.as_str(), item.days), (QueueKind::NewInitiative, "Chartres", 0));
    assert_eq!(item.from, "Camille Martin (Structure de porteur@exemple.fr)");
}

#[tokio::test]
async fn an_edit_of_a_published_initiative_is_shown_field_by_field_then_approved() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = animator_of(&db, "animation@exemple.fr", "chartres").await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    let case = db.case(id).await.unwrap();
    let pending = case.pending.expect("the new initiative waits");
    assert_eq!(pending.changes.len(), Field::FORM_ORDER.len(), "every field of a new initiative is read");
    assert!(pending.changes.iter().all(|c| c.before.is_none()));
    db.approve_revision(id, 1, &animator).await.unwrap();

    let edited =
        InitiativeInput { title: "Forum de l'alternance 2027".into(), phone: Some("02 37 00 00 00".into()), ..forum() };
    db.save_revision(id, &holder, 1, &edited, Intent::Submit).await.unwrap();
    let queue = db.moderation_queue(&Scope::Everywhere).await.unwrap();
    assert_eq!(queue.iter().map(|i| i.kind).collect::<Vec<_>>(), vec![QueueKind::PendingEdit]);
    let changes = db.case(id).await.unwrap().pending.unwrap().changes;
    let read: Vec<(Field, Option<String>, String)> =
        changes.into_iter().map(|c| (c.field, c.before, c.after)).collect();
    assert_eq!(
        read,
        vec![
            (Field::Title, Some("Forum de l'alternance".into()), "Forum de l'alternance 2027".into()),
            (Field::Phone, Some("—".into()), "02 37 00 00 00".into()),
        ]
    );
    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance"], "the published version stays public meanwhile");
    db.approve_revision(id, 2, &animator).await.unwrap();
    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance 2027"]);
    assert!(db.moderation_queue(&Scope::Everywhere).await.unwrap().is_empty());

    let log = db.audit_log(10).await.unwrap();
    assert_eq!(
        log.iter().map(|e| e.action).collect::<Vec<_>>(),
        vec![AuditAction::Approve, AuditAction::Approve, AuditAction::AssignAreas]
    );
    assert_eq!(log[0].actor, "Camille Martin (Structure de animation@exemple.fr)");
    assert_eq!((log[0].initiative_id, log[0].subject.as_str()), (Some(id), "Forum de l'alternance 2027"));
}

#[tokio::test]
async fn a_refusal_reaches_the_holder_who_edits_and_resubmits() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = animator_of(&db, "animation@exemple.fr", "chartres").await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.reject_revision(id, 1, &animator, "Précisez les dates du forum.").await.unwrap();
    let held = db.held_initiatives(holder.id).await.unwrap().remove(0);
    assert_eq!((held.status, held.reason.as_deref()), (Status::Rejected, Some("Précisez les dates du forum.")));
    assert!(db.moderation_queue(&Scope::Everywhere).await.unwrap().is_empty());
    let dated = InitiativeInput { start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 12), ..forum() };
    db.save_revision(id, &holder, 1, &dated, Intent::Submit).await.unwrap();
    assert_eq!(db.moderation_queue(&Scope::Everywhere).await.unwrap().len(), 1, "back in the queue");
    assert_eq!(db.audit_log(1).await.unwrap()[0].action, AuditAction::Reject);
}

#[tokio::test]
async fn restoring_brings_back_every_field_of_that_revision_and_loses_no_later_one() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = animator_of(&db, "animation@exemple.fr", "chartres").await;
    let first = InitiativeInput {
        description: "Première description.\n\nDeuxième paragraphe.".into(),
        address: Some("Chartrexpo, avenue Jean Mermoz".into()),
        website: Some("https://www.exemple.fr/forum".into()),
        email: Some("forum@exemple.fr".into()),
        phone: Some("02 37 11 22 33".into()),
        start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 12),
        end_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 13),
        start_time: chrono::NaiveTime::from_hms_opt(9, 0, 0),
        end_time: chrono::NaiveTime::from_hms_opt(17, 30, 0),
        themes: vec![Theme::Competences, Theme::EcoleEntreprise],
        audiences: vec![Audience::Lyceens, Audience::Etudiants],
        ..forum()
    };
    let id = db.create_held_initiative(&holder, &first, Intent::Submit).await.unwrap();
    db.approve_revision(id, 1, &animator).await.unwrap();
    // Two later versions change every field there is to change, and are published.
    let second = InitiativeInput {
        title: "Forum changé".into(),
        summary: "Un tout autre résumé, assez long pour être accepté.".into(),
        summary_en: None,
        description: String::new(),
        kind: "job-dating".into(),
        themes: vec![Theme::MarqueEmployeur],
        audiences: vec![Audience::ToutPublic],
        commune: "28134".into(),
        lat: 48.7366,
        lon: 1.3654,
        address: None,
        organisation: "Autre structure".into(),
        website: None,
        email: None,
        phone: None,
        start_date: None,
        end_date: None,
        start_time: None,
        end_time: None,
    };
    db.save_revision(id, &holder, 1, &second, Intent::Submit).await.unwrap();
    db.approve_revision(id, 2, &animator).await.unwrap();
    let third = InitiativeInput { title: "Forum changé encore".into(), ..second.clone() };
    db.save_revision(id, &holder, 2, &third, Intent::Submit).await.unwrap();

    // Restoring revision 1 from revision 3 (the latest, pending): a new revision 4, published.
    assert!(matches!(db.restore_revision(id, 1, 2, &animator).await, Err(DataError::Conflict(_))), "stale base");
    assert_eq!(db.restore_revision(id, 1, 3, &animator).await.unwrap(), 4);
    let copy = db.working_copy(id).await.unwrap();
    assert_eq!(copy.input, first, "every field of revision 1 is back");
    assert_eq!((copy.number, copy.status, copy.edit), (4, Status::Published, None));
    let detail = db.published_detail(id).await.unwrap().unwrap();
    assert_eq!(detail.into_input(), first, "and it is what the public sees");
    let history = db.history(id).await.unwrap();
    assert_eq!(history.iter().map(|r| r.number).collect::<Vec<_>>(), vec![4, 3, 2, 1], "no revision lost");
    assert_eq!(history[0].author, "Camille Martin (Structure de animation@exemple.fr)");
    // The later versions can be restored in turn, whole.
    assert_eq!(history[1].state, Status::Rejected, "the edit that waited is decided, not left pending");
    assert!(history[1].reason.as_deref().unwrap().contains("Remplacée par la version 1"));
    db.restore_revision(id, 3, 4, &animator).await.unwrap();
    assert_eq!(db.working_copy(id).await.unwrap().input, third);
    assert_eq!(db.audit_log(1).await.unwrap()[0].action, AuditAction::Restore);
    // A holder's own drafts are theirs: moderators restore only what the public sees.
    let draft = db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    db.save_revision(draft, &holder, 1, &second, Intent::Draft).await.unwrap();
    assert!(matches!(db.restore_revision(draft, 1, 2, &animator).await, Err(DataError::Said(_))));
}

#[tokio::test]
async fn an_edited_demo_initiative_keeps_its_imported_version_restorable() {
    let (db, _dir) = empty_db().await;
    db.load_demo().await.unwrap();
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let admin = account(&db, "admin@exemple.fr", Role::Admin).await;
    let summary = db.published_summaries(&Filters::default()).await.unwrap().remove(0);
    let imported = db.working_copy(summary.id).await.unwrap().input;
    let retitled = InitiativeInput { title: format!("{} (2027)", imported.title), ..imported.clone() };
    db.save_revision(summary.id, &holder, 0, &retitled, Intent::Submit).await.unwrap();
    db.approve_revision(summary.id, 1, &admin).await.unwrap();
    let history = db.history(summary.id).await.unwrap();
    assert_eq!(history.last().map(|r| (r.number, r.author.as_str())), Some((0, "Import")));
    db.restore_revision(summary.id, 0, 1, &admin).await.unwrap();
    assert_eq!(db.published_detail(summary.id).await.unwrap().unwrap().into_input(), imported);
}

#[tokio::test]
async fn a_suggestion_waits_in_its_area_queue_and_is_published_by_nobody_s_account() {
    let (db, _dir) = empty_db().await;
    let animator = animator_of(&db, "animation@exemple.fr", "dreux").await;
    let id = db.suggest_initiative(&job_dating(), Some("voisin@exemple.fr")).await.unwrap();
    assert!(public_titles(&db).await.is_empty(), "nothing public before review");
    let item = db.moderation_queue(&Scope::Areas(vec!["dreux".into()])).await.unwrap().remove(0);
    assert_eq!(
        (item.kind, item.initiative_id, item.from.as_str()),
        (QueueKind::Suggestion, id, "Suggestion citoyenne")
    );
    let case = db.case(id).await.unwrap();
    assert_eq!((case.suggested_by, case.holder), (Some(Some("voisin@exemple.fr".into())), None));
    db.approve_revision(id, 1, &animator).await.unwrap();
    assert_eq!(public_titles(&db).await, vec!["Job dating place de Verdun"]);
    let invalid = InitiativeInput { title: String::new(), ..job_dating() };
    assert!(matches!(db.suggest_initiative(&invalid, None).await, Err(DataError::Invalid(_))));
}

#[tokio::test]
async fn a_report_waits_until_resolved_and_only_published_initiatives_take_one() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = animator_of(&db, "animation@exemple.fr", "chartres").await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    let report = NewReport {
        reason: ReportReason::WrongInformation,
        comment: "Le téléphone ne répond plus.".into(),
        contact_email: None,
    };
    assert!(matches!(db.report_initiative(id, &report, None).await, Err(DataError::NotFound)), "not public yet");
    db.approve_revision(id, 1, &animator).await.unwrap();
    let report_id = db.report_initiative(id, &report, None).await.unwrap();
    let queue = db.moderation_queue(&Scope::Areas(vec!["chartres".into()])).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!((queue[0].kind, queue[0].from.as_str()), (QueueKind::Report, "Visiteur"));
    // The reason (the page says it in its language), and the citizen's words as written.
    assert_eq!(queue[0].reason, Some(ReportReason::WrongInformation));
    assert_eq!(queue[0].detail.as_deref(), Some("Le téléphone ne répond plus."));
    assert!(db.moderation_queue(&Scope::Areas(vec!["dreux".into()])).await.unwrap().is_empty());

    db.resolve_report(report_id, &animator, "Téléphone corrigé avec le porteur").await.unwrap();
    db.resolve_report(report_id, &animator, "une seconde fois").await.unwrap();
    assert!(db.moderation_queue(&Scope::Everywhere).await.unwrap().is_empty());
    let reports = db.reports_on(id).await.unwrap();
    let (_, by, what) = reports[0].resolved.clone().expect("resolved");
    assert_eq!(
        (by.as_str(), what.as_str()),
        ("Camille Martin (Structure de animation@exemple.fr)", "Téléphone corrigé avec le porteur")
    );
    let log = db.audit_log(10).await.unwrap();
    assert_eq!(log.iter().filter(|e| e.action == AuditAction::ResolveReport).count(), 1, "resolved once");
}

#[tokio::test]
async fn only_public_changes_move_the_published_revision() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = animator_of(&db, "animation@exemple.fr", "chartres").await;
    let start = db.published_revision().await.unwrap();
    let id = db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    db.save_revision(id, &holder, 1, &forum(), Intent::Submit).await.unwrap();
    assert_eq!(db.published_revision().await.unwrap(), start, "drafts and submissions are not public");
    db.approve_revision(id, 2, &animator).await.unwrap();
    let published = db.published_revision().await.unwrap();
    assert!(published > start, "a publication is");
    let edited = InitiativeInput { title: "Autre titre".into(), ..forum() };
    db.save_revision(id, &holder, 2, &edited, Intent::Submit).await.unwrap();
    assert_eq!(db.published_revision().await.unwrap(), published, "a pending edit is not");
    db.archive_initiative(id, &holder, 3).await.unwrap();
    let archived = db.published_revision().await.unwrap();
    assert!(archived > published, "leaving the map is");
    // A restart syncs the gazetteer: rows already equal are not written, so open maps are not
    // told to fetch their pins again (and the pages and searches kept in memory stay good).
    let again = Db::connect(&format!("sqlite://{}/carte.db", _dir.path().display())).await.unwrap();
    assert_eq!(again.published_revision().await.unwrap(), archived, "a restart is not");
}

#[tokio::test]
async fn animators_areas_are_changed_with_clear_refusals() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    account(&db, "admin@exemple.fr", Role::Admin).await;
    account(&db, "futur.animateur@exemple.fr", Role::Animator).await;
    account(&db, "simple.porteur@exemple.fr", Role::Holder).await;
    db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    // Said in both languages (the administrators' page reads either); the French here.
    let refused = |result: Result<Account, DataError>| match result {
        Err(DataError::Said(message)) => message.french,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert!(refused(db.set_animator_areas(None, "porteur@exemple.fr", &["dreux".into()]).await)
        .contains("porte 1 initiative"));
    assert!(
        refused(db.set_animator_areas(None, "admin@exemple.fr", &["dreux".into()]).await).contains("administrateur")
    );
    assert!(
        refused(db.set_animator_areas(None, "personne@exemple.fr", &["dreux".into()]).await).contains("Aucun compte")
    );
    // A holder becomes an animator only by accepting an invitation mailed to their address.
    assert!(refused(db.set_animator_areas(None, "simple.porteur@exemple.fr", &["dreux".into()]).await)
        .contains("invitez cette adresse"));
    assert!(refused(db.set_animator_areas(None, "futur.animateur@exemple.fr", &["paris".into()]).await)
        .contains("Bassins possibles : chartres"));
    let animator =
        db.set_animator_areas(None, "Futur.Animateur@exemple.fr", &["dreux".into(), "chartres".into()]).await.unwrap();
    assert_eq!(animator.role, Role::Animator);
    assert_eq!(db.animated_areas(animator.id).await.unwrap(), vec!["chartres", "dreux"]);
    db.set_animator_areas(None, "futur.animateur@exemple.fr", &["nogent-le-rotrou".into()]).await.unwrap();
    assert_eq!(db.animated_areas(animator.id).await.unwrap(), vec!["nogent-le-rotrou"], "replaced, not added");
    let log = db.audit_log(10).await.unwrap();
    assert_eq!(log[0].actor, app::data::COMMAND_LINE);
    assert_eq!(log[0].details, "Bassins : nogent-le-rotrou");
    // No area at all: a holder again, who moderates nothing.
    let holder_again = db.set_animator_areas(None, "futur.animateur@exemple.fr", &[]).await.unwrap();
    assert_eq!((holder_again.role, db.scope_of(&holder_again).await.unwrap()), (Role::Holder, None));
}

#[tokio::test]
async fn initiatives_unconfirmed_for_a_year_show_to_check_until_their_holder_confirms() {
    let (db, _dir) = empty_db().await;
    db.load_demo().await.unwrap();
    let holder = db.load_demo_holder("une phrase de passe solide").await.unwrap();
    let stale: Vec<_> =
        db.published_summaries(&Filters::default()).await.unwrap().into_iter().filter(|s| s.to_check).collect();
    assert_eq!(stale.len(), 2, "the demo data has two initiatives unconfirmed since 2025");
    let held = db.held_initiatives(holder.id).await.unwrap();
    let mine = held.iter().find(|h| h.to_check).expect("one of them is the demo holder's");
    assert!(db.published_detail(mine.id).await.unwrap().unwrap().to_check);
    let pins = db.published_pins(&Filters::default()).await.unwrap();
    assert_eq!(pins.pins.iter().filter(|p| p.to_check).count(), 2, "the map's pins say so too");

    let confirmed = db.confirm_current(mine.id).await.unwrap();
    let detail = db.published_detail(mine.id).await.unwrap().unwrap();
    assert_eq!((detail.to_check, detail.confirmed_at.as_deref()), (false, Some(confirmed.as_str())));
    assert!(!db.held_initiatives(holder.id).await.unwrap().iter().any(|h| h.id == mine.id && h.to_check));
    // A draft has nothing public to vouch for.
    let draft = db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    assert!(matches!(db.confirm_current(draft).await, Err(DataError::Said(_))));
    assert!(matches!(db.confirm_current(999_999).await, Err(DataError::NotFound)));
}

#[tokio::test]
async fn a_holder_s_draft_never_decides_who_moderates_a_public_initiative() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let dreux = animator_of(&db, "animation.dreux@exemple.fr", "dreux").await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(id, 1, &chartres).await.unwrap();
    // A draft that moves it to Dreux: still Chartres's alone.
    let moved = InitiativeInput { commune: "28134".into(), lat: 48.7366, lon: 1.3654, ..forum() };
    db.save_revision(id, &holder, 1, &moved, Intent::Draft).await.unwrap();
    assert_eq!(db.moderation_areas(id).await.unwrap(), vec!["chartres"]);
    // Submitted: the area it is in and the area it would move to both decide on it.
    db.save_revision(id, &holder, 2, &moved, Intent::Submit).await.unwrap();
    assert_eq!(db.moderation_areas(id).await.unwrap(), vec!["chartres", "dreux"]);
    for animator in [&chartres, &dreux] {
        let scope = db.scope_of(animator).await.unwrap().unwrap();
        assert_eq!(db.moderation_queue(&scope).await.unwrap().len(), 1, "{}", animator.email);
    }
    assert_eq!(db.case(id).await.unwrap().area_code, "chartres", "the case names where it is public");
}

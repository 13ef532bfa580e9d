//! Holders' initiatives against a real SQLite file: drafts and submissions, pending edits of
//! published initiatives (the public keeps the published version), conflicts between two saves,
//! the history, archiving, and the immersion charter.
#![cfg(feature = "ssr")]

use crate::common::{account, empty_db, forum, public_titles};
use app::data::{DataError, Db};
use app::domain::{Account, Field, Filters, InitiativeInput, Intent, Role, Status};

/// A published initiative of `holder`, approved by `animator`.
async fn published(db: &Db, holder: &Account, animator: &Account) -> i64 {
    let id = db.create_held_initiative(holder, &forum(), Intent::Submit).await.unwrap();
    db.approve_revision(id, 1, animator).await.unwrap();
    id
}

#[tokio::test]
async fn drafts_and_submissions_stay_private_until_approved() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = account(&db, "animateur@exemple.fr", Role::Animator).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    assert_eq!(db.working_copy(id).await.unwrap().status, Status::Draft);
    assert!(public_titles(&db).await.is_empty());

    let number = db.save_revision(id, &holder, 1, &forum(), Intent::Submit).await.unwrap();
    assert_eq!(number, 2);
    let held = db.held_initiatives(holder.id).await.unwrap();
    assert_eq!(
        (held.len(), held[0].status, held[0].status_text(false)),
        (1, Status::Pending, "En attente de validation".into())
    );
    assert!(public_titles(&db).await.is_empty());
    assert_eq!(db.published_detail(id).await.unwrap(), None);

    db.approve_revision(id, 2, &animator).await.unwrap();
    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance"]);
    let held = db.held_initiatives(holder.id).await.unwrap();
    assert_eq!(held[0].status, Status::Published);
    assert!(held[0].confirmed_at.is_some(), "publication confirms the initiative current");
    assert!(db.held_initiatives(animator.id).await.unwrap().is_empty(), "a list holds its holder's initiatives only");
}

#[tokio::test]
async fn an_edit_of_a_published_initiative_waits_while_the_public_sees_the_old_version() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = account(&db, "animateur@exemple.fr", Role::Animator).await;
    let id = published(&db, &holder, &animator).await;

    let edited = InitiativeInput { title: "Forum de l'alternance 2027".into(), ..forum() };
    db.save_revision(id, &holder, 1, &edited, Intent::Submit).await.unwrap();
    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance"], "the public keeps the published version");
    assert_eq!(db.published_detail(id).await.unwrap().unwrap().title, "Forum de l'alternance");
    let copy = db.working_copy(id).await.unwrap();
    assert_eq!(
        (copy.status, copy.edit, copy.input.title.as_str()),
        (Status::Published, Some(Status::Pending), "Forum de l'alternance 2027")
    );
    let held = &db.held_initiatives(holder.id).await.unwrap()[0];
    assert_eq!(held.status_text(false), "Publiée — modification en attente de validation");
    assert_eq!(held.title, "Forum de l'alternance 2027");
    // Searching the new title finds nothing public yet.
    let search = Filters { q: Some("2027".into()), ..Filters::default() };
    assert!(db.published_summaries(&search).await.unwrap().is_empty());

    // A later submission while the animator read revision 2: approving 2 is a conflict.
    let again = InitiativeInput { title: "Forum de l'alternance 2027-2028".into(), ..forum() };
    db.save_revision(id, &holder, 2, &again, Intent::Submit).await.unwrap();
    assert!(matches!(db.approve_revision(id, 2, &animator).await, Err(DataError::Conflict(_))));
    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance"]);
    db.save_revision(id, &holder, 3, &edited, Intent::Submit).await.unwrap();
    db.approve_revision(id, 4, &animator).await.unwrap();
    assert_eq!(public_titles(&db).await, vec!["Forum de l'alternance 2027"]);
    assert_eq!(db.published_summaries(&search).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_rejection_keeps_its_reason_for_the_holder_who_may_resubmit() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = account(&db, "animateur@exemple.fr", Role::Animator).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    db.reject_revision(id, 1, &animator, "Précisez les dates du forum.").await.unwrap();
    let held = &db.held_initiatives(holder.id).await.unwrap()[0];
    assert_eq!((held.status, held.reason.as_deref()), (Status::Rejected, Some("Précisez les dates du forum.")));
    assert!(matches!(db.reject_revision(id, 1, &animator, "encore").await, Err(DataError::NotPending)));

    let dated = InitiativeInput { start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 14), ..forum() };
    db.save_revision(id, &holder, 1, &dated, Intent::Submit).await.unwrap();
    let held = &db.held_initiatives(holder.id).await.unwrap()[0];
    assert_eq!((held.status, held.reason.as_deref()), (Status::Pending, None));
}

#[tokio::test]
async fn the_later_of_two_saves_gets_a_conflict_saying_what_changed() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    // Two tabs open revision 1. The first saves a new title and phone…
    let first =
        InitiativeInput { title: "Forum de l'alternance 2027".into(), phone: Some("0237000000".into()), ..forum() };
    assert_eq!(db.save_revision(id, &holder, 1, &first, Intent::Draft).await.unwrap(), 2);
    // …the second, still at revision 1, changes the summary: refused, nothing written.
    let second = InitiativeInput { summary: "Un autre résumé, assez long pour être valable.".into(), ..forum() };
    match db.save_revision(id, &holder, 1, &second, Intent::Draft).await {
        Err(DataError::Conflict(conflict)) => {
            assert_eq!(conflict.latest, 2);
            assert_eq!(conflict.changed, vec![Field::Title, Field::Phone]);
            assert_eq!(conflict.author, "Camille Martin (Structure de porteur@exemple.fr)");
            // When, written by the server in both languages (Paris time), for either page to say.
            assert!(conflict.at.french.contains(" à ") && conflict.at.french.contains(" h "), "{:?}", conflict.at);
            assert!(conflict.at.english.contains(" at ") && conflict.at.english.contains(':'), "{:?}", conflict.at);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(db.working_copy(id).await.unwrap().input, first, "the first save stands");
    // Saving again from the latest revision replaces it knowingly.
    assert_eq!(db.save_revision(id, &holder, 2, &second, Intent::Draft).await.unwrap(), 3);
    assert_eq!(db.working_copy(id).await.unwrap().input.summary, second.summary);
    // Archiving from an old revision is a conflict too.
    assert!(matches!(db.archive_initiative(id, &holder, 2).await, Err(DataError::Conflict(_))));
}

#[tokio::test]
async fn concurrent_saves_from_the_same_revision_never_both_succeed() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let id = db.create_held_initiative(&holder, &forum(), Intent::Draft).await.unwrap();
    let saves = (0..6).map(|n| {
        let (db, holder) = (db.clone(), holder.clone());
        tokio::spawn(async move {
            let input = InitiativeInput { title: format!("Forum de l'alternance n° {n}"), ..forum() };
            db.save_revision(id, &holder, 1, &input, Intent::Draft).await
        })
    });
    let mut succeeded = 0;
    for save in saves {
        match save.await.unwrap() {
            Ok(_) => succeeded += 1,
            Err(DataError::Conflict(_)) => {}
            Err(other) => panic!("a concurrent save failed otherwise: {other}"),
        }
    }
    assert_eq!(succeeded, 1);
    assert_eq!(db.history(id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_history_says_who_when_and_which_fields() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = account(&db, "animateur@exemple.fr", Role::Animator).await;
    let id = published(&db, &holder, &animator).await;
    let moved = InitiativeInput { lat: 48.45, lon: 1.5, address: Some("Chartrexpo".into()), ..forum() };
    db.save_revision(id, &holder, 1, &moved, Intent::Draft).await.unwrap();
    // Saving the same content in the same state again adds nothing.
    assert_eq!(db.save_revision(id, &holder, 2, &moved, Intent::Draft).await.unwrap(), 2);
    db.archive_initiative(id, &holder, 2).await.unwrap();

    let history = db.history(id).await.unwrap();
    let summary: Vec<(i64, Status, Vec<Field>)> =
        history.iter().map(|r| (r.number, r.state, r.changed.clone())).collect();
    assert_eq!(
        summary,
        vec![
            (3, Status::Archived, vec![]),
            (2, Status::Draft, vec![Field::Location, Field::Address]),
            (1, Status::Published, vec![]),
        ]
    );
    assert!(history.iter().all(|r| r.author == "Camille Martin (Structure de porteur@exemple.fr)"));
    assert!(history.iter().all(|r| chrono::DateTime::parse_from_rfc3339(&r.created_at).is_ok()));
    assert!(public_titles(&db).await.is_empty(), "an archived initiative leaves the map");
}

#[tokio::test]
async fn demo_initiatives_are_edited_from_their_row_as_revision_zero() {
    let (db, _dir) = empty_db().await;
    db.load_demo().await.unwrap();
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let summary = db.published_summaries(&Filters::default()).await.unwrap().remove(0);
    let copy = db.working_copy(summary.id).await.unwrap();
    assert_eq!((copy.number, copy.status, copy.holder_id), (0, Status::Published, None));
    assert_eq!(copy.input.title, summary.title);
    let retitled = InitiativeInput { title: format!("{} (2027)", copy.input.title), ..copy.input.clone() };
    assert_eq!(db.save_revision(summary.id, &holder, 0, &retitled, Intent::Submit).await.unwrap(), 1);
    // Another tab, still at revision 0: told that the title changed, and that only.
    match db.save_revision(summary.id, &holder, 0, &copy.input, Intent::Draft).await {
        Err(DataError::Conflict(conflict)) => assert_eq!(conflict.changed, vec![Field::Title]),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn invalid_input_and_unknown_initiatives_store_nothing() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let outside = InitiativeInput { lat: f64::NAN, ..forum() };
    assert!(matches!(db.create_held_initiative(&holder, &outside, Intent::Draft).await, Err(DataError::Invalid(_))));
    assert_eq!(db.initiative_count().await.unwrap(), 0);
    assert!(matches!(db.save_revision(999, &holder, 0, &forum(), Intent::Draft).await, Err(DataError::NotFound)));
    assert!(matches!(db.working_copy(999).await, Err(DataError::NotFound)));
}

#[tokio::test]
async fn an_immersion_is_submitted_only_once_the_current_charter_is_signed() {
    let (db, _dir) = empty_db().await;
    let holder = account(&db, "porteur@exemple.fr", Role::Holder).await;
    let animator = account(&db, "animateur@exemple.fr", Role::Animator).await;
    let immersion = InitiativeInput { kind: "immersion".into(), ..forum() };
    // A draft is fine; submitting is refused beside the kind, and nothing is stored.
    let id = db.create_held_initiative(&holder, &immersion, Intent::Draft).await.unwrap();
    match db.save_revision(id, &holder, 1, &immersion, Intent::Submit).await {
        Err(DataError::Invalid(errors)) => {
            assert!(errors.for_field(Field::Kind).unwrap().french.contains("charte d'immersion (version 1)"))
        }
        other => panic!("expected the charter to be required, got {other:?}"),
    }
    assert_eq!(db.working_copy(id).await.unwrap().status, Status::Draft);

    let page = db.charter_page(Some(&holder)).await.unwrap();
    assert_eq!((page.current.version, page.may_sign, page.signed_at.clone()), (1, true, None));
    assert!(page.current.paragraphs()[0].starts_with("Charte d'immersion"));
    db.sign_charter(&holder, 1).await.unwrap();
    db.sign_charter(&holder, 1).await.unwrap();
    assert!(db.charter_page(Some(&holder)).await.unwrap().signed_at.is_some());
    db.save_revision(id, &holder, 1, &immersion, Intent::Submit).await.unwrap();
    db.approve_revision(id, 2, &animator).await.unwrap();

    // Signed the current version: the badge shows in the list and the detail.
    assert!(db.published_summaries(&Filters::default()).await.unwrap()[0].charter_signed);
    assert!(db.published_detail(id).await.unwrap().unwrap().charter_signed);

    // A new version: the badge goes until the holder signs again, and the old one cannot be signed.
    let revision_before = db.revision().await.unwrap();
    assert_eq!(db.publish_charter("Charte d'immersion, version 2\n\nNouveaux engagements.").await.unwrap(), 2);
    assert!(db.revision().await.unwrap() > revision_before, "cached views see the badge change");
    assert!(!db.published_detail(id).await.unwrap().unwrap().charter_signed);
    let page = db.charter_page(Some(&holder)).await.unwrap();
    assert_eq!((page.signed_at, page.signed_earlier), (None, Some(1)));
    assert!(matches!(db.sign_charter(&holder, 1).await, Err(DataError::OutdatedCharter(2))));
    db.sign_charter(&holder, 2).await.unwrap();
    assert!(db.published_detail(id).await.unwrap().unwrap().charter_signed);
    assert!(!db.charter_page(None).await.unwrap().may_sign);
    assert!(!db.charter_page(Some(&animator)).await.unwrap().may_sign);
}

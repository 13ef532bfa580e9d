//! The holders' public pages and claims (« C'est notre initiative ») against a real SQLite file:
//! what a page shows and hides, the page's address, a claim accepted (the initiative changes
//! hands, the other claims are refused, everyone is told) or refused (the reason read, a new
//! claim possible), and who stands where.
#![cfg(feature = "ssr")]

use crate::common::{account, empty_db, forum};
use app::data::{DataError, Db};
use app::domain::audit::AuditAction;
use app::domain::claims::{ClaimDecision, ClaimStanding, HELD_BY_ANOTHER_REASON, MAX_OPEN_CLAIMS};
use app::domain::moderation::{QueueKind, Scope};
use app::domain::{Account, InitiativeInput, Intent, NewAccount, Role, Status};

async fn animator_of(db: &Db, email: &str, area: &str) -> Account {
    account(db, email, Role::Animator).await;
    db.set_animator_areas(None, email, &[area.to_string()]).await.unwrap()
}

/// A holder of `organisation`.
async fn holder_of(db: &Db, organisation: &str, email: &str) -> Account {
    let new = NewAccount {
        organisation: organisation.into(),
        contact_name: "Camille Martin".into(),
        email: email.into(),
        password: "une phrase de passe solide".into(),
    };
    db.create_account(&new, Role::Holder).await.unwrap()
}

/// A published initiative of Chartres that nobody holds (as imported).
async fn unheld(db: &Db, title: &str) -> i64 {
    db.create_initiative(&InitiativeInput { title: title.into(), ..forum() }, Status::Published, false).await.unwrap()
}

fn slug_of(path: &str) -> &str {
    path.strip_prefix("/structures/").unwrap()
}

#[tokio::test]
async fn a_holder_s_page_shows_its_published_initiatives_and_nothing_personal() {
    let (db, _dir) = empty_db().await;
    let admin = account(&db, "admin@exemple.fr", Role::Admin).await;
    let holder = holder_of(&db, "Mission Locale de l'Avenir", "camille@mission-avenir.fr").await;
    let forum_id = db.create_held_initiative(&holder, &forum(), Intent::Submit).await.unwrap();
    let job_dating = InitiativeInput {
        title: "Job dating place de Verdun".into(),
        kind: "job-dating".into(),
        commune: "28134".into(),
        lat: 48.7366,
        lon: 1.3654,
        ..forum()
    };
    let dreux_id = db.create_held_initiative(&holder, &job_dating, Intent::Submit).await.unwrap();
    let second_forum = InitiativeInput { title: "Forum des métiers du soin".into(), ..forum() };
    let second_id = db.create_held_initiative(&holder, &second_forum, Intent::Submit).await.unwrap();
    for id in [forum_id, dreux_id, second_id] {
        db.approve_revision(id, 1, &admin).await.unwrap();
    }
    db.create_held_initiative(&holder, &InitiativeInput { title: "Brouillon secret".into(), ..forum() }, Intent::Draft)
        .await
        .unwrap();

    // The page's address is the organisation's name, linked from each of its initiatives.
    let path = db.published_detail(forum_id).await.unwrap().unwrap().structure_path.unwrap();
    assert_eq!(path, "/structures/mission-locale-de-l-avenir");
    let page = db.structure_page(slug_of(&path)).await.unwrap().expect("a page");
    assert_eq!(page.organisation, "Mission Locale de l'Avenir");
    assert_eq!(page.areas, vec!["Chartres", "Dreux"]);
    let offers: Vec<(String, usize)> = page.offers.iter().map(|o| (o.kind.code.clone(), o.count)).collect();
    assert_eq!(offers, vec![("forum-metiers".to_string(), 2), ("job-dating".to_string(), 1)], "most frequent first");
    let mut titles: Vec<&str> = page.initiatives.iter().map(|i| i.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, vec!["Forum de l'alternance", "Forum des métiers du soin", "Job dating place de Verdun"]);
    assert!(!page.charter_signed);
    // Nothing personal unless chosen: neither the account's address nor, by default, the name.
    assert_eq!(page.contact_name, None);
    let public = serde_json::to_string(&page).unwrap();
    assert!(!public.contains("camille@mission-avenir.fr") && !public.contains("Camille Martin"), "{public}");
    db.set_show_contact_name(holder.id, true).await.unwrap();
    db.sign_charter(&holder, db.current_charter().await.unwrap().version).await.unwrap();
    let page = db.structure_page(slug_of(&path)).await.unwrap().unwrap();
    assert_eq!(page.contact_name.as_deref(), Some("Camille Martin"));
    assert!(page.charter_signed);

    // A second account of the same name gets its own address; a page with nothing published,
    // like an unknown one, does not exist.
    let namesake = holder_of(&db, "Mission Locale de l'Avenir", "autre@mission-avenir.fr").await;
    let (namesake_path, _) = db.public_page_of(namesake.id).await.unwrap();
    assert_eq!(namesake_path, "/structures/mission-locale-de-l-avenir-2");
    assert_eq!(db.structure_page("mission-locale-de-l-avenir-2").await.unwrap(), None);
    assert_eq!(db.structure_page("personne").await.unwrap(), None);
    // An initiative nobody holds links to no page.
    let imported = unheld(&db, "Forum importé").await;
    assert_eq!(db.published_detail(imported).await.unwrap().unwrap().structure_path, None);
}

#[tokio::test]
async fn accounts_older_than_pages_get_an_address_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/carte.db", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    let first = holder_of(&db, "École de la 2e chance", "e2c@exemple.fr").await;
    let second = holder_of(&db, "!!!", "rien@exemple.fr").await;
    db.close().await;
    // As a database migrated from before pages had addresses: none yet.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE accounts SET slug = NULL").execute(&pool).await.unwrap();
    pool.close().await;
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(db.public_page_of(first.id).await.unwrap().0, "/structures/ecole-de-la-2e-chance");
    assert_eq!(db.public_page_of(second.id).await.unwrap().0, "/structures/structure");
}

#[tokio::test]
async fn a_claim_accepted_makes_the_initiative_the_holder_s_and_refuses_the_others() {
    let (db, _dir) = empty_db().await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let dreux = animator_of(&db, "animation.dreux@exemple.fr", "dreux").await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let b = holder_of(&db, "CIO de Chartres", "b@exemple.fr").await;
    let id = unheld(&db, "Forum importé").await;

    assert_eq!(db.claim_page(id, &a).await.unwrap().standing, ClaimStanding::MayClaim { refused: None });
    let claim_a = db.claim_initiative(id, &a, "Nous organisons ce forum depuis 2019.").await.unwrap();
    assert!(
        matches!(db.claim_initiative(id, &a, "Encore nous, bien sûr.").await, Err(DataError::Said(_))),
        "one open claim per holder"
    );
    let claim_b = db.claim_initiative(id, &b, "Le CIO co-organise ce forum.").await.unwrap();
    assert!(matches!(db.claim_page(id, &a).await.unwrap().standing, ClaimStanding::Waiting(_)));

    // Chartres's animators see both claims, with what each said; Dreux's see nothing.
    let queue = |animator: Account| {
        let db = db.clone();
        async move { db.moderation_queue(&db.scope_of(&animator).await.unwrap().unwrap()).await.unwrap() }
    };
    let items = queue(chartres.clone()).await;
    let claims: Vec<(QueueKind, Option<String>, String)> =
        items.iter().map(|i| (i.kind, i.detail.clone(), i.from.clone())).collect();
    assert_eq!(
        claims,
        vec![
            (
                QueueKind::Claim,
                Some("Nous organisons ce forum depuis 2019.".into()),
                "Camille Martin (Lycée Marceau)".into()
            ),
            (QueueKind::Claim, Some("Le CIO co-organise ce forum.".into()), "Camille Martin (CIO de Chartres)".into()),
        ]
    );
    assert!(queue(dreux).await.is_empty());
    let told: Vec<String> = db
        .outbox(100)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.recipient == chartres.email)
        .map(|m| m.subject)
        .collect();
    assert_eq!(told, vec!["À modérer : « Forum importé »"; 2], "one mail per claim");
    assert_eq!(db.case(id).await.unwrap().claims.len(), 2);

    let before = db.published_revision().await.unwrap();
    db.accept_claim(claim_a, &chartres).await.unwrap();
    assert_eq!(db.holder_of(id).await.unwrap(), Some(a.id));
    assert!(db.published_revision().await.unwrap() > before, "open maps learn of the holder's page");
    assert!(db.held_initiatives(a.id).await.unwrap().iter().any(|h| h.id == id), "in « Mes initiatives »");
    let (page, _) = db.public_page_of(a.id).await.unwrap();
    assert_eq!(db.published_detail(id).await.unwrap().unwrap().structure_path.as_deref(), Some(page.as_str()));
    assert_eq!(db.structure_page(slug_of(&page)).await.unwrap().unwrap().initiatives[0].id, id);
    // The other claim is refused, saying why; both holders are told.
    let b_claims = db.claims_of(b.id).await.unwrap();
    assert_eq!((b_claims[0].id, b_claims[0].decision), (claim_b, Some(ClaimDecision::Refused)));
    assert_eq!(b_claims[0].reason.as_deref(), Some(HELD_BY_ANOTHER_REASON));
    let mails = db.outbox(100).await.unwrap();
    let subject_to =
        |email: &str| mails.iter().filter(|m| m.recipient == email).map(|m| m.subject.clone()).collect::<Vec<_>>();
    assert_eq!(subject_to("a@exemple.fr"), vec!["Demande de rattachement acceptée : « Forum importé » est à vous"]);
    assert_eq!(subject_to("b@exemple.fr"), vec!["Demande de rattachement refusée : « Forum importé »"]);
    assert!(db.audit_log(10).await.unwrap().iter().any(|e| e.action == AuditAction::AcceptClaim
        && e.initiative_id == Some(id)
        && e.details == "Initiative confiée à Lycée Marceau"));
    assert!(db.audit_log(10).await.unwrap().iter().any(|e| e.action == AuditAction::RefuseClaim
        && e.details == "Demande de CIO de Chartres refusée : initiative confiée à Lycée Marceau"));
    // Nothing waits any more; a decided claim is not decided twice; the initiative is claimed no more.
    assert!(queue(chartres.clone()).await.is_empty());
    assert!(matches!(db.accept_claim(claim_b, &chartres).await, Err(DataError::Said(_))));
    assert_eq!(db.claim_page(id, &a).await.unwrap().standing, ClaimStanding::Yours);
    assert_eq!(db.claim_page(id, &b).await.unwrap().standing, ClaimStanding::HeldByAnother);
    assert!(matches!(db.claim_initiative(id, &b, "Nous aussi, vraiment.").await, Err(DataError::Said(_))));
}

#[tokio::test]
async fn a_refused_claim_says_why_and_a_new_one_may_follow() {
    let (db, _dir) = empty_db().await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let id = unheld(&db, "Forum importé").await;
    let claim = db.claim_initiative(id, &a, "Nous organisons ce forum depuis 2019.").await.unwrap();
    db.refuse_claim(claim, &chartres, "Le forum est organisé par la CCI : précisez votre rôle.").await.unwrap();
    assert_eq!(db.holder_of(id).await.unwrap(), None);
    let ClaimStanding::MayClaim { refused: Some(refused) } = db.claim_page(id, &a).await.unwrap().standing else {
        panic!("may claim again, the refusal shown");
    };
    assert_eq!(refused.reason.as_deref(), Some("Le forum est organisé par la CCI : précisez votre rôle."));
    let mail = db.outbox(100).await.unwrap().into_iter().find(|m| m.recipient == "a@exemple.fr").unwrap();
    assert!(mail.text.contains("précisez votre rôle"), "{}", mail.text);
    assert!(db.audit_log(10).await.unwrap().iter().any(|e| e.action == AuditAction::RefuseClaim));
    db.claim_initiative(id, &a, "Nous co-organisons le forum avec la CCI.").await.unwrap();
    assert_eq!(db.case(id).await.unwrap().claims.len(), 2, "the refused one stays in the case");
    assert_eq!(db.moderation_queue(&Scope::Everywhere).await.unwrap().len(), 1);
}

#[tokio::test]
async fn only_published_initiatives_nobody_holds_are_claimed_by_verified_holders() {
    let (db, _dir) = empty_db().await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let animator = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let draft = db.create_held_initiative(&a, &forum(), Intent::Draft).await.unwrap();
    let waiting = db.create_initiative(&forum(), Status::Pending, false).await.unwrap();
    for id in [draft, waiting, 9999] {
        assert!(matches!(db.claim_page(id, &a).await, Err(DataError::NotFound)), "{id}");
        assert!(matches!(db.claim_initiative(id, &a, "Nous organisons ce forum.").await, Err(DataError::NotFound)));
    }
    let id = unheld(&db, "Forum importé").await;
    assert_eq!(db.claim_page(id, &animator).await.unwrap().standing, ClaimStanding::NotAHolder);
    let new = NewAccount {
        organisation: "Nouvelle".into(),
        contact_name: "Alex".into(),
        email: "nouvelle@exemple.fr".into(),
        password: "une phrase de passe solide".into(),
    };
    db.sign_up(&new, None, false).await.unwrap();
    let unverified = db.authenticate("nouvelle@exemple.fr", "une phrase de passe solide").await.unwrap().unwrap();
    assert!(!unverified.verified);
    assert_eq!(db.claim_page(id, &unverified).await.unwrap().standing, ClaimStanding::Unverified);
}

#[tokio::test]
async fn a_claimed_suggestion_is_the_holder_s_and_their_edits_are_no_suggestion() {
    let (db, _dir) = empty_db().await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let id = db.suggest_initiative(&InitiativeInput { title: "Forum suggéré".into(), ..forum() }, None).await.unwrap();
    db.approve_revision(id, 1, &chartres).await.unwrap();
    let claim = db.claim_initiative(id, &a, "Nous organisons ce forum depuis 2019.").await.unwrap();
    db.accept_claim(claim, &chartres).await.unwrap();
    let copy = db.working_copy(id).await.unwrap();
    let input =
        InitiativeInput { summary: "Soixante-quinze entreprises recrutent en alternance.".into(), ..copy.input };
    db.save_revision(id, &a, copy.number, &input, Intent::Submit).await.unwrap();
    let kinds: Vec<QueueKind> =
        db.moderation_queue(&Scope::Everywhere).await.unwrap().into_iter().map(|item| item.kind).collect();
    assert_eq!(kinds, vec![QueueKind::PendingEdit]);
}

#[tokio::test]
async fn a_claim_on_an_initiative_no_longer_published_is_not_accepted() {
    let (db, _dir) = empty_db().await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let id = unheld(&db, "Forum importé").await;
    let claim = db.claim_initiative(id, &a, "Nous organisons ce forum depuis 2019.").await.unwrap();
    let admin = account(&db, "admin@exemple.fr", Role::Admin).await;
    let base = db.working_copy(id).await.unwrap().number;
    db.archive_initiative(id, &admin, base).await.unwrap();
    assert!(matches!(db.accept_claim(claim, &chartres).await, Err(DataError::Said(_))));
    assert_eq!(db.holder_of(id).await.unwrap(), None);
    // Still in the queue, for the animator to answer the holder.
    db.refuse_claim(claim, &chartres, "Ce forum n'a plus lieu : il est archivé.").await.unwrap();
    assert!(db.moderation_queue(&Scope::Everywhere).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_claimant_who_deletes_their_account_takes_their_claims_along() {
    let (db, _dir) = empty_db().await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let b = holder_of(&db, "CIO de Chartres", "b@exemple.fr").await;
    let first = unheld(&db, "Forum importé").await;
    let second = unheld(&db, "Salon importé").await;
    db.claim_initiative(first, &a, "Nous organisons ce forum depuis 2019.").await.unwrap();
    let refused = db.claim_initiative(second, &a, "Nous organisons ce salon aussi.").await.unwrap();
    db.refuse_claim(refused, &chartres, "Le salon est celui de la CCI.").await.unwrap();
    let gone = a.id;
    db.delete_account(&a, "une phrase de passe solide", &[]).await.unwrap();
    assert!(db.claims_of(gone).await.unwrap().is_empty());
    assert!(db.case(first).await.unwrap().claims.is_empty() && db.case(second).await.unwrap().claims.is_empty());
    assert!(db.moderation_queue(&Scope::Everywhere).await.unwrap().is_empty());
    // A new claim after that is told to the animators as a new item, under an id never used.
    let claim = db.claim_initiative(first, &b, "Le CIO co-organise ce forum.").await.unwrap();
    assert!(claim > refused, "{claim} after {refused}");
    let told = db.outbox(100).await.unwrap().into_iter().filter(|m| m.recipient == chartres.email).count();
    assert_eq!(told, 3, "each claim told once");
}

#[tokio::test]
async fn a_holder_waits_for_answers_past_ten_open_claims() {
    let (db, _dir) = empty_db().await;
    let chartres = animator_of(&db, "animation.chartres@exemple.fr", "chartres").await;
    let a = holder_of(&db, "Lycée Marceau", "a@exemple.fr").await;
    let mut claims = Vec::new();
    for n in 0..MAX_OPEN_CLAIMS {
        let id = unheld(&db, &format!("Forum importé n° {n}")).await;
        claims.push(db.claim_initiative(id, &a, "Nous organisons ces forums.").await.unwrap());
    }
    let one_more = unheld(&db, "Forum de trop").await;
    let Err(DataError::Said(message)) = db.claim_initiative(one_more, &a, "Nous organisons ces forums.").await else {
        panic!("an eleventh open claim is refused");
    };
    assert!(message.french.contains("10 demandes de rattachement en attente"), "{message}");
    assert!(message.english.contains("10 claims waiting"), "{message}");
    // An answer makes room.
    db.refuse_claim(claims[0], &chartres, "Ce forum est celui de la CCI.").await.unwrap();
    db.claim_initiative(one_more, &a, "Nous organisons ces forums.").await.unwrap();
}

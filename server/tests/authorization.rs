//! The authorization matrix: every server function × anonymous, holder A, holder B, an animator
//! of Chartres, an animator of Dreux and an admin, through the real router. Only the allowed pairs succeed; the others get 401 or
//! 403 and change nothing.
//!
//! Every registered server function must have its row in `MATRIX`: the first test fails on one
//! that has none, so a new server function cannot ship without its rights being decided and
//! tested here.

use crate::common;

use crate::common::router_with;
use app::data::Db;
use app::domain::club::{AnimatorInvitationForm, InvitationForm};
use app::domain::contributions::{NewReport, ReportReason};
use app::domain::{Account, InitiativeInput, Intent, NewAccount, Role, Status};
use axum::http::StatusCode;
use axum::Router;

/// The people who call.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Caller {
    Anonymous,
    HolderA,
    HolderB,
    /// Animates Chartres, where holder A's initiatives are.
    AnimatorChartres,
    /// Animates Dreux only.
    AnimatorDreux,
    Admin,
}

const CALLERS: [Caller; 6] = [
    Caller::Anonymous,
    Caller::HolderA,
    Caller::HolderB,
    Caller::AnimatorChartres,
    Caller::AnimatorDreux,
    Caller::Admin,
];

/// Who may call a server function.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// Public reading, and the doors in (sign-up, sign-in, sign-out, who am I).
    Everyone,
    /// Any signed-in account, acting on itself only.
    SignedIn,
    /// Holders and animators, acting on themselves (an admin's account is not deleted from a page).
    Members,
    /// Holders only (creating initiatives, signing the charter).
    Holders,
    /// The holder of the initiative: holder A, whose draft `{draft}` is.
    Owner,
    /// The holder of the initiative, or an admin (reading a draft).
    OwnerOrAdmin,
    /// Animators (of any area: each sees their own) and admins.
    Moderators,
    /// Those who moderate the initiative's area (Chartres): its animators and admins.
    ModeratorsOfArea,
    /// Admins only.
    Admins,
}

impl Rule {
    fn allows(self, caller: Caller) -> bool {
        match self {
            Rule::Everyone => true,
            Rule::SignedIn => caller != Caller::Anonymous,
            Rule::Members => !matches!(caller, Caller::Anonymous | Caller::Admin),
            Rule::Holders => matches!(caller, Caller::HolderA | Caller::HolderB),
            Rule::Owner => caller == Caller::HolderA,
            Rule::OwnerOrAdmin => matches!(caller, Caller::HolderA | Caller::Admin),
            Rule::Moderators => matches!(caller, Caller::AnimatorChartres | Caller::AnimatorDreux | Caller::Admin),
            Rule::ModeratorsOfArea => matches!(caller, Caller::AnimatorChartres | Caller::Admin),
            Rule::Admins => caller == Caller::Admin,
        }
    }
}

/// One row: the function's endpoint, arguments that would succeed for an allowed caller
/// (`{email}` and `{password}` stand for the caller's own, `{draft}` for holder A's draft and
/// `{head}` for its latest revision, `{submitted}` for holder A's initiative sent to review and
/// `{pending}` for a revision of it waiting (made for the call), `{held}` for a published
/// initiative of holder A, `{published}` for a published
/// initiative of Chartres and `{report}` for an open report on it (made for the call),
/// `{invitation}` for the secret of a new invitation and `{fresh_email}` for the address of a
/// new holder account without initiatives (both made for the call),
/// `{caller}` for the caller's name; made for the call too: `{verify_secret}` and
/// `{reset_secret}`, the secrets of links mailed to a new account, `{unsubscribe}` a mail's
/// unsubscribe secret, `{failed_mail}` a mail given up on, `{fresh_animator}` a new animator's
/// address, `{foreign_invitation}` the secret of an animator's invitation mailed to someone
/// else, `{structure}` the name of holder A's public page, `{claim}` holder A's claim on a new
/// published initiative nobody holds), and who may call it.
struct Row {
    endpoint: &'static str,
    arguments: &'static [(&'static str, &'static str)],
    rule: Rule,
    /// What an allowed caller gets: success, or (for calls whose arguments cannot succeed for
    /// everyone — a wrong password, someone else's invitation) a 400 past the rights check.
    allowed: StatusCode,
}

/// What rows leave unsaid: allowed callers succeed.
const ROW: Row = Row { endpoint: "", arguments: &[], rule: Rule::Everyone, allowed: StatusCode::OK };

const PASSWORD: &str = "une phrase de passe solide";

const MATRIX: &[Row] = &[
    Row { endpoint: "load_map_data", arguments: &[("query", "")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "load_summaries", arguments: &[("ids[0]", "{published}")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "load_communes", arguments: &[], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "load_print_list", arguments: &[("query", "bassin=dreux")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "get_initiative", arguments: &[("id", "{published}")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "current_account", arguments: &[], rule: Rule::Everyone, ..ROW },
    Row {
        endpoint: "sign_in",
        arguments: &[("email", "{email}"), ("password", "{password}")],
        rule: Rule::Everyone,
        ..ROW
    },
    Row { endpoint: "sign_out", arguments: &[], rule: Rule::Everyone, ..ROW },
    Row {
        endpoint: "sign_up",
        arguments: &[
            ("organisation", "Nouvelle structure"),
            ("contact_name", "Alex"),
            ("email", "{new_email}"),
            ("password", "{password}"),
        ],
        rule: Rule::Everyone,
        ..ROW
    },
    Row {
        endpoint: "change_password",
        arguments: &[("current_password", "{password}"), ("new_password", "{password}")],
        rule: Rule::SignedIn,
        ..ROW
    },
    Row { endpoint: "form_choices", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "account_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    // The words of the holders', facilitators' and administrators' pages: the same for everyone.
    Row { endpoint: "settings_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "holder_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "club_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "animators_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "outbox_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "unsubscribe_texts", arguments: &[("locale", "en")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "load_charter", arguments: &[], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "sign_charter", arguments: &[("version", "1")], rule: Rule::Holders, ..ROW },
    Row { endpoint: "my_initiatives", arguments: &[], rule: Rule::SignedIn, ..ROW },
    Row { endpoint: "initiative_editor", arguments: &[("id", "{draft}")], rule: Rule::OwnerOrAdmin, ..ROW },
    Row {
        endpoint: "create_initiative",
        arguments: &[
            ("intent", "draft"),
            ("form[title]", "Initiative de {caller}"),
            ("form[summary]", "Un résumé assez long pour être accepté tel quel."),
            ("form[kind]", "forum-metiers"),
            ("form[themes][]", "competences"),
            ("form[audiences][]", "lyceens"),
            ("form[commune]", "Chartres (28000)"),
            ("form[organisation]", "Structure de {caller}"),
        ],
        rule: Rule::Holders,
        ..ROW
    },
    Row {
        endpoint: "save_initiative",
        arguments: &[
            ("id", "{draft}"),
            ("base", "{head}"),
            ("intent", "submit"),
            ("form[title]", "Titre changé par {caller}"),
            ("form[summary]", "Un résumé assez long pour être accepté tel quel."),
            ("form[kind]", "forum-metiers"),
            ("form[themes][]", "competences"),
            ("form[audiences][]", "lyceens"),
            ("form[commune]", "Chartres (28000)"),
            ("form[lat]", "48.45"),
            ("form[lon]", "1.49"),
            ("form[organisation]", "Structure de {caller}"),
        ],
        rule: Rule::Owner,
        ..ROW
    },
    Row {
        endpoint: "archive_initiative",
        arguments: &[("id", "{draft}"), ("base", "{head}")],
        rule: Rule::Owner,
        ..ROW
    },
    Row { endpoint: "confirm_initiative", arguments: &[("id", "{held}")], rule: Rule::Owner, ..ROW },
    Row { endpoint: "moderation_queue", arguments: &[("locale", "en")], rule: Rule::Moderators, ..ROW },
    Row {
        endpoint: "moderation_case",
        arguments: &[("id", "{submitted}"), ("locale", "en")],
        rule: Rule::ModeratorsOfArea,
        ..ROW
    },
    Row {
        endpoint: "approve_revision",
        arguments: &[("id", "{submitted}"), ("number", "{pending}")],
        rule: Rule::ModeratorsOfArea,
        ..ROW
    },
    Row {
        endpoint: "reject_revision",
        arguments: &[
            ("id", "{submitted}"),
            ("number", "{pending}"),
            ("reason", "Précisez les dates, s'il vous plaît."),
        ],
        rule: Rule::ModeratorsOfArea,
        ..ROW
    },
    Row {
        endpoint: "restore_revision",
        arguments: &[("id", "{submitted}"), ("number", "1"), ("base", "{pending}")],
        rule: Rule::ModeratorsOfArea,
        ..ROW
    },
    Row {
        endpoint: "resolve_report",
        arguments: &[("report", "{report}"), ("resolution", "Vu")],
        rule: Rule::ModeratorsOfArea,
        ..ROW
    },
    Row { endpoint: "audit_log", arguments: &[("locale", "en")], rule: Rule::Admins, ..ROW },
    Row { endpoint: "club_directory", arguments: &[], rule: Rule::SignedIn, ..ROW },
    Row { endpoint: "club_dashboard", arguments: &[], rule: Rule::Moderators, ..ROW },
    Row {
        endpoint: "create_invitation",
        arguments: &[("invitation[organisation]", "Invitée par {caller}"), ("invitation[email]", "")],
        rule: Rule::Moderators,
        ..ROW
    },
    Row { endpoint: "list_invitations", arguments: &[], rule: Rule::Moderators, ..ROW },
    Row { endpoint: "read_invitation", arguments: &[("secret", "{invitation}")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "list_animators", arguments: &[], rule: Rule::Admins, ..ROW },
    Row {
        endpoint: "assign_areas",
        arguments: &[("assignment[email]", "{fresh_animator}"), ("assignment[areas][]", "dreux")],
        rule: Rule::Admins,
        ..ROW
    },
    Row {
        endpoint: "report_initiative",
        arguments: &[
            ("id", "{published}"),
            ("report[reason]", "autre"),
            ("report[comment]", "Signalé par {caller}"),
            ("report[contact_email]", ""),
            ("adresse_web", ""),
        ],
        rule: Rule::Everyone,
        ..ROW
    },
    Row {
        endpoint: "suggest_initiative",
        arguments: &[
            ("form[title]", "Suggestion de {caller}"),
            ("form[summary]", "Un résumé assez long pour être accepté tel quel."),
            ("form[kind]", "forum-metiers"),
            ("form[themes][]", "competences"),
            ("form[audiences][]", "lyceens"),
            ("form[commune]", "Dreux (28100)"),
            ("form[organisation]", "Structure suggérée"),
            ("contact_email", ""),
            ("adresse_web", ""),
        ],
        rule: Rule::Everyone,
        ..ROW
    },
    Row { endpoint: "load_account_settings", rule: Rule::SignedIn, ..ROW },
    Row { endpoint: "resend_verification", rule: Rule::SignedIn, allowed: StatusCode::BAD_REQUEST, ..ROW },
    Row {
        endpoint: "check_account_link",
        arguments: &[("secret", "{reset_secret}"), ("purpose", "reset-password")],
        ..ROW
    },
    Row { endpoint: "verify_email", arguments: &[("secret", "{verify_secret}")], ..ROW },
    Row { endpoint: "request_password_reset", arguments: &[("email", "{new_email}")], ..ROW },
    Row {
        endpoint: "reset_password",
        arguments: &[("secret", "{reset_secret}"), ("new_password", "{password}")],
        ..ROW
    },
    Row {
        endpoint: "request_email_change",
        arguments: &[("new_email", "{new_email}"), ("password", "{password}")],
        rule: Rule::SignedIn,
        ..ROW
    },
    Row { endpoint: "sign_out_everywhere", rule: Rule::SignedIn, ..ROW },
    Row { endpoint: "set_queue_mail", arguments: &[("choice", "daily")], rule: Rule::Moderators, ..ROW },
    Row {
        endpoint: "delete_account",
        arguments: &[("deletion[password]", "pas le bon mot de passe")],
        rule: Rule::Members,
        allowed: StatusCode::BAD_REQUEST,
    },
    Row { endpoint: "list_outbox", rule: Rule::Admins, ..ROW },
    Row { endpoint: "retry_mail", arguments: &[("id", "{failed_mail}")], rule: Rule::Admins, ..ROW },
    Row { endpoint: "send_digests_now", rule: Rule::Admins, ..ROW },
    Row { endpoint: "read_subscription", arguments: &[("secret", "{unsubscribe}")], ..ROW },
    Row { endpoint: "set_subscription", arguments: &[("secret", "{unsubscribe}"), ("subscribed", "false")], ..ROW },
    Row { endpoint: "load_site_identity", ..ROW },
    Row {
        endpoint: "invite_animator",
        arguments: &[("invitation[email]", "{new_email}"), ("invitation[areas][]", "dreux")],
        rule: Rule::Admins,
        ..ROW
    },
    Row { endpoint: "load_structure_page", arguments: &[("slug", "{structure}")], rule: Rule::Everyone, ..ROW },
    Row { endpoint: "set_show_contact_name", arguments: &[("choice", "afficher")], rule: Rule::Holders, ..ROW },
    Row {
        endpoint: "load_claim_page",
        arguments: &[("id", "{published}"), ("locale", "fr")],
        rule: Rule::SignedIn,
        ..ROW
    },
    Row {
        endpoint: "claim_initiative",
        arguments: &[("id", "{published}"), ("message", "Nous organisons cette initiative.")],
        rule: Rule::Holders,
        ..ROW
    },
    Row { endpoint: "my_claims", arguments: &[], rule: Rule::SignedIn, ..ROW },
    Row { endpoint: "accept_claim", arguments: &[("claim", "{claim}")], rule: Rule::ModeratorsOfArea, ..ROW },
    Row {
        endpoint: "refuse_claim",
        arguments: &[("claim", "{claim}"), ("reason", "Précisez votre rôle dans ce forum.")],
        rule: Rule::ModeratorsOfArea,
        ..ROW
    },
    Row {
        endpoint: "accept_animator_invitation",
        arguments: &[("secret", "{foreign_invitation}")],
        rule: Rule::SignedIn,
        allowed: StatusCode::BAD_REQUEST,
    },
];

/// The endpoint of a registered server function: `/api/load_map_data` → `load_map_data`.
fn endpoint_of(path: &str) -> String {
    path.trim_start_matches("/api/").to_string()
}

#[test]
fn every_server_function_has_its_row_in_the_matrix() {
    let registered: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| endpoint_of(path)).collect();
    // An explicit endpoint each (`#[server(endpoint = "…")]`): without one, the path ends with a
    // hash of where the function is declared and changes when the code moves.
    let hashed: Vec<&String> = registered.iter().filter(|e| e.ends_with(|c: char| c.is_ascii_digit())).collect();
    assert!(hashed.is_empty(), "server functions without an explicit endpoint: {hashed:?}");
    assert!(registered.len() >= MATRIX.len(), "registered: {registered:?}");
    let missing: Vec<&String> =
        registered.iter().filter(|e| !MATRIX.iter().any(|row| row.endpoint == e.as_str())).collect();
    assert!(missing.is_empty(), "server functions without a row in the authorization matrix: {missing:?}");
    let stale: Vec<&str> =
        MATRIX.iter().map(|row| row.endpoint).filter(|e| !registered.iter().any(|r| r == e)).collect();
    assert!(stale.is_empty(), "rows for server functions that no longer exist: {stale:?}");
}

struct World {
    router: Router,
    db: Db,
    /// A published initiative of Chartres.
    published: i64,
    /// A draft of holder A.
    draft: i64,
    /// Holder A's initiative in Chartres, sent to review.
    submitted: i64,
    /// Holder A's published initiative.
    held: i64,
    holder_a: Account,
    /// The name of holder A's public page (`/structures/{name}`).
    structure: String,
    _dir: tempfile::TempDir,
}

/// An address nobody has used yet.
fn unique_email(who: &str) -> String {
    static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    format!("{who}.{}@exemple.fr", MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

fn email_of(caller: Caller) -> &'static str {
    match caller {
        Caller::Anonymous => "personne@exemple.fr",
        Caller::HolderA => "porteur.a@exemple.fr",
        Caller::HolderB => "porteur.b@exemple.fr",
        Caller::AnimatorChartres => "animateur.chartres@exemple.fr",
        Caller::AnimatorDreux => "animateur.dreux@exemple.fr",
        Caller::Admin => "admin@exemple.fr",
    }
}

impl World {
    async fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
        db.load_demo_if_empty().await.unwrap();
        let in_chartres = db
            .published_summaries(&Default::default())
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.area_name == "Chartres")
            .unwrap();
        let mut drafts = Vec::new();
        let mut holders = Vec::new();
        for (caller, role) in [
            (Caller::HolderA, Role::Holder),
            (Caller::HolderB, Role::Holder),
            (Caller::AnimatorChartres, Role::Animator),
            (Caller::AnimatorDreux, Role::Animator),
            (Caller::Admin, Role::Admin),
        ] {
            let input = NewAccount {
                organisation: format!("{caller:?}"),
                contact_name: format!("{caller:?}"),
                email: email_of(caller).into(),
                password: PASSWORD.into(),
            };
            let account = db.create_account(&input, role).await.unwrap();
            if caller == Caller::HolderA {
                let summary = db.published_page(&Default::default()).await.unwrap().items.remove(0);
                let mut input = db.working_copy(summary.id).await.unwrap().input;
                input.title = "Brouillon de A".into();
                drafts.push(db.create_held_initiative(&account, &input, Intent::Draft).await.unwrap());
                let mut input = db.working_copy(in_chartres.id).await.unwrap().input;
                input.title = "Soumise par A".into();
                drafts.push(db.create_held_initiative(&account, &input, Intent::Submit).await.unwrap());
                holders.push(account);
            }
            let area = match caller {
                Caller::AnimatorChartres => "chartres",
                Caller::AnimatorDreux => "dreux",
                _ => continue,
            };
            db.set_animator_areas(None, email_of(caller), &[area.to_string()]).await.unwrap();
        }
        let holder_a = holders.remove(0);
        let admin = db.authenticate(email_of(Caller::Admin), PASSWORD).await.unwrap().unwrap();
        let input =
            InitiativeInput { title: "Publiée de A".into(), ..db.working_copy(in_chartres.id).await.unwrap().input };
        let held = db.create_held_initiative(&holder_a, &input, Intent::Submit).await.unwrap();
        db.approve_revision(held, 1, &admin).await.unwrap();
        // Rights, not limits, are tested here: the same people sign in again after every row
        // that ends their session.
        let throttle = app::accounts::throttle::Throttle::new(
            10_000,
            std::time::Duration::from_secs(1),
            10_000,
            std::time::Duration::from_secs(1),
        );
        let (page, _) = db.public_page_of(holder_a.id).await.unwrap();
        World {
            structure: page.trim_start_matches("/structures/").to_string(),
            router: router_with(&db, throttle).await,
            db,
            published: in_chartres.id,
            draft: drafts[0],
            submitted: drafts[1],
            held,
            holder_a,
            _dir: dir,
        }
    }

    /// The latest revision of the submitted initiative, made pending first if it is not.
    async fn pending(&self) -> i64 {
        let copy = self.db.working_copy(self.submitted).await.unwrap();
        let waiting = copy.edit == Some(Status::Pending) || (copy.edit.is_none() && copy.status == Status::Pending);
        if waiting {
            return copy.number;
        }
        let input = InitiativeInput { title: format!("Soumise par A, version {}", copy.number + 1), ..copy.input };
        self.db.save_revision(self.submitted, &self.holder_a, copy.number, &input, Intent::Submit).await.unwrap()
    }

    /// The secret of a new invitation.
    async fn invitation(&self) -> String {
        let form = InvitationForm { organisation: "Structure invitée".into(), ..Default::default() };
        let path = self.db.create_invitation(&self.holder_a, &form).await.unwrap().path;
        path.split_once("invitation=").unwrap().1.to_string()
    }

    /// The address of a new account of `role` that holds nothing.
    async fn fresh_account(&self, role: Role) -> String {
        let email = unique_email("nouveau.compte");
        let input = NewAccount {
            organisation: "Futur".into(),
            contact_name: "Futur".into(),
            email: email.clone(),
            password: PASSWORD.into(),
        };
        self.db.create_account(&input, role).await.unwrap();
        email
    }

    /// The secret after `key=` in the latest mail to `to`.
    async fn secret_mailed_to(&self, to: &str, key: &str) -> String {
        let mail = self.db.outbox(1000).await.unwrap().into_iter().find(|m| m.recipient == to).expect("a mail");
        let start = mail.text.find(&format!("{key}=")).expect("a link") + key.len() + 1;
        mail.text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
    }

    /// The secret of the link that verifies a new account's address.
    async fn verify_secret(&self) -> String {
        let email = unique_email("a.verifier");
        let input = NewAccount {
            organisation: "Nouvelle".into(),
            contact_name: "Alex".into(),
            email: email.clone(),
            password: PASSWORD.into(),
        };
        self.db.sign_up(&input, None, true).await.unwrap();
        self.secret_mailed_to(&email, "jeton").await
    }

    /// The secret of a link that sets a new account's password.
    async fn reset_secret(&self) -> String {
        let email = self.fresh_account(Role::Holder).await;
        self.db.request_password_reset(&email, true).await.unwrap();
        self.secret_mailed_to(&email, "jeton").await
    }

    /// A holder invitation mailed to a new address: the mail's id and the address.
    async fn invitation_mail(&self) -> (i64, String) {
        let email = unique_email("invite");
        let form = InvitationForm {
            organisation: "Structure invitée".into(),
            contact_name: String::new(),
            email: email.clone(),
        };
        self.db.create_invitation(&self.holder_a, &form).await.unwrap();
        let id = self.db.outbox(1000).await.unwrap().into_iter().find(|m| m.recipient == email).unwrap().id;
        (id, email)
    }

    /// The id of a mail given up on.
    async fn failed_mail(&self) -> String {
        let (id, _) = self.invitation_mail().await;
        self.db.record_delivery(id, &app::data::Delivery::Failed { error: "550 refusé".into() }).await.unwrap();
        id.to_string()
    }

    /// The secret of an animator's invitation mailed to somebody no caller is.
    async fn foreign_invitation(&self) -> String {
        let admin = self.db.authenticate(email_of(Caller::Admin), PASSWORD).await.unwrap().unwrap();
        let email = unique_email("lointain");
        let form = AnimatorInvitationForm { email: email.clone(), areas: vec!["dreux".into()] };
        self.db.invite_animator(&admin, &form).await.unwrap();
        self.secret_mailed_to(&email, "invitation").await
    }

    /// A new open report on the published initiative.
    async fn report(&self) -> i64 {
        let report = NewReport { reason: ReportReason::NoLongerExists, comment: String::new(), contact_email: None };
        self.db.report_initiative(self.published, &report, None).await.unwrap()
    }

    /// Holder A's claim on a new published initiative of Chartres that nobody holds.
    async fn claim(&self) -> i64 {
        let input = InitiativeInput {
            title: "Sans porteur".into(),
            ..self.db.working_copy(self.published).await.unwrap().input
        };
        let id = self.db.create_initiative(&input, Status::Published, false).await.unwrap();
        self.db.claim_initiative(id, &self.holder_a, "Nous organisons cette initiative.").await.unwrap()
    }

    async fn post(
        &self,
        endpoint: &str,
        form: &[(String, String)],
        cookie: Option<&str>,
    ) -> (StatusCode, Option<String>) {
        let path = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .find(|path| endpoint_of(path) == endpoint)
            .unwrap_or_else(|| panic!("no server function {endpoint}"));
        let answer = common::call(&self.router, path, form, cookie).await;
        (answer.status, answer.set_cookie.is_some().then(|| answer.cookie()))
    }

    /// A fresh session of `caller` (none for the anonymous).
    async fn session_of(&self, caller: Caller) -> Option<String> {
        if caller == Caller::Anonymous {
            return None;
        }
        let form =
            [("email".to_string(), email_of(caller).to_string()), ("password".to_string(), PASSWORD.to_string())];
        let (status, cookie) = self.post("sign_in", &form, None).await;
        assert_eq!(status, StatusCode::OK, "{caller:?} signs in");
        cookie
    }
}

#[tokio::test]
async fn only_the_allowed_pairs_succeed_and_the_others_change_nothing() {
    let world = World::new().await;
    let mut new_accounts = 0;
    // One session per caller, renewed after the rows that end or replace it (sign-in is throttled: a
    // session per call would soon be refused).
    let mut sessions = Vec::new();
    for caller in CALLERS {
        sessions.push(world.session_of(caller).await);
    }
    for row in MATRIX {
        for (index, caller) in CALLERS.into_iter().enumerate() {
            let cookie = sessions[index].clone();
            new_accounts += 1;
            let head = world.db.working_copy(world.draft).await.unwrap().number;
            let mut made = std::collections::HashMap::new();
            for (_, value) in row.arguments {
                match *value {
                    "{pending}" => made.insert("{pending}", world.pending().await),
                    "{report}" => made.insert("{report}", world.report().await),
                    "{claim}" => made.insert("{claim}", world.claim().await),
                    _ => None,
                };
            }
            let mut made_text = std::collections::HashMap::new();
            for (_, value) in row.arguments {
                let text = match *value {
                    "{invitation}" => world.invitation().await,
                    "{fresh_animator}" => world.fresh_account(Role::Animator).await,
                    "{verify_secret}" => world.verify_secret().await,
                    "{reset_secret}" => world.reset_secret().await,
                    "{unsubscribe}" => {
                        let (_, email) = world.invitation_mail().await;
                        world.secret_mailed_to(&email, "jeton").await
                    }
                    "{failed_mail}" => world.failed_mail().await,
                    "{foreign_invitation}" => world.foreign_invitation().await,
                    _ => continue,
                };
                made_text.insert(*value, text);
            }
            let form: Vec<(String, String)> = row
                .arguments
                .iter()
                .map(|(name, value)| {
                    let value = match *value {
                        made_here if made.contains_key(made_here) => made[made_here].to_string(),
                        made_here if made_text.contains_key(made_here) => made_text[made_here].clone(),
                        "{submitted}" => world.submitted.to_string(),
                        "{held}" => world.held.to_string(),
                        "{structure}" => world.structure.clone(),
                        "{email}" => email_of(caller).to_string(),
                        "{password}" => PASSWORD.to_string(),
                        "{published}" => world.published.to_string(),
                        "{new_email}" => format!("nouveau.{new_accounts}@exemple.fr"),
                        "{draft}" => world.draft.to_string(),
                        "{head}" => head.to_string(),
                        other => other.replace("{caller}", &format!("{caller:?}")),
                    };
                    (name.to_string(), value)
                })
                .collect();
            // Signing in as the anonymous caller means signing in with no account at all.
            let expected_ok = row.rule.allows(caller) && !(row.endpoint == "sign_in" && caller == Caller::Anonymous);
            let (status, _) = world.post(row.endpoint, &form, cookie.as_deref()).await;
            // Rows that end the caller's session, or sign another account in on it.
            if matches!(
                row.endpoint,
                "sign_out" | "sign_out_everywhere" | "change_password" | "verify_email" | "reset_password"
            ) {
                sessions[index] = world.session_of(caller).await;
            }
            if expected_ok && row.allowed == StatusCode::OK {
                assert!(status.is_success(), "{} by {caller:?}: {status}", row.endpoint);
            } else if expected_ok {
                assert_eq!(
                    status, row.allowed,
                    "{} by {caller:?}: allowed, refused past the rights check",
                    row.endpoint
                );
            } else if row.endpoint == "sign_in" {
                assert_eq!(status, StatusCode::BAD_REQUEST, "{} by {caller:?}", row.endpoint);
            } else {
                let refused =
                    if caller == Caller::Anonymous { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                assert_eq!(status, refused, "{} by {caller:?}", row.endpoint);
            }
        }
    }
    // Refused calls changed nothing: every account still signs in with its own password…
    for caller in CALLERS.into_iter().filter(|c| *c != Caller::Anonymous) {
        assert!(world.db.authenticate(email_of(caller), PASSWORD).await.unwrap().is_some(), "{caller:?}");
    }
    // …holder A's draft holds only holder A's revisions…
    let history = world.db.history(world.draft).await.unwrap();
    assert!(history.len() >= 3, "created, saved and archived by holder A: {history:?}");
    assert!(history.iter().all(|r| r.author == "HolderA (HolderA)"), "{history:?}");
    let titles: Vec<String> =
        world.db.published_summaries(&Default::default()).await.unwrap().into_iter().map(|s| s.title).collect();
    assert!(
        !titles.iter().any(|t| t.contains("Brouillon de A") || t.contains("changé par")),
        "nothing private went public"
    );
    // …only holders created initiatives and signed the charter.
    for caller in [Caller::AnimatorChartres, Caller::AnimatorDreux, Caller::Admin] {
        let account = world.db.authenticate(email_of(caller), PASSWORD).await.unwrap().unwrap();
        assert!(world.db.held_initiatives(account.id).await.unwrap().is_empty(), "{caller:?}");
        assert_eq!(world.db.charter_page(Some(&account)).await.unwrap().signed_at, None, "{caller:?}");
    }
}

#[tokio::test]
async fn an_animator_of_dreux_neither_sees_nor_acts_on_chartres_s_queue() {
    let world = World::new().await;
    let queue_of = |caller| {
        let world = &world;
        async move {
            let cookie = world.session_of(caller).await;
            let path = leptos::server_fn::axum::server_fn_paths()
                .map(|(p, _)| p)
                .find(|p| endpoint_of(p) == "moderation_queue")
                .unwrap();
            common::call(&world.router, path, &[("locale", "fr")], cookie.as_deref()).await
        }
    };
    let chartres = queue_of(Caller::AnimatorChartres).await;
    assert_eq!(chartres.status, StatusCode::OK);
    assert!(chartres.body.contains("Soumise par A"), "{}", chartres.body);
    let dreux = queue_of(Caller::AnimatorDreux).await;
    assert_eq!(dreux.status, StatusCode::OK);
    assert!(!dreux.body.contains("Soumise par A"), "{}", dreux.body);
    assert!(dreux.body.contains("Bassin de Dreux"), "{}", dreux.body);
    // Acting on it is refused, and changes nothing.
    let cookie = world.session_of(Caller::AnimatorDreux).await;
    let number = world.pending().await.to_string();
    let form = [("id".to_string(), world.submitted.to_string()), ("number".to_string(), number)];
    assert_eq!(world.post("approve_revision", &form, cookie.as_deref()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(world.db.working_copy(world.submitted).await.unwrap().status, Status::Pending);
    assert!(world.db.audit_log(10).await.unwrap().iter().all(|e| !e.actor.starts_with("AnimatorDreux")));
}

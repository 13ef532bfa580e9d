//! The rest of an account's life: its settings page, the download of everything it holds, and
//! its deletion — after which nothing of the person remains (their published initiatives stay
//! public if they hand them over, without their name).

use serde_json::{json, Value};
use sqlx::{FromRow, SqliteConnection};

use super::revisions::{head, insert_revision, keep_imported, row_facts, Writer};
use super::search::index_for_search;
use super::{now, DataError, Db};
use crate::domain::accounts::{AccountSettings, AfterDeletion, PublicPage};
use crate::domain::audit::AuditAction;
use crate::domain::mail::QueueMail;
use crate::domain::{Account, Message, Role, Status};

/// Who wrote a revision, once its author deleted their account.
pub const DELETED_AUTHOR: &str = "Compte supprimé";

impl Db {
    /// What `/compte` shows of `account`.
    pub async fn account_settings(&self, account: &Account) -> Result<AccountSettings, DataError> {
        let queue_mail: String = sqlx::query_scalar("SELECT queue_mail FROM accounts WHERE id = ?1")
            .bind(account.id)
            .fetch_one(&self.pool)
            .await?;
        let published: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, title FROM initiatives WHERE holder_id = ?1 AND status = 'published' ORDER BY title, id",
        )
        .bind(account.id)
        .fetch_all(&self.pool)
        .await?;
        let public_page = match account.role {
            Role::Holder => Some(self.public_page_of(account.id).await?),
            _ => None,
        };
        Ok(AccountSettings {
            public_page: public_page.map(|(path, show_contact_name)| PublicPage {
                path,
                show_contact_name,
                visible: !published.is_empty(),
            }),
            account: account.clone(),
            pending_email: self.pending_email(account.id).await?,
            queue_mail: matches!(account.role, Role::Animator | Role::Admin)
                .then(|| QueueMail::from_code(&queue_mail))
                .flatten(),
            unsubscribed: self.unsubscribed_kinds(&account.email).await?,
            published,
        })
    }

    /// How account `id` hears of its queue from now on.
    pub async fn set_queue_mail(&self, id: i64, choice: QueueMail) -> Result<(), DataError> {
        sqlx::query("UPDATE accounts SET queue_mail = ?2 WHERE id = ?1")
            .bind(id)
            .bind(choice.code())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Everything the database holds about `account`, as one JSON document (« Télécharger mes
    /// données »): the account, its initiatives with every revision, its charter signatures,
    /// the reports it made while signed in, its mail preferences.
    pub async fn account_export(&self, account: &Account) -> Result<Value, DataError> {
        #[derive(FromRow)]
        struct Facts {
            created_at: String,
            email_verified_at: Option<String>,
            password_changed_at: String,
            queue_mail: String,
            slug: Option<String>,
            show_contact_name: bool,
            language: String,
        }
        let facts: Facts = sqlx::query_as(
            "SELECT created_at, email_verified_at, password_changed_at, queue_mail, slug, show_contact_name, language FROM accounts WHERE id = ?1",
        )
        .bind(account.id)
        .fetch_one(&self.pool)
        .await?;
        let ids: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, status FROM initiatives WHERE holder_id = ?1 ORDER BY id")
                .bind(account.id)
                .fetch_all(&self.pool)
                .await?;
        let mut initiatives = Vec::new();
        for (id, status) in ids {
            initiatives.push(json!({ "id": id, "statut": status, "revisions": self.revisions_json(id).await? }));
        }
        let signatures: Vec<(i64, String)> =
            sqlx::query_as("SELECT version, signed_at FROM charter_signatures WHERE account_id = ?1 ORDER BY version")
                .bind(account.id)
                .fetch_all(&self.pool)
                .await?;
        let reports: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT initiative_id, reason, comment, created_at FROM reports WHERE reporter_id = ?1 ORDER BY id",
        )
        .bind(account.id)
        .fetch_all(&self.pool)
        .await?;
        Ok(json!({
            "genere_le": now(),
            "site": self.public_url(),
            "compte": {
                "id": account.id,
                "adresse": account.email,
                "structure": account.organisation,
                "contact": account.contact_name,
                "role": account.role.label(),
                "cree_le": facts.created_at,
                "adresse_verifiee_le": facts.email_verified_at,
                "mot_de_passe_change_le": facts.password_changed_at,
                "bassins_animes": self.animated_areas(account.id).await?,
                "courriels_de_moderation": facts.queue_mail,
                "desabonnements": self.unsubscribed_kinds(&account.email).await?,
                "page_publique": facts.slug.as_deref().map(crate::domain::structures::structure_path),
                "nom_du_contact_sur_la_page_publique": facts.show_contact_name,
                "langue_des_courriels": facts.language,
            },
            "initiatives": initiatives,
            "signatures_de_la_charte": signatures.into_iter().map(|(version, at)| json!({ "version": version, "signee_le": at })).collect::<Vec<_>>(),
            "demandes_de_rattachement": self.claims_of(account.id).await?.into_iter().map(|claim| json!({
                "initiative": claim.initiative_id,
                "message": claim.message,
                "le": claim.created_at,
                "decision": claim.decision.map(|d| d.code()),
                "decidee_le": claim.decided_at,
                "motif": claim.reason,
            })).collect::<Vec<_>>(),
            "signalements": reports.into_iter().map(|(id, reason, comment, at)| json!({ "initiative": id, "motif": reason, "commentaire": comment, "le": at })).collect::<Vec<_>>(),
        }))
    }

    async fn revisions_json(&self, id: i64) -> Result<Vec<Value>, DataError> {
        let rows: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT number, created_at, state, changed, content, reason FROM initiative_revisions WHERE initiative_id = ?1 ORDER BY number",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(number, at, state, changed, content, reason)| {
                json!({
                    "version": number,
                    "le": at,
                    "etat": state,
                    "champs_modifies": changed.split_whitespace().collect::<Vec<_>>(),
                    "motif_du_refus": reason,
                    "contenu": serde_json::from_str::<Value>(&content).unwrap_or(Value::Null),
                })
            })
            .collect())
    }

    /// Deletes `account` once `password` is checked. Each published initiative goes as
    /// `choices` says (every one must be decided): handed over to the club, or archived; the
    /// others it holds (drafts, submissions, refused ones) are deleted, archived ones are kept
    /// held by nobody. Revisions keep their content but no longer name the person; the audit
    /// log keeps that an account was deleted. Nothing else of the person remains.
    pub async fn delete_account(
        &self,
        account: &Account,
        password: &str,
        choices: &[(i64, AfterDeletion)],
    ) -> Result<(), DataError> {
        if account.role == Role::Admin {
            return Err(DataError::Said(Message::new(
                "Un compte administrateur ne se supprime pas ici : un autre administrateur doit d'abord prendre le relais.",
                "An administrator's account is not deleted here: another administrator must take over first.",
            )));
        }
        self.check_password(account.id, password).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let held: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, status, title FROM initiatives WHERE holder_id = ?1")
                .bind(account.id)
                .fetch_all(&mut *tx)
                .await?;
        let (mut handed, mut archived, mut deleted) = (0, 0, 0);
        for (id, status, title) in held {
            match Status::from_code(&status) {
                Some(Status::Published) => match choices.iter().find(|(c, _)| *c == id).map(|(_, choice)| *choice) {
                    Some(AfterDeletion::HandOver) => handed += 1,
                    Some(AfterDeletion::Archive) => {
                        archive_for_deleted(&mut tx, id).await?;
                        archived += 1;
                    }
                    None => return Err(DataError::Said(undecided(&title))),
                },
                Some(Status::Archived) => {}
                _ => {
                    sqlx::query("DELETE FROM initiatives WHERE id = ?1").bind(id).execute(&mut *tx).await?;
                    index_for_search(&mut tx, id).await?;
                    deleted += 1;
                }
            }
        }
        forget_person(&mut tx, account).await?;
        let details = format!(
            "{handed} initiative(s) confiée(s) au club, {archived} archivée(s), {deleted} non publiée(s) supprimée(s)"
        );
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, actor, action, subject, details) VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
        )
        .bind(now())
        .bind(DELETED_AUTHOR)
        .bind(AuditAction::DeleteAccount.code())
        .bind(format!("Compte n° {} ({})", account.id, account.role.label()))
        .bind(details)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Archives published initiative `id` whose holder is leaving, as a revision nobody signs.
async fn archive_for_deleted(conn: &mut SqliteConnection, id: i64) -> Result<(), DataError> {
    let row = row_facts(conn, id).await?;
    let latest = head(conn, id, row.status, &row.updated_at).await?;
    keep_imported(conn, id, &latest).await?;
    super::revisions::set_status(conn, id, Status::Archived).await?;
    insert_revision(conn, id, latest.number + 1, Writer::Nobody(DELETED_AUTHOR), &latest.input, &[], Status::Archived)
        .await
}

/// Removes every trace of `account`'s person: their name from revisions and the audit log,
/// their address from invitations, reports, suggestions, the outbox and mail preferences,
/// then the account itself (its sessions end: they name an account that no longer exists).
async fn forget_person(conn: &mut SqliteConnection, account: &Account) -> Result<(), DataError> {
    let (id, email) = (account.id, account.email.as_str());
    let statements: [(&str, bool); 13] = [
        ("UPDATE initiatives SET holder_id = NULL WHERE holder_id = ?1", false),
        (
            "UPDATE initiative_revisions SET author_id = NULL, author_note = 'Compte supprimé' WHERE author_id = ?1",
            false,
        ),
        ("UPDATE initiative_revisions SET reviewer_id = NULL WHERE reviewer_id = ?1", false),
        ("UPDATE audit_log SET actor = 'Compte supprimé', actor_id = NULL WHERE actor_id = ?1", false),
        ("UPDATE audit_log SET subject = 'adresse effacée' WHERE subject = ?1", true),
        ("DELETE FROM invitations WHERE email = ?1", true),
        ("DELETE FROM invitations WHERE used_by = ?1", false),
        ("UPDATE reports SET contact_email = NULL, language = NULL WHERE contact_email = ?1", true),
        ("UPDATE suggestions SET contact_email = NULL, language = NULL WHERE contact_email = ?1", true),
        // Mails to the person, and those that name their address (a change of address's notice).
        // (instr, not LIKE: an address may hold `_` or `%`.)
        ("DELETE FROM outbox WHERE recipient = ?1 OR instr(text_body, ?1) > 0", true),
        ("DELETE FROM mail_subscriptions WHERE email = ?1", true),
        ("DELETE FROM notices WHERE key LIKE 'queue:' || ?1 || ':%' OR key LIKE 'digest:' || ?1 || ':%'", false),
        ("DELETE FROM accounts WHERE id = ?1", false),
    ];
    for (sql, by_email) in statements {
        let query = sqlx::query(sql);
        let query = if by_email { query.bind(email) } else { query.bind(id) };
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Why a deletion did nothing: published initiative `title` was neither handed over nor archived.
fn undecided(title: &str) -> Message {
    Message::new(
        format!("Dites si vous confiez « {title} » au club ou si vous l'archivez : rien n'a été supprimé."),
        format!("Say whether you hand “{title}” over to the club or archive it: nothing was deleted."),
    )
}

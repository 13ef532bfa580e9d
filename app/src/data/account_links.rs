//! Links sent by mail that act on an account: verifying an address, choosing a new password,
//! moving to a new address. Each is single-use and expires; only the SHA-256 of its secret is
//! kept, so a copy of the database gives no usable link. Signing up lives here too: it is the
//! first of these links.
//!
//! Nothing here tells whether an address has an account: signing up with a taken address and
//! asking a new password for an unknown one answer like the others, and the address's owner
//! (if any) is told by mail.

use sha2::{Digest, Sha256};
use sqlx::{FromRow, SqliteConnection};

use super::accounts::{
    bump_generation, hash_password, insert_account, invalid, password_matches, set_language, set_password,
};
use super::audit::audit;
use super::club::{mark_invitation_used, InvitationRow};
use super::outbox::{enqueue, new_secret, reads_english};
use super::{now, stamp, DataError, Db};
use crate::domain::accounts::{normalise_email, password_problem, validate_sign_up, LinkProblem, LinkPurpose};
use crate::domain::audit::AuditAction;
use crate::domain::mail::{letters, RESET_HOURS, VERIFICATION_HOURS};
use crate::domain::validation::{is_well_formed_email, malformed_email};
use crate::domain::{Account, Field, Message, NewAccount, Role};

/// The hex SHA-256 of a link's secret: what the database keeps.
pub(super) fn token_hash(secret: &str) -> String {
    Sha256::digest(secret.trim().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new link of `purpose` for account `id` (to `new_email` for a change of address); the
/// links of the same purpose it replaces stop working. Returns the secret, to mail.
async fn issue_link(
    conn: &mut SqliteConnection,
    id: i64,
    purpose: LinkPurpose,
    new_email: Option<&str>,
) -> Result<String, DataError> {
    let hours = match purpose {
        LinkPurpose::ResetPassword => RESET_HOURS,
        LinkPurpose::VerifyEmail | LinkPurpose::ChangeEmail => VERIFICATION_HOURS,
    };
    let created = chrono::Utc::now();
    expire_waiting_links(conn, id, &[purpose], &stamp(created)).await?;
    let secret = new_secret();
    sqlx::query(
        "INSERT INTO account_links (account_id, purpose, token_hash, new_email, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(id)
    .bind(purpose.code())
    .bind(token_hash(&secret))
    .bind(new_email)
    .bind(stamp(created))
    .bind(stamp(created + chrono::Duration::hours(hours)))
    .execute(&mut *conn)
    .await?;
    Ok(secret)
}

/// Makes the links of account `id` for `purposes` that still wait (unused, unexpired) expire
/// `at`: a newer link replaces them, or what they were sent for no longer holds.
pub(super) async fn expire_waiting_links(
    conn: &mut SqliteConnection,
    id: i64,
    purposes: &[LinkPurpose],
    at: &str,
) -> Result<(), DataError> {
    let codes: Vec<&str> = purposes.iter().map(|p| p.code()).collect();
    sqlx::query(
        "UPDATE account_links SET expires_at = ?3
         WHERE account_id = ?1 AND purpose IN (SELECT value FROM json_each(?2)) AND used_at IS NULL AND expires_at > ?3",
    )
    .bind(id)
    .bind(serde_json::to_string(&codes).expect("strings serialise"))
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct LinkRow {
    id: i64,
    account_id: i64,
    purpose: String,
    new_email: Option<String>,
    expires_at: String,
    used_at: Option<String>,
}

/// The link of `secret` if it may still serve one of `purposes`; otherwise why not.
async fn valid_link(
    conn: &mut SqliteConnection,
    secret: &str,
    purposes: &[LinkPurpose],
) -> Result<(LinkRow, LinkPurpose), DataError> {
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT id, account_id, purpose, new_email, expires_at, used_at FROM account_links WHERE token_hash = ?1",
    )
    .bind(token_hash(secret))
    .fetch_optional(&mut *conn)
    .await?;
    let found =
        row.and_then(|row| LinkPurpose::from_code(&row.purpose).filter(|p| purposes.contains(p)).map(|p| (row, p)));
    let Some((row, purpose)) = found else {
        return Err(DataError::Link(LinkProblem::Unknown, purposes.first().copied()));
    };
    if row.used_at.is_some() {
        return Err(DataError::Link(LinkProblem::Used, Some(purpose)));
    }
    if row.expires_at <= now() {
        return Err(DataError::Link(LinkProblem::Expired, Some(purpose)));
    }
    Ok((row, purpose))
}

/// Uses the link of `secret` (once: in the transaction of what it does).
async fn use_link(
    conn: &mut SqliteConnection,
    secret: &str,
    purposes: &[LinkPurpose],
) -> Result<(LinkRow, LinkPurpose), DataError> {
    let (row, purpose) = valid_link(conn, secret, purposes).await?;
    let used = sqlx::query("UPDATE account_links SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL")
        .bind(row.id)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    if used.rows_affected() == 0 {
        return Err(DataError::Link(LinkProblem::Used, Some(purpose)));
    }
    Ok((row, purpose))
}

/// Marks the address of account `id` proven.
async fn mark_verified(conn: &mut SqliteConnection, id: i64) -> Result<(), DataError> {
    sqlx::query("UPDATE accounts SET email_verified_at = COALESCE(email_verified_at, ?2) WHERE id = ?1")
        .bind(id)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn account_id_in(conn: &mut SqliteConnection, email: &str) -> Result<Option<i64>, DataError> {
    Ok(sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?1").bind(email).fetch_optional(&mut *conn).await?)
}

impl Db {
    /// Creates a holder account for `input` and mails the link that verifies its address; the
    /// account is not signed in. If the address already has an account, nothing is created
    /// and its owner is told by mail instead (when `may_mail`: a limit per address keeps this
    /// from flooding a mailbox) — the answer is the same, `None`.
    ///
    /// With an invitation, its secret serves once. An animator's invitation (mailed by an admin
    /// to this very address) proves it: the account is verified, becomes an animator of the
    /// invitation's areas, and is returned to be signed in at once.
    pub async fn sign_up(
        &self,
        input: &NewAccount,
        invitation: Option<&str>,
        may_mail: bool,
    ) -> Result<Option<Account>, DataError> {
        validate_sign_up(input).map_err(DataError::Invalid)?;
        let invited = match invitation {
            Some(secret) => Some(self.waiting_invitation(secret).await?),
            None => None,
        };
        let email = normalise_email(&input.email);
        if let Some(invited) = invited.as_ref().filter(|i| i.role == Role::Animator.code() && i.email != email) {
            return Err(invalid(
                Field::Email,
                Message::new(
                    format!(
                        "Cette invitation d'animateur est adressée à {} : inscrivez-vous avec cette adresse.",
                        invited.email
                    ),
                    format!(
                        "This facilitator invitation is addressed to {}: sign up with this address.",
                        invited.email
                    ),
                ),
            ));
        }
        // Hashed before looking: a taken address answers in the same time as a free one.
        let hash = hash_password(input.password.clone()).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if account_id_in(&mut tx, &email).await?.is_some() {
            if may_mail {
                // To the address's owner, in their language.
                let english = reads_english(&mut tx, &email).await?;
                enqueue(&mut tx, self.public_url(), &email, &letters::address_in_use(english)).await?;
            }
            tx.commit().await?;
            return Ok(None);
        }
        // Only an admin's animator invitation proves the address: a holder invitation's link is
        // shown to the animator who made it, who could use it with any address it names.
        let proven = invited.as_ref().is_some_and(|i| i.role == Role::Animator.code() && i.email == email);
        let role = match &invited {
            Some(i) if i.role == Role::Animator.code() => Role::Animator,
            _ => Role::Holder,
        };
        let account = insert_account(&mut tx, input, &hash, role, proven).await?;
        set_language(&mut tx, account.id, self.english()).await?;
        if let Some(invited) = &invited {
            mark_invitation_used(&mut tx, invited, &account).await?;
        }
        if !proven {
            let secret = issue_link(&mut tx, account.id, LinkPurpose::VerifyEmail, None).await?;
            enqueue(&mut tx, self.public_url(), &email, &letters::verification(&secret, self.english())).await?;
        }
        tx.commit().await?;
        Ok(proven.then_some(account))
    }

    /// Mails signed-in `account` a new link to verify its address (the previous one stops
    /// working). `Refused` when it is verified already.
    pub async fn send_verification(&self, account: &Account) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let verified: Option<String> = sqlx::query_scalar("SELECT email_verified_at FROM accounts WHERE id = ?1")
            .bind(account.id)
            .fetch_one(&mut *tx)
            .await?;
        if verified.is_some() {
            return Err(DataError::Said(Message::new(
                "Votre adresse est déjà vérifiée.",
                "Your address is already verified.",
            )));
        }
        let secret = issue_link(&mut tx, account.id, LinkPurpose::VerifyEmail, None).await?;
        enqueue(&mut tx, self.public_url(), &account.email, &letters::verification(&secret, self.english())).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the link of `secret` may still serve `purpose` (a page shows its form, or says
    /// why not, before anyone acts).
    pub async fn check_link(&self, secret: &str, purpose: LinkPurpose) -> Result<(), DataError> {
        let purposes: &[LinkPurpose] = match purpose {
            LinkPurpose::ResetPassword => &[LinkPurpose::ResetPassword],
            LinkPurpose::VerifyEmail | LinkPurpose::ChangeEmail => {
                &[LinkPurpose::VerifyEmail, LinkPurpose::ChangeEmail]
            }
        };
        let mut conn = self.pool.acquire().await?;
        valid_link(&mut conn, secret, purposes).await.map(|_| ())
    }

    /// Uses a verification link: the account's address (or the new address it moves to) is
    /// proven. Returns the account, to sign in.
    pub async fn verify_address(&self, secret: &str) -> Result<Account, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (link, purpose) = use_link(&mut tx, secret, &[LinkPurpose::VerifyEmail, LinkPurpose::ChangeEmail]).await?;
        if let (LinkPurpose::ChangeEmail, Some(new_email)) = (purpose, &link.new_email) {
            move_address(&mut tx, link.account_id, new_email).await?;
        }
        mark_verified(&mut tx, link.account_id).await?;
        tx.commit().await?;
        self.account(link.account_id).await?.ok_or(DataError::NotFound)
    }

    /// Mails the account of `email`, if there is one, a link to choose a new password (when
    /// `may_mail`). Unknown addresses get no mail and the same answer.
    pub async fn request_password_reset(&self, email: &str, may_mail: bool) -> Result<(), DataError> {
        let email = normalise_email(email);
        if !is_well_formed_email(&email) {
            return Err(invalid(Field::Email, malformed_email()));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if let (Some(id), true) = (account_id_in(&mut tx, &email).await?, may_mail) {
            let secret = issue_link(&mut tx, id, LinkPurpose::ResetPassword, None).await?;
            enqueue(&mut tx, self.public_url(), &email, &letters::password_reset(&secret, self.english())).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Uses a password-reset link: the new password replaces the old, every session of the
    /// account ends, and its address counts as verified (the link proved it). Returns the
    /// account and its new session generation, to sign it in here.
    pub async fn reset_password(&self, secret: &str, new_password: &str) -> Result<(Account, i64), DataError> {
        // Checked before the link is used: a password too short must not cost the link.
        if let Some(problem) = password_problem(new_password) {
            return Err(invalid(Field::NewPassword, problem));
        }
        let hash = hash_password(new_password.to_string()).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (link, _) = use_link(&mut tx, secret, &[LinkPurpose::ResetPassword]).await?;
        set_password(&mut tx, link.account_id, &hash).await?;
        mark_verified(&mut tx, link.account_id).await?;
        let generation = bump_generation(&mut tx, link.account_id).await?;
        tx.commit().await?;
        let account = self.account(link.account_id).await?.ok_or(DataError::NotFound)?;
        Ok((account, generation))
    }

    /// Starts moving `account` to `new_email`, once its password is checked: the new address
    /// gets a link (the old one stays until it is used) and the old address is told. A new
    /// address that another account has gets its owner warned instead (when `may_mail`), with
    /// the same answer and the same request waiting on « Mon compte ».
    pub async fn request_email_change(
        &self,
        account: &Account,
        password: &str,
        new_email: &str,
        may_mail: bool,
    ) -> Result<(), DataError> {
        let new_email = normalise_email(new_email);
        if !is_well_formed_email(&new_email) {
            return Err(invalid(Field::Email, malformed_email()));
        }
        if new_email == account.email {
            return Err(invalid(
                Field::Email,
                Message::new("C'est déjà l'adresse de votre compte.", "This is already your account's address."),
            ));
        }
        self.check_password(account.id, password).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // The request is recorded the same way whether the new address is free or taken, so
        // that « Mon compte » shows it waiting in both cases and tells nothing; a taken
        // address's owner gets a warning instead of the link, whose secret nobody ever sees.
        let secret = issue_link(&mut tx, account.id, LinkPurpose::ChangeEmail, Some(&new_email)).await?;
        if account_id_in(&mut tx, &new_email).await?.is_none() {
            enqueue(&mut tx, self.public_url(), &new_email, &letters::new_address(&secret, self.english())).await?;
        } else if may_mail {
            // To the address's owner, in their language.
            let english = reads_english(&mut tx, &new_email).await?;
            enqueue(&mut tx, self.public_url(), &new_email, &letters::address_in_use(english)).await?;
        }
        let notice = letters::address_change_notice(&new_email, self.english());
        enqueue(&mut tx, self.public_url(), &account.email, &notice).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The address account `id` asked to move to, while its link waits.
    pub async fn pending_email(&self, id: i64) -> Result<Option<String>, DataError> {
        Ok(sqlx::query_scalar(
            "SELECT new_email FROM account_links WHERE account_id = ?1 AND purpose = 'change-email'
                 AND used_at IS NULL AND expires_at > ?2 ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .bind(now())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// `Invalid` on the password field unless `password` is account `id`'s.
    pub async fn check_password(&self, id: i64, password: &str) -> Result<(), DataError> {
        let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match hash {
            Some(hash) if password_matches(password.to_string(), hash.clone()).await? => Ok(()),
            _ => Err(invalid(
                Field::Password,
                Message::new("Le mot de passe n'est pas le bon.", "The password is incorrect."),
            )),
        }
    }

    /// Signs an existing account in through an animator's invitation: the account must be the
    /// one the invitation was mailed to, with its address verified, and hold no initiative.
    /// It becomes an animator of the invitation's areas (added to any it had).
    pub async fn accept_animator_invitation(&self, account: &Account, secret: &str) -> Result<Account, DataError> {
        let invited = self.waiting_invitation(secret).await?;
        if invited.role != Role::Animator.code() {
            return Err(DataError::Said(Message::new(
                "Ce lien invite un porteur d'initiatives : il s'utilise pour créer un compte.",
                "This link invites an initiative holder: it is used to create an account.",
            )));
        }
        if invited.email != account.email {
            return Err(DataError::Said(Message::new(
                format!(
                    "Cette invitation est adressée à {} : connectez-vous avec le compte de cette adresse (vous êtes connecté·e avec {}).",
                    invited.email, account.email
                ),
                format!(
                    "This invitation is addressed to {}: sign in with that address's account (you are signed in with {}).",
                    invited.email, account.email
                ),
            )));
        }
        if !account.verified {
            return Err(DataError::Said(Message::new(
                "Vérifiez d'abord l'adresse de votre compte (lien envoyé par courriel).",
                "Verify your account's address first (link sent by email).",
            )));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        super::club::check_may_animate(&mut tx, account.id).await?;
        sqlx::query("UPDATE accounts SET role = 'animator' WHERE id = ?1").bind(account.id).execute(&mut *tx).await?;
        mark_invitation_used(&mut tx, &invited, account).await?;
        audit(
            &mut tx,
            Some(account),
            AuditAction::JoinAsAnimator,
            None,
            &account.email,
            &format!("Bassins : {}", invited.areas.replace('|', ", ")),
        )
        .await?;
        tx.commit().await?;
        self.account(account.id).await?.ok_or(DataError::NotFound)
    }

    /// The invitation of `secret` while it may serve (`Refused` saying why once used or
    /// expired, `NotFound` for a secret no invitation has).
    pub(super) async fn waiting_invitation(&self, secret: &str) -> Result<InvitationRow, DataError> {
        let row = self.invitation_row(secret).await?.ok_or(DataError::NotFound)?;
        if let Some(refusal) = row.state(&now()).refusal() {
            return Err(DataError::Said(refusal));
        }
        Ok(row)
    }
}

/// Account `id` takes `new_email` (verified by the link just used). Its mail preferences move
/// with it.
async fn move_address(conn: &mut SqliteConnection, id: i64, new_email: &str) -> Result<(), DataError> {
    let old: String =
        sqlx::query_scalar("SELECT email FROM accounts WHERE id = ?1").bind(id).fetch_one(&mut *conn).await?;
    let moved =
        sqlx::query("UPDATE accounts SET email = ?2 WHERE id = ?1").bind(id).bind(new_email).execute(&mut *conn).await;
    match moved {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(DataError::Said(Message::new(
                "Un autre compte utilise désormais cette adresse : choisissez-en une autre depuis « Mon compte ».",
                "Another account now uses this address: choose another one from “My account”.",
            )))
        }
        Err(e) => return Err(e.into()),
    }
    sqlx::query("UPDATE OR IGNORE mail_subscriptions SET email = ?2 WHERE email = ?1")
        .bind(&old)
        .bind(new_email)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM mail_subscriptions WHERE email = ?1").bind(&old).execute(&mut *conn).await?;
    // Links mailed to the old address (a password reset, another move) no longer serve.
    let every = [LinkPurpose::VerifyEmail, LinkPurpose::ResetPassword, LinkPurpose::ChangeEmail];
    expire_waiting_links(conn, id, &every, &now()).await
}

//! The outbox: every mail is written here in the transaction of the action that causes it (an
//! action that did not happen sends nothing, and none happens without its mail), then the
//! server's mail task delivers it, retrying with backoff. Unsubscribing from a kind of mail is
//! honoured at once: mails of that kind still waiting are not sent.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sqlx::{FromRow, SqliteConnection};

use super::audit::audit;
use super::{now, stamp, DataError, Db};
use crate::domain::audit::AuditAction;
use crate::domain::mail::{link_path, Mail, MailKind, MailState, Outbox, OutboxMail, Subscription, UNSUBSCRIBE_PAGE};
use crate::domain::{Account, Message};

/// 32 random bytes, hex: the secret of a link sent by mail.
pub(super) fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a security mail's body becomes once delivered: its link belongs to its recipient, not
/// to the admins who read the outbox.
const WIPED: &str = "(Contenu effacé après l'envoi : ce courriel contenait un lien personnel de sécurité.)";

/// How long delivered (or cancelled) mails stay readable in the outbox, and failed ones.
const KEEP_SENT_DAYS: i64 = 30;
const KEEP_FAILED_DAYS: i64 = 90;

/// Whether the account of `email` reads English (the language of the pages it last signed up
/// or signed in from); French for an address no account has.
pub(super) async fn reads_english(conn: &mut SqliteConnection, email: &str) -> Result<bool, DataError> {
    let language: Option<String> = sqlx::query_scalar("SELECT language FROM accounts WHERE email = ?1")
        .bind(crate::domain::accounts::normalise_email(email))
        .fetch_optional(&mut *conn)
        .await?;
    Ok(language.as_deref() == Some("en"))
}

/// The code stored for a language (`accounts.language`, `suggestions.language`, …).
pub(super) fn language_code(english: bool) -> &'static str {
    if english {
        "en"
    } else {
        "fr"
    }
}

/// Writes `mail` to `to` into the outbox, unless `to` unsubscribed from its kind. Returns the
/// mail's id, or `None` when it is not to be sent.
pub(super) async fn enqueue(
    conn: &mut SqliteConnection,
    site: &str,
    to: &str,
    mail: &Mail,
) -> Result<Option<i64>, DataError> {
    let to = crate::domain::accounts::normalise_email(to);
    let unsubscribe_url = if mail.kind.is_security() {
        None
    } else {
        match subscription_token(conn, &to, mail.kind).await? {
            // The page in the mail's language (`/en/desabonnement` for an English mail).
            Some(token) => {
                Some(format!("{site}{}{}", if mail.english { "/en" } else { "" }, link_path(UNSUBSCRIBE_PAGE, &token)))
            }
            None => return Ok(None),
        }
    };
    let rendered = mail.render(site, unsubscribe_url.as_deref());
    let today = now();
    let id = sqlx::query_scalar(
        "INSERT INTO outbox (kind, recipient, subject, text_body, html_body, unsubscribe_url, created_at, next_attempt_at, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8) RETURNING id",
    )
    .bind(mail.kind.code())
    .bind(&to)
    .bind(&mail.subject)
    .bind(&rendered.text)
    .bind(&rendered.html)
    .bind(&unsubscribe_url)
    .bind(&today)
    .bind(language_code(mail.english))
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(id))
}

/// The unsubscribe secret of (`email`, `kind`), made the first time; `None` when the person
/// unsubscribed from that kind.
async fn subscription_token(
    conn: &mut SqliteConnection,
    email: &str,
    kind: MailKind,
) -> Result<Option<String>, DataError> {
    sqlx::query(
        "INSERT INTO mail_subscriptions (email, kind, token) VALUES (?1, ?2, ?3) ON CONFLICT (email, kind) DO NOTHING",
    )
    .bind(email)
    .bind(kind.code())
    .bind(new_secret())
    .execute(&mut *conn)
    .await?;
    let (token, unsubscribed_at): (String, Option<String>) =
        sqlx::query_as("SELECT token, unsubscribed_at FROM mail_subscriptions WHERE email = ?1 AND kind = ?2")
            .bind(email)
            .bind(kind.code())
            .fetch_one(&mut *conn)
            .await?;
    Ok(unsubscribed_at.is_none().then_some(token))
}

/// A mail the delivery task is to send now.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub unsubscribe_url: Option<String>,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// What became of one attempt to deliver a mail.
#[derive(Clone, Debug)]
pub enum Delivery {
    Sent,
    /// The server was down or refused: try again at `at`.
    Retry {
        error: String,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// Refused or unreachable through every retry: given up, shown to admins.
    Failed {
        error: String,
    },
}

#[derive(FromRow)]
struct OutboxRow {
    id: i64,
    kind: String,
    recipient: String,
    subject: String,
    text_body: String,
    html_body: String,
    unsubscribe_url: Option<String>,
    created_at: String,
    state: String,
    attempts: i64,
    last_error: Option<String>,
    sent_at: Option<String>,
    language: String,
}

/// `camille@exemple.fr` → `c•••@exemple.fr`: enough to recognise one's own address on a page
/// a forwarded link may open.
fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((name, domain)) => format!("{}•••@{domain}", name.chars().next().unwrap_or('•')),
        None => "•••".into(),
    }
}

impl Db {
    /// Mails due now, oldest first (at most `limit`). Waiting mails to an address that has
    /// unsubscribed from their kind are cancelled here, unsent.
    pub async fn due_mails(&self, limit: i64) -> Result<Vec<Outgoing>, DataError> {
        sqlx::query(
            "UPDATE outbox SET state = 'cancelled', last_error = 'Destinataire désabonné de ce type de courriel'
             WHERE state = 'waiting' AND EXISTS (SELECT 1 FROM mail_subscriptions s
                 WHERE s.email = outbox.recipient AND s.kind = outbox.kind AND s.unsubscribed_at IS NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        let rows: Vec<OutboxRow> = sqlx::query_as(
            "SELECT * FROM outbox WHERE state = 'waiting' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2",
        )
        .bind(now())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                Some(Outgoing {
                    id: row.id,
                    kind: MailKind::from_code(&row.kind)?,
                    recipient: row.recipient,
                    subject: row.subject,
                    text: row.text_body,
                    html: row.html_body,
                    unsubscribe_url: row.unsubscribe_url,
                    attempts: row.attempts,
                })
            })
            .collect())
    }

    /// Records what an attempt to deliver mail `id` gave.
    pub async fn record_delivery(&self, id: i64, delivery: &Delivery) -> Result<(), DataError> {
        match delivery {
            Delivery::Sent => {
                // A security mail's link is its recipient's alone: wiped once it has left.
                let security: Vec<&str> = MailKind::ALL.iter().filter(|k| k.is_security()).map(|k| k.code()).collect();
                sqlx::query(&format!(
                    "UPDATE outbox SET state = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = NULL,
                         text_body = CASE WHEN kind IN ('{}') THEN ?3 ELSE text_body END,
                         html_body = CASE WHEN kind IN ('{}') THEN '' ELSE html_body END
                     WHERE id = ?1",
                    security.join("','"),
                    security.join("','")
                ))
                .bind(id)
                .bind(now())
                .bind(WIPED)
                .execute(&self.pool)
                .await?;
            }
            Delivery::Retry { error, at } => {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
                )
                .bind(id)
                .bind(error)
                .bind(stamp(*at))
                .execute(&self.pool)
                .await?;
            }
            Delivery::Failed { error } => {
                sqlx::query(
                    "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
                )
                .bind(id)
                .bind(error)
                .execute(&self.pool)
                .await?;
            }
        }
        Ok(())
    }

    /// The latest `limit` mails, failed ones first, then the newest.
    pub async fn outbox(&self, limit: i64) -> Result<Vec<OutboxMail>, DataError> {
        let rows: Vec<OutboxRow> =
            sqlx::query_as("SELECT * FROM outbox ORDER BY state = 'failed' DESC, id DESC LIMIT ?1")
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|row| OutboxMail {
                id: row.id,
                kind: row.kind,
                recipient: row.recipient,
                subject: row.subject,
                text: row.text_body,
                english: row.language == "en",
                created_at: row.created_at,
                state: MailState::from_code(&row.state),
                attempts: row.attempts,
                last_error: row.last_error,
                sent_at: row.sent_at,
            })
            .collect())
    }

    /// The outbox as admins read it.
    pub async fn outbox_page(&self, delivery: bool) -> Result<Outbox, DataError> {
        Ok(Outbox { delivery, mails: self.outbox(200).await? })
    }

    /// Sends failed mail `id` again from its first attempt (an admin fixed the mail server);
    /// `Refused` for a mail that has not failed.
    pub async fn retry_mail(&self, id: i64, admin: &Account) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let updated = sqlx::query(
            "UPDATE outbox SET state = 'waiting', attempts = 0, next_attempt_at = ?2 WHERE id = ?1 AND state = 'failed'
             RETURNING subject",
        )
        .bind(id)
        .bind(now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = updated else {
            return Err(DataError::Said(Message::new(
                "Seul un courriel en échec peut être renvoyé.",
                "Only an email that failed can be sent again.",
            )));
        };
        let subject: String = sqlx::Row::get(&row, 0);
        audit(&mut tx, Some(admin), AuditAction::RetryMail, None, &subject, &format!("Courriel n° {id}")).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets delivered, cancelled and never-sent mails after 30 days (without a mail server
    /// nothing leaves the outbox), failed ones after 90, then the mail preferences of addresses
    /// that no account and no kept mail uses any more (a citizen who left an address with a
    /// suggestion): they hold people's addresses, and `/confidentialite` says how long. A choice
    /// to unsubscribe is kept, so that it is honoured. Returns the number of mails forgotten.
    pub async fn purge_outbox(&self) -> Result<u64, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let done = sqlx::query(
            "DELETE FROM outbox WHERE (state IN ('sent', 'cancelled', 'waiting') AND created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1))
                OR (state = 'failed' AND created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?2))",
        )
        .bind(format!("-{KEEP_SENT_DAYS} days"))
        .bind(format!("-{KEEP_FAILED_DAYS} days"))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM mail_subscriptions WHERE unsubscribed_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = mail_subscriptions.email)
                 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.recipient = mail_subscriptions.email)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// The subscription an unsubscribe link's `token` names; `Link(Unknown)` for none.
    pub async fn subscription(&self, token: &str) -> Result<Subscription, DataError> {
        let row: Option<(String, String, Option<String>)> =
            sqlx::query_as("SELECT email, kind, unsubscribed_at FROM mail_subscriptions WHERE token = ?1")
                .bind(token.trim())
                .fetch_optional(&self.pool)
                .await?;
        let (email, kind, unsubscribed_at) =
            row.ok_or(DataError::Link(crate::domain::accounts::LinkProblem::Unknown, None))?;
        let kind = MailKind::from_code(&kind).ok_or(DataError::NotFound)?;
        Ok(Subscription { kind, email: masked(&email), unsubscribed: unsubscribed_at.is_some() })
    }

    /// Unsubscribes (or with `false` subscribes again) the address and kind of `token`, at once.
    pub async fn set_subscribed(&self, token: &str, subscribed: bool) -> Result<Subscription, DataError> {
        let stamp = (!subscribed).then(now);
        sqlx::query("UPDATE mail_subscriptions SET unsubscribed_at = ?2 WHERE token = ?1")
            .bind(token.trim())
            .bind(stamp)
            .execute(&self.pool)
            .await?;
        self.subscription(token).await
    }

    /// The kinds of mail `email` unsubscribed from (codes).
    pub async fn unsubscribed_kinds(&self, email: &str) -> Result<Vec<String>, DataError> {
        Ok(sqlx::query_scalar(
            "SELECT kind FROM mail_subscriptions WHERE email = ?1 AND unsubscribed_at IS NOT NULL ORDER BY kind",
        )
        .bind(crate::domain::accounts::normalise_email(email))
        .fetch_all(&self.pool)
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn addresses_are_partly_hidden() {
        assert_eq!(masked("camille@exemple.fr"), "c•••@exemple.fr");
        assert_eq!(masked("pas-une-adresse"), "•••");
    }
}

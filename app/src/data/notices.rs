//! Who is told what, once: holders of the decisions on their initiatives, animators of new items
//! in their queue (one mail each, or a daily digest), citizens of what became of their
//! suggestion or report, holders of their initiatives going stale. Mails caused by an action
//! are written in its transaction (see `outbox`); `notices` remembers what was told, so that
//! nothing is told twice.

use sqlx::SqliteConnection;

use super::outbox::{enqueue, reads_english};
use super::revisions::row_facts;
use super::{now, DataError, Db};
use crate::domain::holding::paris_time;
use crate::domain::initiative::{date_in, detail_path};
use crate::domain::mail::{letters, Mail, DIGEST_HOUR};
use crate::domain::moderation::{QueueItem, QueueKind};
use crate::domain::Account;

/// SQL for the key of the queue item an initiative `i` waiting for review is: it changes with
/// each decision on it, so a new submission after a decision is a new item, while saving again
/// while it waits is not.
pub(super) const INITIATIVE_ITEM_KEY: &str = "('initiative:' || i.id || ':' ||
    (SELECT COUNT(*) FROM initiative_revisions d WHERE d.initiative_id = i.id AND d.reviewed_at IS NOT NULL))";

/// The key of the queue item report `id` is.
pub(super) fn report_item_key(id: i64) -> String {
    format!("report:{id}")
}

/// Records `key` as told; `false` when it already was (then nothing is to be sent).
pub(super) async fn first_time(conn: &mut SqliteConnection, key: &str) -> Result<bool, DataError> {
    let inserted = sqlx::query("INSERT OR IGNORE INTO notices (key, created_at) VALUES (?1, ?2)")
        .bind(key)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Mails `mail` to the holder of initiative `id`, if an account holds it.
pub(super) async fn tell_holder(
    conn: &mut SqliteConnection,
    site: &str,
    id: i64,
    write: impl FnOnce(bool) -> Mail,
) -> Result<(), DataError> {
    let holder: Option<(String, String)> = sqlx::query_as(
        "SELECT a.email, a.language FROM initiatives i JOIN accounts a ON a.id = i.holder_id WHERE i.id = ?1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((email, language)) = holder {
        enqueue(conn, site, &email, &write(language == "en")).await?;
    }
    Ok(())
}

/// The public path of initiative `id`.
pub(super) async fn public_path(conn: &mut SqliteConnection, id: i64) -> Result<String, DataError> {
    Ok(detail_path(id, &row_facts(conn, id).await?.slug))
}

/// Tells the citizen who suggested initiative `id` (if they left an address) what became of it:
/// published (its public path) or refused (`reason`). Their address served that one message:
/// it is erased.
pub(super) async fn tell_suggester(
    conn: &mut SqliteConnection,
    site: &str,
    id: i64,
    title: &str,
    published: Option<&str>,
    reason: Option<&str>,
) -> Result<(), DataError> {
    let contact: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT contact_email, language FROM suggestions WHERE initiative_id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((Some(email), language)) = contact {
        let mail = letters::suggestion_handled(title, published, reason, language.as_deref() == Some("en"));
        enqueue(conn, site, &email, &mail).await?;
        sqlx::query("UPDATE suggestions SET contact_email = NULL, language = NULL WHERE initiative_id = ?1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Tells the moderators of `areas` (codes) who want each item at once (animators of those
/// areas, and admins, with a verified address) that item `key` entered their queue.
pub(super) async fn tell_moderators(
    conn: &mut SqliteConnection,
    site: &str,
    key: &str,
    areas: &[(String, String)],
    what: QueueKind,
    title: &str,
    id: i64,
) -> Result<(), DataError> {
    let Some((_, area_name)) = areas.first() else { return Ok(()) };
    let codes: Vec<&str> = areas.iter().map(|(code, _)| code.as_str()).collect();
    let placeholders = vec!["?"; codes.len()].join(", ");
    let sql = format!(
        "SELECT DISTINCT a.id, a.email, a.language FROM accounts a LEFT JOIN animator_areas aa ON aa.account_id = a.id
         WHERE a.queue_mail = 'immediate' AND a.email_verified_at IS NOT NULL
           AND (a.role = 'admin' OR (a.role = 'animator' AND aa.area IN ({placeholders})))
         ORDER BY a.id"
    );
    let mut query = sqlx::query_as::<_, (i64, String, String)>(&sql);
    for code in &codes {
        query = query.bind(*code);
    }
    let moderators = query.fetch_all(&mut *conn).await?;
    let case_path = format!("/moderation/initiatives/{id}");
    for (account, email, language) in moderators {
        if first_time(conn, &format!("queue:{account}:{key}")).await? {
            // Each in their own language.
            let english = language == "en";
            let mail = letters::queue_item(what.label_in(english), title, area_name, &case_path, english);
            enqueue(conn, site, &email, &mail).await?;
        }
    }
    Ok(())
}

/// The key of the queue item initiative `id` is while it waits (see [`INITIATIVE_ITEM_KEY`]).
pub(super) async fn initiative_item_key(conn: &mut SqliteConnection, id: i64) -> Result<String, DataError> {
    Ok(sqlx::query_scalar(&format!("SELECT {INITIATIVE_ITEM_KEY} FROM initiatives i WHERE i.id = ?1"))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}

/// A line of a digest. Who sent it is left to the queue: a mail kept in the outbox must not
/// name a person who may delete their account meanwhile.
fn digest_line(item: &QueueItem, english: bool) -> String {
    if english {
        format!("{}: “{}” ({} area)", item.kind.label_en(), item.title, item.area_name)
    } else {
        format!("{} : « {} » (bassin de {})", item.kind.label(), item.title, item.area_name)
    }
}

impl Db {
    /// Mails each moderator one digest of the items of their queue nobody told them of yet.
    /// Scheduled (`force` false): once a day, from [`DIGEST_HOUR`] Paris time, to those not
    /// sent one today. `force` (an admin's button): now, whatever the hour. Returns how many
    /// digests were written.
    pub async fn send_digests(&self, force: bool) -> Result<usize, DataError> {
        let local = paris_time(chrono::Utc::now());
        if !force && chrono::Timelike::hour(&local) < DIGEST_HOUR {
            return Ok(0);
        }
        let today = local.date().to_string();
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM accounts WHERE role IN ('animator', 'admin') AND email_verified_at IS NOT NULL ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut written = 0;
        for id in ids {
            let Some(moderator) = self.account(id).await? else { continue };
            if self.digest_for(&moderator, &today, force).await? {
                written += 1;
            }
        }
        Ok(written)
    }

    async fn digest_for(&self, moderator: &Account, today: &str, force: bool) -> Result<bool, DataError> {
        let Some(scope) = self.scope_of(moderator).await? else { return Ok(false) };
        let items = self.moderation_queue(&scope).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if !first_time(&mut tx, &format!("digest:{}:{today}", moderator.id)).await? && !force {
            return Ok(false);
        }
        let english = reads_english(&mut tx, &moderator.email).await?;
        let mut lines = Vec::new();
        for item in &items {
            if first_time(&mut tx, &format!("queue:{}:{}", moderator.id, item.key)).await? {
                lines.push(digest_line(item, english));
            }
        }
        let written = !lines.is_empty()
            && enqueue(&mut tx, self.public_url(), &moderator.email, &letters::queue_digest(lines, english))
                .await?
                .is_some();
        tx.commit().await?;
        Ok(written)
    }

    /// Reminds holders of their published initiatives unconfirmed for 11 months (« à vérifier »
    /// in a month) and again at 12 (« à vérifier » now), once each per confirmation. Returns
    /// how many reminders were written.
    pub async fn send_freshness_reminders(&self) -> Result<usize, DataError> {
        let stale: Vec<(i64, String, String, String, String, bool)> = sqlx::query_as(
            "SELECT i.id, i.title, i.confirmed_at, a.email, a.language,
                    i.confirmed_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-12 months') AS due
             FROM initiatives i JOIN accounts a ON a.id = i.holder_id
             WHERE i.status = 'published' AND i.confirmed_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-11 months')
             ORDER BY i.id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut written = 0;
        for (id, title, confirmed_at, email, language, due) in stale {
            let english = language == "en";
            let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
            let soon_key = format!("freshness:{id}:{confirmed_at}:soon");
            let confirm_path = format!("/mes-initiatives/{id}/confirmer");
            let mail = if due {
                // Told at 12 months: no « in a month » after it, even if it was never sent.
                first_time(&mut tx, &soon_key).await?;
                first_time(&mut tx, &format!("freshness:{id}:{confirmed_at}:due"))
                    .await?
                    .then(|| letters::freshness(&title, None, &confirm_path, english))
            } else {
                let turns = chrono::DateTime::parse_from_rfc3339(&confirmed_at)
                    .map(|at| date_in(paris_time(at.to_utc() + chrono::Months::new(12)).date(), english))
                    .unwrap_or_else(|_| confirmed_at.clone());
                first_time(&mut tx, &soon_key)
                    .await?
                    .then(|| letters::freshness(&title, Some(&turns), &confirm_path, english))
            };
            if let Some(mail) = mail {
                if enqueue(&mut tx, self.public_url(), &email, &mail).await?.is_some() {
                    written += 1;
                }
            }
            tx.commit().await?;
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::moderation::QueueKind;

    #[test]
    fn a_digest_line_says_what_and_where() {
        let item = QueueItem {
            kind: QueueKind::Suggestion,
            initiative_id: 3,
            title: "Forum".into(),
            area_code: "dreux".into(),
            area_name: "Dreux".into(),
            from: "Suggestion citoyenne".into(),
            since: String::new(),
            days: 0,
            reason: None,
            detail: None,
            key: "initiative:3:0".into(),
        };
        assert_eq!(digest_line(&item, false), "Suggestion citoyenne : « Forum » (bassin de Dreux)");
        assert_eq!(digest_line(&item, true), "Citizen's suggestion: “Forum” (Dreux area)");
    }
}

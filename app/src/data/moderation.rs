//! Moderation: which areas animators moderate, their queue, the case of one initiative,
//! approving, refusing or restoring a revision, and citizens' suggestions and reports. Who may
//! call these is decided by the server functions (`ssr::moderator_of`, `domain::moderation::Scope`).

use sqlx::{FromRow, SqliteConnection};

use super::audit::audit;
use super::initiatives::{read_input, write_content};
use super::notices::{
    initiative_item_key, public_path, tell_holder, tell_moderators, tell_suggester, INITIATIVE_ITEM_KEY,
};
use super::revisions::{
    check_base, head, insert_revision, keep_imported, revision, row_facts, status, Head, Writer, AUTHOR,
};
use super::{now, DataError, Db};
use crate::domain::audit::AuditAction;
use crate::domain::contributions::ReportReason;
use crate::domain::initiative::detail_path;
use crate::domain::mail::letters;
use crate::domain::moderation::{age_in_days, Case, Names, PendingRevision, QueueItem, QueueKind, Scope};
use crate::domain::revisions::changed_fields;
use crate::domain::{validate, Account, Message, Status};

/// The areas (code, name) an initiative is moderated in: its row's — where it is public, or
/// where its holder put it — first, then, when a pending revision moves it, the area it would
/// move to. A holder's draft never decides who moderates: only a submitted revision counts.
pub(super) async fn areas_of(conn: &mut SqliteConnection, id: i64) -> Result<Vec<(String, String)>, DataError> {
    let areas: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.code, a.name FROM initiatives i JOIN communes c ON c.insee = i.commune JOIN areas a ON a.code = c.area
         WHERE i.id = ?1
         UNION
         SELECT a.code, a.name FROM initiative_revisions r
         JOIN communes c ON c.insee = json_extract(r.content, '$.commune') JOIN areas a ON a.code = c.area
         WHERE r.initiative_id = ?1 AND r.state = 'pending'
           AND r.number = (SELECT MAX(number) FROM initiative_revisions WHERE initiative_id = ?1)",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let row_area: Option<String> =
        sqlx::query_scalar("SELECT c.area FROM initiatives i JOIN communes c ON c.insee = i.commune WHERE i.id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let row_area = row_area.ok_or(DataError::NotFound)?;
    let mut areas = areas;
    areas.sort_by_key(|(code, _)| *code != row_area);
    Ok(areas)
}

/// Tells the moderators of initiative `id` who want each item at once that it waits for them
/// (in the transaction that submitted it). A suggestion a holder has claimed since is theirs:
/// their edits are no suggestion.
pub(super) async fn announce_initiative(conn: &mut SqliteConnection, site: &str, id: i64) -> Result<(), DataError> {
    let (title, suggestion, status_code): (String, bool, String) = sqlx::query_as(
        "SELECT (SELECT json_extract(content, '$.title') FROM initiative_revisions WHERE initiative_id = i.id ORDER BY number DESC LIMIT 1),
                EXISTS (SELECT 1 FROM suggestions WHERE initiative_id = i.id) AND i.holder_id IS NULL, i.status
         FROM initiatives i WHERE i.id = ?1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let what = match (suggestion, status(&status_code)) {
        (true, _) => QueueKind::Suggestion,
        (false, Status::Published) => QueueKind::PendingEdit,
        (false, _) => QueueKind::NewInitiative,
    };
    let key = initiative_item_key(conn, id).await?;
    let areas = areas_of(conn, id).await?;
    tell_moderators(conn, site, &key, &areas, what, &title, id).await
}

impl Db {
    /// The moderation scope of `account`: `None` for holders, who moderate nothing.
    pub async fn scope_of(&self, account: &Account) -> Result<Option<Scope>, DataError> {
        Ok(Scope::of(account, &self.animated_areas(account.id).await?))
    }

    /// What waits for the animators of `scope`, oldest first: revisions submitted for review
    /// (new initiatives, edits of published ones, suggestions), open reports and open claims.
    pub async fn moderation_queue(&self, scope: &Scope) -> Result<Vec<QueueItem>, DataError> {
        #[derive(FromRow)]
        struct Row {
            id: i64,
            title: String,
            area_code: String,
            area_name: String,
            /// Where it is now (a pending edit may move it to `area_code`).
            row_area: String,
            row_status: String,
            suggestion: bool,
            from_whom: String,
            since: String,
            /// `revision`, `report` or `claim`.
            item: String,
            reason: Option<String>,
            comment: Option<String>,
            key: String,
        }
        let sql = format!(
            "SELECT i.id AS id, json_extract(r.content, '$.title') AS title, ar.code AS area_code, ar.name AS area_name,
                    (SELECT area FROM communes WHERE insee = i.commune) AS row_area, i.status AS row_status,
                    s.initiative_id IS NOT NULL AND i.holder_id IS NULL AS suggestion, {AUTHOR} AS from_whom,
                    r.created_at AS since, 'revision' AS item, NULL AS reason, NULL AS comment, {INITIATIVE_ITEM_KEY} AS key
             FROM initiative_revisions r
             JOIN initiatives i ON i.id = r.initiative_id
             JOIN communes c ON c.insee = json_extract(r.content, '$.commune')
             JOIN areas ar ON ar.code = c.area
             LEFT JOIN accounts a ON a.id = r.author_id
             LEFT JOIN suggestions s ON s.initiative_id = i.id
             WHERE r.state = 'pending'
               AND r.number = (SELECT MAX(number) FROM initiative_revisions WHERE initiative_id = i.id)
             UNION ALL
             SELECT i.id, i.title, ar.code, ar.name, ar.code, i.status, 0,
                    COALESCE(a.contact_name || ' (' || a.organisation || ')', 'Visiteur'), rep.created_at, 'report', rep.reason,
                    rep.comment, 'report:' || rep.id
             FROM reports rep
             JOIN initiatives i ON i.id = rep.initiative_id
             JOIN communes c ON c.insee = i.commune
             JOIN areas ar ON ar.code = c.area
             LEFT JOIN accounts a ON a.id = rep.reporter_id
             WHERE rep.resolved_at IS NULL
             UNION ALL
             SELECT i.id, i.title, ar.code, ar.name, ar.code, i.status, 0,
                    a.contact_name || ' (' || a.organisation || ')', cl.created_at, 'claim', NULL, cl.message,
                    'claim:' || cl.id
             FROM claims cl
             JOIN initiatives i ON i.id = cl.initiative_id
             JOIN communes c ON c.insee = i.commune
             JOIN areas ar ON ar.code = c.area
             JOIN accounts a ON a.id = cl.account_id
             WHERE cl.decision IS NULL
             ORDER BY since, id"
        );
        let rows: Vec<Row> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
        let today = chrono::Utc::now();
        Ok(rows
            .into_iter()
            .filter(|row| scope.covers(&row.area_code) || scope.covers(&row.row_area))
            .map(|row| {
                let kind = match (row.item.as_str(), row.suggestion, status(&row.row_status)) {
                    ("report", _, _) => QueueKind::Report,
                    ("claim", _, _) => QueueKind::Claim,
                    (_, true, _) => QueueKind::Suggestion,
                    (_, false, Status::Published) => QueueKind::PendingEdit,
                    (_, false, _) => QueueKind::NewInitiative,
                };
                // A report's reason, and what people wrote: a report's comment, a claim's message.
                let reason = match kind {
                    QueueKind::Report => row.reason.as_deref().and_then(ReportReason::from_code),
                    _ => None,
                };
                let detail = match kind {
                    QueueKind::Report | QueueKind::Claim => row.comment.clone().filter(|c| !c.is_empty()),
                    _ => None,
                };
                QueueItem {
                    kind,
                    initiative_id: row.id,
                    title: row.title,
                    area_code: row.area_code,
                    area_name: row.area_name,
                    from: row.from_whom,
                    days: age_in_days(&row.since, today),
                    since: row.since,
                    reason,
                    detail,
                    key: row.key,
                }
            })
            .collect())
    }

    /// The area codes initiative `id` is moderated in (see `areas_of`), or `NotFound`.
    pub async fn moderation_areas(&self, id: i64) -> Result<Vec<String>, DataError> {
        let mut conn = self.pool.acquire().await?;
        Ok(areas_of(&mut conn, id).await?.into_iter().map(|(code, _)| code).collect())
    }

    /// Everything a moderator reads before deciding on initiative `id`.
    pub async fn case(&self, id: i64) -> Result<Case, DataError> {
        let mut conn = self.pool.acquire().await?;
        let row = row_facts(&mut conn, id).await?;
        let latest = head(&mut conn, id, row.status, &row.updated_at).await?;
        let (area_code, area_name) = areas_of(&mut conn, id).await?.swap_remove(0);
        let holder = match row.holder_id {
            Some(holder) => {
                self.account(holder).await?.map(|a| format!("{} ({}), {}", a.contact_name, a.organisation, a.email))
            }
            None => None,
        };
        let suggested_by: Option<Option<String>> =
            sqlx::query_scalar("SELECT contact_email FROM suggestions WHERE initiative_id = ?1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
        let pending = if latest.state == Status::Pending {
            let published = match row.status {
                Status::Published => read_input(&mut conn, id).await?,
                _ => None,
            };
            let (kinds, communes) = (self.kinds().await?, self.commune_choices().await?);
            let names = Names { kinds: &kinds, communes: &communes };
            Some(PendingRevision {
                number: latest.number,
                author: latest.author.clone(),
                created_at: latest.created_at.clone(),
                changes: names.changes(published.as_ref(), &latest.input),
            })
        } else {
            None
        };
        Ok(Case {
            id,
            title: latest.input.title.clone(),
            status: row.status,
            area_code,
            area_name,
            holder,
            suggested_by,
            pending,
            latest: latest.number,
            public_path: (row.status == Status::Published).then(|| detail_path(id, &row.slug)),
            reports: self.reports_on(id).await?,
            claims: self.claims_on(id).await?,
            history: self.history(id).await?,
        })
    }

    /// Publishes the content of revision `number` of published initiative `id` again, as a new
    /// revision (every later one stays in the history; an edit that was waiting is refused with
    /// the reason). `base` is the latest revision the moderator saw: a later one is a conflict.
    /// Returns the new revision's number.
    pub async fn restore_revision(
        &self,
        id: i64,
        number: i64,
        base: i64,
        moderator: &Account,
    ) -> Result<i64, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = row_facts(&mut tx, id).await?;
        // Only what the public sees is restored by moderators: a holder's drafts and submissions
        // are theirs to change, and an archived initiative was withdrawn by its holder.
        if row.status != Status::Published {
            return Err(DataError::Said(Message::new(
                "Seule une initiative publiée peut revenir à une version antérieure : le porteur modifie lui-même ses brouillons, et une initiative archivée a été retirée par lui.",
                "Only a published initiative can go back to an earlier version: holders change their drafts themselves, and an archived initiative was withdrawn by its holder.",
            )));
        }
        let latest = head(&mut tx, id, row.status, &row.updated_at).await?;
        check_base(&mut tx, id, base, &latest).await?;
        let restored = revision(&mut tx, id, Some(number)).await?.ok_or(DataError::NotFound)?;
        if number == latest.number {
            return Ok(latest.number);
        }
        validate(&restored.input, &self.catalogue().await?).map_err(DataError::Invalid)?;
        keep_imported(&mut tx, id, &latest).await?;
        let new = latest.number + 1;
        if latest.state == Status::Pending {
            // The edit waiting is decided, not left pending under a newer version: its holder
            // reads why in their history.
            let reason = format!("Remplacée par la version {number}, restaurée par un animateur (version {new}).");
            review(&mut tx, id, latest.number, moderator, Status::Rejected, Some(&reason)).await?;
        }
        write_content(&mut tx, id, &restored.input).await?;
        let changed = changed_fields(&latest.input, &restored.input);
        insert_revision(&mut tx, id, new, Writer::Account(moderator), &restored.input, &changed, Status::Published)
            .await?;
        review(&mut tx, id, new, moderator, Status::Published, None).await?;
        let details = format!("Version {number} restaurée et publiée comme version {new}");
        audit(&mut tx, Some(moderator), AuditAction::Restore, Some(id), &restored.input.title, &details).await?;
        let path = public_path(&mut tx, id).await?;
        let title = &restored.input.title;
        tell_holder(&mut tx, self.public_url(), id, |english| letters::restored(title, number, &path, english)).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// A number that moves whenever what the public sees changes (migration 0007): open maps
    /// are told about it through `/api/events`.
    pub async fn published_revision(&self) -> Result<i64, DataError> {
        Ok(sqlx::query_scalar("SELECT revision FROM published_revision").fetch_one(&self.pool).await?)
    }
}

/// Moderators' decisions on a pending revision.
impl Db {
    /// Publishes revision `number` of initiative `id`, which must be its latest and pending:
    /// the public sees it from now on. A later revision (the holder saved again while the
    /// reviewer read this one) is a conflict: nobody publishes what they have not read.
    /// (Who may do this is checked by the moderation server functions.)
    pub async fn approve_revision(&self, id: i64, number: i64, reviewer: &Account) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let head = pending_head(&mut tx, id, number).await?;
        write_content(&mut tx, id, &head.input).await?;
        sqlx::query("UPDATE initiatives SET status = 'published', confirmed_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        review(&mut tx, id, head.number, reviewer, Status::Published, None).await?;
        let details = format!("Version {} publiée", head.number);
        audit(&mut tx, Some(reviewer), AuditAction::Approve, Some(id), &head.input.title, &details).await?;
        let path = public_path(&mut tx, id).await?;
        tell_holder(&mut tx, self.public_url(), id, |english| letters::published(&head.input.title, &path, english))
            .await?;
        tell_suggester(&mut tx, self.public_url(), id, &head.input.title, Some(&path), None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Refuses revision `number` of initiative `id` (its latest, pending), with a reason its
    /// holder reads. A published initiative stays as it was; another one becomes "refusée".
    pub async fn reject_revision(
        &self,
        id: i64,
        number: i64,
        reviewer: &Account,
        reason: &str,
    ) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let head = pending_head(&mut tx, id, number).await?;
        sqlx::query("UPDATE initiatives SET status = 'rejected' WHERE id = ?1 AND status <> 'published'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        review(&mut tx, id, head.number, reviewer, Status::Rejected, Some(reason)).await?;
        let details = format!("Version {} refusée : {reason}", head.number);
        audit(&mut tx, Some(reviewer), AuditAction::Reject, Some(id), &head.input.title, &details).await?;
        let edit_path = format!("/mes-initiatives/{id}");
        tell_holder(&mut tx, self.public_url(), id, |english| {
            letters::refused(&head.input.title, reason, &edit_path, english)
        })
        .await?;
        tell_suggester(&mut tx, self.public_url(), id, &head.input.title, None, Some(reason)).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The latest revision of `id`, which must be revision `number` and be waiting for review.
async fn pending_head(conn: &mut SqliteConnection, id: i64, number: i64) -> Result<Head, DataError> {
    match revision(conn, id, None).await? {
        Some(head) if head.state == Status::Pending => {
            check_base(conn, id, number, &head).await?;
            Ok(head)
        }
        _ => Err(DataError::NotPending),
    }
}

pub(super) async fn review(
    conn: &mut SqliteConnection,
    id: i64,
    number: i64,
    reviewer: &Account,
    state: Status,
    reason: Option<&str>,
) -> Result<(), DataError> {
    sqlx::query(
        "UPDATE initiative_revisions SET state = ?3, reviewer_id = ?4, reviewed_at = ?5, reason = ?6
         WHERE initiative_id = ?1 AND number = ?2",
    )
    .bind(id)
    .bind(number)
    .bind(state.code())
    .bind(reviewer.id)
    .bind(now())
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

//! Holders' initiatives: the working copy, revisions, conflicts, history, and the moderation
//! outcomes that publish or refuse a revision (`moderation.rs` holds the rest of moderation).
//!
//! While an initiative is published its `initiatives` row is what the public sees and is only
//! rewritten when a revision is approved; otherwise the row mirrors the latest revision.

use sqlx::{FromRow, SqliteConnection};

use super::audit::audit;
use super::freshness::TO_CHECK;
use super::initiatives::{insert_initiative, read_input, write_content};
use super::moderation::announce_initiative;
use super::notices::{public_path, tell_holder, tell_suggester};
use super::{now, DataError, Db};
use crate::domain::charter::unsigned_message;
use crate::domain::holding::{changed_fields, needs_charter};
use crate::domain::initiative::detail_path;
use crate::domain::mail::letters;
use crate::domain::moderation::AuditAction;
use crate::domain::{
    validate, Account, Conflict, Field, FieldError, HeldInitiative, InitiativeInput, Intent, Revision, Status,
    ValidationErrors, WorkingCopy,
};

/// The latest revision of an initiative, as saves compare against it.
pub(super) struct Head {
    pub(super) number: i64,
    pub(super) input: InitiativeInput,
    pub(super) state: Status,
    reason: Option<String>,
    pub(super) author: String,
    pub(super) created_at: String,
}

#[derive(FromRow)]
struct RevisionRow {
    number: i64,
    content: String,
    state: String,
    reason: Option<String>,
    created_at: String,
    author: Option<String>,
}

/// "Contact (structure)", or the note of content no account wrote: « Import » (demo data,
/// imports), « Suggestion citoyenne ».
pub(super) const AUTHOR: &str = "COALESCE(a.contact_name || ' (' || a.organisation || ')', r.author_note, 'Import')";

/// Who wrote a revision: an account, or nobody signed in (the note says what it was).
#[derive(Clone, Copy)]
pub(super) enum Writer<'a> {
    Account(&'a Account),
    Nobody(&'static str),
}

/// The note of revisions that came with an initiative imported without an account.
const IMPORT: &str = "Import";

fn content_of(json: &str) -> Result<InitiativeInput, DataError> {
    serde_json::from_str(json)
        .map_err(|e| DataError::EmbeddedData { file: "initiative_revisions.content", message: e.to_string() })
}

pub(super) fn status(code: &str) -> Status {
    Status::from_code(code).unwrap_or(Status::Draft)
}

pub(super) async fn revision(
    conn: &mut SqliteConnection,
    id: i64,
    number: Option<i64>,
) -> Result<Option<Head>, DataError> {
    let sql = format!(
        "SELECT r.number, r.content, r.state, r.reason, r.created_at, {AUTHOR} AS author
         FROM initiative_revisions r LEFT JOIN accounts a ON a.id = r.author_id
         WHERE r.initiative_id = ?1 AND (?2 IS NULL OR r.number = ?2) ORDER BY r.number DESC LIMIT 1"
    );
    let row: Option<RevisionRow> = sqlx::query_as(&sql).bind(id).bind(number).fetch_optional(&mut *conn).await?;
    row.map(|row| {
        Ok(Head {
            number: row.number,
            input: content_of(&row.content)?,
            state: status(&row.state),
            reason: row.reason,
            author: row.author.unwrap_or_default(),
            created_at: row.created_at,
        })
    })
    .transpose()
}

/// The latest revision; for an initiative nobody has edited yet (demo data, imports), its row
/// as revision 0.
pub(super) async fn head(
    conn: &mut SqliteConnection,
    id: i64,
    row_status: Status,
    updated_at: &str,
) -> Result<Head, DataError> {
    if let Some(head) = revision(conn, id, None).await? {
        return Ok(head);
    }
    Ok(Head {
        number: 0,
        input: read_input(conn, id).await?.ok_or(DataError::NotFound)?,
        state: row_status,
        reason: None,
        author: IMPORT.into(),
        created_at: updated_at.into(),
    })
}

/// What saves and the form need to know of an initiative's row.
pub(super) struct RowFacts {
    pub(super) holder_id: Option<i64>,
    pub(super) status: Status,
    pub(super) updated_at: String,
    pub(super) slug: String,
}

/// The row's holder, status, last write and slug, or `NotFound`.
pub(super) async fn row_facts(conn: &mut SqliteConnection, id: i64) -> Result<RowFacts, DataError> {
    let row: Option<(Option<i64>, String, String, String)> =
        sqlx::query_as("SELECT holder_id, status, updated_at, slug FROM initiatives WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let (holder_id, code, updated_at, slug) = row.ok_or(DataError::NotFound)?;
    Ok(RowFacts { holder_id, status: status(&code), updated_at, slug })
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_revision(
    conn: &mut SqliteConnection,
    id: i64,
    number: i64,
    author: Writer<'_>,
    input: &InitiativeInput,
    changed: &[Field],
    state: Status,
) -> Result<(), DataError> {
    insert_revision_at(conn, id, number, author, input, changed, state, &now()).await
}

#[allow(clippy::too_many_arguments)]
async fn insert_revision_at(
    conn: &mut SqliteConnection,
    id: i64,
    number: i64,
    author: Writer<'_>,
    input: &InitiativeInput,
    changed: &[Field],
    state: Status,
    at: &str,
) -> Result<(), DataError> {
    let content = serde_json::to_string(input).expect("an initiative always serialises");
    let changed: Vec<String> = changed.iter().map(|f| f.code()).collect();
    let (author_id, note) = match author {
        Writer::Account(account) => (Some(account.id), None),
        Writer::Nobody(note) => (None, Some(note)),
    };
    sqlx::query(
        "INSERT INTO initiative_revisions (initiative_id, number, author_id, author_note, created_at, content, changed, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(id)
    .bind(number)
    .bind(author_id)
    .bind(note)
    .bind(at)
    .bind(content)
    .bind(changed.join(" "))
    .bind(state.code())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Before the first revision of an initiative nobody has edited yet (demo data, imports), keeps
/// its row as revision 0: once a later version is published the row is rewritten, and the
/// imported content must stay in the history, restorable.
pub(super) async fn keep_imported(conn: &mut SqliteConnection, id: i64, head: &Head) -> Result<(), DataError> {
    if head.number != 0 {
        return Ok(());
    }
    let stored: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM initiative_revisions WHERE initiative_id = ?1)")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if stored {
        return Ok(());
    }
    insert_revision_at(conn, id, 0, Writer::Nobody(IMPORT), &head.input, &[], head.state, &head.created_at).await
}

/// A published initiative's unpublished edit, if its latest revision is one.
fn edit_of(row_status: Status, head_state: Status) -> Option<Status> {
    (row_status == Status::Published && matches!(head_state, Status::Draft | Status::Pending | Status::Rejected))
        .then_some(head_state)
}

impl Db {
    /// Stores a new initiative of `holder`, as a draft or submitted for review; returns its id.
    pub async fn create_held_initiative(
        &self,
        holder: &Account,
        input: &InitiativeInput,
        intent: Intent,
    ) -> Result<i64, DataError> {
        validate(input, &self.catalogue().await?).map_err(DataError::Invalid)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        check_charter(&mut tx, holder, input, intent).await?;
        let id = insert_initiative(&mut tx, input, intent.state(), false, Some(holder.id)).await?;
        insert_revision(&mut tx, id, 1, Writer::Account(holder), input, &[], intent.state()).await?;
        if intent.state() == Status::Pending {
            announce_initiative(&mut tx, self.public_url(), id).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Saves `input` as the next revision of initiative `id`, made from revision `base`. A
    /// later revision than `base` means someone saved meanwhile: nothing is written and the
    /// conflict says what they changed. Returns the number of the revision now latest.
    pub async fn save_revision(
        &self,
        id: i64,
        author: &Account,
        base: i64,
        input: &InitiativeInput,
        intent: Intent,
    ) -> Result<i64, DataError> {
        validate(input, &self.catalogue().await?).map_err(DataError::Invalid)?;
        // IMMEDIATE: the read of the latest revision and the write of the next one cannot
        // interleave with another save of the same initiative.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = row_facts(&mut tx, id).await?;
        let head = head(&mut tx, id, row.status, &row.updated_at).await?;
        check_base(&mut tx, id, base, &head).await?;
        check_charter(&mut tx, author, input, intent).await?;
        let changed = changed_fields(&head.input, input);
        let state = intent.state();
        if changed.is_empty() && head.state == state {
            return Ok(head.number);
        }
        keep_imported(&mut tx, id, &head).await?;
        if row.status != Status::Published {
            write_content(&mut tx, id, input).await?;
            set_status(&mut tx, id, state).await?;
        }
        insert_revision(&mut tx, id, head.number + 1, Writer::Account(author), input, &changed, state).await?;
        if state == Status::Pending {
            announce_initiative(&mut tx, self.public_url(), id).await?;
        }
        tx.commit().await?;
        Ok(head.number + 1)
    }

    /// Withdraws initiative `id` from the map (and from moderation), as a revision made from
    /// `base`. Returns the number of the revision now latest.
    pub async fn archive_initiative(&self, id: i64, author: &Account, base: i64) -> Result<i64, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = row_facts(&mut tx, id).await?;
        let head = head(&mut tx, id, row.status, &row.updated_at).await?;
        check_base(&mut tx, id, base, &head).await?;
        if row.status == Status::Archived {
            return Ok(head.number);
        }
        keep_imported(&mut tx, id, &head).await?;
        set_status(&mut tx, id, Status::Archived).await?;
        insert_revision(&mut tx, id, head.number + 1, Writer::Account(author), &head.input, &[], Status::Archived)
            .await?;
        tx.commit().await?;
        Ok(head.number + 1)
    }

    /// Who holds initiative `id` (`None` inside: no account), or `NotFound`.
    pub async fn holder_of(&self, id: i64) -> Result<Option<i64>, DataError> {
        let mut conn = self.pool.acquire().await?;
        Ok(row_facts(&mut conn, id).await?.holder_id)
    }

    /// Initiative `id` as its holder edits it: the latest revision, and where it stands.
    pub async fn working_copy(&self, id: i64) -> Result<WorkingCopy, DataError> {
        let mut conn = self.pool.acquire().await?;
        let row = row_facts(&mut conn, id).await?;
        let head = head(&mut conn, id, row.status, &row.updated_at).await?;
        Ok(WorkingCopy {
            id,
            holder_id: row.holder_id,
            number: head.number,
            status: row.status,
            edit: edit_of(row.status, head.state),
            reason: (head.state == Status::Rejected).then_some(head.reason).flatten(),
            input: head.input,
            public_path: (row.status == Status::Published).then(|| detail_path(id, &row.slug)),
        })
    }

    /// The initiatives of `holder_id`, the most recently saved first.
    pub async fn held_initiatives(&self, holder_id: i64) -> Result<Vec<HeldInitiative>, DataError> {
        #[derive(FromRow)]
        struct Row {
            id: i64,
            title: String,
            slug: String,
            status: String,
            state: Option<String>,
            reason: Option<String>,
            confirmed_at: Option<String>,
            to_check: bool,
            updated_at: String,
            kind_label: String,
            commune_name: String,
        }
        let sql = format!(
            "SELECT i.id, COALESCE(json_extract(r.content, '$.title'), i.title) AS title, i.slug, i.status,
                    r.state, r.reason, i.confirmed_at, {TO_CHECK} AS to_check, COALESCE(r.created_at, i.updated_at) AS updated_at,
                    k.label_fr AS kind_label, c.name AS commune_name
             FROM initiatives i
             LEFT JOIN initiative_revisions r ON r.initiative_id = i.id
                  AND r.number = (SELECT MAX(number) FROM initiative_revisions WHERE initiative_id = i.id)
             JOIN kinds k ON k.code = COALESCE(json_extract(r.content, '$.kind'), i.kind)
             JOIN communes c ON c.insee = COALESCE(json_extract(r.content, '$.commune'), i.commune)
             WHERE i.holder_id = ?1
             ORDER BY updated_at DESC, i.id DESC"
        );
        let rows: Vec<Row> = sqlx::query_as(&sql).bind(holder_id).fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let row_status = status(&row.status);
                let head_state = row.state.as_deref().map(status).unwrap_or(row_status);
                HeldInitiative {
                    public_path: (row_status == Status::Published).then(|| detail_path(row.id, &row.slug)),
                    id: row.id,
                    title: row.title,
                    kind_label: row.kind_label,
                    commune_name: row.commune_name,
                    status: row_status,
                    edit: edit_of(row_status, head_state),
                    reason: (head_state == Status::Rejected).then_some(row.reason).flatten(),
                    confirmed_at: row.confirmed_at.filter(|_| row_status == Status::Published),
                    to_check: row.to_check && row_status == Status::Published,
                    updated_at: row.updated_at,
                }
            })
            .collect())
    }

    /// Every revision of initiative `id`, the latest first.
    pub async fn history(&self, id: i64) -> Result<Vec<Revision>, DataError> {
        #[derive(FromRow)]
        struct Row {
            number: i64,
            author: String,
            created_at: String,
            state: String,
            changed: String,
            reason: Option<String>,
        }
        let sql = format!(
            "SELECT r.number, {AUTHOR} AS author, r.created_at, r.state, r.changed, r.reason
             FROM initiative_revisions r LEFT JOIN accounts a ON a.id = r.author_id
             WHERE r.initiative_id = ?1 ORDER BY r.number DESC"
        );
        let rows: Vec<Row> = sqlx::query_as(&sql).bind(id).fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .map(|row| Revision {
                number: row.number,
                author: row.author,
                created_at: row.created_at,
                state: status(&row.state),
                changed: row.changed.split_whitespace().filter_map(Field::from_code).collect(),
                reason: row.reason,
            })
            .collect())
    }

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
        tell_holder(&mut tx, self.public_url(), id, &letters::published(&head.input.title, &path)).await?;
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
        let mail = letters::refused(&head.input.title, reason, &format!("/mes-initiatives/{id}"));
        tell_holder(&mut tx, self.public_url(), id, &mail).await?;
        tell_suggester(&mut tx, self.public_url(), id, &head.input.title, None, Some(reason)).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Refuses submitting an immersion before its holder signed the current charter.
async fn check_charter(
    conn: &mut SqliteConnection,
    author: &Account,
    input: &InitiativeInput,
    intent: Intent,
) -> Result<(), DataError> {
    if !needs_charter(input, intent) {
        return Ok(());
    }
    let (current, signed): (i64, bool) = sqlx::query_as(
        "SELECT MAX(version), EXISTS (SELECT 1 FROM charter_signatures
             WHERE account_id = ?1 AND version = (SELECT MAX(version) FROM charter_versions))
         FROM charter_versions",
    )
    .bind(author.id)
    .fetch_one(&mut *conn)
    .await?;
    if signed {
        return Ok(());
    }
    Err(DataError::Invalid(ValidationErrors(vec![FieldError {
        field: Field::Kind,
        message: unsigned_message(current),
    }])))
}

/// A save made from revision `base` when `head` is the latest: fine only if they are the same.
pub(super) async fn check_base(conn: &mut SqliteConnection, id: i64, base: i64, head: &Head) -> Result<(), DataError> {
    if base == head.number {
        return Ok(());
    }
    let before = match revision(conn, id, Some(base)).await? {
        Some(before) if base < head.number => before.input,
        // Revision 0 is the row as imported (demo data): while published, the row still holds it.
        None if base == 0 => read_input(conn, id).await?.unwrap_or_default(),
        // A number that never existed: everything may have changed.
        _ => InitiativeInput::default(),
    };
    Err(DataError::Conflict(Conflict {
        latest: head.number,
        author: head.author.clone(),
        at: head.created_at.clone(),
        changed: changed_fields(&before, &head.input),
    }))
}

pub(super) async fn set_status(conn: &mut SqliteConnection, id: i64, status: Status) -> Result<(), DataError> {
    sqlx::query("UPDATE initiatives SET status = ?2 WHERE id = ?1")
        .bind(id)
        .bind(status.code())
        .execute(&mut *conn)
        .await?;
    Ok(())
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

//! The revision machinery every change of an initiative goes through: each save is a numbered
//! revision (`initiative_revisions`) holding the whole content; the latest one is the « head »
//! saves are compared with (a save made from an older one is a conflict, `check_base`), and the
//! history lists them all. Holders write revisions (`holding.rs`), moderators decide on them
//! (`moderation.rs`), account deletion archives with one (`account_life.rs`).
//!
//! While an initiative is published its `initiatives` row is what the public sees and is only
//! rewritten when a revision is approved; otherwise the row mirrors the latest revision.

use sqlx::{FromRow, SqliteConnection};

use super::initiatives::read_input;
use super::{now, DataError, Db};
use crate::domain::revisions::changed_fields;
use crate::domain::{Account, Conflict, Field, InitiativeInput, Revision, Status};

/// The latest revision of an initiative, as saves compare against it.
pub(super) struct Head {
    pub(super) number: i64,
    pub(super) input: InitiativeInput,
    pub(super) state: Status,
    pub(super) reason: Option<String>,
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
        at: crate::domain::holding::instant(&head.created_at),
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

impl Db {
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
}

//! Holders' initiatives: creating one, saving a revision (a draft, or submitted for review),
//! archiving, the working copy and the holder's list. Revisions themselves are `revisions.rs`;
//! moderators' decisions on them are `moderation.rs`.

use sqlx::{FromRow, SqliteConnection};

use super::freshness::TO_CHECK;
use super::initiatives::{insert_initiative, write_content};
use super::moderation::announce_initiative;
use super::revisions::{check_base, head, insert_revision, keep_imported, row_facts, set_status, status, Writer};
use super::{DataError, Db};
use crate::domain::charter::unsigned_message;
use crate::domain::holding::needs_charter;
use crate::domain::initiative::detail_path;
use crate::domain::revisions::changed_fields;
use crate::domain::{
    validate, Account, Field, FieldError, HeldInitiative, InitiativeInput, Intent, Status, ValidationErrors,
    WorkingCopy,
};

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
            kind_label_en: String,
            commune_name: String,
        }
        let sql = format!(
            "SELECT i.id, COALESCE(json_extract(r.content, '$.title'), i.title) AS title, i.slug, i.status,
                    r.state, r.reason, i.confirmed_at, {TO_CHECK} AS to_check, COALESCE(r.created_at, i.updated_at) AS updated_at,
                    k.label_fr AS kind_label, k.label_en AS kind_label_en, c.name AS commune_name
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
                    kind_label_en: row.kind_label_en,
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

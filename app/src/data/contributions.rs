//! Citizens' contributions: an initiative suggested without an account (it waits for review as
//! revision 1 of an unheld initiative) and reports on a published one, and what the moderators
//! do with a report. The rules and texts are `domain::moderation` (`ReportReason`, `NewReport`).

use sqlx::FromRow;

use super::audit::audit;
use super::initiatives::insert_initiative;
use super::moderation::{announce_initiative, areas_of};
use super::notices::{report_item_key, tell_holder, tell_moderators};
use super::outbox::{enqueue, language_code};
use super::revisions::{insert_revision, Writer};
use super::{now, DataError, Db};
use crate::domain::audit::AuditAction;
use crate::domain::contributions::{NewReport, Report, ReportReason};
use crate::domain::mail::letters;
use crate::domain::moderation::QueueKind;
use crate::domain::{validate, Account, InitiativeInput, Status};

/// The author note of a citizen's suggestion.
pub const SUGGESTION: &str = "Suggestion citoyenne";

impl Db {
    /// Stores a citizen's suggestion: an initiative held by nobody, waiting for review, with the
    /// address to answer to if one was left. Returns its id.
    pub async fn suggest_initiative(
        &self,
        input: &InitiativeInput,
        contact_email: Option<&str>,
    ) -> Result<i64, DataError> {
        validate(input, &self.catalogue().await?).map_err(DataError::Invalid)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let id = insert_initiative(&mut tx, input, Status::Pending, false, None).await?;
        insert_revision(&mut tx, id, 1, Writer::Nobody(SUGGESTION), input, &[], Status::Pending).await?;
        // With an address, the language of the page it was sent from: its one follow-up mail is
        // written in it (both forgotten with that mail).
        sqlx::query(
            "INSERT INTO suggestions (initiative_id, contact_email, created_at, language) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(id)
        .bind(contact_email)
        .bind(now())
        .bind(contact_email.map(|_| language_code(self.english())))
        .execute(&mut *tx)
        .await?;
        announce_initiative(&mut tx, self.public_url(), id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores a report on published initiative `id` (`NotFound` for any other), by `reporter`
    /// when signed in, and tells the moderators who want it at once. Returns the report's id.
    pub async fn report_initiative(
        &self,
        id: i64,
        report: &NewReport,
        reporter: Option<&Account>,
    ) -> Result<i64, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let published: Option<(String, String)> = sqlx::query_as("SELECT status, title FROM initiatives WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((_, title)) = published.filter(|(status, _)| status == Status::Published.code()) else {
            return Err(DataError::NotFound);
        };
        let report_id = sqlx::query_scalar(
            "INSERT INTO reports (initiative_id, reason, comment, contact_email, reporter_id, created_at, language)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        )
        .bind(id)
        .bind(report.reason.code())
        .bind(&report.comment)
        .bind(&report.contact_email)
        .bind(reporter.map(|r| r.id))
        .bind(now())
        // As for a suggestion: only with an address, for its one mail.
        .bind(report.contact_email.as_ref().map(|_| language_code(self.english())))
        .fetch_one(&mut *tx)
        .await?;
        // A report is about the initiative where the public sees it.
        let areas = areas_of(&mut tx, id).await?.into_iter().take(1).collect::<Vec<_>>();
        tell_moderators(&mut tx, self.public_url(), &report_item_key(report_id), &areas, QueueKind::Report, &title, id)
            .await?;
        tx.commit().await?;
        Ok(report_id)
    }

    /// The initiative report `report` is about, or `NotFound`.
    pub async fn reported_initiative(&self, report: i64) -> Result<i64, DataError> {
        sqlx::query_scalar("SELECT initiative_id FROM reports WHERE id = ?1")
            .bind(report)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(DataError::NotFound)
    }

    /// Marks report `report` resolved by `moderator`, saying what was done. Resolving it twice
    /// keeps the first resolution.
    pub async fn resolve_report(&self, report: i64, moderator: &Account, resolution: &str) -> Result<(), DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // Initiative, its title, the reason, when it was resolved, who to tell in which language.
        type Report = (i64, String, String, Option<String>, Option<String>, Option<String>);
        let found: Option<Report> = sqlx::query_as(
            "SELECT r.initiative_id, i.title, r.reason, r.resolved_at, r.contact_email, r.language FROM reports r JOIN initiatives i ON i.id = r.initiative_id WHERE r.id = ?1",
        )
        .bind(report)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id, title, reason, resolved_at, contact, language)) = found else { return Err(DataError::NotFound) };
        if resolved_at.is_some() {
            return Ok(());
        }
        sqlx::query("UPDATE reports SET resolved_at = ?2, resolved_by = ?3, resolution = ?4 WHERE id = ?1")
            .bind(report)
            .bind(now())
            .bind(moderator.id)
            .bind(resolution.trim())
            .execute(&mut *tx)
            .await?;
        let reason = ReportReason::from_code(&reason);
        let french_reason = reason.map(ReportReason::label).unwrap_or_default();
        let details = if resolution.trim().is_empty() {
            french_reason.to_string()
        } else {
            format!("{french_reason} — {}", resolution.trim())
        };
        audit(&mut tx, Some(moderator), AuditAction::ResolveReport, Some(id), &title, &details).await?;
        let edit_path = format!("/mes-initiatives/{id}");
        tell_holder(&mut tx, self.public_url(), id, |english| {
            let reason = reason.map(|r| r.label_in(english)).unwrap_or_default();
            letters::report_resolved(&title, reason, resolution, &edit_path, english)
        })
        .await?;
        if let Some(email) = contact {
            // The citizen's address served this one message: erased with it.
            let mail = letters::report_handled(&title, resolution, language.as_deref() == Some("en"));
            enqueue(&mut tx, self.public_url(), &email, &mail).await?;
            sqlx::query("UPDATE reports SET contact_email = NULL, language = NULL WHERE id = ?1")
                .bind(report)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every report on initiative `id`, open ones first, then the newest.
    pub async fn reports_on(&self, id: i64) -> Result<Vec<Report>, DataError> {
        #[derive(FromRow)]
        struct Row {
            id: i64,
            reason: String,
            comment: String,
            contact_email: Option<String>,
            created_at: String,
            resolved_at: Option<String>,
            resolver: Option<String>,
            resolution: Option<String>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT r.id, r.reason, r.comment, r.contact_email, r.created_at, r.resolved_at,
                    a.contact_name || ' (' || a.organisation || ')' AS resolver, r.resolution
             FROM reports r LEFT JOIN accounts a ON a.id = r.resolved_by
             WHERE r.initiative_id = ?1 ORDER BY r.resolved_at IS NOT NULL, r.created_at DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| Report {
                id: row.id,
                initiative_id: id,
                reason: ReportReason::from_code(&row.reason).unwrap_or(ReportReason::Other),
                comment: row.comment,
                contact_email: row.contact_email,
                created_at: row.created_at,
                resolved: row
                    .resolved_at
                    .map(|at| (at, row.resolver.unwrap_or_default(), row.resolution.unwrap_or_default())),
            })
            .collect())
    }
}

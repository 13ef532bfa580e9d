//! The audit log: every moderation and admin action, written in the same transaction as the
//! action itself (an action that did not happen leaves no line, and none happens unlogged).

use sqlx::{FromRow, SqliteConnection};

use super::{now, DataError, Db};
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::Account;

/// Who acts from the server's command line (no account signs in there).
pub const COMMAND_LINE: &str = "Administration du serveur (ligne de commande)";

/// Logs that `actor` (`None`: the command line) did `action` on `subject`.
pub(super) async fn audit(
    conn: &mut SqliteConnection,
    actor: Option<&Account>,
    action: AuditAction,
    initiative_id: Option<i64>,
    subject: &str,
    details: &str,
) -> Result<(), DataError> {
    let name = actor.map(|a| format!("{} ({})", a.contact_name, a.organisation)).unwrap_or_else(|| COMMAND_LINE.into());
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, initiative_id, subject, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(now())
    .bind(actor.map(|a| a.id))
    .bind(name)
    .bind(action.code())
    .bind(initiative_id)
    .bind(subject)
    .bind(details)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// The latest `limit` lines of the audit log, the newest first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, DataError> {
        #[derive(FromRow)]
        struct Row {
            at: String,
            actor: String,
            action: String,
            initiative_id: Option<i64>,
            subject: String,
            details: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT at, actor, action, initiative_id, subject, details FROM audit_log ORDER BY id DESC LIMIT ?1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                Some(AuditEntry {
                    action: AuditAction::from_code(&row.action)?,
                    at: row.at,
                    actor: row.actor,
                    initiative_id: row.initiative_id,
                    subject: row.subject,
                    details: row.details,
                })
            })
            .collect())
    }
}

impl Db {
    /// Logs an action done from the server's command line.
    pub async fn log_command(&self, action: AuditAction, subject: &str, details: &str) -> Result<(), DataError> {
        let mut conn = self.pool.acquire().await?;
        audit(&mut conn, None, action, None, subject, details).await
    }
}

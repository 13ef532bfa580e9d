//! Moderation: which areas animators moderate, their queue, the case of one initiative, restoring
//! an earlier revision, and citizens' suggestions and reports. Who may call these is decided by
//! the server functions (`domain::moderation::Scope`); approving and refusing a revision
//! are in `holding.rs`, beside the saves they decide on.

use sqlx::{FromRow, SqliteConnection};

use super::audit::audit;
use super::holding::{
    check_base, head, insert_revision, keep_imported, review, revision, row_facts, status, Writer, AUTHOR,
};
use super::initiatives::{insert_initiative, read_input, write_content};
use super::notices::{
    initiative_item_key, public_path, report_item_key, tell_holder, tell_moderators, INITIATIVE_ITEM_KEY,
};
use super::outbox::enqueue;
use super::{now, DataError, Db};
use crate::domain::holding::changed_fields;
use crate::domain::initiative::detail_path;
use crate::domain::mail::letters;
use crate::domain::moderation::{
    age_in_days, AuditAction, Case, Names, NewReport, PendingRevision, QueueItem, QueueKind, Report, ReportReason,
    Scope,
};
use crate::domain::{validate, Account, InitiativeInput, Role, Status, Vocabulary};

/// The author note of a citizen's suggestion.
pub const SUGGESTION: &str = "Suggestion citoyenne";

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
/// (in the transaction that submitted it).
pub(super) async fn announce_initiative(conn: &mut SqliteConnection, site: &str, id: i64) -> Result<(), DataError> {
    let (title, suggestion, status_code): (String, bool, String) = sqlx::query_as(
        "SELECT (SELECT json_extract(content, '$.title') FROM initiative_revisions WHERE initiative_id = i.id ORDER BY number DESC LIMIT 1),
                EXISTS (SELECT 1 FROM suggestions WHERE initiative_id = i.id), i.status
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
    tell_moderators(conn, site, &key, &areas, what.label(), &title, id).await
}

/// Refuses making account `id` an animator: an admin moderates everywhere already, an
/// unverified address could be anyone's, and a holder of initiatives would lose the right to
/// edit them (an animator gets an account of their own).
pub(super) async fn check_may_animate(conn: &mut SqliteConnection, id: i64) -> Result<(), DataError> {
    let (email, role, held, verified): (String, String, i64, bool) = sqlx::query_as(
        "SELECT email, role, (SELECT COUNT(*) FROM initiatives WHERE holder_id = accounts.id), email_verified_at IS NOT NULL
         FROM accounts WHERE id = ?1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    match Role::from_code(&role) {
        Some(Role::Admin) => {
            Err(DataError::Refused(format!("{email} est administrateur : il modère déjà tous les bassins.")))
        }
        _ if held > 0 => Err(DataError::Refused(format!(
            "{email} porte {held} initiative(s) : un animateur doit avoir un compte distinct, sans initiative."
        ))),
        _ if !verified => Err(DataError::Refused(format!(
            "L'adresse {email} n'est pas encore vérifiée : aucun droit d'animation tant qu'elle ne l'est pas."
        ))),
        _ => Ok(()),
    }
}

impl Db {
    /// The areas (codes) account `id` animates.
    pub async fn animated_areas(&self, id: i64) -> Result<Vec<String>, DataError> {
        Ok(sqlx::query_scalar("SELECT area FROM animator_areas WHERE account_id = ?1 ORDER BY area")
            .bind(id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The moderation scope of `account`: `None` for holders, who moderate nothing.
    pub async fn scope_of(&self, account: &Account) -> Result<Option<Scope>, DataError> {
        Ok(Scope::of(account, &self.animated_areas(account.id).await?))
    }

    /// Gives animator `email` the areas `areas` (replacing its previous ones), or with no area
    /// makes it a holder again; logged as done by `actor` (`None`: the command line). Only an
    /// animator's areas change here: an account becomes an animator by accepting an
    /// invitation mailed to its address (or by `server admin create --role animator`).
    pub async fn set_animator_areas(
        &self,
        actor: Option<&Account>,
        email: &str,
        areas: &[String],
    ) -> Result<Account, DataError> {
        let catalogue = self.catalogue().await?;
        if areas.iter().any(|a| !catalogue.has_area(a)) {
            let known: Vec<String> = self.areas().await?.into_iter().map(|a| a.code).collect();
            return Err(DataError::Refused(format!("Bassins possibles : {}.", known.join(", "))));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let email = crate::domain::accounts::normalise_email(email);
        let found: Option<(i64, String)> = sqlx::query_as("SELECT id, role FROM accounts WHERE email = ?1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((id, role)) = found else {
            return Err(DataError::Refused(format!("Aucun compte n'utilise l'adresse {email}.")));
        };
        if Role::from_code(&role) != Some(Role::Animator) {
            check_may_animate(&mut tx, id).await?;
            return Err(DataError::Refused(format!(
                "{email} n'est pas animateur : invitez cette adresse depuis « Inviter un animateur » (le lien lui est envoyé par courriel)."
            )));
        }
        let role = if areas.is_empty() { Role::Holder } else { Role::Animator };
        sqlx::query("UPDATE accounts SET role = ?2 WHERE id = ?1").bind(id).bind(role.code()).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM animator_areas WHERE account_id = ?1").bind(id).execute(&mut *tx).await?;
        for area in areas {
            sqlx::query("INSERT OR IGNORE INTO animator_areas (account_id, area) VALUES (?1, ?2)")
                .bind(id)
                .bind(area)
                .execute(&mut *tx)
                .await?;
        }
        let details = if areas.is_empty() {
            "Aucun bassin : redevient porteur".to_string()
        } else {
            format!("Bassins : {}", areas.join(", "))
        };
        audit(&mut tx, actor, AuditAction::AssignAreas, None, &email, &details).await?;
        tx.commit().await?;
        self.account(id).await?.ok_or(DataError::NotFound)
    }

    /// Every animator with the areas they animate, by name.
    pub async fn animators(&self) -> Result<Vec<(Account, Vec<String>)>, DataError> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'animator' ORDER BY contact_name, id")
                .fetch_all(&self.pool)
                .await?;
        let mut animators = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(account) = self.account(id).await? {
                animators.push((account, self.animated_areas(id).await?));
            }
        }
        Ok(animators)
    }

    /// Logs an action done from the server's command line.
    pub async fn log_command(&self, action: AuditAction, subject: &str, details: &str) -> Result<(), DataError> {
        let mut conn = self.pool.acquire().await?;
        audit(&mut conn, None, action, None, subject, details).await
    }

    /// What waits for the animators of `scope`, oldest first: revisions submitted for review
    /// (new initiatives, edits of published ones, suggestions) and open reports.
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
            reason: Option<String>,
            comment: Option<String>,
            key: String,
        }
        let sql = format!(
            "SELECT i.id AS id, json_extract(r.content, '$.title') AS title, ar.code AS area_code, ar.name AS area_name,
                    (SELECT area FROM communes WHERE insee = i.commune) AS row_area, i.status AS row_status, s.initiative_id IS NOT NULL AS suggestion, {AUTHOR} AS from_whom,
                    r.created_at AS since, NULL AS reason, NULL AS comment, {INITIATIVE_ITEM_KEY} AS key
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
                    COALESCE(a.contact_name || ' (' || a.organisation || ')', 'Visiteur'), rep.created_at, rep.reason, rep.comment,
                    'report:' || rep.id
             FROM reports rep
             JOIN initiatives i ON i.id = rep.initiative_id
             JOIN communes c ON c.insee = i.commune
             JOIN areas ar ON ar.code = c.area
             LEFT JOIN accounts a ON a.id = rep.reporter_id
             WHERE rep.resolved_at IS NULL
             ORDER BY since, id"
        );
        let rows: Vec<Row> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
        let today = chrono::Utc::now();
        Ok(rows
            .into_iter()
            .filter(|row| scope.covers(&row.area_code) || scope.covers(&row.row_area))
            .map(|row| {
                let kind = match (&row.reason, row.suggestion, status(&row.row_status)) {
                    (Some(_), _, _) => QueueKind::Report,
                    (None, true, _) => QueueKind::Suggestion,
                    (None, false, Status::Published) => QueueKind::PendingEdit,
                    (None, false, _) => QueueKind::NewInitiative,
                };
                let detail = row.reason.as_deref().and_then(ReportReason::from_code).map(|reason| {
                    let comment = row.comment.clone().unwrap_or_default();
                    if comment.is_empty() {
                        reason.label().to_string()
                    } else {
                        format!("{} : {comment}", reason.label())
                    }
                });
                QueueItem {
                    kind,
                    initiative_id: row.id,
                    title: row.title,
                    area_code: row.area_code,
                    area_name: row.area_name,
                    from: row.from_whom,
                    days: age_in_days(&row.since, today),
                    since: row.since,
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
            return Err(DataError::Refused(
                "Seule une initiative publiée peut revenir à une version antérieure : le porteur modifie lui-même ses brouillons, et une initiative archivée a été retirée par lui.".into(),
            ));
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
        tell_holder(&mut tx, self.public_url(), id, &letters::restored(&restored.input.title, number, &path)).await?;
        tx.commit().await?;
        Ok(new)
    }

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
        sqlx::query("INSERT INTO suggestions (initiative_id, contact_email, created_at) VALUES (?1, ?2, ?3)")
            .bind(id)
            .bind(contact_email)
            .bind(now())
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
            "INSERT INTO reports (initiative_id, reason, comment, contact_email, reporter_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )
        .bind(id)
        .bind(report.reason.code())
        .bind(&report.comment)
        .bind(&report.contact_email)
        .bind(reporter.map(|r| r.id))
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        // A report is about the initiative where the public sees it.
        let areas = areas_of(&mut tx, id).await?.into_iter().take(1).collect::<Vec<_>>();
        tell_moderators(
            &mut tx,
            self.public_url(),
            &report_item_key(report_id),
            &areas,
            QueueKind::Report.label(),
            &title,
            id,
        )
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
        // Initiative, its title, the reason, when it was resolved, who to tell.
        type Report = (i64, String, String, Option<String>, Option<String>);
        let found: Option<Report> = sqlx::query_as(
            "SELECT r.initiative_id, i.title, r.reason, r.resolved_at, r.contact_email FROM reports r JOIN initiatives i ON i.id = r.initiative_id WHERE r.id = ?1",
        )
        .bind(report)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id, title, reason, resolved_at, contact)) = found else { return Err(DataError::NotFound) };
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
        let reason = ReportReason::from_code(&reason).map(ReportReason::label).unwrap_or_default();
        let details = if resolution.trim().is_empty() {
            reason.to_string()
        } else {
            format!("{reason} — {}", resolution.trim())
        };
        audit(&mut tx, Some(moderator), AuditAction::ResolveReport, Some(id), &title, &details).await?;
        let mail = letters::report_resolved(&title, reason, resolution, &format!("/mes-initiatives/{id}"));
        tell_holder(&mut tx, self.public_url(), id, &mail).await?;
        if let Some(email) = contact {
            // The citizen's address served this one message: erased with it.
            enqueue(&mut tx, self.public_url(), &email, &letters::report_handled(&title, resolution)).await?;
            sqlx::query("UPDATE reports SET contact_email = NULL WHERE id = ?1").bind(report).execute(&mut *tx).await?;
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

    /// A number that moves whenever what the public sees changes (migration 0007): open maps
    /// are told about it through `/api/events`.
    pub async fn published_revision(&self) -> Result<i64, DataError> {
        Ok(sqlx::query_scalar("SELECT revision FROM published_revision").fetch_one(&self.pool).await?)
    }
}

//! The club: the directory of holders, invitation links, the animators' dashboard.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use sqlx::FromRow;

use super::accounts::{hash_password, insert_account};
use super::freshness::TO_CHECK;
use super::{now, DataError, Db};
use crate::domain::club::{
    invitation_path, queue_ages, Dashboard, DirectoryEntry, Invitation, InvitationForm, InvitationState, InvitationWelcome,
    NewInvitation, INVITATION_DAYS,
};
use crate::domain::accounts::validate_sign_up;
use crate::domain::moderation::Scope;
use crate::domain::{Account, KindInfo, NewAccount, Role, Theme};

/// The hex SHA-256 of an invitation's secret: what the database keeps.
fn token_hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 random bytes, hex: the secret of an invitation link.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(FromRow)]
struct InvitationRow {
    id: i64,
    organisation: String,
    contact_name: String,
    email: String,
    created_by: Option<String>,
    created_at: String,
    expires_at: String,
    used_at: Option<String>,
    used_by: Option<String>,
}

impl InvitationRow {
    fn state(&self, now: &str) -> InvitationState {
        match (&self.used_at, &self.used_by) {
            (Some(at), by) => InvitationState::Used { by: by.clone().unwrap_or_default(), at: at.clone() },
            (None, _) if self.expires_at.as_str() <= now => InvitationState::Expired,
            (None, _) => InvitationState::Waiting,
        }
    }

    fn form(&self) -> InvitationForm {
        InvitationForm { organisation: self.organisation.clone(), contact_name: self.contact_name.clone(), email: self.email.clone() }
    }
}

const INVITATION_COLUMNS: &str = "SELECT v.id, v.organisation, v.contact_name, v.email,
        c.contact_name || ' (' || c.organisation || ')' AS created_by, v.created_at, v.expires_at, v.used_at,
        u.organisation AS used_by
    FROM invitations v LEFT JOIN accounts c ON c.id = v.created_by LEFT JOIN accounts u ON u.id = v.used_by";

impl Db {
    /// Every holder with their published initiatives' areas and count, and whether they signed
    /// the charter in force; by organisation.
    pub async fn club_directory(&self) -> Result<Vec<DirectoryEntry>, DataError> {
        #[derive(FromRow)]
        struct Row {
            organisation: String,
            areas: Option<String>,
            published: i64,
            charter_signed: bool,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT a.organisation,
                    (SELECT group_concat(name, '|') FROM (SELECT DISTINCT ar.name FROM initiatives i
                        JOIN communes c ON c.insee = i.commune JOIN areas ar ON ar.code = c.area
                        WHERE i.holder_id = a.id AND i.status = 'published' ORDER BY ar.name)) AS areas,
                    (SELECT COUNT(*) FROM initiatives i WHERE i.holder_id = a.id AND i.status = 'published') AS published,
                    EXISTS (SELECT 1 FROM charter_signatures s WHERE s.account_id = a.id
                        AND s.version = (SELECT MAX(version) FROM charter_versions)) AS charter_signed
             FROM accounts a WHERE a.role = 'holder'
             ORDER BY a.organisation COLLATE NOCASE, a.id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| DirectoryEntry {
                organisation: row.organisation,
                areas: row.areas.map(|a| a.split('|').map(String::from).collect()).unwrap_or_default(),
                published: row.published,
                charter_signed: row.charter_signed,
            })
            .collect())
    }

    /// A new invitation by `animator`, valid [`INVITATION_DAYS`] days; its link is returned this
    /// once (only a hash of its secret is kept).
    pub async fn create_invitation(&self, animator: &Account, form: &InvitationForm) -> Result<NewInvitation, DataError> {
        let form = form.checked().map_err(DataError::Invalid)?;
        let secret = new_secret();
        let created_at = chrono::Utc::now();
        let expires_at = (created_at + chrono::Duration::days(INVITATION_DAYS)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        sqlx::query(
            "INSERT INTO invitations (token_hash, organisation, contact_name, email, created_by, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(token_hash(&secret))
        .bind(&form.organisation)
        .bind(&form.contact_name)
        .bind(&form.email)
        .bind(animator.id)
        .bind(created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .bind(&expires_at)
        .execute(&self.pool)
        .await?;
        Ok(NewInvitation { path: invitation_path(&secret), expires_at })
    }

    /// Every invitation, the newest first.
    pub async fn invitations(&self) -> Result<Vec<Invitation>, DataError> {
        let rows: Vec<InvitationRow> =
            sqlx::query_as(&format!("{INVITATION_COLUMNS} ORDER BY v.id DESC")).fetch_all(&self.pool).await?;
        let today = now();
        Ok(rows
            .into_iter()
            .map(|row| Invitation {
                id: row.id,
                state: row.state(&today),
                form: row.form(),
                created_by: row.created_by.clone().unwrap_or_default(),
                created_at: row.created_at,
                expires_at: row.expires_at,
            })
            .collect())
    }

    /// What the invitation of `secret` fills the sign-up form with; `Refused` (saying why) for
    /// one used or expired, `NotFound` for a secret no invitation has.
    pub async fn invitation_welcome(&self, secret: &str) -> Result<InvitationWelcome, DataError> {
        let row: Option<InvitationRow> = sqlx::query_as(&format!("{INVITATION_COLUMNS} WHERE v.token_hash = ?1"))
            .bind(token_hash(secret.trim()))
            .fetch_optional(&self.pool)
            .await?;
        let row = row.ok_or(DataError::NotFound)?;
        if let Some(refusal) = row.state(&now()).refusal() {
            return Err(DataError::Refused(refusal.into()));
        }
        Ok(InvitationWelcome { form: row.form(), invited_by: row.created_by.clone().unwrap_or_default(), expires_at: row.expires_at })
    }

    /// Creates a holder account through the invitation of `secret`, which serves once: the
    /// check, the account and the invitation's use are one transaction, so two sign-ups from
    /// the same link never both succeed.
    pub async fn create_invited_account(&self, input: &NewAccount, secret: &str) -> Result<Account, DataError> {
        validate_sign_up(input).map_err(DataError::Invalid)?;
        self.invitation_welcome(secret).await?;
        let hash = hash_password(input.password.clone()).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let today = now();
        let account = insert_account(&mut tx, input, &hash, Role::Holder).await?;
        let used = sqlx::query(
            "UPDATE invitations SET used_at = ?2, used_by = ?3 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
        )
        .bind(token_hash(secret.trim()))
        .bind(&today)
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 0 {
            // Used or expired between the check and now: roll back the account too.
            return Err(DataError::Refused(InvitationState::Used { by: String::new(), at: today }.refusal().unwrap_or_default().into()));
        }
        tx.commit().await?;
        Ok(account)
    }

    /// The figures of the animators' dashboard; the queue's are those of `scope`.
    pub async fn dashboard(&self, scope: &Scope) -> Result<Dashboard, DataError> {
        let by_area_theme: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT c.area, t.theme, COUNT(*) FROM initiatives i
             JOIN communes c ON c.insee = i.commune JOIN initiative_themes t ON t.initiative_id = i.id
             WHERE i.status = 'published' GROUP BY c.area, t.theme",
        )
        .fetch_all(&self.pool)
        .await?;
        let by_kind: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT k.code, k.label_fr, k.colour, COUNT(i.id) FROM kinds k
             LEFT JOIN initiatives i ON i.kind = k.code AND i.status = 'published'
             GROUP BY k.code ORDER BY k.position",
        )
        .fetch_all(&self.pool)
        .await?;
        let by_area: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
            "SELECT ar.code, COUNT(i.id), COALESCE(SUM({TO_CHECK}), 0) FROM areas ar
             LEFT JOIN communes c ON c.area = ar.code
             LEFT JOIN initiatives i ON i.commune = c.insee AND i.status = 'published'
             GROUP BY ar.code ORDER BY ar.name"
        ))
        .fetch_all(&self.pool)
        .await?;
        let days: Vec<i64> = self.moderation_queue(scope).await?.into_iter().map(|item| item.days).collect();
        Ok(Dashboard {
            areas: self.areas().await?,
            by_area_theme: by_area_theme
                .into_iter()
                .filter_map(|(area, theme, count)| Some((area, Theme::from_code(&theme)?, count)))
                .collect(),
            by_kind: by_kind.into_iter().map(|(code, label, colour, count)| (KindInfo { code, label, colour }, count)).collect(),
            by_area,
            oldest_days: days.iter().copied().max(),
            queue_ages: queue_ages(&days),
        })
    }
}

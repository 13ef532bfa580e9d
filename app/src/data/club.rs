//! The club: the directory of holders, invitation links, the animators' dashboard, and which
//! areas each animator animates.

use sqlx::{FromRow, SqliteConnection};

use super::account_links::token_hash;
use super::audit::audit;
use super::charter::ACCOUNT_SIGNED;
use super::freshness::TO_CHECK;
use super::outbox::{enqueue, new_secret, reads_english};
use super::{now, stamp, DataError, Db};
use crate::domain::audit::AuditAction;
use crate::domain::club::{
    animator_invitation_path, invitation_path, queue_ages, AnimatorInvitationForm, Dashboard, DirectoryEntry,
    Invitation, InvitationForm, InvitationState, InvitationWelcome, NewInvitation, INVITATION_DAYS,
};
use crate::domain::holding::time_in;
use crate::domain::mail::letters;
use crate::domain::moderation::Scope;
use crate::domain::structures::structure_path;
use crate::domain::{Account, KindInfo, Message, Role, Theme, Vocabulary};

#[derive(FromRow)]
pub(super) struct InvitationRow {
    id: i64,
    organisation: String,
    contact_name: String,
    pub(super) email: String,
    created_by: Option<String>,
    created_at: String,
    expires_at: String,
    used_at: Option<String>,
    used_by: Option<String>,
    pub(super) role: String,
    /// Area codes, `|`-separated.
    pub(super) areas: String,
}

impl InvitationRow {
    pub(super) fn state(&self, now: &str) -> InvitationState {
        match (&self.used_at, &self.used_by) {
            (Some(at), by) => InvitationState::Used { by: by.clone().unwrap_or_default(), at: at.clone() },
            (None, _) if self.expires_at.as_str() <= now => InvitationState::Expired,
            (None, _) => InvitationState::Waiting,
        }
    }

    fn form(&self) -> InvitationForm {
        InvitationForm {
            organisation: self.organisation.clone(),
            contact_name: self.contact_name.clone(),
            email: self.email.clone(),
        }
    }

    fn role(&self) -> Role {
        Role::from_code(&self.role).unwrap_or(Role::Holder)
    }

    fn area_codes(&self) -> Vec<String> {
        self.areas.split('|').filter(|a| !a.is_empty()).map(String::from).collect()
    }
}

const INVITATION_COLUMNS: &str = "SELECT v.id, v.organisation, v.contact_name, v.email,
        c.contact_name || ' (' || c.organisation || ')' AS created_by, v.created_at, v.expires_at, v.used_at,
        COALESCE(u.organisation, CASE WHEN v.used_at IS NOT NULL THEN 'un compte supprimé' END) AS used_by, v.role, v.areas
    FROM invitations v LEFT JOIN accounts c ON c.id = v.created_by LEFT JOIN accounts u ON u.id = v.used_by";

/// Marks `invited` used by `account` (once: a second use is `Refused`), and gives an
/// animator's invitation's areas to the account.
pub(super) async fn mark_invitation_used(
    conn: &mut SqliteConnection,
    invited: &InvitationRow,
    account: &Account,
) -> Result<(), DataError> {
    let today = now();
    let used = sqlx::query(
        "UPDATE invitations SET used_at = ?2, used_by = ?3 WHERE id = ?1 AND used_at IS NULL AND expires_at > ?2",
    )
    .bind(invited.id)
    .bind(&today)
    .bind(account.id)
    .execute(&mut *conn)
    .await?;
    if used.rows_affected() == 0 {
        // Used or expired between the check and now: the whole transaction rolls back.
        let refusal = InvitationState::Used { by: String::new(), at: today }.refusal().unwrap_or_default();
        return Err(DataError::Said(refusal));
    }
    if invited.role() == Role::Animator {
        for area in invited.area_codes() {
            sqlx::query("INSERT OR IGNORE INTO animator_areas (account_id, area) VALUES (?1, ?2)")
                .bind(account.id)
                .bind(area)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// « Contact (structure) »: how invitations name who sent them.
fn signed_by(account: &Account) -> String {
    format!("{} ({})", account.contact_name, account.organisation)
}

impl Db {
    /// Every holder with their published initiatives' areas and count, and whether they signed
    /// the charter in force; by organisation.
    pub async fn club_directory(&self) -> Result<Vec<DirectoryEntry>, DataError> {
        #[derive(FromRow)]
        struct Row {
            organisation: String,
            slug: Option<String>,
            areas: Option<String>,
            published: i64,
            charter_signed: bool,
        }
        let sql = format!(
            "SELECT a.organisation, a.slug,
                    (SELECT group_concat(name, '|') FROM (SELECT DISTINCT ar.name FROM initiatives i
                        JOIN communes c ON c.insee = i.commune JOIN areas ar ON ar.code = c.area
                        WHERE i.holder_id = a.id AND i.status = 'published' ORDER BY ar.name)) AS areas,
                    (SELECT COUNT(*) FROM initiatives i WHERE i.holder_id = a.id AND i.status = 'published') AS published,
                    {ACCOUNT_SIGNED} AS charter_signed
             FROM accounts a WHERE a.role = 'holder'
             ORDER BY a.organisation COLLATE NOCASE, a.id"
        );
        let rows: Vec<Row> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .map(|row| DirectoryEntry {
                // A page exists once something of the holder is public.
                page: row.slug.filter(|_| row.published > 0).as_deref().map(structure_path),
                organisation: row.organisation,
                areas: row.areas.map(|a| a.split('|').map(String::from).collect()).unwrap_or_default(),
                published: row.published,
                charter_signed: row.charter_signed,
            })
            .collect())
    }

    /// A new invitation of a holder by `animator`, valid [`INVITATION_DAYS`] days, mailed to
    /// the address the form gives (if any); its link is returned this once (only a hash of its
    /// secret is kept).
    pub async fn create_invitation(
        &self,
        animator: &Account,
        form: &InvitationForm,
    ) -> Result<NewInvitation, DataError> {
        let form = form.checked().map_err(DataError::Invalid)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (secret, expires_at) = insert_invitation(&mut tx, animator, &form, Role::Holder, &[]).await?;
        let path = invitation_path(&secret);
        let mailed_to = (!form.email.is_empty()).then(|| form.email.clone());
        if let Some(email) = &mailed_to {
            // In the language of the page it was written from.
            let expires = time_in(&expires_at, self.english());
            let mail =
                letters::holder_invitation(&signed_by(animator), &form.organisation, &path, &expires, self.english());
            enqueue(&mut tx, self.public_url(), email, &mail).await?;
        }
        tx.commit().await?;
        Ok(NewInvitation { path, expires_at, mailed_to })
    }

    /// An admin invites `form.email` to animate `form.areas`: the link is mailed there, and
    /// only an account of that address, verified and holding no initiative, can accept it.
    pub async fn invite_animator(
        &self,
        admin: &Account,
        form: &AnimatorInvitationForm,
    ) -> Result<NewInvitation, DataError> {
        let known: Vec<String> = self.areas().await?.into_iter().map(|a| a.code).collect();
        let form = form.checked(&known).map_err(DataError::Invalid)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?1")
            .bind(&form.email)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(id) = existing {
            check_may_animate(&mut tx, id).await?;
        }
        let invitation = InvitationForm {
            organisation: "Club Carte Orientation 28".into(),
            contact_name: String::new(),
            email: form.email.clone(),
        };
        let (secret, expires_at) = insert_invitation(&mut tx, admin, &invitation, Role::Animator, &form.areas).await?;
        let path = animator_invitation_path(&secret);
        let names = self.area_names(&form.areas).await?;
        // In its account's language when the address has one, else in the admin's page's.
        let english = match existing {
            Some(_) => reads_english(&mut tx, &form.email).await?,
            None => self.english(),
        };
        let expires = time_in(&expires_at, english);
        let mail = letters::animator_invitation(&signed_by(admin), &names, &path, &expires, english);
        enqueue(&mut tx, self.public_url(), &form.email, &mail).await?;
        audit(
            &mut tx,
            Some(admin),
            AuditAction::InviteAnimator,
            None,
            &form.email,
            &format!("Bassins : {}", names.join(", ")),
        )
        .await?;
        tx.commit().await?;
        Ok(NewInvitation { path, expires_at, mailed_to: Some(form.email) })
    }

    /// The names of the areas of `codes`, in their order.
    async fn area_names(&self, codes: &[String]) -> Result<Vec<String>, DataError> {
        let areas = self.areas().await?;
        Ok(codes.iter().filter_map(|code| areas.iter().find(|a| &a.code == code).map(|a| a.name.clone())).collect())
    }

    /// Every invitation of `role`, the newest first.
    pub async fn invitations(&self, role: Role) -> Result<Vec<Invitation>, DataError> {
        let rows: Vec<InvitationRow> =
            sqlx::query_as(&format!("{INVITATION_COLUMNS} WHERE v.role = ?1 ORDER BY v.id DESC"))
                .bind(role.code())
                .fetch_all(&self.pool)
                .await?;
        let today = now();
        let mut invitations = Vec::with_capacity(rows.len());
        for row in rows {
            invitations.push(Invitation {
                id: row.id,
                state: row.state(&today),
                form: row.form(),
                created_by: row.created_by.clone().unwrap_or_default(),
                role: row.role(),
                areas: self.area_names(&row.area_codes()).await?,
                created_at: row.created_at,
                expires_at: row.expires_at,
            });
        }
        Ok(invitations)
    }

    pub(super) async fn invitation_row(&self, secret: &str) -> Result<Option<InvitationRow>, DataError> {
        Ok(sqlx::query_as(&format!("{INVITATION_COLUMNS} WHERE v.token_hash = ?1"))
            .bind(token_hash(secret))
            .fetch_optional(&self.pool)
            .await?)
    }

    /// What the invitation of `secret` fills the sign-up form with; `Refused` (saying why) for
    /// one used or expired, `NotFound` for a secret no invitation has.
    pub async fn invitation_welcome(&self, secret: &str) -> Result<InvitationWelcome, DataError> {
        let row = self.waiting_invitation(secret).await?;
        Ok(InvitationWelcome {
            form: row.form(),
            invited_by: row.created_by.clone().unwrap_or_default(),
            role: row.role(),
            areas: self.area_names(&row.area_codes()).await?,
            expires_at: row.expires_at,
        })
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
        let by_kind: Vec<(String, String, String, String, i64)> = sqlx::query_as(
            "SELECT k.code, k.label_fr, k.label_en, k.colour, COUNT(i.id) FROM kinds k
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
            by_kind: by_kind
                .into_iter()
                .map(|(code, label, label_en, colour, count)| (KindInfo { code, label, label_en, colour }, count))
                .collect(),
            by_area,
            oldest_days: days.iter().copied().max(),
            queue_ages: queue_ages(&days),
        })
    }
}

/// Stores a new invitation; returns its secret (to put in the link, never stored) and when it
/// expires.
async fn insert_invitation(
    conn: &mut SqliteConnection,
    by: &Account,
    form: &InvitationForm,
    role: Role,
    areas: &[String],
) -> Result<(String, String), DataError> {
    let secret = new_secret();
    let created_at = chrono::Utc::now();
    let expires_at = stamp(created_at + chrono::Duration::days(INVITATION_DAYS));
    sqlx::query(
        "INSERT INTO invitations (token_hash, organisation, contact_name, email, created_by, created_at, expires_at, role, areas)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(token_hash(&secret))
    .bind(&form.organisation)
    .bind(&form.contact_name)
    .bind(&form.email)
    .bind(by.id)
    .bind(stamp(created_at))
    .bind(&expires_at)
    .bind(role.code())
    .bind(areas.join("|"))
    .execute(&mut *conn)
    .await?;
    Ok((secret, expires_at))
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
            Err(DataError::Said(Message::new(
                format!("{email} est administrateur : il modère déjà tous les bassins."),
                format!("{email} is an administrator: they already moderate every area."),
            )))
        }
        _ if held > 0 => Err(DataError::Said(Message::new(
            format!("{email} porte {held} initiative(s) : un animateur doit avoir un compte distinct, sans initiative."),
            format!("{email} holds {held} initiative(s): a facilitator must have a separate account, holding no initiative."),
        ))),
        _ if !verified => Err(DataError::Said(Message::new(
            format!("L'adresse {email} n'est pas encore vérifiée : aucun droit d'animation tant qu'elle ne l'est pas."),
            format!("The address {email} is not verified yet: no facilitator's rights until it is."),
        ))),
        _ => Ok(()),
    }
}

/// Animators and their areas.
impl Db {
    /// The areas (codes) account `id` animates.
    pub async fn animated_areas(&self, id: i64) -> Result<Vec<String>, DataError> {
        Ok(sqlx::query_scalar("SELECT area FROM animator_areas WHERE account_id = ?1 ORDER BY area")
            .bind(id)
            .fetch_all(&self.pool)
            .await?)
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
            return Err(DataError::Said(Message::new(
                format!("Bassins possibles : {}.", known.join(", ")),
                format!("Possible areas: {}.", known.join(", ")),
            )));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let email = crate::domain::accounts::normalise_email(email);
        let found: Option<(i64, String)> = sqlx::query_as("SELECT id, role FROM accounts WHERE email = ?1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((id, role)) = found else {
            return Err(DataError::Said(Message::new(
                format!("Aucun compte n'utilise l'adresse {email}."),
                format!("No account uses the address {email}."),
            )));
        };
        if Role::from_code(&role) != Some(Role::Animator) {
            check_may_animate(&mut tx, id).await?;
            return Err(DataError::Said(Message::new(
                format!("{email} n'est pas animateur : invitez cette adresse depuis « Inviter un animateur » (le lien lui est envoyé par courriel)."),
                format!("{email} is not a facilitator: invite this address with “Invite a facilitator” (the link is sent to it by email)."),
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
}

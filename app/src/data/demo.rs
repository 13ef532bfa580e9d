//! Demo data: realistic initiatives of Eure-et-Loir so that a new installation is not empty.
//! Every demo row carries `is_demo`, shown as such on every page and in every export.

use serde::Deserialize;

use super::{DataError, Db};
use crate::domain::{Account, InitiativeInput, NewAccount, Role, Status};

/// The demo holder: the account that holds some demo initiatives, to show the holders' pages.
pub const DEMO_HOLDER_EMAIL: &str = "mission-locale-drouais@demo.carte-orientation-28.fr";
/// The demo animator, who moderates the four areas (`make run` shows the moderation pages).
pub const DEMO_ANIMATOR_EMAIL: &str = "animation@demo.carte-orientation-28.fr";
/// The demo administrator (`make run` shows the outbox, the animators' page, the audit log).
pub const DEMO_ADMIN_EMAIL: &str = "administration@demo.carte-orientation-28.fr";
/// The demo organisation whose initiatives the demo holder holds.
const DEMO_HOLDER_ORGANISATION: &str = "Mission Locale du Drouais";

const DEMO_JSON: &str = include_str!("../../data/demo_initiatives.json");

#[derive(Deserialize)]
struct DemoInitiative {
    #[serde(flatten)]
    input: InitiativeInput,
    status: Status,
    /// When it was last confirmed current, if not at loading: a few demo initiatives are
    /// « à vérifier » to show what that looks like.
    #[serde(default)]
    confirmed_at: Option<String>,
}

impl Db {
    /// Replaces the demo initiatives by a fresh copy of the embedded set; returns how many.
    /// Initiatives that are not demo data are never touched.
    pub async fn load_demo(&self) -> Result<usize, DataError> {
        let demo: Vec<DemoInitiative> = serde_json::from_str(DEMO_JSON)
            .map_err(|e| DataError::EmbeddedData { file: "demo_initiatives.json", message: e.to_string() })?;
        sqlx::query("DELETE FROM initiatives WHERE is_demo = 1").execute(&self.pool).await?;
        for item in &demo {
            let id = self.create_initiative(&item.input, item.status, true).await?;
            if let Some(confirmed_at) = &item.confirmed_at {
                sqlx::query("UPDATE initiatives SET confirmed_at = ?2 WHERE id = ?1")
                    .bind(id)
                    .bind(confirmed_at)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(demo.len())
    }

    /// Loads the demo initiatives into a database that holds no initiative at all.
    /// Returns how many were loaded (0 when the database already had initiatives).
    pub async fn load_demo_if_empty(&self) -> Result<usize, DataError> {
        if self.initiative_count().await? > 0 {
            return Ok(0);
        }
        self.load_demo().await
    }

    /// Disables the demo accounts that exist (a server started without `DEMO_PASSWORD`): their
    /// password becomes one nobody knows and their sessions end. Returns how many there were.
    /// `DEMO_PASSWORD` at a later start gives them that password again.
    pub async fn disable_demo_accounts(&self) -> Result<usize, DataError> {
        let mut disabled = 0;
        for email in [DEMO_HOLDER_EMAIL, DEMO_ANIMATOR_EMAIL, DEMO_ADMIN_EMAIL] {
            if let Some(id) = self.account_id_of(email).await? {
                self.set_demo_password(id, None).await?;
                disabled += 1;
            }
        }
        Ok(disabled)
    }

    /// Gives the existing demo account `id` the password `password` (`None`: a random one
    /// nobody knows), ending its sessions either way.
    async fn set_demo_password(&self, id: i64, password: Option<&str>) -> Result<(), DataError> {
        let password = password.map(str::to_string).unwrap_or_else(super::accounts::unknowable_password);
        let hash = super::accounts::hash_password(password).await?;
        let mut tx = self.pool.begin().await?;
        super::accounts::set_password(&mut tx, id, &hash).await?;
        super::accounts::bump_generation(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The existing demo account of `email` with `password` again, if it exists.
    async fn existing_demo_account(&self, email: &str, password: &str) -> Result<Option<Account>, DataError> {
        let Some(id) = self.account_id_of(email).await? else { return Ok(None) };
        if !self.password_is(id, password).await? {
            self.set_demo_password(id, Some(password)).await?;
        }
        Ok(Some(self.account(id).await?.ok_or(DataError::NotFound)?))
    }

    /// Makes sure the demo animator exists with `password` and animates the four areas (once:
    /// an admin may change its areas after).
    pub async fn load_demo_animator(&self, password: &str) -> Result<Account, DataError> {
        if let Some(account) = self.existing_demo_account(DEMO_ANIMATOR_EMAIL, password).await? {
            return Ok(account);
        }
        let new = NewAccount {
            organisation: "Club Carte Orientation 28".into(),
            contact_name: "Animation (démonstration)".into(),
            email: DEMO_ANIMATOR_EMAIL.into(),
            password: password.into(),
        };
        self.create_account(&new, Role::Animator).await?;
        let areas: Vec<String> = self.areas().await?.into_iter().map(|a| a.code).collect();
        self.set_animator_areas(None, DEMO_ANIMATOR_EMAIL, &areas).await
    }

    /// Makes sure the demo administrator exists with `password`: in a demo without a mail
    /// server, the administrator reads every mail at `/admin/courriels`.
    pub async fn load_demo_admin(&self, password: &str) -> Result<Account, DataError> {
        if let Some(account) = self.existing_demo_account(DEMO_ADMIN_EMAIL, password).await? {
            return Ok(account);
        }
        let new = NewAccount {
            organisation: "Club Carte Orientation 28".into(),
            contact_name: "Administration (démonstration)".into(),
            email: DEMO_ADMIN_EMAIL.into(),
            password: password.into(),
        };
        self.create_account(&new, Role::Admin).await
    }

    /// Makes sure the demo holder account exists with `password` and holds the demo initiatives
    /// of its organisation (again after `load_demo` replaced them).
    pub async fn load_demo_holder(&self, password: &str) -> Result<Account, DataError> {
        let account = match self.existing_demo_account(DEMO_HOLDER_EMAIL, password).await? {
            Some(account) => account,
            None => {
                let new = NewAccount {
                    organisation: DEMO_HOLDER_ORGANISATION.into(),
                    contact_name: "Compte de démonstration".into(),
                    email: DEMO_HOLDER_EMAIL.into(),
                    password: password.into(),
                };
                self.create_account(&new, Role::Holder).await?
            }
        };
        sqlx::query(
            "UPDATE initiatives SET holder_id = ?1 WHERE is_demo = 1 AND organisation = ?2 AND holder_id IS NULL",
        )
        .bind(account.id)
        .bind(DEMO_HOLDER_ORGANISATION)
        .execute(&self.pool)
        .await?;
        Ok(account)
    }
}

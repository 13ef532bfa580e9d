//! Holders' public pages (`/structures/{slug}`): the address each account's page has, what the
//! page shows, and whether the holder shows their name on it.

use sqlx::SqliteConnection;

use super::charter::ACCOUNT_SIGNED;
use super::initiatives::Which;
use super::{DataError, Db};
use crate::domain::structures::{structure_path, StructurePage};
use crate::domain::Filters;

/// The slug of a page for `organisation`, unused by any other account: the organisation's name
/// in lower-case ASCII words (`mission-locale-du-drouais`), then `-2`, `-3`… when taken.
async fn free_slug(conn: &mut SqliteConnection, organisation: &str) -> Result<String, DataError> {
    let base = Some(slug::slugify(organisation)).filter(|s| !s.is_empty()).unwrap_or_else(|| "structure".into());
    let mut candidate = base.clone();
    for number in 2.. {
        let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE slug = ?1)")
            .bind(&candidate)
            .fetch_one(&mut *conn)
            .await?;
        if !taken {
            break;
        }
        candidate = format!("{base}-{number}");
    }
    Ok(candidate)
}

/// Gives account `id` the address of its page, from its organisation's name (in the
/// transaction that creates it).
pub(super) async fn assign_slug(conn: &mut SqliteConnection, id: i64, organisation: &str) -> Result<(), DataError> {
    let slug = free_slug(conn, organisation).await?;
    sqlx::query("UPDATE accounts SET slug = ?2 WHERE id = ?1").bind(id).bind(slug).execute(&mut *conn).await?;
    Ok(())
}

impl Db {
    /// Gives a page address to the accounts created before pages had one (migration 0013).
    pub(super) async fn fill_account_slugs(&self) -> Result<(), DataError> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, organisation FROM accounts WHERE slug IS NULL ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        for (id, organisation) in rows {
            assign_slug(&mut tx, id, &organisation).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The public page named `slug`: `None` when no account has it, and for an account with no
    /// published initiative (nothing of it is public then, not even that it exists).
    pub async fn structure_page(&self, slug: &str) -> Result<Option<StructurePage>, DataError> {
        let sql = format!(
            "SELECT a.id, a.slug, a.organisation, a.contact_name, a.show_contact_name, {ACCOUNT_SIGNED} AS charter_signed
             FROM accounts a WHERE a.slug = ?1"
        );
        let row: Option<(i64, String, String, String, bool, bool)> =
            sqlx::query_as(&sql).bind(slug).fetch_optional(&self.pool).await?;
        let Some((id, slug, organisation, contact_name, show_contact_name, charter_signed)) = row else {
            return Ok(None);
        };
        let initiatives = self.published_details(&Filters::default(), Which::HeldBy(id)).await?;
        if initiatives.is_empty() {
            return Ok(None);
        }
        let contact_name = show_contact_name.then_some(contact_name);
        Ok(Some(StructurePage::new(slug, organisation, contact_name, charter_signed, initiatives)))
    }

    /// The path of account `id`'s public page, and whether it shows the contact person's name.
    pub async fn public_page_of(&self, id: i64) -> Result<(String, bool), DataError> {
        let (slug, show): (String, bool) =
            sqlx::query_as("SELECT slug, show_contact_name FROM accounts WHERE id = ?1 AND slug IS NOT NULL")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(DataError::NotFound)?;
        Ok((structure_path(&slug), show))
    }

    /// Whether account `id`'s public page shows the contact person's name.
    pub async fn set_show_contact_name(&self, id: i64, show: bool) -> Result<(), DataError> {
        sqlx::query("UPDATE accounts SET show_contact_name = ?2 WHERE id = ?1")
            .bind(id)
            .bind(show)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

//! Accounts: creating them, checking a password, changing it. Passwords are hashed with argon2id
//! (the `argon2` crate's defaults, OWASP's recommended parameters) off the async threads: one
//! hash takes tens of milliseconds of CPU on purpose.

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use sqlx::FromRow;

use super::{now, DataError, Db};
use crate::domain::accounts::{normalise_email, password_problem, validate_sign_up, LinkPurpose};
use crate::domain::{Account, Field, Message, NewAccount, Role, ValidationErrors};

#[derive(FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    organisation: String,
    contact_name: String,
    role: String,
    password_hash: String,
    email_verified_at: Option<String>,
    session_generation: i64,
}

impl From<&AccountRow> for Account {
    fn from(row: &AccountRow) -> Self {
        Account {
            id: row.id,
            email: row.email.clone(),
            organisation: row.organisation.clone(),
            contact_name: row.contact_name.clone(),
            // The column's CHECK constraint allows nothing else.
            role: Role::from_code(&row.role).unwrap_or(Role::Holder),
            verified: row.email_verified_at.is_some(),
        }
    }
}

const ACCOUNT_COLUMNS: &str =
    "SELECT id, email, organisation, contact_name, role, password_hash, email_verified_at, session_generation FROM accounts";

/// Stores an account (its form already checked, its password already hashed), its address
/// `verified` or not, with the address of its public page; an email already in use is
/// [`DataError::EmailTaken`]. Called in a transaction.
pub(super) async fn insert_account(
    conn: &mut sqlx::SqliteConnection,
    input: &NewAccount,
    hash: &str,
    role: Role,
    verified: bool,
) -> Result<Account, DataError> {
    let email = normalise_email(&input.email);
    let today = now();
    let inserted = sqlx::query_scalar::<_, i64>(
        // A random first session generation: ids are reused after a deletion (no AUTOINCREMENT),
        // and a session the deleted account left behind must not fit the new account.
        "INSERT INTO accounts (email, password_hash, organisation, contact_name, role, created_at, password_changed_at, email_verified_at,
                               session_generation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, random() & 0xFFFFFFFFFF) RETURNING id",
    )
    .bind(&email)
    .bind(hash)
    .bind(input.organisation.trim())
    .bind(input.contact_name.trim())
    .bind(role.code())
    .bind(&today)
    .bind(verified.then_some(&today))
    .fetch_one(&mut *conn)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(DataError::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    super::structures::assign_slug(conn, id, input.organisation.trim()).await?;
    Ok(Account {
        id,
        email,
        organisation: input.organisation.trim().to_string(),
        contact_name: input.contact_name.trim().to_string(),
        role,
        verified,
    })
}

/// At most one argon2 computation per core at a time: each takes tens of milliseconds and 19 MB,
/// so a burst of sign-ins waits its turn instead of starving every other request of CPU (and
/// the blocking pool of memory).
async fn hashing_turn() -> tokio::sync::SemaphorePermit<'static> {
    static TURNS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    let turns = TURNS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map(std::num::NonZeroUsize::get).unwrap_or(2))
    });
    turns.acquire().await.expect("the semaphore is never closed")
}

/// Hashes `password` into an argon2id PHC string (algorithm, parameters, salt and hash).
pub(super) async fn hash_password(password: String) -> Result<String, DataError> {
    let _turn = hashing_turn().await;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| DataError::Hashing(e.to_string()))
    })
    .await
    .map_err(|e| DataError::Hashing(e.to_string()))?
}

/// Whether `password` matches the PHC string `hash`.
pub(super) async fn password_matches(password: String, hash: String) -> Result<bool, DataError> {
    let _turn = hashing_turn().await;
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| DataError::Hashing(e.to_string()))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| DataError::Hashing(e.to_string()))?
}

/// A long random password nobody is told (a disabled demo account's).
pub(super) fn unknowable_password() -> String {
    SaltString::generate(&mut OsRng).to_string()
}

/// A hash no password matches, checked when an email has no account, so that an unknown email
/// takes as long to refuse as a wrong password (response times must not reveal who has an
/// account).
async fn decoy_hash() -> Result<String, DataError> {
    static DECOY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DECOY.get() {
        return Ok(hash.clone());
    }
    let hash = hash_password(unknowable_password()).await?;
    Ok(DECOY.get_or_init(|| hash).clone())
}

pub(super) fn invalid(field: Field, message: Message) -> DataError {
    DataError::Invalid(ValidationErrors::one(field, message))
}

impl Db {
    /// Records the language this handle speaks (`Db::speaking`) as account `id`'s, for the mails
    /// others cause (signing in from English pages: English mails); nothing when it is not
    /// known (a request without `Referer`).
    pub async fn remember_language(&self, id: i64) -> Result<(), DataError> {
        if !self.language_known {
            return Ok(());
        }
        set_language(&mut *self.pool.acquire().await?, id, self.english()).await
    }

    /// Creates an account with `role` after checking the form, its address taken as verified:
    /// for the server's command line, the demo loader and tests, whose operator vouches for
    /// it (people signing up go through [`Db::sign_up`]). An email already in use is
    /// [`DataError::EmailTaken`].
    pub async fn create_account(&self, input: &NewAccount, role: Role) -> Result<Account, DataError> {
        validate_sign_up(input).map_err(DataError::Invalid)?;
        let hash = hash_password(input.password.clone()).await?;
        // One transaction: the account and the address of its public page (`assign_slug`) are
        // written together, or neither is.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let account = insert_account(&mut tx, input, &hash, role, true).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// The account whose email and password these are; `None` for an unknown email and for a
    /// wrong password alike (callers must not tell them apart either).
    pub async fn authenticate(&self, email: &str, password: &str) -> Result<Option<Account>, DataError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE email = ?1"))
            .bind(normalise_email(email))
            .fetch_optional(&self.pool)
            .await?;
        let hash = match &row {
            Some(row) => row.password_hash.clone(),
            None => decoy_hash().await?,
        };
        let matches = password_matches(password.to_string(), hash).await?;
        Ok(row.filter(|_| matches).as_ref().map(Account::from))
    }

    /// Whether `password` is account `id`'s.
    pub(super) async fn password_is(&self, id: i64, password: &str) -> Result<bool, DataError> {
        let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match hash {
            Some(hash) => password_matches(password.to_string(), hash).await,
            None => Ok(false),
        }
    }

    /// The id of the account of `email` (any case), if there is one.
    pub async fn account_id_of(&self, email: &str) -> Result<Option<i64>, DataError> {
        Ok(sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?1")
            .bind(normalise_email(email))
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The account `id`, if it still exists.
    pub async fn account(&self, id: i64) -> Result<Option<Account>, DataError> {
        Ok(self.account_and_generation(id).await?.map(|(account, _)| account))
    }

    /// The account `id` and its session generation (sessions opened in an older one are over).
    pub async fn account_and_generation(&self, id: i64) -> Result<Option<(Account, i64)>, DataError> {
        let row: Option<AccountRow> =
            sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = ?1")).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(|row| (Account::from(row), row.session_generation)))
    }

    /// Ends every session of account `id` (each holds the generation it was opened in);
    /// returns the new generation, which the caller's own session may take.
    pub async fn end_sessions(&self, id: i64) -> Result<i64, DataError> {
        let mut conn = self.pool.acquire().await?;
        bump_generation(&mut conn, id).await
    }

    /// Replaces the password of account `id` once `current` is checked, and ends its other
    /// sessions (returns the new session generation, for the session that changed it). A wrong
    /// current password or an unacceptable new one is an `Invalid` error on that field.
    pub async fn change_password(&self, id: i64, current: &str, new: &str) -> Result<i64, DataError> {
        let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(hash) = hash else {
            return Err(invalid(
                Field::Password,
                Message::new("Ce compte n'existe plus.", "This account no longer exists."),
            ));
        };
        if !password_matches(current.to_string(), hash).await? {
            return Err(invalid(
                Field::Password,
                Message::new("Le mot de passe actuel n'est pas le bon.", "The current password is incorrect."),
            ));
        }
        if let Some(problem) = password_problem(new) {
            return Err(invalid(Field::NewPassword, problem));
        }
        let hash = hash_password(new.to_string()).await?;
        let mut tx = self.pool.begin().await?;
        set_password(&mut tx, id, &hash).await?;
        let generation = bump_generation(&mut tx, id).await?;
        tx.commit().await?;
        Ok(generation)
    }
}

/// Records that account `id` reads English (`english`) or French: the language its mails are
/// written in when others act (a decision, a queue item, the yearly reminder).
pub(super) async fn set_language(conn: &mut sqlx::SqliteConnection, id: i64, english: bool) -> Result<(), DataError> {
    sqlx::query("UPDATE accounts SET language = ?2 WHERE id = ?1")
        .bind(id)
        .bind(super::outbox::language_code(english))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Stores the hash of a new password for account `id`.
pub(super) async fn set_password(conn: &mut sqlx::SqliteConnection, id: i64, hash: &str) -> Result<(), DataError> {
    sqlx::query("UPDATE accounts SET password_hash = ?1, password_changed_at = ?2 WHERE id = ?3")
        .bind(hash)
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves account `id` to a new session generation: every session opened before is over, and
/// so is every link still waiting to reset its password or move its address (whoever had the
/// old password, or one of those sessions, may have asked for it).
pub(super) async fn bump_generation(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<i64, DataError> {
    super::account_links::expire_waiting_links(
        conn,
        id,
        &[LinkPurpose::ResetPassword, LinkPurpose::ChangeEmail],
        &now(),
    )
    .await?;
    Ok(sqlx::query_scalar(
        "UPDATE accounts SET session_generation = session_generation + 1 WHERE id = ?1 RETURNING session_generation",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or_default())
}

//! Who is signed in: the account id kept in the server-side session (tower-sessions, stored in
//! the database; the browser only holds an opaque, HttpOnly cookie).

use tower_sessions::Session;

use crate::data::Db;
use crate::domain::Account;
use crate::error::AppError;

/// The session key under which the signed-in account's id is kept.
const ACCOUNT_ID: &str = "account_id";
/// The account's session generation when this session was opened: once the account moves to
/// a newer one (password changed or reset, « Se déconnecter partout »), this session is over.
const GENERATION: &str = "generation";

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "no session layer on this request");
        AppError::Unavailable
    })
}

fn unavailable(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failure");
    AppError::Unavailable
}

/// The signed-in account, read afresh from the database (a role changed, an account removed
/// or its sessions ended take effect at once), or `None`.
pub async fn signed_in(db: &Db) -> Result<Option<Account>, AppError> {
    account_of(&session().await?, db).await
}

/// The account `session` is signed in as, if it still is (for routes outside Leptos, which
/// extract the session themselves).
pub async fn account_of(session: &Session, db: &Db) -> Result<Option<Account>, AppError> {
    let Some(id) = session.get::<i64>(ACCOUNT_ID).await.map_err(unavailable)? else { return Ok(None) };
    let generation = session.get::<i64>(GENERATION).await.map_err(unavailable)?.unwrap_or(0);
    match db.account_and_generation(id).await? {
        Some((account, current)) if current == generation => Ok(Some(account)),
        _ => {
            session.flush().await.map_err(unavailable)?;
            Ok(None)
        }
    }
}

/// Signs `account` in on this browser, in its current session generation. The session gets a
/// new id first, so an id planted before sign-in (session fixation) is worth nothing after.
pub async fn start(db: &Db, account: &Account) -> Result<(), AppError> {
    let generation = db.account_and_generation(account.id).await?.map(|(_, g)| g).unwrap_or(0);
    let session = session().await?;
    session.cycle_id().await.map_err(unavailable)?;
    session.insert(ACCOUNT_ID, account.id).await.map_err(unavailable)?;
    session.insert(GENERATION, generation).await.map_err(unavailable)
}

/// Signs out: the session is deleted from the store and its cookie expired.
pub async fn end() -> Result<(), AppError> {
    session().await?.flush().await.map_err(unavailable)
}

/// Keeps this browser signed in after the account moved to session generation `generation`
/// (every other session just ended), under a new session id.
pub async fn renew(generation: i64) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(unavailable)?;
    session.insert(GENERATION, generation).await.map_err(unavailable)
}

//! Who is signed in: the account id kept in the server-side session (tower-sessions, stored in
//! the database; the browser only holds an opaque, HttpOnly cookie).

use std::net::{IpAddr, SocketAddr};

use tower_sessions::Session;

use crate::data::use_db;
use crate::domain::Account;
use crate::error::AppError;

/// The session key under which the signed-in account's id is kept.
const ACCOUNT_ID: &str = "account_id";

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

/// The signed-in account, read afresh from the database (a role changed or an account removed
/// takes effect at once), or `None`.
pub async fn signed_in() -> Result<Option<Account>, AppError> {
    let session = session().await?;
    let Some(id) = session.get::<i64>(ACCOUNT_ID).await.map_err(unavailable)? else { return Ok(None) };
    let account = use_db()?.account(id).await?;
    if account.is_none() {
        session.flush().await.map_err(unavailable)?;
    }
    Ok(account)
}

/// The signed-in account, or `Unauthorized`: the first line of every server function that
/// needs one.
pub async fn require_signed_in() -> Result<Account, AppError> {
    signed_in().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in account, which must be an administrator (`Forbidden` otherwise).
pub async fn require_admin() -> Result<Account, AppError> {
    let account = require_signed_in().await?;
    if account.role != crate::domain::Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(account)
}

/// Signs `account` in on this browser. The session gets a new id first, so an id planted
/// before sign-in (session fixation) is worth nothing after.
pub async fn start(account: &Account) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(unavailable)?;
    session.insert(ACCOUNT_ID, account.id).await.map_err(unavailable)
}

/// Signs out: the session is deleted from the store and its cookie expired.
pub async fn end() -> Result<(), AppError> {
    session().await?.flush().await.map_err(unavailable)
}

/// A new session id for the signed-in account (after a change of password: other stolen ids
/// stop working for this browser's session).
pub async fn renew() -> Result<(), AppError> {
    session().await?.cycle_id().await.map_err(unavailable)
}

/// The address the request comes from, when the server was started with it (not in tests that
/// call the router directly).
pub async fn client_ip() -> Option<IpAddr> {
    leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await.ok().map(|info| info.0.ip())
}

//! The account server functions. Each checks everything itself (who is signed in, limits,
//! the form) whatever the page sent, and answers with the status its error deserves.

use leptos::prelude::*;

use crate::domain::Account;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::error::answered;

/// Creates a holder account and signs it in on this browser; with the secret of an invitation
/// link, that invitation serves (once).
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    organisation: String,
    contact_name: String,
    email: String,
    password: String,
    invitation: Option<String>,
) -> Result<Account, AppError> {
    use super::{session, throttle};
    answered(
        async {
            let throttle = use_context::<std::sync::Arc<throttle::Throttle>>().ok_or(AppError::Unavailable)?;
            throttle
                .attempt_from(session::client_ip().await)
                .map_err(|wait| AppError::TooManyRequests(throttle::wait_message(wait)))?;
            let input = crate::domain::NewAccount { organisation, contact_name, email, password };
            let db = crate::data::use_db()?;
            let account = match invitation.filter(|secret| !secret.trim().is_empty()) {
                Some(secret) => db.create_invited_account(&input, &secret).await?,
                None => db.create_account(&input, crate::domain::Role::Holder).await?,
            };
            session::start(&account).await?;
            Ok(account)
        }
        .await,
    )
}

/// Signs in. A wrong password and an unknown email get the same answer, in the same time.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<Account, AppError> {
    use super::{session, throttle};
    answered(
        async {
            let throttle = use_context::<std::sync::Arc<throttle::Throttle>>().ok_or(AppError::Unavailable)?;
            let key = crate::domain::accounts::normalise_email(&email);
            throttle
                .sign_in(&key, session::client_ip().await)
                .map_err(|wait| AppError::TooManyRequests(throttle::wait_message(wait)))?;
            match crate::data::use_db()?.authenticate(&email, &password).await? {
                Some(account) => {
                    session::start(&account).await?;
                    Ok(account)
                }
                None => Err(AppError::BadRequest(WRONG_CREDENTIALS.into())),
            }
        }
        .await,
    )
}

/// What a failed sign-in says, whatever failed.
pub const WRONG_CREDENTIALS: &str =
    "Adresse e-mail ou mot de passe incorrect. Vérifiez les deux, ou créez un compte si vous n'en avez pas.";

/// Signs out of this browser.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    answered(super::session::end().await)
}

/// Changes the signed-in account's password, once the current one is checked.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use super::session;
    answered(
        async {
            let account = session::require_signed_in().await?;
            crate::data::use_db()?.change_password(account.id, &current_password, &new_password).await?;
            session::renew().await
        }
        .await,
    )
}

/// The signed-in account, if any.
#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    answered(super::session::signed_in().await)
}

//! Reading and signing the immersion charter.

use leptos::prelude::*;

use crate::domain::CharterPage;
#[cfg(feature = "ssr")]
use crate::error::answered;
use crate::error::AppError;

/// The current charter (public), and where the signed-in account stands with it.
#[server(endpoint = "load_charter")]
pub async fn load_charter() -> Result<CharterPage, AppError> {
    answered(
        async {
            let account = crate::accounts::session::signed_in().await?;
            Ok(crate::data::use_db()?.charter_page(account.as_ref()).await?)
        }
        .await,
    )
}

/// The signed-in holder signs charter `version`, which must be the current one.
#[server(endpoint = "sign_charter")]
pub async fn sign_charter(version: i64) -> Result<(), AppError> {
    answered(
        async {
            let account = crate::accounts::session::require_signed_in().await?;
            if account.role != crate::domain::Role::Holder {
                return Err(AppError::Forbidden);
            }
            Ok(crate::data::use_db()?.sign_charter(&account, version).await?)
        }
        .await,
    )
}

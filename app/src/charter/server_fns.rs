//! Reading and signing the immersion charter.

use leptos::prelude::*;

use crate::domain::CharterPage;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// The current charter (public), and where the signed-in account stands with it.
#[server(endpoint = "load_charter", output = crate::wire::Wire)]
pub async fn load_charter() -> Result<CharterPage, AppError> {
    answered(
        async {
            let account = maybe_signed_in().await?;
            Ok(use_db()?.charter_page(account.as_ref()).await?)
        }
        .await,
    )
}

/// The signed-in holder signs charter `version`, which must be the current one.
#[server(endpoint = "sign_charter", output = crate::wire::Wire)]
pub async fn sign_charter(version: i64) -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            if account.role != Role::Holder {
                return Err(AppError::Forbidden);
            }
            Ok(use_db()?.sign_charter(&account, version).await?)
        }
        .await,
    )
}

//! Claims' server functions: a holder acts for their own account only; the decisions are the
//! moderation's (`moderation::server_fns`), checked against the initiative's area.

use leptos::prelude::*;

use crate::domain::claims::{Claim, ClaimPage};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// Where the signed-in account stands towards claiming published initiative `id`.
#[server(endpoint = "load_claim_page", output = crate::wire::Wire)]
pub async fn load_claim_page(
    id: i64,
    locale: crate::language::Locale,
) -> Result<(ClaimPage, super::page::ClaimTexts), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            Ok((use_db()?.claim_page(id, &account).await?, super::page::ClaimTexts::new(locale)))
        }
        .await,
    )
}

/// The signed-in holder claims published initiative `id`, saying what ties them to it.
#[server(endpoint = "claim_initiative", output = crate::wire::Wire)]
pub async fn claim_initiative(id: i64, message: String) -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            if account.role != Role::Holder {
                return Err(AppError::Forbidden);
            }
            if !account.verified {
                return Err(AppError::BadRequest(crate::domain::Message::new(
                    "Vérifiez d'abord votre adresse e-mail (lien reçu par courriel, ou « Mon compte ») : une demande de rattachement confie une initiative publique.",
                    "First verify your email address (the link sent by email, or “My account”): a claim hands over a public initiative.",
                )));
            }
            let message = crate::domain::claims::check_message(&message).map_err(AppError::Invalid)?;
            use_db()?.claim_initiative(id, &account, &message).await?;
            Ok(())
        }
        .await,
    )
}

/// The claims the signed-in account made, the latest first (« Mes initiatives »).
#[server(endpoint = "my_claims", output = crate::wire::Wire)]
pub async fn my_claims() -> Result<Vec<Claim>, AppError> {
    answered(
        async {
            let account = signed_in().await?;
            Ok(use_db()?.claims_of(account.id).await?)
        }
        .await,
    )
}

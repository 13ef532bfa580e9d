//! The holders' public pages' server functions.

use leptos::prelude::*;

use crate::domain::structures;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// The public page named `slug` (public); `NotFound` for unknown names and for holders with no
/// published initiative.
#[server(endpoint = "load_structure_page", output = crate::wire::Wire)]
pub async fn load_structure_page(slug: String) -> Result<structures::StructurePage, AppError> {
    answered(async { use_db()?.structure_page(&slug).await?.ok_or(AppError::NotFound) }.await)
}

/// Whether the signed-in holder's public page shows the contact person's name (`afficher` or
/// `masquer`, the account page's two choices).
#[server(endpoint = "set_show_contact_name", output = crate::wire::Wire)]
pub async fn set_show_contact_name(choice: String) -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            if account.role != Role::Holder {
                return Err(AppError::Forbidden);
            }
            let show = match choice.as_str() {
                "afficher" => true,
                "masquer" => false,
                _ => {
                    return Err(AppError::BadRequest(crate::domain::Message::new(
                        "Choisissez d'afficher ou non le nom de la personne à contacter.",
                        "Choose whether to show the contact person's name.",
                    )))
                }
            };
            Ok(use_db()?.set_show_contact_name(account.id, show).await?)
        }
        .await,
    )
}

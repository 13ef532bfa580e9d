//! Citizens' server functions: suggesting an initiative and reporting a problem, without an
//! account. Both go to the animators' queue; a honeypot field and a limit per address keep bots
//! out, and each refusal says why in words a person can act on.

use leptos::prelude::*;

use crate::domain::contributions::ReportForm;
use crate::domain::InitiativeForm;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// The name of the honeypot input: hidden from people, tempting for programs that fill every
/// field. Its value must stay empty.
pub const HONEYPOT: &str = "adresse_web";

/// Refuses what a bot sent (honeypot filled), then counts the contribution against the
/// sender's address.
#[cfg(feature = "ssr")]
async fn admit(honeypot: &str) -> Result<(), AppError> {
    use crate::accounts::throttle;
    if let Some(message) = crate::domain::contributions::honeypot_message(honeypot) {
        return Err(AppError::BadRequest(message));
    }
    let throttle = use_context::<std::sync::Arc<throttle::Throttle>>().ok_or(AppError::Unavailable)?;
    throttle
        .contribution_from(client_ip().await)
        .map_err(|wait| AppError::TooManyRequests(throttle::contribution_wait_message(wait)))
}

/// Reports a problem on published initiative `id`.
#[server(endpoint = "report_initiative", output = crate::wire::Wire)]
pub async fn report_initiative(id: i64, report: ReportForm, adresse_web: String) -> Result<(), AppError> {
    answered(
        async {
            let report = report.to_report().map_err(AppError::Invalid)?;
            admit(&adresse_web).await?;
            let reporter = maybe_signed_in().await?;
            use_db()?.report_initiative(id, &report, reporter.as_ref()).await?;
            Ok(())
        }
        .await,
    )
}

/// Suggests an initiative, with an optional address to answer to; returns its id.
#[server(endpoint = "suggest_initiative", output = crate::wire::Wire)]
pub async fn suggest_initiative(
    form: InitiativeForm,
    contact_email: String,
    adresse_web: String,
) -> Result<i64, AppError> {
    answered(
        async {
            let db = use_db()?;
            let parsed = form.to_input(&db.commune_choices().await?, &db.catalogue().await?);
            // The contact address is checked with the rest: every problem is listed at once.
            let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
            let email = crate::domain::contributions::contact_email(&mut errors, &contact_email);
            let input = match parsed {
                Ok(input) if errors.0.is_empty() => input,
                _ => return Err(AppError::Invalid(errors)),
            };
            admit(&adresse_web).await?;
            Ok(db.suggest_initiative(&input, email.as_deref()).await?)
        }
        .await,
    )
}

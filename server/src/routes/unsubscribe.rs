//! `/api/desabonnement?jeton=…`: the address of `List-Unsubscribe`. Mail clients POST to it
//! (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`, RFC 8058) and it unsubscribes at
//! once; a GET (a client without one-click) leads to the page of the link in the text, in the
//! mail's language (`langue=en` for an English mail).

use app::data::Db;
use app::error::AppError;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// The link's secret, `?jeton=…` (once).
fn secret(query: Option<&str>) -> Result<String, AppError> {
    Ok(super::single_param(query, "jeton")?.unwrap_or_default())
}

/// One-click unsubscribing: 200 once done (the secret is the proof: no session, no origin —
/// mail clients post from anywhere).
pub async fn unsubscribe(State(db): State<Db>, RawQuery(query): RawQuery) -> Response {
    let jeton = match secret(query.as_deref()) {
        Ok(jeton) => jeton,
        Err(error) => return error.into_response(),
    };
    match db.set_subscribed(&jeton, false).await {
        Ok(_) => (StatusCode::OK, "Désabonnement enregistré.").into_response(),
        Err(error) => AppError::from(error).into_response(),
    }
}

/// A client that opens the address instead: the page of the link, whose button unsubscribes.
pub async fn unsubscribe_page(RawQuery(query): RawQuery) -> Response {
    let english = match super::single_param(query.as_deref(), "langue") {
        Ok(language) => language.as_deref() == Some("en"),
        Err(error) => return error.into_response(),
    };
    match secret(query.as_deref()) {
        Ok(jeton) => {
            let jeton: String = url::form_urlencoded::byte_serialize(jeton.as_bytes()).collect();
            let page = format!("{}?jeton={jeton}", app::domain::mail::UNSUBSCRIBE_PAGE);
            let locale = if english { app::language::Locale::en } else { app::language::Locale::fr };
            Redirect::to(&app::language::localized(locale, &page)).into_response()
        }
        Err(error) => error.into_response(),
    }
}

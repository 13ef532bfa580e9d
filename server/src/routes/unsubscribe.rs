//! `/api/desabonnement?jeton=…`: the address of `List-Unsubscribe`. Mail clients POST to it
//! (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`, RFC 8058) and it unsubscribes at
//! once; a GET (a client without one-click) leads to the page of the link in the text.

use app::data::Db;
use app::error::AppError;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

#[derive(serde::Deserialize)]
pub struct Link {
    #[serde(default)]
    jeton: String,
}

/// One-click unsubscribing: 200 once done (the secret is the proof: no session, no origin —
/// mail clients post from anywhere).
pub async fn unsubscribe(State(db): State<Db>, Query(link): Query<Link>) -> Response {
    match db.set_subscribed(&link.jeton, false).await {
        Ok(_) => (StatusCode::OK, "Désabonnement enregistré.").into_response(),
        Err(error) => AppError::from(error).into_response(),
    }
}

/// A client that opens the address instead: the page of the link, whose button unsubscribes.
pub async fn unsubscribe_page(Query(link): Query<Link>) -> Redirect {
    let jeton: String = url::form_urlencoded::byte_serialize(link.jeton.as_bytes()).collect();
    Redirect::to(&format!("{}?jeton={jeton}", app::domain::mail::UNSUBSCRIBE_PAGE))
}

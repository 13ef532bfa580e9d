//! The errors people can meet, each mapped once to an HTTP status and a French message.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::{Message, ValidationErrors};

/// Every error a page, a server function or an HTTP route can answer with.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// The thing asked for does not exist, or is not public.
    #[error("Cette page n'existe pas, ou l'initiative n'est plus publiée.")]
    NotFound,
    /// The input broke domain rules; each message names its field.
    #[error("Certains champs sont à corriger : {0}")]
    Invalid(ValidationErrors),
    /// A request parameter is malformed; the message says which and why.
    #[error("{0}")]
    BadRequest(Message),
    /// The action needs a signed-in account and there is none (or the session has expired).
    #[error("Connectez-vous pour continuer.")]
    Unauthorized,
    /// The signed-in account may not do this.
    #[error("Votre compte ne permet pas cette action.")]
    Forbidden,
    /// Someone saved the same initiative meanwhile; the message says who, when and what.
    #[error("{0}")]
    Conflict(crate::domain::Conflict),
    /// Too many attempts in a short time (sign-in throttling); the message says when to retry.
    #[error("{0}")]
    TooManyRequests(Message),
    /// An outside service the request needs (the geocoder) does not answer; the message says
    /// what to do instead.
    #[error("{0}")]
    ServiceDown(Message),
    /// The database did not answer; details went to the server log, not to the visitor.
    #[error("Le service est momentanément indisponible. Réessayez dans un instant.")]
    Unavailable,
    /// The request never reached the server function (network, decoding…).
    #[error("La demande n'a pas pu aboutir ({0}). Vérifiez votre connexion puis réessayez.")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::BadRequest(_) => 400,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::Unavailable | AppError::ServiceDown(_) => 503,
            AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    /// In postcard to the page, as its data (wire.rs): one reader of `AppError` in the WASM.
    type Encoder = crate::wire::WireEncoding;

    /// On the server, arguments that cannot be read (missing, of the wrong type, malformed) are
    /// the caller's fault: a 400 that says so in French, never a 500. In the browser, every such
    /// error is the way there or back failing.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_)
        ) {
            set_status(400);
            return AppError::BadRequest(unreadable_arguments());
        }
        AppError::Transport(value.to_string())
    }
}

/// Sets the HTTP status of the page being rendered, or of the server function's answer, on the
/// server (no-op in the browser). Here rather than with the pages: errors set it too, and the
/// error type must not depend on the page layout.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), axum::http::StatusCode::from_u16(status))
    {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// What a server function says of arguments it cannot read.
pub fn unreadable_arguments() -> Message {
    Message::new(
        "Requête illisible : les informations envoyées ne correspondent pas à ce que ce formulaire attend. Rechargez la page et réessayez.",
        "Unreadable request: what was sent does not match what this form expects. Reload the page and try again.",
    )
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    /// JSON routes answer `{ "error": "<French message>" }` with the matching status.
    fn into_response(self) -> axum::response::Response {
        let status =
            axum::http::StatusCode::from_u16(self.status()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(serde_json::json!({ "error": self.to_string() }))).into_response()
    }
}

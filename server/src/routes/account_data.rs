//! `/api/mes-donnees`: « Télécharger mes données » — everything the database holds about the
//! signed-in account, as one JSON file.

use app::data::Db;
use app::error::AppError;
use app::ssr::session::account_of;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The signed-in account's data as an attachment; 401 for anyone else.
pub async fn my_data(State(db): State<Db>, session: Session) -> Response {
    let account = match account_of(&session, &db).await {
        Ok(Some(account)) => account,
        Ok(None) => return AppError::Unauthorized.into_response(),
        Err(error) => return error.into_response(),
    };
    match db.account_export(&account).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"mes-donnees-carte-orientation-28.json\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(error) => AppError::from(error).into_response(),
    }
}

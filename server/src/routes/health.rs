//! `/healthz`: whether the service can answer, for load balancers and the test harness.

use app::data::Db;
use axum::extract::State;
use axum::http::StatusCode;

/// 200 when the database answers, 503 when it does not.
pub async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "base de données indisponible")
        }
    }
}

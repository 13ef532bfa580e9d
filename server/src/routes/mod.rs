//! HTTP routes that are not pages.

pub mod account_data;
pub mod events;
pub mod export;
pub mod health;
pub mod pins;
pub mod unsubscribe;

use app::data::Db;
use app::domain::Filters;
use app::error::AppError;

/// The view a URL query describes (the map page's parameters); a nonsense parameter is a 400
/// with its French message.
pub async fn view_filters(db: &Db, query: &str) -> Result<Filters, AppError> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    Filters::from_query(&pairs, &db.catalogue().await?).map_err(|error| AppError::BadRequest(error.0))
}

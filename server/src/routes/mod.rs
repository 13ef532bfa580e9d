//! HTTP routes that are not pages.

pub mod account_data;
pub mod calendar;
pub mod events;
pub mod export;
pub mod health;
pub mod pins;
pub mod unsubscribe;
pub mod view_sketch;

use app::data::Db;
use app::domain::Filters;
use app::error::AppError;

/// The view a URL query describes (the map page's parameters), and the published revision it
/// is read at (the key of the caches of views); a nonsense parameter, or an address that cannot
/// be placed, is a 400 with its French message. One query in all when the catalogue is already
/// known (and an address already placed).
pub async fn view_filters(db: &Db, query: &str, visitor: Visitor) -> Result<(Filters, i64), AppError> {
    let (filters, revisions) = db.view_of_query(query, visitor.map(|client| client.0 .0)).await?;
    Ok((filters, revisions.published))
}

/// Today, as the caches of views count days (their key's second part): a pin turns « à vérifier »
/// with the passing of time alone, so what is kept of a view is good for one day at most.
pub fn cache_day() -> i32 {
    app::data::today()
}

/// Who asks for a view (their network address, from `client_address::resolve`): the geocoder
/// limits each visitor's new addresses.
pub type Visitor = Option<axum::Extension<app::ssr::ClientAddress>>;

/// The value of `name` in the URL query `query`, if given; a second one is a 400 in French
/// (axum's `Query` would answer in English, and which of two values counts is a guess).
pub fn single_param(query: Option<&str>, name: &str) -> Result<Option<String>, AppError> {
    let mut values = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned());
    let first = values.next();
    if values.next().is_some() {
        return Err(AppError::BadRequest(app::domain::Message::new(
            format!("Le paramètre « {name} » est donné deux fois : gardez-en un seul."),
            format!("The parameter “{name}” is given twice: keep only one."),
        )));
    }
    Ok(first)
}

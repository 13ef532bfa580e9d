//! Reading a view of the map (the map page, its pins, the exports, the calendar, the printed list)
//! from its URL query: the one place that places an address typed in « Autour de » before the
//! filters are read, so that every way to a view understands the same address the same way.

use std::net::IpAddr;

use super::{DataError, Db, Revisions};
use crate::domain::filters::needs_geocoder;
use crate::domain::Filters;
use crate::geocoder::Refusal;

impl Db {
    /// The filters of the view `pairs` describe (a URL query's pairs), and the revisions they are
    /// read at; `visitor` is who asks (their network address: the geocoder limits each
    /// visitor's new addresses). A parameter that makes no sense, or an address that names no
    /// place, is `DataError::Said`; without a geocoder an address is one of those. A geocoder
    /// that cannot be asked now is `DataError::Busy` or `DataError::ServiceDown`.
    pub async fn view(
        &self,
        pairs: &[(String, String)],
        visitor: Option<IpAddr>,
    ) -> Result<(Filters, Revisions), DataError> {
        // Read first: a change made while the view is read is announced again, never missed.
        let revisions = self.revisions().await?;
        let catalogue = self.catalogue_at(revisions.data).await?;
        let places: Vec<&str> = pairs
            .iter()
            .filter(|(name, value)| name == "autour" && !value.trim().is_empty())
            .map(|(_, v)| v.as_str())
            .collect();
        let located = match (places.as_slice(), &self.geocoder) {
            // (Two places are refused below, unasked.)
            ([typed], Some(geocoder)) if needs_geocoder(typed, &catalogue) => {
                // The rest of the view first: a query refused anyway asks the service nothing.
                let others: Vec<(String, String)> =
                    pairs.iter().filter(|(name, _)| name != "autour").cloned().collect();
                Filters::from_query(&others, &catalogue).map_err(|error| DataError::Said(error.0))?;
                match geocoder.locate(typed, visitor).await {
                    Ok(located) => Some(located),
                    Err(Refusal::Unplaced(message)) => return Err(DataError::Said(message)),
                    Err(Refusal::Busy(message)) => return Err(DataError::Busy(message)),
                    Err(Refusal::Down(message)) => return Err(DataError::ServiceDown(message)),
                }
            }
            _ => None,
        };
        let filters = Filters::from_query_located(pairs, &catalogue, located.as_ref())
            .map_err(|error| DataError::Said(error.0))?;
        Ok((filters, revisions))
    }

    /// The same, from a URL query (with or without its `?`).
    pub async fn view_of_query(&self, query: &str, visitor: Option<IpAddr>) -> Result<(Filters, Revisions), DataError> {
        let pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned().collect();
        self.view(&pairs, visitor).await
    }
}

//! What every server function starts from, on the server only — `use crate::ssr::*;`, the idiom
//! of the Leptos examples (`todo_app_sqlite_axum`): the request's database, the answer's status,
//! where the request comes from, and every access check. A server function's first line names
//! who may call it — `signed_in()`, `admin()`, `staff()`, `moderator_of(id)` or
//! `holder_of(id, rule)` — and its body is wrapped in `answered(…)`.
//!
//! Which way the code depends: pages → server functions → this module → data → domain. The
//! data layer knows nothing of requests or of `AppError`; the conversion of its errors into
//! what a page says lives here.

pub mod session;

use std::net::IpAddr;

pub use crate::data::Db;
pub use crate::domain::moderation::Scope;
pub use crate::domain::{Account, Message, Role};
pub use crate::error::AppError;

/// The address of the person behind a request, as the server resolved it (the socket's peer,
/// or behind a trusted reverse proxy the client it names in `X-Forwarded-For`). The server puts
/// it in each request's extensions; [`client_ip`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The address of the person behind the request, as the server resolved it (behind a trusted
/// proxy, from `X-Forwarded-For`): absent only in tests that call the router without one.
pub async fn client_ip() -> Option<IpAddr> {
    leptos_axum::extract::<axum::Extension<ClientAddress>>().await.ok().map(|address| address.0 .0)
}

/// The database handle the server put in the request's context, acting for a reader of the
/// calling page's language (`Db::speaking`: the mails answering what they do are in it).
pub fn use_db() -> Result<Db, AppError> {
    let db = leptos::prelude::use_context::<Db>().ok_or(AppError::Unavailable)?;
    // Without a page to tell (no `Referer`), the handle speaks French and records no language.
    Ok(match referring_locale() {
        Some(locale) => db.speaking(locale == crate::language::Locale::en),
        None => db,
    })
}

/// The language of the page a request was sent from: its `Referer` (which `Referrer-Policy:
/// same-origin` gives for our own pages), if it has one.
fn referring_locale() -> Option<crate::language::Locale> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    let referer = parts.headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    Some(crate::language::locale_of_path(url::Url::parse(referer).ok()?.path()))
}

/// Sets the HTTP status of a failed server function to its error's (401, 403, 409, 429…), so
/// that clients other than our pages see what happened too.
pub fn answered<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        crate::error::set_status(error.status());
    }
    result
}

/// Marks a request that is a form sent without JavaScript: the server's `sent_forms` puts it in
/// the request before running the server function.
#[derive(Clone, Copy, Debug)]
pub struct SentWithoutScript;

/// Where a form sent without JavaScript goes once this server function succeeded, for the few
/// whose page is gone by then (signed out, a link used): the page cannot say it, as the others
/// do (`go_to_on_success`, on the server). The script goes to the same `path` by itself. In the
/// language of the page the form was sent from (its `Referer`, which `Referrer-Policy:
/// same-origin` gives for our own pages).
pub fn then_without_script(path: &str) {
    use leptos::prelude::use_context;
    let Some(parts) = use_context::<axum::http::request::Parts>() else { return };
    if parts.extensions.get::<SentWithoutScript>().is_none() {
        return;
    }
    let locale = referring_locale().unwrap_or(crate::language::Locale::fr);
    leptos_axum::redirect(&crate::language::localized(locale, path));
}

/// The signed-in account, read afresh from the database (a role changed, an account removed
/// or its sessions ended take effect at once), or `None` for an anonymous visitor.
pub async fn maybe_signed_in() -> Result<Option<Account>, AppError> {
    session::signed_in(&use_db()?).await
}

/// The signed-in account, or `Unauthorized`: for any server function that needs one.
pub async fn signed_in() -> Result<Account, AppError> {
    maybe_signed_in().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in account, which must be an administrator (`Forbidden` otherwise).
pub async fn admin() -> Result<Account, AppError> {
    let account = signed_in().await?;
    if account.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(account)
}

/// The signed-in account and the areas it moderates: animators and admins, for the moderation
/// and the club's pages; holders are `Forbidden`.
pub async fn staff() -> Result<(Account, Scope, Db), AppError> {
    let account = signed_in().await?;
    let db = use_db()?;
    let scope = db.scope_of(&account).await?.ok_or(AppError::Forbidden)?;
    Ok((account, scope, db))
}

/// The signed-in account, which must moderate the area of initiative `id`.
pub async fn moderator_of(id: i64) -> Result<(Account, Db), AppError> {
    let (account, scope, db) = staff().await?;
    if db.moderation_areas(id).await?.iter().any(|area| scope.covers(area)) {
        Ok((account, db))
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in account, which must be allowed `rule` on initiative `id`
/// (`domain::holding::may_edit` and friends): `NotFound` when there is no such initiative,
/// `Forbidden` when it is someone else's.
pub async fn holder_of(id: i64, rule: fn(&Account, Option<i64>) -> bool) -> Result<(Account, Db), AppError> {
    let account = signed_in().await?;
    let db = use_db()?;
    let holder = db.holder_of(id).await?;
    if rule(&account, holder) {
        Ok((account, db))
    } else {
        Err(AppError::Forbidden)
    }
}

/// What a page says of a data-layer failure: the person's mistakes in French, anything else
/// logged and said to be unavailable.
impl From<crate::data::DataError> for AppError {
    fn from(error: crate::data::DataError) -> Self {
        match error {
            crate::data::DataError::Invalid(errors) => AppError::Invalid(errors),
            crate::data::DataError::EmailTaken => AppError::Invalid(crate::domain::ValidationErrors::one(
                crate::domain::Field::Email,
                Message::new(
                    "Un compte existe déjà avec cette adresse : connectez-vous, ou utilisez une autre adresse.",
                    "An account already exists with this address: sign in, or use another address.",
                ),
            )),
            crate::data::DataError::NotFound => AppError::NotFound,
            crate::data::DataError::Conflict(conflict) => AppError::Conflict(conflict),
            crate::data::DataError::NotPending => AppError::BadRequest(Message::new(
                "Cette initiative n'a rien en attente de validation.",
                "This initiative has nothing awaiting review.",
            )),
            crate::data::DataError::Refused(message) => AppError::BadRequest(Message::french(message)),
            crate::data::DataError::Said(message) => AppError::BadRequest(message),
            crate::data::DataError::Busy(message) => AppError::TooManyRequests(message),
            crate::data::DataError::ServiceDown(message) => AppError::ServiceDown(message),
            crate::data::DataError::Link(problem, purpose) => AppError::BadRequest(problem.message(purpose)),
            crate::data::DataError::OutdatedCharter(current) => AppError::BadRequest(Message::new(
                format!(
                    "La charte a changé depuis l'ouverture de cette page : lisez la version {current}, puis signez-la."
                ),
                format!("The charter has changed since this page was opened: read version {current}, then sign it."),
            )),
            other => {
                tracing::error!(error = %other, "data layer failure");
                AppError::Unavailable
            }
        }
    }
}

//! Requests the site can read, checked before any handler sees them, each refusal said in
//! French: a query string or a form whose text is not UTF-8 (browsers always send UTF-8; a
//! decoder would silently turn such bytes into « � » and save them), that holds a NUL character
//! (no field of ours can, and many tools cut text there), or that repeats parameters by the
//! thousand; and a server-function call that is not a form (our pages always post
//! `application/x-www-form-urlencoded`; anything else is a hand-made request that would otherwise
//! be read as a form all the same).
//!
//! Runs inside `limits::whole_body`: the body is already in memory and of a sane size.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;

/// Parameters in one query string or form: the longest form of ours has a few dozen.
pub const MAX_PARAMETERS: usize = 200;

pub const UNREADABLE: &str =
    "Requête illisible : elle contient des caractères qui ne sont pas du texte (UTF-8 invalide ou caractère nul). Rechargez la page et réessayez.";
pub const TOO_MANY_PARAMETERS: &str = "Requête refusée : elle contient beaucoup trop de paramètres.";
pub const NOT_A_FORM: &str =
    "Requête refusée : les formulaires du site s'envoient en « application/x-www-form-urlencoded ». Rechargez la page et réessayez.";

/// Why `pairs` (a query string or a form body, `a=1&b=2`) cannot be read, if it cannot.
pub fn unreadable(pairs: &[u8]) -> Option<&'static str> {
    let mut count = 0;
    for pair in pairs.split(|&byte| byte == b'&').filter(|pair| !pair.is_empty()) {
        count += 1;
        if count > MAX_PARAMETERS {
            return Some(TOO_MANY_PARAMETERS);
        }
        // `+` is a space in forms; it cannot hide a NUL or a non-UTF-8 byte either way.
        let decoded: Vec<u8> = percent_decode(pair).collect();
        match std::str::from_utf8(&decoded) {
            Ok(text) if !text.contains('\0') => {}
            _ => return Some(UNREADABLE),
        }
    }
    None
}

fn refuse(status: StatusCode, message: &'static str) -> Response {
    (status, [(CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}

/// Whether `request` calls a server function (POST `/api/…`, but the one-click unsubscribe that
/// mail providers post in their own way, RFC 8058).
fn calls_a_server_function(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::POST && path.starts_with("/api/") && path != "/api/desabonnement"
}

/// Refuses what cannot be read (400), and a server-function call that is not a form (415).
pub async fn check(request: Request, next: Next) -> Response {
    if let Some(message) = request.uri().query().and_then(|query| unreadable(query.as_bytes())) {
        return refuse(StatusCode::BAD_REQUEST, message);
    }
    if !calls_a_server_function(&request) {
        return next.run(request).await;
    }
    let form = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"));
    if !form {
        let mut refused = refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, NOT_A_FORM);
        refused
            .headers_mut()
            .insert("accept-post", "application/x-www-form-urlencoded".parse().expect("a valid header"));
        return refused;
    }
    let (parts, body) = request.into_parts();
    // `limits::whole_body` has read it already: this only takes the bytes back.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return refuse(StatusCode::BAD_REQUEST, crate::limits::CUT_SHORT);
    };
    if let Some(message) = unreadable(&bytes) {
        return refuse(StatusCode::BAD_REQUEST, message);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_must_be_utf8_without_nul_and_parameters_few() {
        assert_eq!(unreadable(b"q=for%C3%BBm+m%C3%A9tiers&bassin=dreux&bassin=chartres"), None);
        assert_eq!(unreadable(b""), None);
        assert_eq!(unreadable(b"q=%FF%FE"), Some(UNREADABLE));
        assert_eq!(unreadable(b"q=%C0%AF"), Some(UNREADABLE), "an overlong encoding of /");
        assert_eq!(unreadable(b"organisation=a%00b"), Some(UNREADABLE));
        assert_eq!(unreadable(b"a\xff=1"), Some(UNREADABLE), "raw bytes too");
        assert_eq!(unreadable("bassin=dreux&".repeat(MAX_PARAMETERS).as_bytes()), None);
        assert_eq!(unreadable("bassin=dreux&".repeat(MAX_PARAMETERS + 1).as_bytes()), Some(TOO_MANY_PARAMETERS));
    }
}

//! Forms sent without JavaScript (an old phone, blocked scripts, a chunk that failed to
//! download). The browser posts such a form to its server function like any HTML form; the
//! server keeps what was typed and what the function answered for a short while, and sends the
//! browser back to the form's page, which shows that answer as the script would have: each
//! error beside its field with everything typed kept, or what follows a success
//! (post / redirect / get: reloading that page never sends the form twice).

use serde::{Deserialize, Serialize};

/// How long a sent form waits for its page to be shown (and reloaded).
pub const KEPT_MINUTES: i64 = 30;

/// The query parameter of the page that answers a sent form: `/proposer?envoi=…`.
pub const QUERY_PARAMETER: &str = "envoi";

/// The id of what the page answering a form scrolls to: that form's summary of errors (the
/// address the browser is sent to ends with `#envoi`).
pub const ANCHOR: &str = "envoi";

/// A form sent without JavaScript, and what its server function answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentForm {
    /// The server function's path: `/api/sign_in`…
    pub endpoint: String,
    /// The fields as the browser sent them (`application/x-www-form-urlencoded`), every
    /// password emptied: nobody's password is kept, nor written back into a page.
    pub fields: String,
    /// Whether the server function succeeded…
    pub succeeded: bool,
    /// …and the body of its answer, as JSON: its output, or its error.
    pub answer: String,
}

impl SentForm {
    /// What the server keeps of a form posted to `endpoint` with `body`.
    pub fn new(endpoint: &str, body: &[u8], succeeded: bool, answer: String) -> SentForm {
        SentForm { endpoint: endpoint.to_string(), fields: without_passwords(body), succeeded, answer }
    }
}

/// `body` (a form, URL-encoded) with the value of every field whose name says it holds a
/// password emptied (`password`, `new_password`, `current_password`…): the field stays, so the
/// form still reads as the server function's arguments.
pub fn without_passwords(body: &[u8]) -> String {
    let mut fields = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in url::form_urlencoded::parse(body) {
        let value = if name.contains("password") { "".into() } else { value };
        fields.append_pair(&name, &value);
    }
    fields.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_emptied_and_the_rest_kept_as_typed() {
        let kept = without_passwords(
            b"email=l%C3%A9a%40exemple.fr&password=secret+phrase&new_password=x&form%5Btitle%5D=Forum+%26+co",
        );
        assert_eq!(kept, "email=l%C3%A9a%40exemple.fr&password=&new_password=&form%5Btitle%5D=Forum+%26+co");
        assert!(!kept.contains("secret"));
    }

    #[test]
    fn a_form_keeps_its_endpoint_and_answer() {
        let sent = SentForm::new("/api/sign_in", b"email=a%40b.fr&password=p", false, "\"Unauthorized\"".into());
        assert_eq!(sent.endpoint, "/api/sign_in");
        assert_eq!(sent.fields, "email=a%40b.fr&password=");
        assert!(!sent.succeeded);
    }
}

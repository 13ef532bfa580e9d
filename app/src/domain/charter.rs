//! The immersion charter: versions published by an admin, signed by holders. Signing the current
//! version is required before submitting an immersion, and earns the "charte signée" badge.

use serde::{Deserialize, Serialize};

/// One published version of the charter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterVersion {
    pub version: i64,
    /// Plain text; paragraphs are separated by blank lines.
    pub text: String,
    /// RFC 3339.
    pub published_at: String,
}

impl CharterVersion {
    /// The paragraphs of the text, the first being its title.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()
    }
}

/// The current charter and where the signed-in account stands with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterPage {
    pub current: CharterVersion,
    /// Whether someone is signed in with an account that signs charters (a holder).
    pub may_sign: bool,
    /// When the signed-in account signed the current version.
    pub signed_at: Option<String>,
    /// The latest older version the account signed, when it has not signed the current one.
    pub signed_earlier: Option<i64>,
}

/// What the form says when an immersion is submitted before the current charter is signed.
pub fn unsigned_message(version: i64) -> super::Message {
    super::Message::new(
        format!(
            "Une immersion ne peut être soumise qu'après signature de la charte d'immersion (version {version}) : \
             signez-la sur la page « Charte d'immersion », puis soumettez de nouveau. \
             Vous pouvez enregistrer un brouillon en attendant."
        ),
        format!(
            "An immersion can only be submitted once the immersion charter (version {version}) is signed: \
             sign it on the “Immersion charter” page, then submit again. \
             You can save a draft meanwhile."
        ),
    )
}

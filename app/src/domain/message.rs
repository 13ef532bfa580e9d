//! A message for a person, written in both of the site's languages (issue 17). The server writes
//! it (a field to correct, a refused request) and the page shows the reader's language: the
//! English words travel with the answer instead of weighing on every visitor's WASM file.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub french: String,
    pub english: String,
}

impl Message {
    pub fn new(french: impl Into<String>, english: impl Into<String>) -> Message {
        Message { french: french.into(), english: english.into() }
    }

    /// A message only the command line says (`DataError::Refused`: backups, synthetic data),
    /// passed on as it is: French in both languages.
    pub fn french(french: impl Into<String>) -> Message {
        let french = french.into();
        Message { english: french.clone(), french }
    }

    /// The message in English when `english`, in French otherwise.
    pub fn text(&self, english: bool) -> &str {
        if english {
            &self.english
        } else {
            &self.french
        }
    }
}

/// French: the site's first language, and what logs and the API's JSON say.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.french)
    }
}

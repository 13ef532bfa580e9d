//! Citizens' contributions: a report on a published initiative (why, a comment, an optional
//! address to answer), checked field by field; the honeypot that turns robots away from the
//! suggestion and report forms. (A suggestion is an initiative's form: `initiative_form::InitiativeForm`.)

use serde::{Deserialize, Serialize};

use super::validation::{is_well_formed_email, push_email_error};
use super::{Field, FieldError, Message, ValidationErrors};

/// Why a citizen reports an initiative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportReason {
    NoLongerExists,
    WrongInformation,
    BreaksCharter,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] = [
        ReportReason::NoLongerExists,
        ReportReason::WrongInformation,
        ReportReason::BreaksCharter,
        ReportReason::Other,
    ];

    /// The code of the form and the database.
    pub fn code(self) -> &'static str {
        match self {
            ReportReason::NoLongerExists => "n-existe-plus",
            ReportReason::WrongInformation => "informations-erronees",
            ReportReason::BreaksCharter => "ne-respecte-pas-la-charte",
            ReportReason::Other => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportReason::NoLongerExists => "L'initiative n'existe plus",
            ReportReason::WrongInformation => "Des informations sont erronées",
            ReportReason::BreaksCharter => "Elle ne respecte pas la charte d'immersion",
            ReportReason::Other => "Autre problème",
        }
    }

    /// The English label, for English pages (the report form's own words are `report.*`).
    pub fn label_en(self) -> &'static str {
        match self {
            ReportReason::NoLongerExists => "The initiative no longer exists",
            ReportReason::WrongInformation => "Some information is wrong",
            ReportReason::BreaksCharter => "It does not respect the immersion charter",
            ReportReason::Other => "Another problem",
        }
    }

    /// The label in English when `english`, in French otherwise.
    pub fn label_in(self, english: bool) -> &'static str {
        if english {
            self.label_en()
        } else {
            self.label()
        }
    }

    pub fn from_code(code: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Longest comment of a report, and longest reason of a refusal.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// A report as the form sends it (every value a string: nothing typed makes it undecodable).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub reason: String,
    pub comment: String,
    pub contact_email: String,
}

/// A report ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReport {
    pub reason: ReportReason,
    pub comment: String,
    pub contact_email: Option<String>,
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// An optional contact address: empty, or well formed (then kept lower-cased).
pub fn contact_email(errors: &mut ValidationErrors, typed: &str) -> Option<String> {
    let email = optional(typed)?;
    if !is_well_formed_email(&email) {
        push_email_error(errors, Field::ContactEmail);
    }
    Some(email.to_lowercase())
}

/// A text someone reads and acts on (a refusal's reason, a claim's message), trimmed: at least
/// `min` characters, or `too_short` beside `field`; at most [`MAX_COMMENT_CHARS`].
pub(super) fn check_said(field: Field, text: &str, min: usize, too_short: Message) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if text.trim().chars().count() < min {
        errors.0.push(FieldError { field, message: too_short });
    }
    check_comment(&mut errors, field, text);
    if errors.0.is_empty() {
        Ok(text.trim().to_string())
    } else {
        Err(errors)
    }
}

pub(super) fn check_comment(errors: &mut ValidationErrors, field: Field, text: &str) {
    let length = text.trim().chars().count();
    if length > MAX_COMMENT_CHARS {
        errors.push(
            field,
            format!("Le texte doit compter au plus {MAX_COMMENT_CHARS} caractères (actuellement {length})."),
            format!("The text must be at most {MAX_COMMENT_CHARS} characters long (now {length})."),
        );
    }
}

impl ReportForm {
    /// The report, or every problem of the form beside its field.
    pub fn to_report(&self) -> Result<NewReport, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let reason = ReportReason::from_code(&self.reason);
        if reason.is_none() {
            errors.push(
                Field::ReportReason,
                "Choisissez le problème que vous signalez.",
                "Choose the problem you are reporting.",
            );
        }
        check_comment(&mut errors, Field::Comment, &self.comment);
        if reason == Some(ReportReason::Other) && self.comment.trim().is_empty() {
            errors.push(
                Field::Comment,
                "Décrivez le problème en quelques mots.",
                "Describe the problem in a few words.",
            );
        }
        let contact_email = contact_email(&mut errors, &self.contact_email);
        match reason {
            Some(reason) if errors.0.is_empty() => {
                Ok(NewReport { reason, comment: self.comment.trim().to_string(), contact_email })
            }
            _ => Err(errors),
        }
    }
}

/// What the honeypot field says of a submission: people never see that field, so a value in
/// it means a program filled every input it found.
pub fn honeypot_message(value: &str) -> Option<Message> {
    (!value.is_empty()).then(|| {
        Message::new(
            "Votre envoi a été refusé : un champ invisible pour les personnes était rempli, comme le font les robots. \
             Si vous êtes une personne, rechargez la page et envoyez de nouveau le formulaire sans remplir de champ caché.",
            "Your form was refused: a field invisible to people was filled in, as robots do. \
             If you are a person, reload the page and send the form again without filling in any hidden field.",
        )
    })
}

/// An open report as the review page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub initiative_id: i64,
    pub reason: ReportReason,
    pub comment: String,
    pub contact_email: Option<String>,
    pub created_at: String,
    /// When it was marked resolved, by whom, and what was done.
    pub resolved: Option<(String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_needs_a_reason_and_words_for_other() {
        let form = |reason: &str, comment: &str, email: &str| ReportForm {
            reason: reason.into(),
            comment: comment.into(),
            contact_email: email.into(),
        };
        let report = form("n-existe-plus", "  Fermé depuis juin. ", "").to_report().unwrap();
        assert_eq!(
            (report.reason, report.comment.as_str(), report.contact_email),
            (ReportReason::NoLongerExists, "Fermé depuis juin.", None)
        );
        let fields =
            |form: ReportForm| form.to_report().unwrap_err().0.into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(form("", "", "")), vec![Field::ReportReason]);
        assert_eq!(fields(form("autre", " ", "")), vec![Field::Comment]);
        assert_eq!(
            fields(form("autre", &"x".repeat(2001), "pas-une-adresse")),
            vec![Field::Comment, Field::ContactEmail]
        );
        assert_eq!(
            form("autre", "Adresse fausse", "Marie@Exemple.fr").to_report().unwrap().contact_email.as_deref(),
            Some("marie@exemple.fr")
        );
        for reason in ReportReason::ALL {
            assert_eq!(ReportReason::from_code(reason.code()), Some(reason));
        }
    }

    #[test]
    fn the_honeypot_refuses_any_value_and_says_why() {
        assert_eq!(honeypot_message(""), None);
        assert!(honeypot_message("https://spam.example").unwrap().french.contains("robots"));
    }
}

//! The people who sign in: initiative holders, club animators and administrators, and the rules
//! their account forms must meet. (Who may do what with an account is in `../shared/domain.md`,
//! "Who may do what", and enforced in every server function.)

use serde::{Deserialize, Serialize};

use super::validation::{is_well_formed_email, EMAIL_MESSAGE};
use super::{Field, ValidationErrors};

/// Shortest password accepted. Length is what makes a password strong; no composition rules
/// (they push people to predictable patterns), as the ANSSI and NIST recommend.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Longest password accepted: hashing cost grows with length, and nobody types more.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Longest organisation or contact name.
pub const MAX_NAME_CHARS: usize = 120;

/// What an account may do (see "Who may do what").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Holds initiatives: creates and edits their own pins, signs the charter.
    Holder,
    /// Animates the club in one or more areas: moderates, invites holders.
    Animator,
    /// Manages animators, areas, kinds and charter versions.
    Admin,
}

impl Role {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Holder => "holder",
            Role::Animator => "animator",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Holder, Role::Animator, Role::Admin].into_iter().find(|r| r.code() == code)
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Holder => "Porteur d'initiatives",
            Role::Animator => "Animateur du club",
            Role::Admin => "Administrateur",
        }
    }
}

/// A signed-in person as pages and server functions see them (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub organisation: String,
    pub contact_name: String,
    pub role: Role,
}

/// What a new account needs: what `/inscription` asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub password: String,
}

/// An e-mail address as accounts are keyed: trimmed, lower case (addresses are matched without
/// regard to case, so `Marie@Exemple.fr` and `marie@exemple.fr` are one account).
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks a sign-up form; every broken rule names its field.
pub fn validate_sign_up(input: &NewAccount) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    check_name(&mut errors, Field::Organisation, &input.organisation, "Indiquez le nom de votre structure.");
    check_name(&mut errors, Field::ContactName, &input.contact_name, "Indiquez le nom de la personne à contacter.");
    if !is_well_formed_email(&normalise_email(&input.email)) {
        errors.push(Field::Email, EMAIL_MESSAGE);
    }
    if let Some(message) = password_problem(&input.password) {
        errors.push(Field::Password, message);
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What is wrong with `password` as a new password, if anything.
pub fn password_problem(password: &str) -> Option<String> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        Some(format!(
            "Le mot de passe doit compter au moins {MIN_PASSWORD_CHARS} caractères (une phrase facile à retenir convient très bien)."
        ))
    } else if length > MAX_PASSWORD_CHARS {
        Some(format!("Le mot de passe doit compter au plus {MAX_PASSWORD_CHARS} caractères."))
    } else {
        None
    }
}

fn check_name(errors: &mut ValidationErrors, field: Field, value: &str, missing: &str) {
    let value = value.trim();
    if value.is_empty() {
        errors.push(field, missing);
    } else if value.chars().count() > MAX_NAME_CHARS {
        errors.push(field, format!("{MAX_NAME_CHARS} caractères au plus."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> NewAccount {
        NewAccount {
            organisation: "Mission locale du Drouais".into(),
            contact_name: "Camille Martin".into(),
            email: " Camille.Martin@Exemple.fr ".into(),
            password: "un long mot de passe".into(),
        }
    }

    fn fields(input: NewAccount) -> Vec<Field> {
        validate_sign_up(&input).err().map(|e| e.0.into_iter().map(|e| e.field).collect()).unwrap_or_default()
    }

    #[test]
    fn a_complete_form_passes_and_emails_are_matched_without_case() {
        assert_eq!(validate_sign_up(&valid()), Ok(()));
        assert_eq!(normalise_email(&valid().email), "camille.martin@exemple.fr");
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        let empty = NewAccount::default();
        assert_eq!(fields(empty), vec![Field::Organisation, Field::ContactName, Field::Email, Field::Password]);
        assert_eq!(fields(NewAccount { password: "court".into(), ..valid() }), vec![Field::Password]);
        assert_eq!(fields(NewAccount { password: "x".repeat(MAX_PASSWORD_CHARS + 1), ..valid() }), vec![Field::Password]);
        assert_eq!(fields(NewAccount { email: "camille@".into(), ..valid() }), vec![Field::Email]);
        assert_eq!(fields(NewAccount { organisation: "x".repeat(MAX_NAME_CHARS + 1), ..valid() }), vec![Field::Organisation]);
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // Twelve accented characters are 24 bytes: still twelve characters.
        assert_eq!(password_problem(&"é".repeat(MIN_PASSWORD_CHARS)), None);
        assert!(password_problem(&"é".repeat(MIN_PASSWORD_CHARS - 1)).is_some());
    }

    #[test]
    fn roles_round_trip_through_their_codes() {
        for role in [Role::Holder, Role::Animator, Role::Admin] {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("superuser"), None);
    }
}

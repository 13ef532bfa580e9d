//! The club of holders and animators: its directory, the invitations that bring holders in,
//! and the figures of the animators' dashboard.

use serde::{Deserialize, Serialize};

use super::accounts::{normalise_email, Role, MAX_NAME_CHARS};
use super::validation::{is_well_formed_email, push_email_error};
use super::{Area, Field, KindInfo, Theme, ValidationErrors};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 14;

/// One holder as the club's directory shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub organisation: String,
    /// Its public page (`/structures/{slug}`), once it has a published initiative.
    pub page: Option<String>,
    /// The areas of their published initiatives, by name.
    pub areas: Vec<String>,
    pub published: i64,
    /// Signed the charter in force.
    pub charter_signed: bool,
}

/// What an animator types to invite a holder: who the sign-up form will be filled for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvitationForm {
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
}

impl InvitationForm {
    /// The form trimmed and checked: an organisation (the directory names holders by it), an
    /// optional name, an optional well-formed address (lower-cased, as accounts keep it).
    pub fn checked(&self) -> Result<InvitationForm, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let organisation = self.organisation.trim();
        let length = organisation.chars().count();
        if !(2..=MAX_NAME_CHARS).contains(&length) {
            errors.push(
                Field::Organisation,
                format!("Le nom de la structure doit compter de 2 à {MAX_NAME_CHARS} caractères."),
                format!("The organisation's name must be 2 to {MAX_NAME_CHARS} characters long."),
            );
        }
        if self.contact_name.trim().chars().count() > MAX_NAME_CHARS {
            errors.push(
                Field::ContactName,
                format!("Le nom doit compter au plus {MAX_NAME_CHARS} caractères."),
                format!("The name must be at most {MAX_NAME_CHARS} characters long."),
            );
        }
        let email = self.email.trim().to_lowercase();
        if !email.is_empty() && !is_well_formed_email(&email) {
            push_email_error(&mut errors, Field::Email);
        }
        if errors.0.is_empty() {
            Ok(InvitationForm {
                organisation: organisation.into(),
                contact_name: self.contact_name.trim().into(),
                email,
            })
        } else {
            Err(errors)
        }
    }
}

/// What an admin types to invite an animator: the address the link is mailed to (only an
/// account of that address can accept it) and the areas they will moderate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnimatorInvitationForm {
    pub email: String,
    pub areas: Vec<String>,
}

impl AnimatorInvitationForm {
    /// The form checked: a well-formed address (normalised) and at least one area among
    /// `known` (area codes), sorted and without repeats.
    pub fn checked(&self, known: &[String]) -> Result<AnimatorInvitationForm, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let email = normalise_email(&self.email);
        if !is_well_formed_email(&email) {
            push_email_error(&mut errors, Field::Email);
        }
        let mut areas = self.areas.clone();
        areas.sort();
        areas.dedup();
        if areas.is_empty() || areas.iter().any(|a| !known.contains(a)) {
            errors.push(
                Field::Areas,
                "Cochez au moins un bassin que l'animateur modérera.",
                "Tick at least one area the facilitator will moderate.",
            );
        }
        if errors.0.is_empty() {
            Ok(AnimatorInvitationForm { email, areas })
        } else {
            Err(errors)
        }
    }
}

/// Where an invitation stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    /// Valid until `expires_at`.
    Waiting,
    /// Served the sign-up of this organisation, at this time.
    Used {
        by: String,
        at: String,
    },
    Expired,
}

impl InvitationState {
    /// What a sign-up with this invitation is told when it cannot serve.
    pub fn refusal(&self) -> Option<super::Message> {
        match self {
            InvitationState::Waiting => None,
            InvitationState::Used { .. } => Some(super::Message::new(
                "Ce lien d'invitation a déjà servi : chaque lien ne crée qu'un compte. Demandez-en un nouveau à l'animateur du club, ou inscrivez-vous sans invitation.",
                "This invitation link has already been used: each link creates only one account. Ask the club's facilitator for a new one, or sign up without an invitation.",
            )),
            InvitationState::Expired => Some(super::Message::new(
                "Ce lien d'invitation a expiré. Demandez-en un nouveau à l'animateur du club, ou inscrivez-vous sans invitation.",
                "This invitation link has expired. Ask the club's facilitator for a new one, or sign up without an invitation.",
            )),
        }
    }
}

/// An invitation as animators list them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub form: InvitationForm,
    /// « Contact (structure) » of the animator who created it.
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub state: InvitationState,
    /// Holder, or animator of `areas` (names).
    pub role: Role,
    pub areas: Vec<String>,
}

impl Invitation {
    /// Where it stands, as the invitations' tables say it: in English when `english`, in French
    /// otherwise.
    pub fn state_text_in(&self, english: bool) -> String {
        let time = |at: &str| super::holding::time_in(at, english);
        if english {
            return match (&self.state, self.role) {
                (InvitationState::Waiting, _) => format!("Valid until {}", time(&self.expires_at)),
                (InvitationState::Used { at, .. }, Role::Animator) => format!("Accepted on {}", time(at)),
                (InvitationState::Used { by, at }, _) => format!("Used on {} by {by}", time(at)),
                (InvitationState::Expired, _) => format!("Expired on {}", time(&self.expires_at)),
            };
        }
        match (&self.state, self.role) {
            (InvitationState::Waiting, _) => format!("Valable jusqu'au {}", time(&self.expires_at)),
            (InvitationState::Used { at, .. }, Role::Animator) => format!("Acceptée le {}", time(at)),
            (InvitationState::Used { by, at }, _) => format!("Utilisée le {} par {by}", time(at)),
            (InvitationState::Expired, _) => format!("Expirée le {}", time(&self.expires_at)),
        }
    }
}

/// A new invitation: the link to send (its secret is shown this once, never stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub path: String,
    pub expires_at: String,
    /// The address the link was mailed to, if the form gave one.
    pub mailed_to: Option<String>,
}

/// The path of the sign-up page an invitation's secret opens.
pub fn invitation_path(secret: &str) -> String {
    format!("/inscription?invitation={secret}")
}

/// The path of the page where an invited animator accepts (signed in, or by signing up).
pub fn animator_invitation_path(secret: &str) -> String {
    format!("{}?invitation={secret}", crate::domain::mail::ANIMATOR_INVITATION_PAGE)
}

/// What the sign-up form is filled with, and by whom the holder was invited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationWelcome {
    pub form: InvitationForm,
    pub invited_by: String,
    pub expires_at: String,
    /// Holder, or animator of `areas` (names).
    pub role: Role,
    pub areas: Vec<String>,
}

/// The figures of the animators' dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub areas: Vec<Area>,
    /// Published initiatives by (area code, theme).
    pub by_area_theme: Vec<(String, Theme, i64)>,
    /// Published initiatives by kind, every kind listed.
    pub by_kind: Vec<(KindInfo, i64)>,
    /// Published initiatives and those « à vérifier », by area code.
    pub by_area: Vec<(String, i64, i64)>,
    /// What waits in the reader's queue, by age.
    pub queue_ages: Vec<(String, i64)>,
    /// Days the oldest item of the queue has waited.
    pub oldest_days: Option<i64>,
}

/// The age groups of the queue: a decision within two days is the club's aim.
pub fn queue_ages(days: &[i64]) -> Vec<(String, i64)> {
    let count = |range: std::ops::RangeInclusive<i64>| days.iter().filter(|d| range.contains(d)).count() as i64;
    [("Moins de 2 jours", 0..=1), ("De 2 à 7 jours", 2..=7), ("Plus de 7 jours", 8..=i64::MAX)]
        .into_iter()
        .map(|(label, range)| (label.to_string(), count(range)))
        .collect()
}

impl Dashboard {
    /// Initiatives of `area` by theme, every theme listed.
    pub fn themes_of(&self, area: &str) -> Vec<(Theme, i64)> {
        Theme::ALL
            .iter()
            .map(|theme| {
                let count = self.by_area_theme.iter().find(|(a, t, _)| a == area && t == theme).map(|(_, _, n)| *n);
                (*theme, count.unwrap_or(0))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_names_an_organisation_and_maybe_an_address() {
        let form = |organisation: &str, email: &str| InvitationForm {
            organisation: organisation.into(),
            contact_name: " Alex ".into(),
            email: email.into(),
        };
        let checked = form("  CFA du BTP ", " Contact@CFA.fr ").checked().unwrap();
        assert_eq!(
            (checked.organisation.as_str(), checked.contact_name.as_str(), checked.email.as_str()),
            ("CFA du BTP", "Alex", "contact@cfa.fr")
        );
        assert!(form("CFA", "").checked().is_ok());
        let fields = |f: InvitationForm| f.checked().unwrap_err().0.into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(form("", "pas-une-adresse")), vec![Field::Organisation, Field::Email]);
    }

    #[test]
    fn an_animator_invitation_names_an_address_and_known_areas() {
        let known = vec!["chartres".to_string(), "dreux".to_string()];
        let form = |email: &str, areas: &[&str]| AnimatorInvitationForm {
            email: email.into(),
            areas: areas.iter().map(|a| a.to_string()).collect(),
        };
        let checked = form(" Anim@Club.fr ", &["dreux", "chartres", "dreux"]).checked(&known).unwrap();
        assert_eq!(checked, form("anim@club.fr", &["chartres", "dreux"]));
        let fields = |f: AnimatorInvitationForm| {
            f.checked(&known).unwrap_err().0.into_iter().map(|e| e.field).collect::<Vec<_>>()
        };
        assert_eq!(fields(form("anim@", &[])), vec![Field::Email, Field::Areas]);
        assert_eq!(fields(form("anim@club.fr", &["paris"])), vec![Field::Areas]);
    }

    #[test]
    fn queue_ages_fall_in_three_groups() {
        let ages = queue_ages(&[0, 1, 2, 7, 8, 30]);
        assert_eq!(
            ages.iter().map(|(label, n)| (label.as_str(), *n)).collect::<Vec<_>>(),
            vec![("Moins de 2 jours", 2), ("De 2 à 7 jours", 2), ("Plus de 7 jours", 2)]
        );
        assert!(InvitationState::Expired.refusal().unwrap().french.contains("expiré"));
        assert_eq!(InvitationState::Waiting.refusal(), None);
    }
}

//! Claims: a holder says « C'est notre initiative » of a published initiative that nobody holds
//! (imported, demo, or published from a citizen's suggestion); an animator of its area accepts —
//! the initiative becomes the holder's, to keep up to date — or refuses with a reason the holder
//! reads. The SQL is `data::claims`, the pages the `claims` module and the moderation case.

use serde::{Deserialize, Serialize};

use super::contributions::check_said;
use super::{Field, Message, ValidationErrors};

/// What an animator decided on a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimDecision {
    Accepted,
    Refused,
}

impl ClaimDecision {
    /// The `claims.decision` column's value.
    pub fn code(self) -> &'static str {
        match self {
            ClaimDecision::Accepted => "accepted",
            ClaimDecision::Refused => "refused",
        }
    }

    pub fn from_code(code: &str) -> Option<ClaimDecision> {
        [ClaimDecision::Accepted, ClaimDecision::Refused].into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ClaimDecision::Accepted => "acceptée",
            ClaimDecision::Refused => "refusée",
        }
    }

    /// The English label, for English pages.
    pub fn label_en(self) -> &'static str {
        match self {
            ClaimDecision::Accepted => "accepted",
            ClaimDecision::Refused => "refused",
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
}

/// One claim, as the holder who made it and the animators who decide on it read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: i64,
    pub initiative_id: i64,
    /// The initiative's title as published.
    pub title: String,
    /// Its public page.
    pub path: String,
    /// Who claims it: « Contact (Structure) ».
    pub claimant: String,
    /// What they said of their link with the initiative.
    pub message: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// `None` while it waits.
    pub decision: Option<ClaimDecision>,
    pub decided_at: Option<String>,
    /// Why it was refused.
    pub reason: Option<String>,
}

/// Where the signed-in account stands towards claiming one initiative
/// (`/initiatives/{id}/rattacher`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClaimStanding {
    /// It may claim it; `refused` is its last refused claim on it, whose reason it should read.
    MayClaim { refused: Option<Claim> },
    /// Its claim waits for an animator.
    Waiting(Claim),
    /// It holds the initiative already.
    Yours,
    /// Another account holds it.
    HeldByAnother,
    /// Its address is not verified yet: a claim hands over a public initiative, so it waits
    /// for the proof that the address is the holder's.
    Unverified,
    /// Animators and admins hold nothing: they moderate.
    NotAHolder,
}

/// What the claim page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimPage {
    pub initiative_id: i64,
    pub title: String,
    pub path: String,
    /// The organisation the initiative names, as published.
    pub organisation: String,
    pub area_name: String,
    pub standing: ClaimStanding,
}

/// Open claims an account may have at once: each one mails the area's animators, and a holder
/// who claims more is better heard by waiting for the answers.
pub const MAX_OPEN_CLAIMS: i64 = 10;

/// A claim's message tells the animator who the claimant is to the initiative: at least this much.
pub const MIN_MESSAGE_CHARS: usize = 10;

/// The message as typed, checked: something an animator can decide on, not a novel.
pub fn check_message(message: &str) -> Result<String, ValidationErrors> {
    let too_short = Message::new(
        format!("Dites à l'animateur en quelques mots ({MIN_MESSAGE_CHARS} caractères au moins) ce qui vous lie à cette initiative : il en a besoin pour décider."),
        format!("Tell the facilitator in a few words ({MIN_MESSAGE_CHARS} characters at least) how you are linked to this initiative: they need it to decide."),
    );
    check_said(Field::ClaimMessage, message, MIN_MESSAGE_CHARS, too_short)
}

/// A refusal's reason as typed: the holder who claimed reads it, so it must say something.
pub fn check_refusal(reason: &str) -> Result<String, ValidationErrors> {
    let too_short = Message::new(
        format!("Dites à la structure pourquoi sa demande est refusée ({MIN_MESSAGE_CHARS} caractères au moins) : elle lira ce motif."),
        format!("Tell the organisation why its request is refused ({MIN_MESSAGE_CHARS} characters at least): it will read this reason."),
    );
    check_said(Field::Reason, reason, MIN_MESSAGE_CHARS, too_short)
}

/// The reason the other open claims on an initiative get when one is accepted.
pub const HELD_BY_ANOTHER_REASON: &str =
    "Un animateur du club a reconnu une autre structure comme porteuse de cette initiative.";
/// The same, in the refusal's mail to a claimant who reads English.
pub const HELD_BY_ANOTHER_REASON_EN: &str =
    "A facilitator of the club recognised another organisation as the holder of this initiative.";

/// A refused claim's reason for a reader in English when `english`, with its language: a
/// facilitator's words as written (French), the site's own reason in the reader's language.
pub fn refusal_reason(reason: &str, english: bool) -> (&str, &'static str) {
    match reason {
        HELD_BY_ANOTHER_REASON if english => (HELD_BY_ANOTHER_REASON_EN, "en"),
        _ => (reason, "fr"),
    }
}

/// The path of the claim page of the initiative at `detail_path` (`/initiatives/12-forum`).
pub fn claim_path(detail_path: &str) -> String {
    format!("{detail_path}/rattacher")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_says_something_an_animator_can_decide_on() {
        assert!(check_message("  C'est moi ").is_err(), "9 characters");
        assert_eq!(
            check_message(" Nous organisons ce forum depuis 2019. ").unwrap(),
            "Nous organisons ce forum depuis 2019."
        );
        let errors = check_message(&"x".repeat(2001)).unwrap_err();
        assert!(errors.for_field(Field::ClaimMessage).unwrap().french.contains("2000"));
    }

    #[test]
    fn a_refusal_tells_the_structure_why() {
        let errors = check_refusal("Non merci").unwrap_err();
        assert!(errors.for_field(Field::Reason).unwrap().french.contains("pourquoi sa demande est refusée"));
        assert_eq!(check_refusal(" Le forum est celui de la CCI. ").unwrap(), "Le forum est celui de la CCI.");
    }

    #[test]
    fn decisions_are_stored_as_codes() {
        for decision in [ClaimDecision::Accepted, ClaimDecision::Refused] {
            assert_eq!(ClaimDecision::from_code(decision.code()), Some(decision));
        }
        assert_eq!(ClaimDecision::from_code("peut-etre"), None);
        assert_eq!(claim_path("/initiatives/12-forum"), "/initiatives/12-forum/rattacher");
    }
}

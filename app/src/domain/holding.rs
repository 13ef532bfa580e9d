//! What a holder does with their own initiatives: saving a draft or submitting (`Intent`), the
//! charter an immersion needs, their list and its states, times as read in France, and who may
//! read or change what. The form as typed is `initiative_form.rs`; revisions are `revisions.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Account, InitiativeInput, Role, Status};

/// What a holder asks for when saving the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Keep working on it: nothing goes to moderation.
    Draft,
    /// Send it to the club's animators for review.
    Submit,
}

impl Intent {
    /// The intent named by the form's button (`draft` or `submit`).
    pub fn from_code(code: &str) -> Option<Intent> {
        match code {
            "draft" => Some(Intent::Draft),
            "submit" => Some(Intent::Submit),
            _ => None,
        }
    }

    /// The state of the revision this save writes.
    pub fn state(self) -> Status {
        match self {
            Intent::Draft => Status::Draft,
            Intent::Submit => Status::Pending,
        }
    }
}

/// The kind whose submission needs the current immersion charter signed.
pub const IMMERSION_KIND: &str = "immersion";

/// Whether submitting `input` needs its holder to have signed the current charter.
pub fn needs_charter(input: &InitiativeInput, intent: Intent) -> bool {
    intent == Intent::Submit && input.kind == IMMERSION_KIND
}

/// An initiative in its holder's list (`/mes-initiatives`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldInitiative {
    pub id: i64,
    /// The working copy's title (what the holder last saved).
    pub title: String,
    pub kind_label: String,
    /// The kind's English name (English pages).
    pub kind_label_en: String,
    pub commune_name: String,
    /// The initiative's status: published stays published while an edit waits.
    pub status: Status,
    /// A published initiative's unpublished edit: draft, pending or rejected.
    pub edit: Option<Status>,
    /// Why moderation refused the latest revision.
    pub reason: Option<String>,
    /// Last confirmed current (RFC 3339), for published initiatives.
    pub confirmed_at: Option<String>,
    /// Unconfirmed for 12 months: shown « à vérifier » to everyone until its holder confirms it.
    pub to_check: bool,
    /// When the latest revision was saved.
    pub updated_at: String,
    /// The public page, when published.
    pub public_path: Option<String>,
}

impl HeldInitiative {
    /// The status as the holder reads it, in English when `english` (see [`status_text`]).
    pub fn status_text(&self, english: bool) -> String {
        status_text(self.status, self.edit, english)
    }
}

/// An initiative's status as its holder reads it, with its unpublished edit if any:
/// « Publiée — modification en attente de validation » (« Published — change awaiting review »).
pub fn status_text(status: Status, edit: Option<Status>, english: bool) -> String {
    let label = status.label_in(english);
    let edit = match (edit, english) {
        (Some(Status::Draft), false) => "modification en brouillon",
        (Some(Status::Pending), false) => "modification en attente de validation",
        (Some(Status::Rejected), false) => "modification refusée",
        (Some(Status::Draft), true) => "draft change",
        (Some(Status::Pending), true) => "change awaiting review",
        (Some(Status::Rejected), true) => "change refused",
        _ => return label.to_string(),
    };
    format!("{label} — {edit}")
}

/// An initiative opened for editing: its working copy and the revision it was read at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkingCopy {
    pub id: i64,
    pub holder_id: Option<i64>,
    /// The revision the form starts from; a save from it conflicts if a later one exists.
    pub number: i64,
    pub status: Status,
    /// A published initiative's unpublished edit.
    pub edit: Option<Status>,
    pub reason: Option<String>,
    pub input: InitiativeInput,
    /// The public page, when published.
    pub public_path: Option<String>,
}

/// "23 novembre 2026 à 17 h 40" (Paris time) for an RFC 3339 instant.
pub fn french_time(rfc3339: &str) -> String {
    use chrono::Timelike;
    in_paris(rfc3339, |local| {
        format!("{} à {} h {:02}", super::initiative::french_date(local.date()), local.hour(), local.minute())
    })
}

/// An instant (RFC 3339) in English when `english`, in French otherwise (Paris time): for the
/// pages (`language::moment`) and the mails alike.
pub fn time_in(rfc3339: &str, english: bool) -> String {
    if english {
        english_time(rfc3339)
    } else {
        french_time(rfc3339)
    }
}

/// An instant (RFC 3339) in French and English (Paris time), for a page to say in its language.
pub fn instant(rfc3339: &str) -> super::Message {
    super::Message::new(french_time(rfc3339), english_time(rfc3339))
}

/// An instant as English readers of the site read it: "14 March 2027 at 09:05" (Paris time).
pub fn english_time(rfc3339: &str) -> String {
    use chrono::Timelike;
    in_paris(rfc3339, |local| {
        format!("{} at {:02}:{:02}", super::initiative::english_date(local.date()), local.hour(), local.minute())
    })
}

/// An RFC 3339 instant written by `write` from its Paris wall-clock time; as stored when it
/// cannot be read.
fn in_paris(rfc3339: &str, write: impl FnOnce(chrono::NaiveDateTime) -> String) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(instant) => write(paris_time(instant.to_utc())),
        Err(_) => rfc3339.to_string(),
    }
}

/// The wall-clock time in France. The EU rule (summer time from the last Sunday of March to the
/// last Sunday of October, both at 01:00 UTC) is all France has used since 1996: a time-zone
/// database would add its whole size to the browser's code for this one zone.
pub fn paris_time(utc: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    use chrono::{Datelike, Duration};
    let last_sunday = |month: u32| {
        let last_day = NaiveDate::from_ymd_opt(utc.year(), month, 31).expect("March and October have 31 days");
        let back = last_day.weekday().num_days_from_sunday();
        (last_day - Duration::days(i64::from(back))).and_hms_opt(1, 0, 0).expect("01:00 exists")
    };
    let naive = utc.naive_utc();
    let summer = naive >= last_sunday(3) && naive < last_sunday(10);
    naive + Duration::hours(if summer { 2 } else { 1 })
}

/// Whether `account` may change the initiative held by `holder_id`: holders, their own only.
pub fn may_edit(account: &Account, holder_id: Option<i64>) -> bool {
    account.role == Role::Holder && holder_id == Some(account.id)
}

/// Whether `account` may read the unpublished versions of the initiative held by `holder_id`:
/// its holder, and admins. (Animators read those of their areas through the moderation case,
/// `domain::moderation::Scope`.)
pub fn may_read_private(account: &Account, holder_id: Option<i64>) -> bool {
    may_edit(account, holder_id) || account.role == Role::Admin
}

/// Whether `account` may create initiatives at all.
pub fn may_create(account: &Account) -> bool {
    account.role == Role::Holder
}

/// Whether `account` may send an initiative to review: only once its address is proven (a
/// draft needs nothing), so that nobody publishes in the name of an address they do not own.
pub fn may_submit(account: &Account, intent: Intent) -> bool {
    intent == Intent::Draft || account.verified
}

/// What a holder whose address is not verified is told when submitting.
pub const VERIFY_BEFORE_SUBMITTING: &str = "Confirmez d'abord votre adresse e-mail avec le lien reçu par courriel : en attendant, enregistrez le brouillon (rien n'est perdu). Un nouveau lien s'obtient en un clic sur la page « Mon compte ».";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_holders_edit_and_only_their_own() {
        let account = |id, role| Account {
            id,
            email: String::new(),
            organisation: String::new(),
            contact_name: String::new(),
            role,
            verified: true,
        };
        let holder = account(1, Role::Holder);
        assert!(may_edit(&holder, Some(1)));
        assert!(!may_edit(&holder, Some(2)));
        assert!(!may_edit(&holder, None));
        assert!(!may_edit(&account(1, Role::Admin), Some(1)));
        assert!(may_read_private(&account(9, Role::Admin), Some(1)));
        assert!(!may_read_private(&account(9, Role::Animator), Some(1)));
        assert!(!may_read_private(&account(2, Role::Holder), Some(1)));
    }

    #[test]
    fn immersions_need_the_charter_only_to_be_submitted() {
        let immersion = InitiativeInput { kind: IMMERSION_KIND.into(), ..InitiativeInput::default() };
        assert!(needs_charter(&immersion, Intent::Submit));
        assert!(!needs_charter(&immersion, Intent::Draft));
        assert!(!needs_charter(&InitiativeInput::default(), Intent::Submit));
    }

    #[test]
    fn times_read_as_in_france_summer_and_winter() {
        assert_eq!(french_time("2026-07-14T10:05:00Z"), "14 juillet 2026 à 12 h 05");
        assert_eq!(french_time("2026-01-02T23:30:00Z"), "3 janvier 2026 à 0 h 30");
        // The change to summer time: 29 March 2026 at 01:00 UTC.
        assert_eq!(french_time("2026-03-29T00:59:00Z"), "29 mars 2026 à 1 h 59");
        assert_eq!(french_time("2026-03-29T01:00:00Z"), "29 mars 2026 à 3 h 00");
        assert_eq!(french_time("2026-10-25T00:59:00Z"), "25 octobre 2026 à 2 h 59");
        assert_eq!(french_time("2026-10-25T01:00:00Z"), "25 octobre 2026 à 2 h 00");
    }
}

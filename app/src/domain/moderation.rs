//! What the club's animators do: their queue (new initiatives, pending edits, citizens'
//! suggestions and reports), the field-by-field comparison they decide on, the reason of a
//! refusal, and who may moderate what. Citizens' reports themselves are `contributions.rs`; the
//! audit log's vocabulary is `audit.rs`. What the server stores stays French; the pages say
//! it in English to English readers (`label_in`, `author_in`).

use serde::{Deserialize, Serialize};

use super::contributions::{check_said, Report, ReportReason};
use super::revisions::changed_fields;
use super::{
    Account, Audience, CommuneChoice, Field, InitiativeInput, KindInfo, Role, Status, Theme, ValidationErrors,
};

/// Which areas an account moderates: an admin every area, an animator their own, a holder none
/// (`Scope::of` gives `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Everywhere,
    Areas(Vec<String>),
}

impl Scope {
    /// The scope of `account`, given the areas it animates; `None` for those who moderate nothing.
    pub fn of(account: &Account, animated: &[String]) -> Option<Scope> {
        match account.role {
            Role::Admin => Some(Scope::Everywhere),
            Role::Animator => Some(Scope::Areas(animated.to_vec())),
            Role::Holder => None,
        }
    }

    pub fn covers(&self, area: &str) -> bool {
        match self {
            Scope::Everywhere => true,
            Scope::Areas(areas) => areas.iter().any(|a| a == area),
        }
    }
}

/// What waits in the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueKind {
    /// A holder's initiative never published yet, submitted for review.
    NewInitiative,
    /// A change to a published initiative, waiting while the published version stays public.
    PendingEdit,
    /// An initiative a citizen suggested without an account.
    Suggestion,
    /// A problem a citizen reported on a published initiative.
    Report,
    /// A holder's « C'est notre initiative » on an initiative nobody holds (`domain::claims`).
    Claim,
}

impl QueueKind {
    pub fn label(self) -> &'static str {
        match self {
            QueueKind::NewInitiative => "Nouvelle initiative",
            QueueKind::PendingEdit => "Modification d'une initiative publiée",
            QueueKind::Suggestion => "Suggestion citoyenne",
            QueueKind::Report => "Signalement",
            QueueKind::Claim => "Demande de rattachement",
        }
    }

    /// The English label, for English pages.
    pub fn label_en(self) -> &'static str {
        match self {
            QueueKind::NewInitiative => "New initiative",
            QueueKind::PendingEdit => "Change to a published initiative",
            QueueKind::Suggestion => "Citizen's suggestion",
            QueueKind::Report => "Report",
            QueueKind::Claim => "Request to attach an initiative",
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

/// One entry of an animator's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub kind: QueueKind,
    pub initiative_id: i64,
    pub title: String,
    pub area_code: String,
    pub area_name: String,
    /// Who sent it: "Contact (structure)", « Suggestion citoyenne », « Visiteur ».
    pub from: String,
    /// When it was sent (RFC 3339): the queue is oldest first.
    pub since: String,
    /// Whole days it has waited (computed on the server: browsers' clocks are not ours).
    pub days: i64,
    /// For a report: why.
    pub reason: Option<ReportReason>,
    /// What people wrote (French, as written): a report's comment, a claim's message.
    pub detail: Option<String>,
    /// What names this item for « tell each moderator once » (`initiative:{id}:{decisions}`,
    /// `report:{id}`): saving again while it waits is the same item, a new submission after a
    /// decision a new one.
    pub key: String,
}

/// Who wrote or sent something, in English when `english`: the names the server gives to
/// whoever is not an account (« Import » in `data::revisions`, « Suggestion citoyenne » in
/// `data::contributions`, « Visiteur » in `data::moderation`, « Compte supprimé » in
/// `data::account_life`) are translated; people's names stay as they are.
pub fn author_in(author: &str, english: bool) -> String {
    if !english {
        return author.to_string();
    }
    let name = match author {
        "Import" => "Imported",
        "Suggestion citoyenne" => "Citizen's suggestion",
        "Visiteur" => "Visitor",
        "Compte supprimé" => "Deleted account",
        other => other,
    };
    name.to_string()
}

/// Days between `since` (RFC 3339) and `now`, for "en attente depuis N jours".
pub fn age_in_days(since: &str, now: chrono::DateTime<chrono::Utc>) -> i64 {
    chrono::DateTime::parse_from_rfc3339(since).map(|at| (now - at.to_utc()).num_days().max(0)).unwrap_or(0)
}

/// « depuis aujourd'hui », « depuis 1 jour », « depuis 12 jours ».
pub fn waiting_text(days: i64) -> String {
    match days {
        0 => "depuis aujourd'hui".into(),
        1 => "depuis 1 jour".into(),
        n => format!("depuis {n} jours"),
    }
}

/// [`waiting_text`] in English when `english`: « since today », « for 1 day », « for 12 days ».
pub fn waiting_text_in(days: i64, english: bool) -> String {
    if !english {
        return waiting_text(days);
    }
    match days {
        0 => "since today".into(),
        1 => "for 1 day".into(),
        n => format!("for {n} days"),
    }
}

/// A refusal reason the holder can act on says at least this much.
pub const MIN_REASON_CHARS: usize = 10;

/// A refusal's reason as typed: what the holder will read, so it must say something.
pub fn check_reason(reason: &str) -> Result<String, ValidationErrors> {
    let too_short = super::Message::new(
        format!(
            "Expliquez au porteur ce qu'il doit changer ({MIN_REASON_CHARS} caractères au moins) : il lira ce motif."
        ),
        format!("Tell the holder what to change ({MIN_REASON_CHARS} characters at least): they will read this reason."),
    );
    check_said(Field::Reason, reason, MIN_REASON_CHARS, too_short)
}

/// One field of an initiative as two versions show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    /// The published value (`None` for an initiative never published).
    pub before: Option<String>,
    pub after: String,
}

/// What a moderator needs to read a field's value: labels of kinds, names of communes.
pub struct Names<'a> {
    pub kinds: &'a [KindInfo],
    pub communes: &'a [CommuneChoice],
}

impl Names<'_> {
    /// The value of `field` in `input`, as a person reads it; « — » when empty.
    pub fn value(&self, input: &InitiativeInput, field: Field) -> String {
        let text = match field {
            Field::Title => input.title.clone(),
            Field::Summary => input.summary.clone(),
            Field::SummaryEn => input.summary_en.clone().unwrap_or_default(),
            Field::Description => input.description.clone(),
            Field::Kind => {
                self.kinds.iter().find(|k| k.code == input.kind).map(|k| k.label.clone()).unwrap_or(input.kind.clone())
            }
            Field::Themes => input.themes.iter().map(|t: &Theme| t.label()).collect::<Vec<_>>().join(", "),
            Field::Audiences => input.audiences.iter().map(|a: &Audience| a.label()).collect::<Vec<_>>().join(", "),
            Field::Commune => self
                .communes
                .iter()
                .find(|c| c.insee == input.commune)
                .map(|c| c.label())
                .unwrap_or(input.commune.clone()),
            Field::Location => format!("{:.5}, {:.5}", input.lat, input.lon),
            Field::Address => input.address.clone().unwrap_or_default(),
            Field::Organisation => input.organisation.clone(),
            Field::Website => input.website.clone().unwrap_or_default(),
            Field::Email => input.email.clone().unwrap_or_default(),
            Field::Phone => input.phone.clone().unwrap_or_default(),
            Field::StartDate => input.start_date.map(super::initiative::french_date).unwrap_or_default(),
            Field::EndDate => input.end_date.map(super::initiative::french_date).unwrap_or_default(),
            Field::StartTime => input.start_time.map(super::initiative::french_time).unwrap_or_default(),
            Field::EndTime => input.end_time.map(super::initiative::french_time).unwrap_or_default(),
            _ => String::new(),
        };
        if text.trim().is_empty() {
            "—".into()
        } else {
            text
        }
    }

    /// The fields a moderator must read: those that differ from the published version, or every
    /// field of an initiative never published.
    pub fn changes(&self, published: Option<&InitiativeInput>, proposed: &InitiativeInput) -> Vec<FieldChange> {
        let fields = match published {
            Some(before) => changed_fields(before, proposed),
            None => Field::FORM_ORDER.to_vec(),
        };
        fields
            .into_iter()
            .map(|field| FieldChange {
                field,
                before: published.map(|before| self.value(before, field)),
                after: self.value(proposed, field),
            })
            .collect()
    }
}

/// Everything a moderator reads before deciding on one initiative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: i64,
    pub title: String,
    pub status: Status,
    pub area_code: String,
    pub area_name: String,
    pub holder: Option<String>,
    /// A citizen's suggestion: the address they left, if any (`Some(None)`: none left).
    pub suggested_by: Option<Option<String>>,
    /// The revision waiting for a decision, and the fields to read.
    pub pending: Option<PendingRevision>,
    /// The latest revision (restoring names it, so that nothing saved meanwhile is replaced unread).
    pub latest: i64,
    pub public_path: Option<String>,
    pub reports: Vec<Report>,
    /// Holders' claims on it (« C'est notre initiative »), open ones first.
    pub claims: Vec<super::claims::Claim>,
    pub history: Vec<super::Revision>,
}

/// The revision an animator approves or refuses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRevision {
    pub number: i64,
    pub author: String,
    pub created_at: String,
    pub changes: Vec<FieldChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role) -> Account {
        Account {
            id: 1,
            email: String::new(),
            organisation: String::new(),
            contact_name: String::new(),
            role,
            verified: true,
        }
    }

    #[test]
    fn animators_moderate_their_areas_only_and_admins_everywhere() {
        let dreux = vec!["dreux".to_string()];
        let covers =
            |role, animated: &[String], area| Scope::of(&account(role), animated).is_some_and(|s| s.covers(area));
        assert!(covers(Role::Animator, &dreux, "dreux"));
        assert!(!covers(Role::Animator, &dreux, "chartres"));
        assert!(!covers(Role::Animator, &[], "chartres"));
        assert!(covers(Role::Admin, &[], "chartres"));
        assert!(!covers(Role::Holder, &dreux, "dreux"));
        assert_eq!(Scope::of(&account(Role::Holder), &dreux), None);
        assert!(Scope::of(&account(Role::Animator), &dreux).unwrap().covers("dreux"));
        assert!(!Scope::of(&account(Role::Animator), &dreux).unwrap().covers("chartres"));
    }

    #[test]
    fn a_refusal_says_enough_for_the_holder_to_act() {
        assert!(check_reason("Non").is_err());
        assert_eq!(check_reason("  Précisez les dates du forum. ").unwrap(), "Précisez les dates du forum.");
        assert!(check_reason(&"x".repeat(2001)).is_err());
    }

    #[test]
    fn changes_show_published_and_proposed_values_as_people_read_them() {
        let kinds = vec![KindInfo {
            code: "forum-metiers".into(),
            label: "Forum / salon des métiers".into(),
            label_en: "Job forum / fair".into(),
            colour: "#b3261e".into(),
        }];
        let communes = vec![CommuneChoice {
            insee: "28085".into(),
            name: "Chartres".into(),
            postal_code: "28000".into(),
            lat: 48.45,
            lon: 1.48,
        }];
        let names = Names { kinds: &kinds, communes: &communes };
        let before = InitiativeInput {
            title: "Forum".into(),
            kind: "forum-metiers".into(),
            commune: "28085".into(),
            themes: vec![Theme::Competences],
            ..InitiativeInput::default()
        };
        let after =
            InitiativeInput { title: "Forum 2027".into(), phone: Some("02 37 00 00 00".into()), ..before.clone() };
        let changes = names.changes(Some(&before), &after);
        assert_eq!(
            changes,
            vec![
                FieldChange { field: Field::Title, before: Some("Forum".into()), after: "Forum 2027".into() },
                FieldChange { field: Field::Phone, before: Some("—".into()), after: "02 37 00 00 00".into() },
            ]
        );
        let all = names.changes(None, &after);
        assert_eq!(all.len(), Field::FORM_ORDER.len());
        assert_eq!(all.iter().find(|c| c.field == Field::Kind).unwrap().after, "Forum / salon des métiers");
        assert_eq!(all.iter().find(|c| c.field == Field::Commune).unwrap().after, "Chartres (28000)");
    }

    #[test]
    fn waiting_time_reads_in_days() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z").unwrap().to_utc();
        assert_eq!(waiting_text(age_in_days("2026-12-01T08:00:00Z", now)), "depuis aujourd'hui");
        assert_eq!(waiting_text(age_in_days("2026-11-30T08:00:00Z", now)), "depuis 1 jour");
        assert_eq!(waiting_text(age_in_days("2026-11-19T12:00:00Z", now)), "depuis 12 jours");
        assert_eq!(waiting_text_in(0, true), "since today");
        assert_eq!(waiting_text_in(12, true), "for 12 days");
        assert_eq!(waiting_text_in(12, false), "depuis 12 jours");
    }

    #[test]
    fn english_readers_read_the_server_s_words_in_english_and_people_s_as_written() {
        assert_eq!(author_in("Visiteur", true), "Visitor");
        assert_eq!(author_in("Visiteur", false), "Visiteur");
        assert_eq!(author_in("Jeanne (CIO)", true), "Jeanne (CIO)");
        assert_eq!(ReportReason::Other.label_in(true), "Another problem");
        assert_eq!(ReportReason::NoLongerExists.label_in(true), "The initiative no longer exists");
    }
}

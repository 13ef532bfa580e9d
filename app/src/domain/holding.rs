//! What a holder does with their own initiatives: the form as typed, revisions and their
//! history, conflicts between two saves, and who may read or change what.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{validate, Account, Audience, Field, InitiativeInput, Role, Status, Theme, ValidationErrors, Vocabulary};

/// The initiative form exactly as typed: every value a string, so that "abc" in a coordinate or
/// a malformed date is a message beside its field, not a request the server cannot decode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeForm {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub kind: String,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    /// The commune as typed or picked: "Chartres (28000)", "Chartres" or "28085".
    pub commune: String,
    /// Empty until the pin is moved: the pin then stands at the commune's centre.
    pub lat: String,
    pub lon: String,
    pub address: String,
    pub organisation: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    /// `YYYY-MM-DD`, as date inputs send it.
    pub start_date: String,
    pub end_date: String,
}

/// A commune as the form offers it: the autocomplete's label and the pin's starting point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneChoice {
    pub insee: String,
    pub name: String,
    /// The first postal code, which tells apart communes of the same name.
    pub postal_code: String,
    pub lat: f64,
    pub lon: f64,
}

impl CommuneChoice {
    /// What the autocomplete shows and the form sends back: "Chartres (28000)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.postal_code)
    }
}

/// Case, accents and dashes do not matter when a commune's name is typed.
fn fold(text: &str) -> String {
    super::ordering::title_key(text)
}

/// The commune `typed` names: its label, its INSEE code, or its name alone when no other
/// commune has the same.
pub fn find_commune<'a>(typed: &str, communes: &'a [CommuneChoice]) -> Option<&'a CommuneChoice> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if let Some(commune) = communes.iter().find(|c| c.insee == typed) {
        return Some(commune);
    }
    let key = fold(typed);
    if let Some(commune) = communes.iter().find(|c| fold(&c.label()) == key) {
        return Some(commune);
    }
    let mut named = communes.iter().filter(|c| fold(&c.name) == key);
    match (named.next(), named.next()) {
        (Some(commune), None) => Some(commune),
        _ => None,
    }
}

/// A coordinate as typed; a decimal comma is fine ("48,45").
pub fn parse_coordinate(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

fn date(errors: &mut ValidationErrors, field: Field, text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.push(field, "Cette date n'existe pas : choisissez-la dans le calendrier (jour, mois, année).");
    }
    parsed
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl InitiativeForm {
    /// The form filled with a stored initiative, for editing it.
    pub fn from_input(input: &InitiativeInput, communes: &[CommuneChoice]) -> InitiativeForm {
        let commune = communes.iter().find(|c| c.insee == input.commune);
        let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        InitiativeForm {
            title: input.title.clone(),
            summary: input.summary.clone(),
            description: input.description.clone(),
            kind: input.kind.clone(),
            themes: input.themes.iter().map(|t| t.code().to_string()).collect(),
            audiences: input.audiences.iter().map(|a| a.code().to_string()).collect(),
            commune: commune.map(CommuneChoice::label).unwrap_or_else(|| input.commune.clone()),
            lat: format!("{:.6}", input.lat),
            lon: format!("{:.6}", input.lon),
            address: input.address.clone().unwrap_or_default(),
            organisation: input.organisation.clone(),
            website: input.website.clone().unwrap_or_default(),
            email: input.email.clone().unwrap_or_default(),
            phone: input.phone.clone().unwrap_or_default(),
            start_date: date(input.start_date),
            end_date: date(input.end_date),
        }
    }

    /// The initiative this form describes, or every problem of the form at once, each beside
    /// its field (what cannot be read, then the rules of [`validate`]).
    pub fn to_input(
        &self,
        communes: &[CommuneChoice],
        vocabulary: &impl Vocabulary,
    ) -> Result<InitiativeInput, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let commune = find_commune(&self.commune, communes);
        let coordinates_typed = !(self.lat.trim().is_empty() && self.lon.trim().is_empty());
        let (lat, lon) = match (coordinates_typed, commune) {
            (false, Some(commune)) => (commune.lat, commune.lon),
            _ => (parse_coordinate(&self.lat).unwrap_or(f64::NAN), parse_coordinate(&self.lon).unwrap_or(f64::NAN)),
        };
        // Sorted and without repeats: the order boxes are sent in is not a change.
        let mut themes: Vec<Theme> = self.themes.iter().filter_map(|c| Theme::from_code(c)).collect();
        themes.sort();
        themes.dedup();
        let mut audiences: Vec<Audience> = self.audiences.iter().filter_map(|c| Audience::from_code(c)).collect();
        audiences.sort();
        audiences.dedup();
        let input = InitiativeInput {
            title: self.title.trim().to_string(),
            summary: self.summary.trim().to_string(),
            description: self.description.trim().to_string(),
            kind: self.kind.clone(),
            themes,
            audiences,
            commune: commune.map(|c| c.insee.clone()).unwrap_or_default(),
            lat,
            lon,
            address: optional(&self.address),
            organisation: self.organisation.trim().to_string(),
            website: optional(&self.website),
            email: optional(&self.email),
            phone: optional(&self.phone),
            start_date: date(&mut errors, Field::StartDate, &self.start_date),
            end_date: date(&mut errors, Field::EndDate, &self.end_date),
        };
        if let Err(rules) = validate(&input, vocabulary) {
            for error in rules.0 {
                if errors.for_field(error.field).is_none() {
                    errors.0.push(error);
                }
            }
        }
        if !(input.lat.is_finite() && input.lon.is_finite()) {
            errors.0.retain(|e| e.field != Field::Location);
            // Nothing typed and no commune: the commune's message says what to do.
            if coordinates_typed {
                // Say what was wrong with the typed text rather than where the pin is.
                errors.push(
                    Field::Location,
                    "Les coordonnées sont des nombres, par exemple 48.4469 et 1.4892 : placez l'épingle sur la carte.",
                );
            }
        }
        if errors.0.is_empty() {
            Ok(input)
        } else {
            errors.0.sort_by_key(|e| Field::FORM_ORDER.iter().position(|f| *f == e.field));
            Err(errors)
        }
    }
}

impl Field {
    /// The initiative form's fields, in the order the form shows them.
    pub const FORM_ORDER: &'static [Field] = &[
        Field::Title,
        Field::Summary,
        Field::Description,
        Field::Kind,
        Field::Themes,
        Field::Audiences,
        Field::Commune,
        Field::Location,
        Field::Address,
        Field::Organisation,
        Field::Website,
        Field::Email,
        Field::Phone,
        Field::StartDate,
        Field::EndDate,
    ];

    /// The field's name as the form shows it (history and conflicts name fields this way).
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Titre",
            Field::Summary => "Résumé",
            Field::Description => "Description",
            Field::Kind => "Type d'initiative",
            Field::Themes => "Thématiques",
            Field::Audiences => "Publics",
            Field::Commune => "Commune",
            Field::Location => "Position de l'épingle",
            Field::Address => "Adresse",
            Field::Organisation => "Structure",
            Field::Website => "Site web",
            Field::Email => "E-mail de contact",
            Field::Phone => "Téléphone",
            Field::StartDate => "Date de début",
            Field::EndDate => "Date de fin",
            Field::ContactName => "Nom du contact",
            Field::Password => "Mot de passe",
            Field::NewPassword => "Nouveau mot de passe",
            Field::ReportReason => "Problème",
            Field::Comment => "Commentaire",
            Field::ContactEmail => "Votre adresse e-mail",
            Field::Reason => "Motif du refus",
            Field::Areas => "Bassins",
        }
    }

    /// The code stored in a revision's list of changed fields.
    pub fn code(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    }

    pub fn from_code(code: &str) -> Option<Field> {
        serde_json::from_value(serde_json::Value::String(code.into())).ok()
    }
}

/// The fields whose values differ between two versions of an initiative, in form order.
pub fn changed_fields(before: &InitiativeInput, after: &InitiativeInput) -> Vec<Field> {
    let mut changed = Vec::new();
    let mut compare = |field: Field, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    compare(Field::Title, before.title != after.title);
    compare(Field::Summary, before.summary != after.summary);
    compare(Field::Description, before.description != after.description);
    compare(Field::Kind, before.kind != after.kind);
    compare(Field::Themes, before.themes != after.themes);
    compare(Field::Audiences, before.audiences != after.audiences);
    compare(Field::Commune, before.commune != after.commune);
    // Closer than a metre is the same place (positions go through decimal text).
    compare(Field::Location, (before.lat - after.lat).abs() > 1e-5 || (before.lon - after.lon).abs() > 1e-5);
    compare(Field::Address, before.address != after.address);
    compare(Field::Organisation, before.organisation != after.organisation);
    compare(Field::Website, before.website != after.website);
    compare(Field::Email, before.email != after.email);
    compare(Field::Phone, before.phone != after.phone);
    compare(Field::StartDate, before.start_date != after.start_date);
    compare(Field::EndDate, before.end_date != after.end_date);
    changed
}

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

/// One entry of an initiative's history: a saved revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub number: i64,
    /// "Contact name (organisation)", or "Import" for content no account wrote.
    pub author: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The state this revision was saved in (archived: the initiative was withdrawn).
    pub state: Status,
    pub changed: Vec<Field>,
    /// Why moderation refused it.
    pub reason: Option<String>,
}

/// An initiative in its holder's list (`/mes-initiatives`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldInitiative {
    pub id: i64,
    /// The working copy's title (what the holder last saved).
    pub title: String,
    pub kind_label: String,
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
    /// The status as the holder reads it (see [`status_text`]).
    pub fn status_text(&self) -> String {
        status_text(self.status, self.edit)
    }
}

/// An initiative's status as its holder reads it, with its unpublished edit if any:
/// « Publiée — modification en attente de validation ».
pub fn status_text(status: Status, edit: Option<Status>) -> String {
    match edit {
        Some(Status::Draft) => format!("{} — modification en brouillon", status.label()),
        Some(Status::Pending) => format!("{} — modification en attente de validation", status.label()),
        Some(Status::Rejected) => format!("{} — modification refusée", status.label()),
        _ => status.label().to_string(),
    }
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

/// Someone saved the initiative after the form was opened: what changed meanwhile, by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The latest revision: saving again from it replaces it knowingly.
    pub latest: i64,
    pub author: String,
    pub at: String,
    pub changed: Vec<Field>,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<&str> = self.changed.iter().map(|f| f.label()).collect();
        let what = if fields.is_empty() { "son statut".to_string() } else { fields.join(", ") };
        write!(
            f,
            "Cette initiative a été modifiée pendant que vous la modifiiez : {} a enregistré une autre version le {}, \
             qui change : {}. Rien n'a été enregistré. Vos saisies sont toujours dans le formulaire : relisez-les, \
             puis enregistrez de nouveau pour remplacer cette version.",
            self.author,
            french_time(&self.at),
            what
        )
    }
}

/// "23 novembre 2026 à 17 h 40" (Paris time) for an RFC 3339 instant.
pub fn french_time(rfc3339: &str) -> String {
    use chrono::Timelike;
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(instant) => {
            let local = paris_time(instant.to_utc());
            format!("{} à {} h {:02}", super::initiative::french_date(local.date()), local.hour(), local.minute())
        }
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

    fn communes() -> Vec<CommuneChoice> {
        let commune = |insee: &str, name: &str, postal_code: &str| CommuneChoice {
            insee: insee.into(),
            name: name.into(),
            postal_code: postal_code.into(),
            lat: 48.45,
            lon: 1.48,
        };
        vec![
            commune("28085", "Chartres", "28000"),
            commune("28134", "Dreux", "28100"),
            commune("28001", "Saint-Ange", "28170"),
            commune("28002", "Saint-Ange", "28999"),
        ]
    }

    struct Known;
    impl Vocabulary for Known {
        fn has_kind(&self, code: &str) -> bool {
            code == "forum-metiers" || code == IMMERSION_KIND
        }
        fn has_commune(&self, insee: &str) -> bool {
            communes().iter().any(|c| c.insee == insee)
        }
        fn has_area(&self, _: &str) -> bool {
            true
        }
    }

    fn form() -> InitiativeForm {
        InitiativeForm {
            title: "Forum de l'alternance".into(),
            summary: "Soixante-dix entreprises recrutent en alternance à Chartrexpo.".into(),
            kind: "forum-metiers".into(),
            themes: vec!["ecole-entreprise".into()],
            audiences: vec!["lyceens".into()],
            commune: "Chartres (28000)".into(),
            organisation: "MEE Chartres Métropole".into(),
            ..InitiativeForm::default()
        }
    }

    fn error_fields(form: InitiativeForm) -> Vec<Field> {
        form.to_input(&communes(), &Known).err().map(|e| e.0.iter().map(|e| e.field).collect()).unwrap_or_default()
    }

    #[test]
    fn communes_are_found_by_label_code_or_unique_name() {
        let communes = communes();
        assert_eq!(find_commune("Chartres (28000)", &communes).unwrap().insee, "28085");
        assert_eq!(find_commune("  chartres ", &communes).unwrap().insee, "28085");
        assert_eq!(find_commune("28134", &communes).unwrap().name, "Dreux");
        assert_eq!(find_commune("DREUX", &communes).unwrap().insee, "28134");
        // Two communes of that name: only the label with its postal code tells them apart.
        assert_eq!(find_commune("Saint-Ange", &communes), None);
        assert_eq!(find_commune("saint ange (28999)", &communes).unwrap().insee, "28002");
        assert_eq!(find_commune("Paris", &communes), None);
    }

    #[test]
    fn the_pin_starts_at_the_commune_centre() {
        let input = form().to_input(&communes(), &Known).unwrap();
        assert_eq!((input.commune.as_str(), input.lat, input.lon), ("28085", 48.45, 1.48));
        let moved = InitiativeForm { lat: "48,5".into(), lon: "1.5".into(), ..form() };
        let input = moved.to_input(&communes(), &Known).unwrap();
        assert_eq!((input.lat, input.lon), (48.5, 1.5));
    }

    #[test]
    fn unreadable_and_out_of_area_coordinates_are_refused_beside_the_pin() {
        for (lat, lon) in [("abc", "1.5"), ("NaN", "1.5"), ("48.5", "inf"), ("48.8566", "2.3522"), ("", "1.5")] {
            let fields = error_fields(InitiativeForm { lat: lat.into(), lon: lon.into(), ..form() });
            assert_eq!(fields, vec![Field::Location], "{lat} {lon}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once_in_form_order() {
        let broken = InitiativeForm {
            title: "x".repeat(500),
            website: "javascript:alert(1)".into(),
            email: "pas-une-adresse".into(),
            start_date: "2027-02-30".into(),
            commune: "Paris".into(),
            themes: vec![],
            ..form()
        };
        assert_eq!(
            error_fields(broken),
            vec![Field::Title, Field::Themes, Field::Commune, Field::Website, Field::Email, Field::StartDate]
        );
    }

    #[test]
    fn boxes_sent_in_another_order_or_twice_are_the_same_choice() {
        let once = form().to_input(&communes(), &Known).unwrap();
        let shuffled = InitiativeForm {
            themes: vec!["se-connaitre".into(), "ecole-entreprise".into(), "se-connaitre".into()],
            ..form()
        };
        let again = InitiativeForm { themes: vec!["ecole-entreprise".into(), "se-connaitre".into()], ..form() };
        let (shuffled, again) =
            (shuffled.to_input(&communes(), &Known).unwrap(), again.to_input(&communes(), &Known).unwrap());
        assert_eq!((shuffled.themes.len(), changed_fields(&shuffled, &again)), (2, vec![]));
        assert_ne!(changed_fields(&once, &again), vec![]);
    }

    #[test]
    fn a_stored_initiative_fills_the_form_back_unchanged() {
        let input = form().to_input(&communes(), &Known).unwrap();
        let again = InitiativeForm::from_input(&input, &communes()).to_input(&communes(), &Known).unwrap();
        assert_eq!(changed_fields(&input, &again), vec![]);
        assert_eq!(again, input);
    }

    #[test]
    fn changed_fields_name_what_differs() {
        let before = form().to_input(&communes(), &Known).unwrap();
        let after = InitiativeInput {
            title: "Autre titre".into(),
            lat: before.lat + 0.01,
            phone: Some("0237000000".into()),
            ..before.clone()
        };
        assert_eq!(changed_fields(&before, &after), vec![Field::Title, Field::Location, Field::Phone]);
        for field in Field::FORM_ORDER {
            assert_eq!(Field::from_code(&field.code()), Some(*field));
        }
    }

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
    fn a_conflict_says_who_when_and_what() {
        let conflict = Conflict {
            latest: 3,
            author: "Marie Dupont (Mission Locale)".into(),
            at: "2026-11-23T16:40:00Z".into(),
            changed: vec![Field::Title, Field::Phone],
        };
        let text = conflict.to_string();
        assert!(text.contains("Marie Dupont (Mission Locale)"), "{text}");
        assert!(text.contains("23 novembre 2026 à 17 h 40"), "{text}");
        assert!(text.contains("Titre, Téléphone"), "{text}");
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

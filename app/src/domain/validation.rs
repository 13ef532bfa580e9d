//! The rules an initiative must meet before it is stored, with one message per broken rule (in
//! French and English, `Message`), attached to the field a person has to correct.

use serde::{Deserialize, Serialize};

use super::geography::{is_commune_code, within_department};
use super::{InitiativeInput, Message};

/// What validation needs to know about the reference data held in the database.
pub trait Vocabulary {
    /// Whether `code` names a kind of initiative.
    fn has_kind(&self, code: &str) -> bool;
    /// Whether `insee` names an Eure-et-Loir commune.
    fn has_commune(&self, insee: &str) -> bool;
    /// Whether `code` names an employment area.
    fn has_area(&self, code: &str) -> bool;
    /// The centre of commune `insee` (latitude, longitude), for « autour de » a commune.
    fn commune_centre(&self, insee: &str) -> Option<(f64, f64)> {
        let _ = insee;
        None
    }
    /// The INSEE code of the commune `typed` names as people write it — any case, with or
    /// without accents and hyphens, « St » for « Saint », its postcode before or after —, for
    /// filters typed by hand.
    fn commune_named(&self, typed: &str) -> Option<String> {
        let _ = typed;
        None
    }
}

/// A field of the initiative form; the names are the form's and the JSON's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Summary,
    /// The optional English summary, shown on the English pages (issue 17).
    SummaryEn,
    Description,
    Kind,
    Themes,
    Audiences,
    Commune,
    Location,
    Address,
    Organisation,
    Website,
    Email,
    Phone,
    StartDate,
    EndDate,
    StartTime,
    EndTime,
    // Account forms (sign-up, sign-in, change of password).
    ContactName,
    Password,
    NewPassword,
    // Citizens' contributions and moderation (reports, suggestions, refusals).
    ReportReason,
    Comment,
    ContactEmail,
    Reason,
    // Animators' invitations (issue 13).
    Areas,
    // A holder's claim on an initiative nobody holds (issue 17).
    ClaimMessage,
}

impl Field {
    /// The initiative form's fields, in the order the form shows them.
    pub const FORM_ORDER: &'static [Field] = &[
        Field::Title,
        Field::Summary,
        Field::SummaryEn,
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
        Field::StartTime,
        Field::EndTime,
    ];

    /// The field's name as the form shows it (history and conflicts name fields this way).
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Titre",
            Field::Summary => "Résumé",
            Field::SummaryEn => "Résumé en anglais",
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
            Field::StartTime => "Heure de début",
            Field::EndTime => "Heure de fin",
            Field::ContactName => "Nom du contact",
            Field::Password => "Mot de passe",
            Field::NewPassword => "Nouveau mot de passe",
            Field::ReportReason => "Problème",
            Field::Comment => "Commentaire",
            Field::ContactEmail => "Votre adresse e-mail",
            Field::Reason => "Motif du refus",
            Field::Areas => "Bassins",
            Field::ClaimMessage => "Votre lien avec cette initiative",
        }
    }

    /// The field's name on English pages (the form's own labels are `FormTexts`).
    pub fn label_en(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Summary => "Summary",
            Field::SummaryEn => "English summary",
            Field::Description => "Description",
            Field::Kind => "Type of initiative",
            Field::Themes => "Themes",
            Field::Audiences => "Audiences",
            Field::Commune => "Municipality",
            Field::Location => "Position of the pin",
            Field::Address => "Address",
            Field::Organisation => "Organisation",
            Field::Website => "Website",
            Field::Email => "Contact email",
            Field::Phone => "Phone",
            Field::StartDate => "Start date",
            Field::EndDate => "End date",
            Field::StartTime => "Start time",
            Field::EndTime => "End time",
            Field::ContactName => "Contact name",
            Field::Password => "Password",
            Field::NewPassword => "New password",
            Field::ReportReason => "Problem",
            Field::Comment => "Comment",
            Field::ContactEmail => "Your email address",
            Field::Reason => "Reason for refusal",
            Field::Areas => "Areas",
            Field::ClaimMessage => "Your link with this initiative",
        }
    }

    /// The field's name in English when `english`, in French otherwise.
    pub fn label_in(self, english: bool) -> &'static str {
        if english {
            self.label_en()
        } else {
            self.label()
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

/// One broken rule: which field, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub message: Message,
}

/// Every broken rule of one input, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// The message for `field`, if it broke a rule.
    pub fn for_field(&self, field: Field) -> Option<&Message> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.message)
    }

    pub(super) fn push(&mut self, field: Field, french: impl Into<String>, english: impl Into<String>) {
        self.0.push(FieldError { field, message: Message::new(french, english) });
    }

    /// One broken rule of a form checked elsewhere (the database's constraints, a sign-in).
    pub fn one(field: Field, message: Message) -> ValidationErrors {
        ValidationErrors(vec![FieldError { field, message }])
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.french.as_str()).collect();
        f.write_str(&messages.join(" "))
    }
}

/// Checks an input against every rule; `Ok` only when all hold.
pub fn validate(input: &InitiativeInput, vocabulary: &impl Vocabulary) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    check_text(&mut errors, Field::Title, ("Le titre", "The title"), &input.title, 5, 120);
    check_text(&mut errors, Field::Summary, ("Le résumé", "The summary"), &input.summary, 20, 280);
    if let Some(english) = present(input.summary_en.as_deref()) {
        check_text(&mut errors, Field::SummaryEn, ("Le résumé en anglais", "The English summary"), english, 20, 280);
    }
    check_long_text(&mut errors, Field::Description, ("La description", "The description"), &input.description, 4000);
    if !vocabulary.has_kind(&input.kind) {
        errors.push(
            Field::Kind,
            "Choisissez un type d'initiative dans la liste.",
            "Choose a type of initiative from the list.",
        );
    }
    if input.themes.is_empty() {
        errors.push(Field::Themes, "Choisissez au moins une thématique.", "Choose at least one theme.");
    }
    if input.audiences.is_empty() {
        errors.push(Field::Audiences, "Choisissez au moins un public.", "Choose at least one audience.");
    }
    if !is_commune_code(&input.commune) || !vocabulary.has_commune(&input.commune) {
        errors.push(
            Field::Commune,
            "Choisissez une commune d'Eure-et-Loir dans la liste.",
            "Choose a municipality in Eure-et-Loir from the list.",
        );
    }
    if !within_department(input.lat, input.lon) {
        errors.push(
            Field::Location,
            "L'épingle doit être placée en Eure-et-Loir : déplacez-la dans le département.",
            "The pin must be in Eure-et-Loir: move it inside the department.",
        );
    }
    check_optional_text(&mut errors, Field::Address, ("L'adresse", "The address"), input.address.as_deref(), 200);
    check_text(
        &mut errors,
        Field::Organisation,
        ("Le nom de la structure", "The organisation's name"),
        &input.organisation,
        2,
        160,
    );
    check_website(&mut errors, input.website.as_deref());
    check_email(&mut errors, input.email.as_deref());
    check_phone(&mut errors, input.phone.as_deref());
    check_dates(&mut errors, input);
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// What a message calls a field, in French and in English: « Le titre », « The title ».
type Name<'a> = (&'a str, &'a str);

fn check_text(errors: &mut ValidationErrors, field: Field, name: Name, value: &str, min: usize, max: usize) {
    let value = value.trim();
    let length = char_count(value);
    let (fr, en) = name;
    if length == 0 {
        errors.push(field, format!("{fr} est obligatoire."), format!("{en} is required."));
    } else if length < min {
        errors.push(
            field,
            format!("{fr} doit compter au moins {min} caractères."),
            format!("{en} must be at least {min} characters long."),
        );
    } else if length > max {
        errors.push(
            field,
            format!("{fr} doit compter au plus {max} caractères (actuellement {length})."),
            format!("{en} must be at most {max} characters long (now {length})."),
        );
    } else if value.chars().any(char::is_control) {
        errors.push(
            field,
            format!("{fr} tient sur une seule ligne, sans caractère de contrôle."),
            format!("{en} must fit on one line, without control characters."),
        );
    }
}

fn check_long_text(errors: &mut ValidationErrors, field: Field, name: Name, value: &str, max: usize) {
    let length = char_count(value.trim());
    let (fr, en) = name;
    if length > max {
        errors.push(
            field,
            format!("{fr} doit compter au plus {max} caractères (actuellement {length})."),
            format!("{en} must be at most {max} characters long (now {length})."),
        );
    } else if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.push(
            field,
            format!("{fr} contient un caractère de contrôle à retirer."),
            format!("{en} contains a control character to remove."),
        );
    }
}

fn check_optional_text(errors: &mut ValidationErrors, field: Field, name: Name, value: Option<&str>, max: usize) {
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        check_text(errors, field, name, value, 1, max);
    }
}

fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn check_website(errors: &mut ValidationErrors, website: Option<&str>) {
    let Some(website) = present(website) else { return };
    let well_formed = website.len() <= 300
        && url::Url::parse(website)
            .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')))
            .unwrap_or(false);
    if !well_formed {
        errors.push(
            Field::Website,
            "Le site web doit être une adresse complète, par exemple https://www.exemple.fr.",
            "The website must be a full address, for example https://www.example.org.",
        );
    }
}

fn check_email(errors: &mut ValidationErrors, email: Option<&str>) {
    let Some(email) = present(email) else { return };
    if !is_well_formed_email(email) {
        push_email_error(errors, Field::Email);
    }
}

/// What to say about a malformed e-mail address, wherever one is typed.
pub fn malformed_email() -> Message {
    Message::new(
        "L'adresse e-mail doit ressembler à nom@exemple.fr.",
        "The email address must look like name@example.org.",
    )
}

pub(super) fn push_email_error(errors: &mut ValidationErrors, field: Field) {
    errors.0.push(FieldError { field, message: malformed_email() });
}

/// Whether `email` looks like an address mail can reach: one `@`, a dotted domain, no spaces.
/// Deliberately loose (real addresses are varied); a typo still gets caught.
pub fn is_well_formed_email(email: &str) -> bool {
    email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        }
}

/// French numbers: ten digits starting with 0, or +33 then nine digits; spaces, dots and
/// dashes between digits are accepted.
fn check_phone(errors: &mut ValidationErrors, phone: Option<&str>) {
    let Some(phone) = present(phone) else { return };
    let compact: String = phone.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    let digits_after = |prefix: &str, count: usize| {
        compact.strip_prefix(prefix).is_some_and(|rest| rest.len() == count && rest.bytes().all(|b| b.is_ascii_digit()))
    };
    let well_formed = (digits_after("0", 9) && !compact.starts_with("00")) || digits_after("+33", 9);
    if !well_formed {
        errors.push(
            Field::Phone,
            "Le téléphone doit compter 10 chiffres (02 37 00 00 00) ou commencer par +33.",
            "The phone number must have 10 digits (02 37 00 00 00) or start with +33.",
        );
    }
}

fn check_dates(errors: &mut ValidationErrors, input: &InitiativeInput) {
    match (input.start_date, input.end_date) {
        (None, Some(_)) => errors.push(
            Field::StartDate,
            "Indiquez la date de début, ou retirez la date de fin.",
            "Give the start date, or remove the end date.",
        ),
        (Some(start), Some(end)) if end < start => errors.push(
            Field::EndDate,
            "La date de fin doit suivre la date de début.",
            "The end date must come after the start date.",
        ),
        _ => {}
    }
    // Hours are each day's: an end before the start never makes sense, even over several days.
    match (input.start_date, input.start_time, input.end_time) {
        (None, Some(_), _) | (None, _, Some(_)) => errors.push(
            Field::StartTime,
            "Des horaires demandent une date de début : indiquez-la, ou retirez les heures.",
            "Hours need a start date: give it, or remove the hours.",
        ),
        (Some(_), None, Some(_)) => errors.push(
            Field::StartTime,
            "Indiquez l'heure de début, ou retirez l'heure de fin.",
            "Give the start time, or remove the end time.",
        ),
        (Some(_), Some(start), Some(end)) if end <= start => errors.push(
            Field::EndTime,
            "L'heure de fin doit suivre l'heure de début.",
            "The end time must come after the start time.",
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Audience, Theme};
    use chrono::NaiveDate;

    struct Known;
    impl Vocabulary for Known {
        fn has_kind(&self, code: &str) -> bool {
            code == "forum-metiers"
        }
        fn has_commune(&self, insee: &str) -> bool {
            insee == "28085"
        }
        fn has_area(&self, code: &str) -> bool {
            code == "chartres"
        }
    }

    fn valid() -> InitiativeInput {
        InitiativeInput {
            title: "Forum de l'alternance".into(),
            summary: "Soixante-dix entreprises recrutent en alternance à Chartrexpo.".into(),
            summary_en: None,
            description: "Venez avec votre CV.\n\nEntrée libre.".into(),
            kind: "forum-metiers".into(),
            themes: vec![Theme::EcoleEntreprise],
            audiences: vec![Audience::Lyceens],
            commune: "28085".into(),
            lat: 48.4469,
            lon: 1.4892,
            address: Some("Chartrexpo, 28000 Chartres".into()),
            organisation: "MEE Chartres Métropole".into(),
            website: Some("https://example.org/demo/forum".into()),
            email: Some("forum@example.org".into()),
            phone: Some("02 37 00 00 00".into()),
            start_date: NaiveDate::from_ymd_opt(2027, 3, 14),
            end_date: NaiveDate::from_ymd_opt(2027, 3, 14),
            start_time: None,
            end_time: None,
        }
    }

    fn errors_of(input: InitiativeInput) -> Vec<Field> {
        validate(&input, &Known).err().map(|e| e.0.iter().map(|e| e.field).collect()).unwrap_or_default()
    }

    #[test]
    fn a_complete_initiative_is_valid() {
        assert_eq!(validate(&valid(), &Known), Ok(()));
    }

    #[test]
    fn out_of_department_and_nan_coordinates_are_refused() {
        assert_eq!(errors_of(InitiativeInput { lat: 48.8566, lon: 2.3522, ..valid() }), vec![Field::Location]);
        assert_eq!(errors_of(InitiativeInput { lat: f64::NAN, ..valid() }), vec![Field::Location]);
    }

    #[test]
    fn unknown_commune_and_kind_are_refused() {
        assert_eq!(errors_of(InitiativeInput { commune: "28999".into(), ..valid() }), vec![Field::Commune]);
        assert_eq!(errors_of(InitiativeInput { commune: "75056".into(), ..valid() }), vec![Field::Commune]);
        assert_eq!(errors_of(InitiativeInput { kind: "sieste".into(), ..valid() }), vec![Field::Kind]);
    }

    #[test]
    fn lengths_are_bounded_and_counted_in_characters() {
        assert_eq!(errors_of(InitiativeInput { title: "  ".into(), ..valid() }), vec![Field::Title]);
        assert_eq!(errors_of(InitiativeInput { title: "Éé".into(), ..valid() }), vec![Field::Title]);
        assert_eq!(errors_of(InitiativeInput { title: "é".repeat(120), ..valid() }), vec![]);
        assert_eq!(errors_of(InitiativeInput { title: "é".repeat(121), ..valid() }), vec![Field::Title]);
        assert_eq!(errors_of(InitiativeInput { description: "x".repeat(4001), ..valid() }), vec![Field::Description]);
        assert_eq!(errors_of(InitiativeInput { organisation: "x".repeat(161), ..valid() }), vec![Field::Organisation]);
    }

    #[test]
    fn single_line_fields_refuse_control_characters() {
        assert_eq!(
            errors_of(InitiativeInput { title: "Forum\nde l'alternance".into(), ..valid() }),
            vec![Field::Title]
        );
    }

    #[test]
    fn themes_and_audiences_are_required() {
        assert_eq!(
            errors_of(InitiativeInput { themes: vec![], audiences: vec![], ..valid() }),
            vec![Field::Themes, Field::Audiences]
        );
    }

    #[test]
    fn malformed_contacts_are_refused() {
        for website in ["exemple.fr", "javascript:alert(1)", "ftp://exemple.fr", "https://localhost"] {
            assert_eq!(
                errors_of(InitiativeInput { website: Some(website.into()), ..valid() }),
                vec![Field::Website],
                "{website}"
            );
        }
        for email in ["contact", "contact@", "a@b", "a b@exemple.fr", "a@@exemple.fr"] {
            assert_eq!(
                errors_of(InitiativeInput { email: Some(email.into()), ..valid() }),
                vec![Field::Email],
                "{email}"
            );
        }
        for phone in ["0237", "02 37 00 00 0x", "+44 20 7946 0000", "0033237000000"] {
            assert_eq!(
                errors_of(InitiativeInput { phone: Some(phone.into()), ..valid() }),
                vec![Field::Phone],
                "{phone}"
            );
        }
        for phone in ["02.37.00.00.00", "+33 2 37 00 00 00", "0237000000"] {
            assert_eq!(errors_of(InitiativeInput { phone: Some(phone.into()), ..valid() }), vec![], "{phone}");
        }
    }

    #[test]
    fn empty_optional_contacts_are_fine() {
        let input = InitiativeInput {
            website: Some(" ".into()),
            email: None,
            phone: Some(String::new()),
            address: None,
            ..valid()
        };
        assert_eq!(errors_of(input), vec![]);
    }

    #[test]
    fn dates_must_be_in_order_and_an_end_needs_a_start() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            errors_of(InitiativeInput { start_date: d(2027, 3, 14), end_date: d(2027, 3, 1), ..valid() }),
            vec![Field::EndDate]
        );
        assert_eq!(
            errors_of(InitiativeInput { start_date: None, end_date: d(2027, 3, 1), ..valid() }),
            vec![Field::StartDate]
        );
        assert_eq!(errors_of(InitiativeInput { start_date: None, end_date: None, ..valid() }), vec![]);
    }

    #[test]
    fn hours_need_a_date_and_end_after_they_start() {
        let t = |h: u32, m: u32| chrono::NaiveTime::from_hms_opt(h, m, 0);
        let dated = || InitiativeInput { end_date: None, ..valid() };
        assert_eq!(errors_of(InitiativeInput { start_time: t(9, 0), end_time: t(17, 30), ..dated() }), vec![]);
        assert_eq!(errors_of(InitiativeInput { start_time: t(14, 0), end_time: None, ..dated() }), vec![]);
        assert_eq!(
            errors_of(InitiativeInput { start_time: t(17, 0), end_time: t(9, 0), ..dated() }),
            vec![Field::EndTime]
        );
        assert_eq!(
            errors_of(InitiativeInput { start_time: t(9, 0), end_time: t(9, 0), ..dated() }),
            vec![Field::EndTime]
        );
        assert_eq!(
            errors_of(InitiativeInput { start_time: None, end_time: t(17, 0), ..dated() }),
            vec![Field::StartTime]
        );
        assert_eq!(
            errors_of(InitiativeInput { start_date: None, end_date: None, start_time: t(9, 0), ..valid() }),
            vec![Field::StartTime]
        );
    }

    #[test]
    fn every_message_is_attached_to_its_field() {
        let errors = validate(&InitiativeInput { lat: 0.0, ..valid() }, &Known).unwrap_err();
        assert!(errors.for_field(Field::Location).unwrap().french.contains("Eure-et-Loir"));
        assert_eq!(errors.for_field(Field::Title), None);
    }

    #[test]
    fn every_message_is_written_in_english_too() {
        let broken = InitiativeInput {
            title: String::new(),
            summary: "Court".into(),
            summary_en: Some("x".repeat(300)),
            description: "\u{7}".into(),
            kind: String::new(),
            themes: vec![],
            audiences: vec![],
            commune: String::new(),
            lat: 0.0,
            address: Some("a\u{7}".into()),
            organisation: String::new(),
            website: Some("exemple".into()),
            email: Some("contact".into()),
            phone: Some("0237".into()),
            start_date: None,
            start_time: chrono::NaiveTime::from_hms_opt(9, 0, 0),
            ..valid()
        };
        let errors = validate(&broken, &Known).unwrap_err();
        assert_eq!(errors.0.len(), 16, "{errors:?}");
        for error in &errors.0 {
            let Message { french, english } = &error.message;
            assert!(!english.is_empty() && english != french, "{french} / {english}");
        }
        assert_eq!(
            errors.for_field(Field::SummaryEn).unwrap().english,
            "The English summary must be at most 280 characters long (now 300)."
        );
    }
}

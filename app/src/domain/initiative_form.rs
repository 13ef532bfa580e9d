//! The initiative form as typed (holders' form and citizens' suggestions) and its reading: every
//! value arrives as a string, and each problem becomes a message beside its field, all at once
//! and in form order; the commune is found by its label, code or unique name.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{validate, Audience, Field, InitiativeInput, Theme, ValidationErrors, Vocabulary};

/// The initiative form exactly as typed: every value a string, so that "abc" in a coordinate or
/// a malformed date is a message beside its field, not a request the server cannot decode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeForm {
    pub title: String,
    pub summary: String,
    /// Optional: the summary in English, for English readers.
    pub summary_en: String,
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
    /// `HH:MM`, as time inputs send it (`HH:MM:SS` too); a typed « 9h30 » is read as well.
    pub start_time: String,
    pub end_time: String,
}

/// What the initiative form offers to choose from (holders' form and citizens' suggestions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    pub kinds: Vec<super::KindInfo>,
    pub communes: Vec<CommuneChoice>,
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
        errors.push(
            field,
            "Cette date n'existe pas : choisissez-la dans le calendrier (jour, mois, année).",
            "This date does not exist: choose it in the calendar (day, month, year).",
        );
    }
    parsed
}

fn time(errors: &mut ValidationErrors, field: Field, text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // Browsers without a time picker leave people to type: « 9h30 », « 14 h », « 9:30 ».
    let typed = text.to_lowercase().replace(' ', "").replace('h', ":");
    let typed = if typed.ends_with(':') { format!("{typed}00") } else { typed };
    let parsed = ["%H:%M", "%H:%M:%S"].iter().find_map(|format| NaiveTime::parse_from_str(&typed, format).ok());
    if parsed.is_none() {
        errors.push(
            field,
            "Cette heure n'existe pas : indiquez-la sous la forme 09:30 (de 00:00 à 23:59).",
            "This time does not exist: write it as 09:30 (from 00:00 to 23:59).",
        );
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
        let time = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        InitiativeForm {
            title: input.title.clone(),
            summary: input.summary.clone(),
            summary_en: input.summary_en.clone().unwrap_or_default(),
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
            start_time: time(input.start_time),
            end_time: time(input.end_time),
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
            summary_en: optional(&self.summary_en),
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
            start_time: time(&mut errors, Field::StartTime, &self.start_time),
            end_time: time(&mut errors, Field::EndTime, &self.end_time),
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
                    "Coordinates are numbers, for example 48.4469 and 1.4892: place the pin on the map.",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::holding::IMMERSION_KIND;
    use crate::domain::revisions::changed_fields;

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
    fn hours_are_read_as_pickers_send_them_and_as_people_type_them() {
        let read = |start: &str, end: &str| {
            let dated = InitiativeForm { start_date: "2027-03-14".into(), ..form() };
            InitiativeForm { start_time: start.into(), end_time: end.into(), ..dated }.to_input(&communes(), &Known)
        };
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        for (start, end) in [("09:00", "17:30"), ("9h", "17h30"), ("9 h", "17 H 30"), ("09:00:00", "17:30:00")] {
            let input = read(start, end).unwrap_or_else(|e| panic!("{start} {end}: {e}"));
            assert_eq!((input.start_time, input.end_time), (t(9, 0), t(17, 30)), "{start} {end}");
        }
        let wrong = read("25:00", "midi").unwrap_err();
        assert_eq!(wrong.0.iter().map(|e| e.field).collect::<Vec<_>>(), vec![Field::StartTime, Field::EndTime]);
        assert!(wrong.for_field(Field::StartTime).unwrap().english.contains("09:30"));
        let back = InitiativeForm::from_input(&read("9h05", "").unwrap(), &communes());
        assert_eq!((back.start_time.as_str(), back.end_time.as_str()), ("09:05", ""));
    }

    #[test]
    fn the_english_summary_is_optional_checked_and_kept() {
        let none = InitiativeForm { summary_en: "   ".into(), ..form() }.to_input(&communes(), &Known).unwrap();
        assert_eq!(none.summary_en, None, "blank is none");
        let english = "Seventy companies recruit apprentices at Chartrexpo.";
        let input =
            InitiativeForm { summary_en: format!(" {english} "), ..form() }.to_input(&communes(), &Known).unwrap();
        assert_eq!(input.summary_en.as_deref(), Some(english));
        assert_eq!(InitiativeForm::from_input(&input, &communes()).summary_en, english, "the form is filled back");
        assert_eq!(error_fields(InitiativeForm { summary_en: "Too short.".into(), ..form() }), vec![Field::SummaryEn]);
        assert_eq!(error_fields(InitiativeForm { summary_en: "x".repeat(281), ..form() }), vec![Field::SummaryEn]);
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
}

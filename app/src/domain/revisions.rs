//! Revisions: every save of an initiative is a numbered revision holding its whole content;
//! the fields two versions differ in, the history as people read it, and the conflict a save
//! made from an older revision meets. (Their storage is `data/revisions.rs`.)

use serde::{Deserialize, Serialize};

use super::{Field, InitiativeInput, Message, Status};

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
    compare(Field::SummaryEn, before.summary_en != after.summary_en);
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
    compare(Field::StartTime, before.start_time != after.start_time);
    compare(Field::EndTime, before.end_time != after.end_time);
    changed
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

/// Someone saved the initiative after the form was opened: what changed meanwhile, by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The latest revision: saving again from it replaces it knowingly.
    pub latest: i64,
    pub author: String,
    /// When, in both languages (`holding::instant`): written by the server, so that the pages'
    /// common code, which says every error, carries no reader of dates and time zones.
    pub at: Message,
    pub changed: Vec<Field>,
}

impl Conflict {
    /// What the holder reads after a save that lost the race, in English when `english`.
    pub fn message(&self, english: bool) -> String {
        let fields: Vec<&str> = self.changed.iter().map(|f| f.label_in(english)).collect();
        if english {
            let what = if fields.is_empty() { "its status".to_string() } else { fields.join(", ") };
            format!(
                "This initiative was changed while you were editing it: {} saved another version on {}, \
                 which changes: {}. Nothing was saved. What you typed is still in the form: read it again, \
                 then save again to replace that version.",
                self.author, self.at.english, what
            )
        } else {
            let what = if fields.is_empty() { "son statut".to_string() } else { fields.join(", ") };
            format!(
                "Cette initiative a été modifiée pendant que vous la modifiiez : {} a enregistré une autre version le {}, \
                 qui change : {}. Rien n'a été enregistré. Vos saisies sont toujours dans le formulaire : relisez-les, \
                 puis enregistrez de nouveau pour remplacer cette version.",
                self.author, self.at.french, what
            )
        }
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_form_is_compared() {
        // A field missing here is an edit a save would drop and a moderator would not see.
        let before = InitiativeInput::default();
        let after = InitiativeInput {
            title: "t".into(),
            summary: "s".into(),
            summary_en: Some("e".into()),
            description: "d".into(),
            kind: "k".into(),
            themes: vec![super::super::Theme::Competences],
            audiences: vec![super::super::Audience::ToutPublic],
            commune: "28085".into(),
            lat: 48.0,
            lon: 1.5,
            address: Some("a".into()),
            organisation: "o".into(),
            website: Some("w".into()),
            email: Some("e".into()),
            phone: Some("p".into()),
            start_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
            end_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 2),
            start_time: chrono::NaiveTime::from_hms_opt(9, 0, 0),
            end_time: chrono::NaiveTime::from_hms_opt(17, 0, 0),
        };
        assert_eq!(changed_fields(&before, &after), Field::FORM_ORDER.to_vec());
    }

    #[test]
    fn a_conflict_says_who_when_and_what() {
        let conflict = Conflict {
            latest: 3,
            author: "Marie Dupont (Mission Locale)".into(),
            at: super::super::holding::instant("2026-11-23T16:40:00Z"),
            changed: vec![Field::Title, Field::Phone],
        };
        let text = conflict.to_string();
        assert!(text.contains("Marie Dupont (Mission Locale)"), "{text}");
        assert!(text.contains("23 novembre 2026 à 17 h 40"), "{text}");
        assert!(text.contains("Titre, Téléphone"), "{text}");
        // On English pages, in English: the fields' English names, the English way to write an instant.
        let english = conflict.message(true);
        assert!(english.starts_with("This initiative was changed while you were editing it"), "{english}");
        assert!(english.contains("on 23 November 2026 at 17:40, which changes: Title, Phone."), "{english}");
    }

    #[test]
    fn every_field_and_status_has_an_english_name() {
        // A name the same in both languages would be a French word left on an English page.
        let same = ["Description"];
        for field in Field::FORM_ORDER {
            assert!(field.label_in(true) != field.label_in(false) || same.contains(&field.label()), "{field:?}");
        }
        for status in Status::ALL {
            assert_ne!(status.label_in(true), status.label_in(false), "{status:?}");
        }
        assert_eq!(
            super::super::holding::status_text(Status::Published, Some(Status::Pending), true),
            "Published — change awaiting review"
        );
    }
}

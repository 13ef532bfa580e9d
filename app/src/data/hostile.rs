//! A hostile initiative for the browser test that checks markup typed into any text field shows
//! as text everywhere (`server seed-hostile`). Never part of the demo data.

use super::{DataError, Db};
use crate::domain::{Audience, InitiativeInput, Status, Theme};

/// Markup that would set `window.__xss` if a page ever parsed it as HTML.
pub const HOSTILE_MARKUP: &str = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>";

/// The organisation of the hostile initiative (how `seed-synthetic` knows it for a fixture).
pub(super) static HOSTILE_ORGANISATION: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("Structure {HOSTILE_MARKUP}"));

impl Db {
    /// Adds one published initiative whose every free text carries [`HOSTILE_MARKUP`]; returns
    /// its id. Refused on a database that holds real initiatives.
    pub async fn seed_hostile(&self) -> Result<i64, DataError> {
        self.refuse_fixtures_beside_real_data().await?;
        let input = InitiativeInput {
            title: format!("Piège {HOSTILE_MARKUP}"),
            summary: format!("Un résumé qui contient {HOSTILE_MARKUP} et doit rester du texte."),
            summary_en: None,
            description: format!("Premier paragraphe {HOSTILE_MARKUP}\n\n<b>Second</b> paragraphe."),
            kind: "forum-metiers".into(),
            themes: vec![Theme::Competences],
            audiences: vec![Audience::ToutPublic],
            commune: "28134".into(),
            lat: 48.7366,
            lon: 1.3662,
            address: Some(format!("Rue {HOSTILE_MARKUP}")),
            organisation: HOSTILE_ORGANISATION.clone(),
            website: Some("https://exemple.fr/?q=<script>window.__xss=1</script>".into()),
            email: Some("<b>piege</b>@exemple.fr".into()),
            phone: Some("02 37 00 00 00".into()),
            start_date: None,
            end_date: None,
            start_time: None,
            end_time: None,
        };
        self.create_initiative(&input, Status::Published, false).await
    }
}

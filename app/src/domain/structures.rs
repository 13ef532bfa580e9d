//! A holder's public page (`/structures/{slug}`): the organisation, the areas it works in, what it
//! offers, its published initiatives, « Charte signée ». Nothing personal: the contact person's
//! name only if the holder chose to show it, never an address of the account.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Audience, InitiativeDetail, KindInfo};

/// The path of the public page of the holder whose page is named `slug`.
pub fn structure_path(slug: &str) -> String {
    format!("/structures/{slug}")
}

/// One kind of initiative a holder offers, and how many of its published initiatives are of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub kind: KindInfo,
    pub count: usize,
}

/// What a holder's public page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StructurePage {
    pub slug: String,
    pub organisation: String,
    /// The contact person, when the holder chose to show their name.
    pub contact_name: Option<String>,
    pub charter_signed: bool,
    /// The names of the areas of its published initiatives, by name (as the map lists areas).
    pub areas: Vec<String>,
    /// The kinds of its published initiatives, the most frequent first.
    pub offers: Vec<Offer>,
    /// Everyone its initiatives are for, in the vocabulary's order.
    pub audiences: Vec<Audience>,
    /// Its published initiatives, by name.
    pub initiatives: Vec<StructureEntry>,
}

/// One initiative on its holder's page: what the list and the small map show, and no more (the
/// page sends its data to the browser; contacts and descriptions are on each initiative's page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StructureEntry {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// The holder's English summary, for the English page.
    pub summary_en: Option<String>,
    pub path: String,
    pub kind: KindInfo,
    pub commune_name: String,
    pub area_name: String,
    pub lat: f64,
    pub lon: f64,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub to_check: bool,
    pub is_demo: bool,
}

impl From<InitiativeDetail> for StructureEntry {
    fn from(detail: InitiativeDetail) -> StructureEntry {
        StructureEntry {
            id: detail.id,
            title: detail.title,
            summary: detail.summary,
            summary_en: detail.summary_en,
            path: detail.path,
            kind: detail.kind,
            commune_name: detail.commune_name,
            area_name: detail.area.name,
            lat: detail.lat,
            lon: detail.lon,
            start_date: detail.start_date,
            end_date: detail.end_date,
            start_time: detail.start_time,
            end_time: detail.end_time,
            to_check: detail.to_check,
            is_demo: detail.is_demo,
        }
    }
}

impl StructurePage {
    /// The page of a holder from its published initiatives.
    pub fn new(
        slug: String,
        organisation: String,
        contact_name: Option<String>,
        charter_signed: bool,
        initiatives: Vec<InitiativeDetail>,
    ) -> StructurePage {
        let mut areas: Vec<String> = Vec::new();
        let mut offers: Vec<Offer> = Vec::new();
        let mut audiences: Vec<Audience> = Vec::new();
        for initiative in &initiatives {
            if !areas.contains(&initiative.area.name) {
                areas.push(initiative.area.name.clone());
            }
            match offers.iter_mut().find(|offer| offer.kind.code == initiative.kind.code) {
                Some(offer) => offer.count += 1,
                None => offers.push(Offer { kind: initiative.kind.clone(), count: 1 }),
            }
            for audience in &initiative.audiences {
                if !audiences.contains(audience) {
                    audiences.push(*audience);
                }
            }
        }
        areas.sort();
        // The most frequent first; equal counts by label, so the page reads the same each time.
        offers.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.kind.label.cmp(&b.kind.label)));
        audiences.sort();
        StructurePage {
            slug,
            organisation,
            contact_name: contact_name.filter(|name| !name.trim().is_empty()),
            charter_signed,
            areas,
            offers,
            audiences,
            initiatives: initiatives.into_iter().map(StructureEntry::from).collect(),
        }
    }
}

//! Areas, communes and kinds: the reference data that initiatives point to.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::{DataError, Db};
use crate::domain::{Area, CommuneChoice, KindInfo, Vocabulary};

/// The gazetteer of Eure-et-Loir's 363 communes, with the area each belongs to.
const COMMUNES_JSON: &str = include_str!("../../data/communes28.json");

/// Every commune of the embedded gazetteer as `(insee, name)`, by name then code: the communes'
/// suggestions (`map::filter_panel::CommunesSuggestions`), which the map page writes while it
/// renders and cannot wait for a query. `sync_gazetteer` puts each of them in the `communes`
/// table at start-up (which stops on a gazetteer it cannot read); it removes none that a newer
/// gazetteer dropped, which initiatives may still name, and which are then no longer suggested.
pub fn gazetteer_communes() -> &'static [(String, String)] {
    static COMMUNES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
        let records: Vec<CommuneRecord> = serde_json::from_str(COMMUNES_JSON).unwrap_or_default();
        let mut communes: Vec<(String, String)> = records.into_iter().map(|record| (record.code, record.nom)).collect();
        communes.sort_by(|(insee_a, name_a), (insee_b, name_b)| (name_a, insee_a).cmp(&(name_b, insee_b)));
        communes
    });
    &COMMUNES
}

/// The communes among `codes` (INSEE), as `(insee, name)`: those a view names.
pub fn commune_names<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<(String, String)> {
    let codes: Vec<&str> = codes.into_iter().collect();
    gazetteer_communes().iter().filter(|(insee, _)| codes.contains(&insee.as_str())).cloned().collect()
}

#[derive(Deserialize)]
struct CommuneRecord {
    code: String,
    nom: String,
    #[serde(rename = "codesPostaux")]
    postal_codes: Vec<String>,
    population: i64,
    arrondissement: String,
    bassin: String,
    lat: f64,
    lon: f64,
}

/// The kinds, communes and areas that exist, for validating an input or a view against them.
/// Cheap to clone: the sets are shared.
#[derive(Clone)]
pub struct Catalogue(Arc<Sets>);

struct Sets {
    kinds: HashSet<String>,
    /// Each commune's centre, by INSEE code.
    communes: HashMap<String, (f64, f64)>,
    /// Each commune's INSEE code and postcodes, by its name's [`name_key`].
    names: HashMap<String, (String, Vec<String>)>,
    areas: HashSet<String>,
}

impl Vocabulary for Catalogue {
    fn has_kind(&self, code: &str) -> bool {
        self.0.kinds.contains(code)
    }
    fn has_commune(&self, insee: &str) -> bool {
        self.0.communes.contains_key(insee)
    }
    fn has_area(&self, code: &str) -> bool {
        self.0.areas.contains(code)
    }
    fn commune_centre(&self, insee: &str) -> Option<(f64, f64)> {
        self.0.communes.get(insee).copied()
    }
    fn commune_named(&self, typed: &str) -> Option<String> {
        let words: Vec<&str> = typed.split_whitespace().collect();
        let is_postcode = |word: &str| word.len() == 5 && word.bytes().all(|b| b.is_ascii_digit());
        // « 28000 Chartres », « Chartres 28000 »: the postcode must be the commune's.
        let (postcode, name) = match words.as_slice() {
            [first, rest @ ..] if is_postcode(first) && !rest.is_empty() => (Some(*first), rest.join(" ")),
            [rest @ .., last] if is_postcode(last) && !rest.is_empty() => (Some(*last), rest.join(" ")),
            _ => (None, typed.to_string()),
        };
        let (insee, postcodes) = self.0.names.get(&name_key(&name))?;
        postcode.is_none_or(|code| postcodes.iter().any(|c| c == code)).then(|| insee.clone())
    }
}

/// A commune's name as people type it, reduced to what tells communes apart: no case, accents,
/// hyphens or apostrophes, and « St »/« Ste » as « Saint »/« Sainte » (« st-prest » and
/// « Saint Prest » are both `saint-prest`).
fn name_key(name: &str) -> String {
    slug::slugify(name)
        .split('-')
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The URL code of an area: its name without accents or capitals ("Châteaudun" → "chateaudun").
pub fn area_code(name: &str) -> String {
    slug::slugify(name)
}

impl Db {
    /// Makes the `areas` and `communes` tables match the embedded gazetteer. A row already equal
    /// is not written: an update of either table moves the published revision (migration 0007),
    /// and a restart must not tell every open map to fetch its pins again.
    pub(super) async fn sync_gazetteer(&self) -> Result<(), DataError> {
        let records: Vec<CommuneRecord> = serde_json::from_str(COMMUNES_JSON)
            .map_err(|e| DataError::EmbeddedData { file: "communes28.json", message: e.to_string() })?;
        let mut tx = self.pool.begin().await?;
        for record in &records {
            sqlx::query(
                "INSERT INTO areas (code, name, arrondissement) VALUES (?1, ?2, ?3)
                 ON CONFLICT(code) DO UPDATE SET name = excluded.name, arrondissement = excluded.arrondissement
                 WHERE name IS NOT excluded.name OR arrondissement IS NOT excluded.arrondissement",
            )
            .bind(area_code(&record.bassin))
            .bind(&record.bassin)
            .bind(&record.arrondissement)
            .execute(&mut *tx)
            .await?;
        }
        for record in &records {
            sqlx::query(
                "INSERT INTO communes (insee, name, area, postal_codes, population, lat, lon)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(insee) DO UPDATE SET name = excluded.name, area = excluded.area,
                   postal_codes = excluded.postal_codes, population = excluded.population,
                   lat = excluded.lat, lon = excluded.lon
                 WHERE name IS NOT excluded.name OR area IS NOT excluded.area OR postal_codes IS NOT excluded.postal_codes
                   OR population IS NOT excluded.population OR lat IS NOT excluded.lat OR lon IS NOT excluded.lon",
            )
            .bind(&record.code)
            .bind(&record.nom)
            .bind(area_code(&record.bassin))
            .bind(record.postal_codes.join(" "))
            .bind(record.population)
            .bind(record.lat)
            .bind(record.lon)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The kinds and communes validation checks against.
    pub async fn catalogue(&self) -> Result<Catalogue, DataError> {
        self.catalogue_at(self.revision().await?).await
    }

    /// The catalogue as of the data revision `revision`, which the caller has just read: every
    /// view (each request for pins or an export) needs it, so it is kept while that revision
    /// (moved by any change to kinds, communes or areas) stays the same.
    pub async fn catalogue_at(&self, revision: i64) -> Result<Catalogue, DataError> {
        if let Some((at, catalogue)) = self.catalogue.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if *at == revision {
                return Ok(catalogue.clone());
            }
        }
        let kinds = sqlx::query_scalar::<_, String>("SELECT code FROM kinds").fetch_all(&self.pool).await?;
        let communes = sqlx::query_as::<_, (String, String, String, f64, f64)>(
            "SELECT insee, name, postal_codes, lat, lon FROM communes",
        )
        .fetch_all(&self.pool)
        .await?;
        let areas = sqlx::query_scalar::<_, String>("SELECT code FROM areas").fetch_all(&self.pool).await?;
        let catalogue = Catalogue(Arc::new(Sets {
            kinds: kinds.into_iter().collect(),
            names: communes
                .iter()
                .map(|(insee, name, codes, _, _)| {
                    (name_key(name), (insee.clone(), codes.split_whitespace().map(String::from).collect()))
                })
                .collect(),
            communes: communes.into_iter().map(|(insee, _, _, lat, lon)| (insee, (lat, lon))).collect(),
            areas: areas.into_iter().collect(),
        }));
        *self.catalogue.lock().unwrap_or_else(|p| p.into_inner()) = Some((revision, catalogue.clone()));
        Ok(catalogue)
    }

    /// Every kind, in legend order.
    pub async fn kinds(&self) -> Result<Vec<KindInfo>, DataError> {
        let rows = sqlx::query_as::<_, (String, String, String, String)>(
            "SELECT code, label_fr, label_en, colour FROM kinds ORDER BY position",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(code, label, label_en, colour)| KindInfo { code, label, label_en, colour }).collect())
    }

    /// The four areas, by name.
    pub async fn areas(&self) -> Result<Vec<Area>, DataError> {
        let rows = sqlx::query_as::<_, (String, String)>("SELECT code, name FROM areas ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|(code, name)| Area { code, name }).collect())
    }

    /// Every commune with its first postal code and centre, by name: the initiative form's
    /// autocomplete, and where its pin starts.
    pub async fn commune_choices(&self) -> Result<Vec<CommuneChoice>, DataError> {
        let rows: Vec<(String, String, String, f64, f64)> =
            sqlx::query_as("SELECT insee, name, postal_codes, lat, lon FROM communes ORDER BY name, insee")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(insee, name, postal_codes, lat, lon)| CommuneChoice {
                postal_code: postal_codes.split_whitespace().next().unwrap_or_default().to_string(),
                insee,
                name,
                lat,
                lon,
            })
            .collect())
    }

    /// How many communes the gazetteer holds.
    pub async fn commune_count(&self) -> Result<i64, DataError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM communes").fetch_one(&self.pool).await?)
    }
}

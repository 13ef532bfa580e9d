//! Synthetic initiatives for benchmarks (`server seed-synthetic --count 50000`): published,
//! spread over every commune and kind, and labelled in their title so nobody mistakes them for
//! real ones. Never part of the demo data.

use super::search::index_for_search;
use super::{now, DataError, Db};
use crate::domain::ordering::title_key;
use crate::domain::{Audience, Theme};

/// A tiny deterministic generator (xorshift), so that two runs seed the same data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A jitter in [-span, span] degrees, so pins of one commune do not stack.
    fn jitter(&mut self, span: f64) -> f64 {
        (self.next() % 20_001) as f64 / 10_000.0 * span - span
    }
}

/// The organisation every synthetic initiative names starts so (and only they do).
const SYNTHETIC_ORGANISATION: &str = "Structure synthétique";

impl Db {
    /// Refuses to add fixtures (synthetic or hostile initiatives) to a database that holds real
    /// ones: anything but demo data and earlier fixtures means a real deployment's data.
    pub(super) async fn refuse_fixtures_beside_real_data(&self) -> Result<(), DataError> {
        let real: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM initiatives
              WHERE is_demo = 0 AND organisation NOT LIKE ?1 || ' %' AND organisation <> ?2",
        )
        .bind(SYNTHETIC_ORGANISATION)
        .bind(super::hostile::HOSTILE_ORGANISATION.as_str())
        .fetch_one(&self.pool)
        .await?;
        if real > 0 {
            return Err(DataError::Refused(format!(
                "Cette base contient {real} initiative(s) réelle(s) : les données de test n'y sont jamais ajoutées. \
                 Utilisez une base à part (DATABASE_URL)."
            )));
        }
        Ok(())
    }

    /// Adds `count` published synthetic initiatives; returns how many were added. Refused on a
    /// database that holds real initiatives.
    pub async fn seed_synthetic(&self, count: usize) -> Result<usize, DataError> {
        self.refuse_fixtures_beside_real_data().await?;
        let communes: Vec<(String, String, f64, f64)> =
            sqlx::query_as("SELECT insee, name, lat, lon FROM communes ORDER BY insee").fetch_all(&self.pool).await?;
        let kinds: Vec<(String, String)> =
            sqlx::query_as("SELECT code, label_fr FROM kinds ORDER BY position").fetch_all(&self.pool).await?;
        let mut random = Random(0x2028_0028_u64);
        let now = now();
        let mut tx = self.pool.begin().await?;
        for n in 1..=count {
            let (insee, name, lat, lon) = &communes[random.below(communes.len())];
            let (kind, kind_label) = &kinds[random.below(kinds.len())];
            let title = format!("{kind_label} n° {n} à {name} (données synthétiques)");
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO initiatives (title, slug, summary, kind, commune, lat, lon, organisation,
                    status, is_demo, created_at, updated_at, title_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'published', 0, ?9, ?9, ?10) RETURNING id",
            )
            .bind(&title)
            .bind(slug::slugify(&title))
            .bind(format!("Initiative synthétique pour mesurer la carte à grande échelle, à {name}."))
            .bind(kind)
            .bind(insee)
            .bind(lat + random.jitter(0.01))
            .bind(lon + random.jitter(0.015))
            .bind(format!("{SYNTHETIC_ORGANISATION} {}", n % 997))
            .bind(&now)
            .bind(title_key(&title))
            .fetch_one(&mut *tx)
            .await?;
            let theme = Theme::ALL[random.below(Theme::ALL.len())];
            let audience = Audience::ALL[random.below(Audience::ALL.len())];
            sqlx::query("INSERT INTO initiative_themes (initiative_id, theme) VALUES (?1, ?2)")
                .bind(id)
                .bind(theme.code())
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO initiative_audiences (initiative_id, audience) VALUES (?1, ?2)")
                .bind(id)
                .bind(audience.code())
                .execute(&mut *tx)
                .await?;
            index_for_search(&mut tx, id).await?;
        }
        tx.commit().await?;
        Ok(count)
    }
}

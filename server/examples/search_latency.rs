//! Search latency on the server, for `bench/RESULTS.md`: runs French searches against a database
//! through the data layer the map page uses, and prints p50 / p99 / max in Markdown.
//!
//! Usage: `cargo run --release -p server --example search_latency -- sqlite:///tmp/big/c50k.db [rounds] [--sql]`
//!
//! Three measures per query, because a search view asks for all three:
//! - "search": the list of a search view (`published_page`: the count and the first 100 rows,
//!   ranked by relevance): what the goal (p99 < 10 ms) is about. Twice: for the first
//!   visitor of a view, who has every match ranked (measured on a fresh `Db`, whose kept rankings
//!   are empty: `COLD_ROUNDS` per query, its search index built first as the server does at
//!   start-up; `--sql` leaves it out, to measure SQLite's ranking), and for the visitors after
//!   them, who read the kept ranking (`data/search.rs`, `Rankings`);
//! - "facets": the counts beside every filter option for that search, computed (the server keeps
//!   them per view and data revision; this measures the first visitor of a view);
//! - "pins": the pin payload's rows for that search (`published_pins`, before encoding).
use std::time::{Duration, Instant};

use app::data::{DataError, Db, Facet};
use app::domain::Filters;

/// What people type: single words, two words in either order, accents or not, a search with an
/// area, and words that match nothing.
const QUERIES: &[&str] = &[
    "q=forum",
    "q=immersion",
    "q=dreux",
    "q=ecole+entreprise",
    "q=entreprise+%C3%A9cole",
    "q=m%C3%A9tiers+num%C3%A9riques",
    "q=stage+3e",
    "q=parrainage+chartres",
    "q=atelier&bassin=chateaudun",
    "q=visite&kind=visite-entreprise",
    "q=orientation",
    "q=klub",
    "q=xylophone+quantique",
];

/// Fresh `Db`s per query for the first visitor's measure (each opening costs a few hundred ms).
const COLD_ROUNDS: usize = 5;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let url = args.next().ok_or("usage: search_latency DATABASE_URL [rounds]")?;
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(50);
    let by_sql = args.next().as_deref() == Some("--sql");
    let db = Db::connect(&url).await?;
    let start = Instant::now();
    if !by_sql {
        db.build_search_index().await?;
        eprintln!("search index built in {}", ms(start.elapsed()));
    }
    let catalogue = db.catalogue().await?;
    let total = db.published_count(&Filters::default()).await?;
    let mut search = Vec::new();
    let mut first_visitor = Vec::new();
    let mut facets = Vec::new();
    let mut pins = Vec::new();
    let mut hits = Vec::new();
    let mut per_query = Vec::new();
    for query in QUERIES {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let filters = Filters::from_query(&pairs, &catalogue).map_err(|e| e.0.french)?;
        // One warm-up round: the first query of a kind pays for SQLite's page cache.
        let start = Instant::now();
        hits.push((query, db.published_page(&filters).await?.total));
        let listed = start.elapsed();
        uncached_facets(&db, &filters).await?;
        let counted = start.elapsed();
        db.published_pins(&filters).await?;
        eprintln!("{query}: first run {} + {} + {}", ms(listed), ms(counted - listed), ms(start.elapsed() - counted));
        let mut this_query = Vec::new();
        for _ in 0..rounds {
            let searched = timed(db.published_page(&filters)).await?;
            search.push(searched);
            this_query.push(searched);
            facets.push(timed(uncached_facets(&db, &filters)).await?);
            pins.push(timed(db.published_pins(&filters)).await?);
        }
        // After the visitors' rounds: opening fresh databases slows the round that follows
        // them by 15–25 ms (their memory given back, their connections closed), which the next
        // query's warm-up round takes.
        let mut this_cold = Vec::new();
        for _ in 0..COLD_ROUNDS {
            let fresh = Db::connect(&url).await?;
            if !by_sql {
                fresh.build_search_index().await?;
            }
            this_cold.push(timed(fresh.published_page(&filters)).await?);
            fresh.close().await;
        }
        this_cold.sort();
        first_visitor.extend(this_cold.iter().copied());
        this_query.sort();
        per_query.push((percentile(&this_cold, 50.0), percentile(&this_query, 50.0), percentile(&this_query, 99.0)));
    }
    println!("{total} published initiatives, {} queries × {rounds} rounds ({COLD_ROUNDS} on a fresh Db for the first visitor)", QUERIES.len());
    println!();
    println!("| measure | p50 | p99 | max |");
    println!("|---|---:|---:|---:|");
    for (name, samples) in [
        ("search, first visitor of the view (every match ranked)", &mut first_visitor),
        ("search, the visitors after them (ranking kept)", &mut search),
        ("facets", &mut facets),
        ("pins", &mut pins),
    ] {
        samples.sort();
        println!(
            "| {name} | {} | {} | {} |",
            ms(percentile(samples, 50.0)),
            ms(percentile(samples, 99.0)),
            ms(*samples.last().unwrap_or(&Duration::ZERO))
        );
    }
    println!();
    println!("| query | initiatives found | first visitor p50 | after: p50 | after: p99 |");
    println!("|---|---:|---:|---:|---:|");
    for ((query, found), (cold, p50, p99)) in hits.into_iter().zip(per_query) {
        println!("| `{query}` | {found} | {} | {} | {} |", ms(cold), ms(p50), ms(p99));
    }
    Ok(())
}

/// The four facets' counts, as `Db::facets` computes them on a cache miss.
async fn uncached_facets(db: &Db, filters: &Filters) -> Result<(), DataError> {
    for facet in [Facet::Kind, Facet::Theme, Facet::Audience, Facet::Area] {
        db.facet_counts(filters, facet).await?;
    }
    Ok(())
}

async fn timed<T, E>(work: impl std::future::Future<Output = Result<T, E>>) -> Result<Duration, E> {
    let start = Instant::now();
    work.await?;
    Ok(start.elapsed())
}

/// The nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

//! The optional geocoder: the national address service (Base Adresse Nationale, through the
//! Géoplateforme's `geocodage/search`, answering GeoCodeJSON), which places an address typed in
//! « Autour de » when the site is configured with one (`GEOCODER_URL`). Communes never need it:
//! the gazetteer places them.
//!
//! The server asks, never the browser: the visitor's network address stays with us, and the
//! service only sees the words typed. Answers are kept a day (a shared link asks once). New
//! addresses are limited per visitor (per network, `network_key`, as every limit of the site:
//! [`PER_VISITOR_BURST`], then one every [`PER_VISITOR_PERIOD`]) and for the whole site
//! ([`REQUESTS_PER_SECOND`]; the service allows 50 per address), so that one visitor typing made-up addresses neither takes the site's share nor
//! gets it refused by the service. When the service fails, the site stops asking it for
//! [`PAUSE_AFTER_FAILURE`] and says so at once, rather than making every visitor wait for it.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;

use crate::domain::filters::{shorten, Located};
use crate::domain::geography::within_reach;
use crate::domain::network::network_key;
use crate::domain::Message;

/// How long the service may take before the visitor is told it does not answer.
const TIMEOUT: Duration = Duration::from_secs(4);
/// Addresses whose answer is kept.
const CACHED_ANSWERS: usize = 2_000;
/// How long an answer (found, not found) is kept: addresses rarely move. An older one found still
/// serves when the service cannot be asked.
const KEPT: Duration = Duration::from_secs(24 * 3600);
/// How long the site stops asking a service that failed (no answer, an error status).
pub const PAUSE_AFTER_FAILURE: Duration = Duration::from_secs(30);
/// Requests per second to the service on average, for the whole site (bursts of twice as many).
pub const REQUESTS_PER_SECOND: u32 = 20;
/// New addresses one visitor may have placed at once…
pub const PER_VISITOR_BURST: u32 = 10;
/// …then one every so often.
pub const PER_VISITOR_PERIOD: Duration = Duration::from_secs(6);
/// Visitors remembered by the per-visitor limit before the idle ones are forgotten.
const FORGET_ABOVE: usize = 10_000;
/// Results asked for: the best one within the map's reach is taken.
const RESULTS: &str = "5";
/// Below this score (0 to 1) a result is a guess, not the address typed.
const MIN_SCORE: f64 = 0.4;
/// How much lower than the best result one within the map's reach may score and still be taken:
/// « 10 rue de Rivoli, Paris » is Paris's street, not a namesake near Chartres.
const NEAR_ENOUGH_SCORE: f64 = 0.1;
/// The service takes a query of 3 to 200 characters, starting with a letter or a digit.
const TYPED_CHARS: std::ops::RangeInclusive<usize> = 3..=200;
/// Where results are favoured: the department's middle (the service ranks nearer places first
/// among equally good matches).
const FAVOURED: (&str, &str) = ("48.45", "1.40");

/// A handle on the geocoder, cheap to clone.
#[derive(Clone)]
pub struct Geocoder(Arc<Inner>);

struct Inner {
    url: url::Url,
    agent: ureq::Agent,
    answers: quick_cache::sync::Cache<String, (Instant, Answer)>,
    limiter: DefaultDirectRateLimiter,
    per_visitor: DefaultKeyedRateLimiter<IpAddr>,
    /// Until when the service is not asked, after a failure.
    paused_until: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for Geocoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Geocoder").field(&self.service()).finish()
    }
}

/// Why an address typed was not placed, said for the visitor.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// The words name no address near Eure-et-Loir (or are no address at all).
    Unplaced(Message),
    /// Too many new addresses asked, by this visitor or by everyone: try again in a moment.
    Busy(Message),
    /// The service does not answer.
    Down(Message),
}

/// What the service said about one address.
#[derive(Clone, Debug)]
enum Answer {
    Found {
        label: String,
        lat: f64,
        lon: f64,
    },
    /// Found, but far from Eure-et-Loir (its label).
    FarAway(String),
    NotFound,
}

/// The service's answer (GeoCodeJSON), as far as it is read.
#[derive(Deserialize)]
struct Results {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    geometry: Geometry,
    properties: Properties,
}

#[derive(Deserialize)]
struct Geometry {
    /// Longitude, latitude.
    coordinates: (f64, f64),
}

#[derive(Deserialize)]
struct Properties {
    label: String,
    score: f64,
}

fn quota(burst: u32, period: Duration) -> Quota {
    Quota::with_period(period).expect("a non-zero period").allow_burst(NonZeroU32::new(burst.max(1)).expect("non-zero"))
}

impl Geocoder {
    /// The geocoder at `url` (its search endpoint, e.g. `https://data.geopf.fr/geocodage/search`).
    /// Plain `http://` only on this machine (the tests' stand-in): addresses typed travel
    /// encrypted.
    pub fn new(url: &str) -> Result<Geocoder, String> {
        let url = url::Url::parse(url.trim()).map_err(|e| format!("{e}: {url:?}"))?;
        let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        match url.scheme() {
            "https" if url.has_host() => {}
            "http" if local => {}
            "http" => return Err(format!("expected https:// (addresses typed must travel encrypted), got {url}")),
            _ => return Err(format!("expected an https:// address, got {url}")),
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("carte-orientation-28/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let site = quota(2 * REQUESTS_PER_SECOND, Duration::from_secs(1) / REQUESTS_PER_SECOND);
        Ok(Geocoder(Arc::new(Inner {
            url,
            agent,
            answers: quick_cache::sync::Cache::new(CACHED_ANSWERS),
            limiter: RateLimiter::direct(site),
            per_visitor: RateLimiter::keyed(quota(PER_VISITOR_BURST, PER_VISITOR_PERIOD)),
            paused_until: Mutex::new(None),
        })))
    }

    /// The service's host (and port), as the privacy page names it: never its credentials or
    /// query, should the configured address hold any.
    pub fn service(&self) -> String {
        let host = self.0.url.host_str().unwrap_or_default();
        match self.0.url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }

    /// Where the address `typed` is, or why it cannot be placed; `visitor` is who asks (their
    /// network address), for the per-visitor limit.
    pub async fn locate(&self, typed: &str, visitor: Option<IpAddr>) -> Result<Located, Refusal> {
        let typed = typed.trim();
        let typed_back = shorten(typed);
        if typed.chars().any(char::is_control) {
            return Err(Refusal::Unplaced(Message::new(
                "L'adresse tapée contient un caractère de contrôle.",
                "The address typed contains a control character.",
            )));
        }
        // « « 12 rue… » », « (gare) »: the service takes words that start with a letter or a digit.
        let words = typed.trim_start_matches(|c: char| !c.is_alphanumeric());
        if !TYPED_CHARS.contains(&words.chars().count()) {
            return Err(Refusal::Unplaced(Message::new(
                format!("Une adresse s'écrit en 3 à 200 caractères : « {typed_back} » n'en est pas une."),
                format!("An address is 3 to 200 characters long: “{typed_back}” is not one."),
            )));
        }
        let key = words.to_lowercase();
        let kept = self.0.answers.get(&key);
        let answer = match kept.clone().filter(|(at, _)| at.elapsed() < KEPT) {
            Some((_, answer)) => answer,
            None => match self.ask_limited(words, visitor).await {
                Ok(answer) => {
                    self.0.answers.insert(key, (Instant::now(), answer.clone()));
                    answer
                }
                // Not asked, or no answer: an older place found still serves.
                Err(refusal) => match kept {
                    Some((_, found @ Answer::Found { .. })) => found,
                    _ => return Err(refusal),
                },
            },
        };
        match answer {
            Answer::Found { label, lat, lon } => Ok(Located { typed: typed.to_string(), label, lat, lon }),
            Answer::FarAway(label) => Err(Refusal::Unplaced(Message::new(
                format!("« {typed_back} » désigne « {label} », loin de l'Eure-et-Loir : la carte ne couvre que le département et ses abords. Précisez la commune de l'adresse."),
                format!("“{typed_back}” names “{label}”, far from Eure-et-Loir: the map covers only the department and its surroundings. Add the address's municipality."),
            ))),
            Answer::NotFound => Err(Refusal::Unplaced(Message::new(
                format!("Aucune adresse trouvée pour « {typed_back} ». Vérifiez l'orthographe, ajoutez la commune, ou choisissez une commune dans la liste proposée."),
                format!("No address found for “{typed_back}”. Check the spelling, add the municipality, or choose a municipality from the list."),
            ))),
        }
    }

    /// The service's answer for `words`, unless a limit or a recent failure says not to ask.
    async fn ask_limited(&self, words: &str, visitor: Option<IpAddr>) -> Result<Answer, Refusal> {
        let down = || {
            Refusal::Down(Message::new(
                "Le service d'adresses ne répond pas pour le moment. Choisissez une commune dans la liste proposée, ou appuyez sur « Autour de moi ».",
                "The address service is not answering at the moment. Choose a municipality from the list, or press “Around me”.",
            ))
        };
        let paused_until = *self.0.paused_until.lock().unwrap_or_else(|p| p.into_inner());
        if paused_until.is_some_and(|until| Instant::now() < until) {
            return Err(down());
        }
        if let Some(visitor) = visitor.map(network_key) {
            if self.0.per_visitor.len() > FORGET_ABOVE {
                self.0.per_visitor.retain_recent();
            }
            if self.0.per_visitor.check_key(&visitor).is_err() {
                return Err(Refusal::Busy(Message::new(
                    "Vous avez cherché beaucoup d'adresses en peu de temps : réessayez dans quelques secondes, ou choisissez une commune dans la liste proposée.",
                    "You have looked up many addresses in a short time: try again in a few seconds, or choose a municipality from the list.",
                )));
            }
        }
        if self.0.limiter.check().is_err() {
            return Err(Refusal::Busy(Message::new(
                "Le service d'adresses reçoit trop de demandes en ce moment. Réessayez dans un instant, ou choisissez une commune dans la liste proposée.",
                "The address service is receiving too many requests right now. Try again in a moment, or choose a municipality from the list.",
            )));
        }
        match self.ask(words).await {
            Some(answer) => Ok(answer),
            None => {
                *self.0.paused_until.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(Instant::now() + PAUSE_AFTER_FAILURE);
                Err(down())
            }
        }
    }

    /// One request to the service (a blocking client, on a thread that may block); `None` when
    /// it gave no usable answer (unreachable, too slow, a server error, not GeoCodeJSON).
    async fn ask(&self, words: &str) -> Option<Answer> {
        let inner = self.0.clone();
        let words = words.to_string();
        let asked = tokio::task::spawn_blocking(move || -> Result<Option<Results>, String> {
            let response = inner
                .agent
                .get(inner.url.as_str())
                .query("q", &words)
                .query("limit", RESULTS)
                .query("lat", FAVOURED.0)
                .query("lon", FAVOURED.1)
                .call();
            let mut response = match response {
                Ok(response) => response,
                // The service refused these words (not an address it can search): none found.
                Err(ureq::Error::StatusCode(status)) if (400..500).contains(&status) && status != 429 => {
                    return Ok(None);
                }
                Err(error) => return Err(error.to_string()),
            };
            let body = response.body_mut().read_to_string().map_err(|e| e.to_string())?;
            serde_json::from_str(&body).map(Some).map_err(|e| format!("not GeoCodeJSON: {e}"))
        })
        .await;
        let results = match asked {
            Ok(Ok(Some(results))) => results,
            Ok(Ok(None)) => return Some(Answer::NotFound),
            Ok(Err(error)) => {
                tracing::warn!("geocoder {}: {error}", self.service());
                return None;
            }
            Err(error) => {
                tracing::warn!("geocoder: {error}");
                return None;
            }
        };
        let best = results.features.iter().map(|f| f.properties.score).fold(f64::NEG_INFINITY, f64::max);
        if best < MIN_SCORE {
            return Some(Answer::NotFound);
        }
        let good_enough = (best - NEAR_ENOUGH_SCORE).max(MIN_SCORE);
        let near = results.features.iter().find(|f| {
            f.properties.score >= good_enough && within_reach(f.geometry.coordinates.1, f.geometry.coordinates.0)
        });
        Some(match near {
            Some(found) => Answer::Found {
                label: found.properties.label.clone(),
                lat: found.geometry.coordinates.1,
                lon: found.geometry.coordinates.0,
            },
            None => {
                let far =
                    results.features.iter().find(|f| f.properties.score >= best).expect("the best is one of them");
                Answer::FarAway(far.properties.label.clone())
            }
        })
    }
}

#[cfg(feature = "fixtures")]
pub mod standin;

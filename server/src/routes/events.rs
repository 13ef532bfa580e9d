//! `/api/events`: server-sent events that tell open maps what the public sees has changed (an
//! initiative published, changed or archived, a badge gained or lost), so they fetch their pins
//! again without a reload.
//!
//! One task per server watches the database's published revision (migration 0007), whoever
//! writes — this process, the command line, another server on the same file — and every open
//! stream is told of each new value. An event's id is that revision: a browser that lost its
//! connection reconnects by itself with `Last-Event-ID`, and is told at once if it missed a
//! change meanwhile. A page says which revision it was rendered at with `?depuis=N`.
//!
//! Each stream holds a connection open for as long as the map is: open streams are capped per
//! client address and in total (429 / 503). A page refused a stream asks `/api/revision` from
//! time to time instead (`app::map::live`), and tries a stream again later.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::data::Db;
use app::domain::network::network_key;
use app::error::AppError;
use app::ssr::ClientAddress;
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream::{self, Stream};
use tokio::sync::watch;

/// How often the published revision is read: changes reach open maps within this delay.
const POLL: Duration = Duration::from_millis(500);
/// How long a browser waits before reconnecting after the connection dropped.
const RETRY: Duration = Duration::from_secs(2);
/// Open streams from one address: a school behind one connection opens a few classrooms' worth.
pub const MAX_STREAMS_PER_ADDRESS: usize = 100;
/// Open streams in all: each holds a connection (a file descriptor) for as long as a map is open.
pub const MAX_STREAMS: usize = 2_000;

pub const TOO_MANY_FROM_HERE: &str =
    "Trop de cartes ouvertes depuis votre connexion suivent les mises à jour : celle-ci se mettra à jour un peu plus lentement.";
pub const TOO_MANY: &str =
    "Le serveur suit déjà beaucoup de cartes ouvertes : celle-ci se mettra à jour un peu plus lentement.";

/// The streams open now, in all and per address (keyed like the throttle: IPv6 by /64).
#[derive(Debug)]
struct OpenStreams {
    per_address: Mutex<HashMap<Option<IpAddr>, usize>>,
    per_address_cap: usize,
    cap: usize,
}

/// One open stream, counted until it is dropped (the browser left, or the server stops).
struct Counted {
    open: Arc<OpenStreams>,
    address: Option<IpAddr>,
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut counts = self.open.per_address.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.address);
            }
        }
    }
}

impl OpenStreams {
    /// Counts a new stream from `address`, or says why not.
    fn open(self: &Arc<Self>, address: Option<IpAddr>) -> Result<Counted, (StatusCode, &'static str)> {
        let mut counts = self.per_address.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if counts.values().sum::<usize>() >= self.cap {
            return Err((StatusCode::SERVICE_UNAVAILABLE, TOO_MANY));
        }
        let count = counts.entry(address).or_default();
        // Without an address (a test calling the router directly) only the total counts.
        if address.is_some() && *count >= self.per_address_cap {
            return Err((StatusCode::TOO_MANY_REQUESTS, TOO_MANY_FROM_HERE));
        }
        *count += 1;
        Ok(Counted { open: self.clone(), address })
    }
}

/// The published revision as last read, and whether the server is stopping (streams then end,
/// so that a graceful shutdown is not held up by open maps).
#[derive(Clone, Debug)]
pub struct Live {
    published: watch::Receiver<i64>,
    stopping: watch::Receiver<bool>,
    stop: std::sync::Arc<watch::Sender<bool>>,
    open: Arc<OpenStreams>,
}

impl Live {
    /// Starts watching `db`'s published revision (the task ends when the last `Live` is dropped).
    pub async fn start(db: &Db) -> Live {
        Live::with_caps(db, MAX_STREAMS_PER_ADDRESS, MAX_STREAMS).await
    }

    /// [`Live::start`] with other caps on open streams (tests).
    pub async fn with_caps(db: &Db, per_address: usize, total: usize) -> Live {
        let first = db.published_revision().await.unwrap_or_default();
        let (sender, published) = watch::channel(first);
        let (stop, stopping) = watch::channel(false);
        let db = db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(POLL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = sender.closed() => return,
                }
                // A database that does not answer for a moment is asked again at the next tick.
                if let Ok(revision) = db.published_revision().await {
                    sender.send_if_modified(|current| std::mem::replace(current, revision) != revision);
                }
            }
        });
        let open = Arc::new(OpenStreams { per_address: Mutex::default(), per_address_cap: per_address, cap: total });
        Live { published, stopping, stop: std::sync::Arc::new(stop), open }
    }

    /// Ends every open stream (at shutdown).
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

/// `?depuis=N`: the published revision the page was rendered at.
fn since(query: Option<&str>) -> Result<Option<i64>, AppError> {
    super::single_param(query, "depuis")?.map(|value| value.trim().parse::<i64>()).transpose().map_err(|_| {
        AppError::BadRequest(app::domain::Message::new(
            "« depuis » doit être un numéro de révision (un nombre entier).",
            "“depuis” must be a revision number (a whole number).",
        ))
    })
}

/// `GET /api/revision`: the published revision now, for a page that was refused a stream.
pub async fn revision(State(live): State<Live>) -> Response {
    let revision = *live.published.borrow();
    ([(CONTENT_TYPE, "text/plain; charset=utf-8"), (CACHE_CONTROL, "no-store")], revision.to_string()).into_response()
}

/// The stream of published revisions, starting with the current one if it differs from what
/// the browser last knew (`Last-Event-ID`, else `?depuis=`); 429 or 503 past the caps.
pub async fn events(
    State(live): State<Live>,
    RawQuery(query): RawQuery,
    client: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
) -> Response {
    let since = match since(query.as_deref()) {
        Ok(since) => since,
        Err(error) => return error.into_response(),
    };
    let counted = match live.open.open(client.map(|Extension(ClientAddress(ip))| network_key(ip))) {
        Ok(counted) => counted,
        Err((status, message)) => {
            return (status, [(CONTENT_TYPE, "text/plain; charset=utf-8"), (RETRY_AFTER, "30")], message)
                .into_response()
        }
    };
    stream(live, since, headers, counted).into_response()
}

fn stream(
    live: Live,
    since: Option<i64>,
    headers: HeaderMap,
    counted: Counted,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let last_event = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
    let known: Option<i64> = last_event.or(since);
    let mut published = live.published.clone();
    // Whatever happened before this request counts as unseen unless the browser says otherwise.
    published.mark_changed();
    let first = Event::default().retry(RETRY).comment("carte-orientation-28");
    // The count goes with the stream's state: dropped when the stream is.
    let state = (published, live.stopping.clone(), known, Some(first), counted);
    let stream = stream::unfold(state, |(mut published, mut stopping, mut known, first, counted)| async move {
        if let Some(first) = first {
            return Some((Ok(first), (published, stopping, known, None, counted)));
        }
        loop {
            tokio::select! {
                changed = published.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
                _ = stopping.wait_for(|stop| *stop) => return None,
            }
            let revision = *published.borrow_and_update();
            if known != Some(revision) {
                known = Some(revision);
                let event = Event::default().event("published").id(revision.to_string()).data(revision.to_string());
                return Some((Ok(event), (published, stopping, known, None, counted)));
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

//! `/api/events`: server-sent events that tell open maps what the public sees has changed (an
//! initiative published, changed or archived, a badge gained or lost), so they fetch their pins
//! again without a reload.
//!
//! One task per server watches the database's published revision (migration 0007), whoever
//! writes — this process, the command line, another server on the same file — and every open
//! stream is told of each new value. An event's id is that revision: a browser that lost its
//! connection reconnects by itself with `Last-Event-ID`, and is told at once if it missed a
//! change meanwhile. A page says which revision it was rendered at with `?depuis=N`.

use std::convert::Infallible;
use std::time::Duration;

use app::data::Db;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream};
use serde::Deserialize;
use tokio::sync::watch;

/// How often the published revision is read: changes reach open maps within this delay.
const POLL: Duration = Duration::from_millis(500);
/// How long a browser waits before reconnecting after the connection dropped.
const RETRY: Duration = Duration::from_secs(2);

/// The published revision as last read, and whether the server is stopping (streams then end,
/// so that a graceful shutdown is not held up by open maps).
#[derive(Clone, Debug)]
pub struct Live {
    published: watch::Receiver<i64>,
    stopping: watch::Receiver<bool>,
    stop: std::sync::Arc<watch::Sender<bool>>,
}

impl Live {
    /// Starts watching `db`'s published revision (the task ends when the last `Live` is dropped).
    pub async fn start(db: &Db) -> Live {
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
        Live { published, stopping, stop: std::sync::Arc::new(stop) }
    }

    /// Ends every open stream (at shutdown).
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

#[derive(Deserialize)]
pub struct Since {
    /// The published revision the page was rendered at.
    depuis: Option<i64>,
}

/// The stream of published revisions, starting with the current one if it differs from what
/// the browser last knew (`Last-Event-ID`, else `?depuis=`).
pub async fn events(
    State(live): State<Live>,
    Query(since): Query<Since>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let last_event = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
    let known: Option<i64> = last_event.or(since.depuis);
    let mut published = live.published.clone();
    // Whatever happened before this request counts as unseen unless the browser says otherwise.
    published.mark_changed();
    let first = Event::default().retry(RETRY).comment("carte-orientation-28");
    let state = (published, live.stopping.clone(), known, Some(first));
    let stream = stream::unfold(state, |(mut published, mut stopping, mut known, first)| async move {
        if let Some(first) = first {
            return Some((Ok(first), (published, stopping, known, None)));
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
                return Some((Ok(event), (published, stopping, known, None)));
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

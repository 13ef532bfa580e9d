//! Calendars: the dated initiatives of a view as an iCalendar feed (RFC 5545) a counsellor's
//! calendar subscribes to (`/api/evenements.ics`, the map's parameters), and one initiative's
//! event to add to one's own calendar (`/api/evenements/{id}.ics`).
//!
//! An event's `UID` is the initiative's (stable across edits and across views), its `SEQUENCE`
//! counts the public versions since the first and `LAST-MODIFIED` is the public version's time,
//! so a subscribed calendar replaces its copy when moderation publishes a change.
//!
//! An initiative without hours is whole days (`VALUE=DATE`), shown on those days whatever the
//! reader's time zone. One with hours is timed in Europe/Paris (`TZID`, with the zone's
//! definition in the calendar, as RFC 5545 asks), its hours repeated each of its days
//! (`RRULE:FREQ=DAILY;COUNT=n`): a forum open 9:00–17:00 on two days is two such slots, not one
//! 32-hour event.

use app::data::Db;
use app::domain::DatedInitiative;
use app::error::AppError;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus};

use super::export::{export, ExportCache, Format};

const CONTENT_TYPE_ICS: &str = "text/calendar; charset=utf-8";

/// How often subscribed calendars should look again (`REFRESH-INTERVAL`): forums are announced
/// weeks ahead, and a feed read by many calendars every few minutes would be load for nothing.
const REFRESH_HOURS: i64 = 6;

/// `GET /api/evenements.ics?…`: the view's dated initiatives (the map's parameters; a nonsense
/// one is a 400 in French), built once per published revision and day like the other exports.
pub async fn feed(
    State(db): State<Db>,
    Extension(cache): Extension<ExportCache>,
    RawQuery(query): RawQuery,
    visitor: super::Visitor,
) -> Result<Response, AppError> {
    let body = export(&db, &cache, query, visitor, Format::Calendar).await?;
    Ok((
        [
            (CONTENT_TYPE, CONTENT_TYPE_ICS),
            (CONTENT_DISPOSITION, "inline; filename=\"evenements-orientation-28.ics\""),
            (CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/evenements/{id}.ics`: one dated, published initiative, as a file a phone or a
/// desktop opens in its calendar (« Ajouter à mon agenda »).
pub async fn one(State(db): State<Db>, Path(file): Path<String>) -> Result<Response, AppError> {
    let id = file.strip_suffix(".ics").and_then(|id| id.parse::<i64>().ok()).ok_or(AppError::NotFound)?;
    let event = db.published_event(id).await?.ok_or(AppError::NotFound)?;
    let body = calendar(std::slice::from_ref(&event), db.public_url(), Utc::now());
    let disposition = format!("attachment; filename=\"initiative-{id}.ics\"");
    Ok(([(CONTENT_TYPE, CONTENT_TYPE_ICS.to_string()), (CONTENT_DISPOSITION, disposition)], body).into_response())
}

/// The iCalendar text of `events`, whose pages are under `public_url`, stamped `now`.
pub fn calendar(events: &[DatedInitiative], public_url: &str, now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Carte Orientation 28//Initiatives d'orientation//FR"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name("Carte Orientation 28 — initiatives d'orientation datées")
        .description("Forums, visites, immersions et ateliers d'orientation en Eure-et-Loir (Carte Orientation 28).")
        .timezone(TZID)
        .ttl(&chrono::Duration::hours(REFRESH_HOURS));
    let host = app::settings::host_of(public_url);
    for event in events {
        if let Some(event) = vevent(event, public_url, host, now) {
            calendar.push(event);
        }
    }
    let text = calendar.to_string();
    if !events.iter().any(|e| e.initiative.start_time.is_some()) {
        return text;
    }
    // The crate writes no VTIMEZONE: the zone's definition goes before the first component.
    let at = text.find("BEGIN:VEVENT").unwrap_or(text.len() - "END:VCALENDAR\r\n".len());
    format!("{}{PARIS}{}", &text[..at], &text[at..])
}

/// The time zone every hour of the site is in.
const TZID: &str = "Europe/Paris";

/// Its definition since 1996 (EU summer time: last Sunday of March 2:00 to last Sunday of
/// October 3:00), as calendar software exports it.
const PARIS: &str = concat!(
    "BEGIN:VTIMEZONE\r\n",
    "TZID:Europe/Paris\r\n",
    "BEGIN:DAYLIGHT\r\n",
    "TZOFFSETFROM:+0100\r\n",
    "TZOFFSETTO:+0200\r\n",
    "TZNAME:CEST\r\n",
    "DTSTART:19700329T020000\r\n",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n",
    "END:DAYLIGHT\r\n",
    "BEGIN:STANDARD\r\n",
    "TZOFFSETFROM:+0200\r\n",
    "TZOFFSETTO:+0100\r\n",
    "TZNAME:CET\r\n",
    "DTSTART:19701025T030000\r\n",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n",
    "END:STANDARD\r\n",
    "END:VTIMEZONE\r\n",
);

fn in_paris(date: NaiveDate, time: NaiveTime) -> DatePerhapsTime {
    CalendarDateTime::WithTimezone { date_time: date.and_time(time), tzid: TZID.to_string() }.into()
}

fn vevent(dated: &DatedInitiative, public_url: &str, host: &str, now: DateTime<Utc>) -> Option<Event> {
    let i = &dated.initiative;
    let start = i.start_date?;
    let last = i.end_date.filter(|end| *end >= start).unwrap_or(start);
    let url = format!("{public_url}{}", i.path);
    let location = i.place();
    let description = [i.summary.as_str(), &format!("Proposé par {}.", i.organisation), &url].join("\n\n");
    let mut event = Event::new();
    event
        .uid(&format!("initiative-{}@{host}", i.id))
        .timestamp(now)
        .summary(&plain(&i.title))
        .description(&plain(&description))
        .location(&plain(&location))
        .url(&url)
        .sequence(dated.sequence)
        .categories([i.kind.label.as_str()])
        .status(EventStatus::Confirmed)
        .append_property(("GEO", format!("{:.5};{:.5}", i.lat, i.lon).as_str()));
    match i.start_time {
        None => {
            // DTEND of a whole-day event is the day after the last (RFC 5545, 3.6.1).
            event.starts(start).ends(last.checked_add_days(Days::new(1)).unwrap_or(last));
        }
        Some(opens) => {
            event.starts(in_paris(start, opens));
            // Without a closing hour the event is a moment (RFC 5545: no DTEND, no DURATION).
            if let Some(closes) = i.end_time {
                event.ends(in_paris(start, closes));
            }
            let days = (last - start).num_days() + 1;
            if days > 1 {
                event.append_property(("RRULE", format!("FREQ=DAILY;COUNT={days}").as_str()));
            }
        }
    }
    if let Ok(modified) = DateTime::parse_from_rfc3339(&i.updated_at) {
        event.last_modified(modified.with_timezone(&Utc));
    }
    Some(event.done())
}

/// A holder's text as an iCalendar text value: line ends as `\n` only (the crate escapes
/// those, commas and semicolons; a stray carriage return would break the line).
fn plain(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

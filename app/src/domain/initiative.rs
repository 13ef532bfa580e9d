//! An initiative (a pin on the map) and the shapes in which it travels to pages and exports.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Audience, Theme};

/// Where an initiative stands in its life: draft → pending → published ⇄ … → archived.
/// Only `Published` is ever shown to the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Pending,
    Published,
    Rejected,
    Archived,
}

impl Status {
    /// Every status, in the order of an initiative's life.
    pub const ALL: &'static [Status] =
        &[Status::Draft, Status::Pending, Status::Published, Status::Rejected, Status::Archived];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
            Status::Archived => "archived",
        }
    }

    /// The French label shown to holders and animators.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Brouillon",
            Status::Pending => "En attente de validation",
            Status::Published => "Publiée",
            Status::Rejected => "Refusée",
            Status::Archived => "Archivée",
        }
    }

    /// The English label, for English pages.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Pending => "Awaiting review",
            Status::Published => "Published",
            Status::Rejected => "Refused",
            Status::Archived => "Archived",
        }
    }

    /// The label in English when `english`, in French otherwise.
    pub fn label_in(self, english: bool) -> &'static str {
        if english {
            self.label_en()
        } else {
            self.label()
        }
    }

    /// The status for a stored code, if it is one.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// Whether citizens may see initiatives in this status.
    pub fn is_public(self) -> bool {
        self == Status::Published
    }
}

/// What a holder (or the demo loader) types to create or change an initiative.
/// The area is absent on purpose: it is derived from the commune, never typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InitiativeInput {
    pub title: String,
    pub summary: String,
    /// The same summary in English, for English readers; optional (revisions saved before it
    /// existed read as none).
    #[serde(default)]
    pub summary_en: Option<String>,
    #[serde(default)]
    pub description: String,
    pub kind: String,
    pub themes: Vec<Theme>,
    pub audiences: Vec<Audience>,
    /// INSEE code of the commune.
    pub commune: String,
    pub lat: f64,
    pub lon: f64,
    pub address: Option<String>,
    pub organisation: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// Hours of a dated initiative, each of its days (a forum from 9 h to 17 h), Paris time.
    /// Revisions saved before hours existed read as none.
    #[serde(default)]
    pub start_time: Option<NaiveTime>,
    #[serde(default)]
    pub end_time: Option<NaiveTime>,
}

/// A kind of initiative as the map legend and pins need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindInfo {
    pub code: String,
    pub label: String,
    /// Its English label, for the English pages.
    #[serde(default)]
    pub label_en: String,
    /// CSS colour of its pins and tag (`#rrggbb`).
    pub colour: String,
}

/// The badge of an initiative unconfirmed for 12 months, and what it means.
pub const TO_CHECK_LABEL: &str = "À vérifier";
pub const TO_CHECK_MEANING: &str =
    "Sa structure n'a pas confirmé ces informations depuis plus d'un an : vérifiez-les auprès d'elle avant de vous déplacer.";

/// A published initiative as the map and the list show it: no long texts, no contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitiativeSummary {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    /// The kind's English label, for the English pages.
    pub kind_label_en: String,
    pub commune_name: String,
    pub area_name: String,
    pub organisation: String,
    pub lat: f64,
    pub lon: f64,
    /// Path of the detail page, slug included (`/initiatives/12-forum-des-metiers`).
    pub path: String,
    pub is_demo: bool,
    /// Its holder signed the current immersion charter: the « charte signée » badge.
    pub charter_signed: bool,
    /// Not confirmed current for 12 months: the « à vérifier » badge.
    pub to_check: bool,
    // Read by hand (`wire_dates`): chrono's parser in the map's code keeps every page's data in
    // the main WASM file.
    #[serde(default, deserialize_with = "super::wire_dates::optional_date")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "super::wire_dates::optional_date")]
    pub end_date: Option<NaiveDate>,
    // Never left out when absent (`skip_serializing_if`): the page reads postcard, which has no
    // field names (wire.rs). An absent hour is one byte.
    #[serde(default, deserialize_with = "super::wire_dates::optional_time")]
    pub start_time: Option<NaiveTime>,
    #[serde(default, deserialize_with = "super::wire_dates::optional_time")]
    pub end_time: Option<NaiveTime>,
}

/// One page of the list of a view: its items, and where it stands in the whole set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<InitiativeSummary>,
    /// How many initiatives the view holds in all (the map shows them all).
    pub total: u64,
    /// This page's number, from 1.
    pub page: u32,
    /// How many pages the list has (at least 1, even when empty).
    pub pages: u32,
}

impl ListPage {
    /// Rank (from 1) of the first item of this page in the whole list.
    pub fn first_rank(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(super::PAGE_SIZE) + 1
    }
}

/// Everything the map page needs for one view: the initiatives the filters keep, the filters
/// themselves, and what each filter option would give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    /// The page of the list the view asks for.
    pub list: ListPage,
    pub filters: super::Filters,
    pub kinds: Vec<KindInfo>,
    pub areas: Vec<super::Area>,
    pub facets: Facets,
    /// What the public saw when this view was read (see `Db::published_revision`): the page
    /// follows later changes from there (`/api/events?depuis=`).
    pub published_revision: i64,
    /// Whether « Autour de » places addresses too (a geocoder is configured), not only communes.
    pub finds_addresses: bool,
    /// The communes the view names (its « Commune », its « Autour de »), as `(insee, name)`:
    /// the filter panel writes them « Chartres (28085) » without the list of every commune.
    pub commune_names: Vec<(String, String)>,
}

/// For each option of each facet, how many initiatives choosing it would give, every other
/// filter applied: `(code, count)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub kinds: Vec<(String, i64)>,
    pub themes: Vec<(String, i64)>,
    pub audiences: Vec<(String, i64)>,
    pub areas: Vec<(String, i64)>,
}

impl Facets {
    /// The count of one option (0 when no initiative has it).
    pub fn count(options: &[(String, i64)], code: &str) -> i64 {
        options.iter().find(|(c, _)| c == code).map(|(_, n)| *n).unwrap_or(0)
    }
}

/// A published initiative in full, for its detail page and the exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitiativeDetail {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// Its holder's English summary, shown to English readers instead of `summary`.
    pub summary_en: Option<String>,
    pub description: String,
    pub kind: KindInfo,
    pub themes: Vec<Theme>,
    pub audiences: Vec<Audience>,
    pub commune_code: String,
    pub commune_name: String,
    pub area: super::Area,
    pub lat: f64,
    pub lon: f64,
    pub address: Option<String>,
    pub organisation: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub status: Status,
    pub is_demo: bool,
    /// Its holder signed the current immersion charter: the « charte signée » badge.
    pub charter_signed: bool,
    /// Not confirmed current for 12 months: the « à vérifier » badge.
    pub to_check: bool,
    /// When it was last confirmed current (RFC 3339).
    pub confirmed_at: Option<String>,
    pub updated_at: String,
    pub path: String,
    /// The public page of the holder who keeps it up to date (`/structures/{slug}`); `None` when
    /// nobody holds it — then a holder may claim it (« C'est notre initiative »).
    pub structure_path: Option<String>,
}

/// A published initiative with dates, as calendars receive it (`/api/evenements.ics`).
#[derive(Clone, Debug, PartialEq)]
pub struct DatedInitiative {
    pub initiative: InitiativeDetail,
    /// How many times its public version changed since it was first published: iCalendar's
    /// `SEQUENCE`, which tells a subscribed calendar to replace its copy of the event.
    pub sequence: u32,
}

impl InitiativeDetail {
    /// Where it takes place, in one line: « Chartrexpo, avenue Jean-Mermoz, Chartres », or the
    /// commune alone (calendars' `LOCATION`, the print directory).
    pub fn place(&self) -> String {
        match self.address.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(address) => format!("{address}, {}", self.commune_name),
            None => self.commune_name.clone(),
        }
    }

    /// What a holder would type to describe this initiative as it is (the published version a
    /// pending edit is compared with).
    pub fn into_input(self) -> InitiativeInput {
        InitiativeInput {
            title: self.title,
            summary: self.summary,
            summary_en: self.summary_en,
            description: self.description,
            kind: self.kind.code,
            themes: self.themes,
            audiences: self.audiences,
            commune: self.commune_code,
            lat: self.lat,
            lon: self.lon,
            address: self.address,
            organisation: self.organisation,
            website: self.website,
            email: self.email,
            phone: self.phone,
            start_date: self.start_date,
            end_date: self.end_date,
            start_time: self.start_time,
            end_time: self.end_time,
        }
    }
}

/// The detail page's path: the id (what the server reads) then a readable slug (for people).
pub fn detail_path(id: i64, slug: &str) -> String {
    if slug.is_empty() {
        format!("/initiatives/{id}")
    } else {
        format!("/initiatives/{id}-{slug}")
    }
}

/// The id at the start of a detail page's path segment (`"12-forum-des-metiers"` → 12).
pub fn id_from_path_segment(segment: &str) -> Option<i64> {
    let digits = segment.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

/// "Le 14 mars 2027", "Du 2 au 6 février 2027", or nothing for a permanent offer.
pub fn format_dates(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Option<String> {
    let start = start?;
    match end {
        Some(end) if end != start => Some(format!("Du {} au {}", french_date(start), french_date(end))),
        _ => Some(format!("Le {}", french_date(start))),
    }
}

/// The dates then the hours: "Le 14 mars 2027, de 9 h à 17 h", "Du 2 février 2027 au 6 février
/// 2027, à partir de 14 h", or nothing for a permanent offer. Hours are each day's.
pub fn format_when(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
) -> Option<String> {
    let dates = format_dates(start, end)?;
    Some(match format_hours(start_time, end_time) {
        Some(hours) => format!("{dates}, {hours}"),
        None => dates,
    })
}

/// "de 9 h à 17 h 30", "à partir de 14 h", or nothing.
pub fn format_hours(start: Option<NaiveTime>, end: Option<NaiveTime>) -> Option<String> {
    match (start?, end) {
        (start, Some(end)) => Some(format!("de {} à {}", french_time(start), french_time(end))),
        (start, None) => Some(format!("à partir de {}", french_time(start))),
    }
}

/// A time the French way: "9 h", "17 h 30".
pub fn french_time(time: NaiveTime) -> String {
    use chrono::Timelike;
    match time.minute() {
        0 => format!("{} h", time.hour()),
        minutes => format!("{} h {minutes:02}", time.hour()),
    }
}

/// The English reader's [`format_when`]: "14 March 2027, 09:00 to 17:00", "2 February 2027 to
/// 6 February 2027, from 14:00" (24-hour times, as the French page: the same event).
pub fn english_when(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
) -> Option<String> {
    let start = start?;
    let dates = match end {
        Some(end) if end != start => format!("{} to {}", english_date(start), english_date(end)),
        _ => english_date(start),
    };
    // By hand rather than with chrono's `format`: its format-string machinery would weigh on the
    // map's first download (the list shows dates).
    let time = |time: NaiveTime| {
        use chrono::Timelike;
        format!("{:02}:{:02}", time.hour(), time.minute())
    };
    Some(match (start_time, end_time) {
        (Some(from), Some(to)) => format!("{dates}, {} to {}", time(from), time(to)),
        (Some(from), None) => format!("{dates}, from {}", time(from)),
        _ => dates,
    })
}

/// A date in English when `english` ("14 March 2027"), in French otherwise ("14 mars 2027"):
/// for the pages (`language::date`) and the mails alike.
pub fn date_in(date: NaiveDate, english: bool) -> String {
    if english {
        english_date(date)
    } else {
        french_date(date)
    }
}

/// A date the British way: "14 March 2027".
pub fn english_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// A date the French way: "14 mars 2027".
pub fn french_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let day = if date.day() == 1 { "1er".to_string() } else { date.day().to_string() };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_read_as_english() {
        let day = |d| NaiveDate::from_ymd_opt(2027, 3, d);
        let at = |h| NaiveTime::from_hms_opt(h, 0, 0);
        assert_eq!(english_when(day(1), None, None, None).as_deref(), Some("1 March 2027"));
        assert_eq!(
            english_when(day(2), day(6), at(9), at(17)).as_deref(),
            Some("2 March 2027 to 6 March 2027, 09:00 to 17:00")
        );
        assert_eq!(english_when(day(2), day(2), at(14), None).as_deref(), Some("2 March 2027, from 14:00"));
        assert_eq!(english_when(None, None, None, None), None);
    }

    #[test]
    fn only_published_is_public() {
        let public: Vec<_> = Status::ALL.iter().filter(|s| s.is_public()).collect();
        assert_eq!(public, vec![&Status::Published]);
    }

    #[test]
    fn status_codes_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(*status));
        }
        assert_eq!(Status::from_code("deleted"), None);
    }

    #[test]
    fn detail_paths_carry_the_id_then_the_slug() {
        assert_eq!(detail_path(12, "forum-des-metiers"), "/initiatives/12-forum-des-metiers");
        assert_eq!(id_from_path_segment("12-forum-des-metiers"), Some(12));
        assert_eq!(id_from_path_segment("12"), Some(12));
        assert_eq!(id_from_path_segment("abc"), None);
        assert_eq!(id_from_path_segment("-12"), None);
        assert_eq!(id_from_path_segment("0"), None);
        assert_eq!(id_from_path_segment("99999999999999999999999"), None);
    }

    #[test]
    fn dates_read_the_french_way() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(format_dates(None, None), None);
        assert_eq!(format_dates(Some(d("2027-03-14")), None).unwrap(), "Le 14 mars 2027");
        assert_eq!(format_dates(Some(d("2027-02-01")), Some(d("2027-02-01"))).unwrap(), "Le 1er février 2027");
        assert_eq!(
            format_dates(Some(d("2027-02-02")), Some(d("2027-02-06"))).unwrap(),
            "Du 2 février 2027 au 6 février 2027"
        );
    }

    #[test]
    fn hours_follow_the_dates_the_french_way() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
        assert_eq!(
            format_when(d("2027-03-14"), None, t("09:00"), t("17:30")).unwrap(),
            "Le 14 mars 2027, de 9 h à 17 h 30"
        );
        assert_eq!(
            format_when(d("2027-02-02"), d("2027-02-06"), t("14:05"), None).unwrap(),
            "Du 2 février 2027 au 6 février 2027, à partir de 14 h 05"
        );
        assert_eq!(format_when(d("2027-03-14"), None, None, None).unwrap(), "Le 14 mars 2027");
        assert_eq!(format_when(None, None, t("09:00"), None), None, "hours alone say nothing");
    }
}

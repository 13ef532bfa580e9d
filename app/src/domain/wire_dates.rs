//! Dates and times read back from the data the map page is sent (wire.rs), by hand.
//!
//! chrono reads `NaiveDate` and `NaiveTime` with its format-string parser. Reached from the map's
//! code, that parser did more than weigh on the map's first download: with it in the main WASM
//! file, wasm-split (`cargo leptos build --split`) kept every page's data — texts, tables, serde
//! names — in the main file instead of moving each page's into its chunk (203 kB of data in the
//! main file with it, 105 kB without; bench/RESULTS.md, eleventh session). Keep chrono's parsing
//! out of what the map page deserialises. The server writes dates and times as chrono does
//! (`2027-05-12`, `09:00:00`, fractions of a second if any), so reading that exact shape is
//! enough; anything else is an error, as it would be for chrono.
//!
//! The shape of this code matters too: folding the two `optional_…` functions into one generic
//! helper taking `parse_date`/`parse_time` as function pointers brought all the data back into
//! the main file (+35 kB as sent; `first-visit.spec.ts`'s budget caught it). Keep them separate.

use chrono::{NaiveDate, NaiveTime};
use serde::{de::Error, Deserialize, Deserializer};

/// `#[serde(deserialize_with = "wire_dates::optional_date")]` for an `Option<NaiveDate>`.
pub fn optional_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        Some(text) => parse_date(&text).map(Some).ok_or_else(|| D::Error::custom(format!("not a date: {text}"))),
        None => Ok(None),
    }
}

/// `#[serde(deserialize_with = "wire_dates::optional_time")]` for an `Option<NaiveTime>`.
pub fn optional_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveTime>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        Some(text) => parse_time(&text).map(Some).ok_or_else(|| D::Error::custom(format!("not a time: {text}"))),
        None => Ok(None),
    }
}

/// `YYYY-MM-DD`, as chrono writes a date of our years.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let [year, month, day] = fields::<3>(text, '-')?;
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?)
}

/// `HH:MM:SS`, or `HH:MM:SS.fff…` (up to nanoseconds), as chrono writes a time.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) if (1..=9).contains(&fraction.len()) => (clock, Some(fraction)),
        Some(_) => return None,
        None => (text, None),
    };
    let [hour, minute, second] = fields::<3>(clock, ':')?;
    if hour.len() != 2 || minute.len() != 2 || second.len() != 2 {
        return None;
    }
    let nanos = match fraction {
        Some(digits) => number(digits)? * 10u32.pow(9 - digits.len() as u32),
        None => 0,
    };
    NaiveTime::from_hms_nano_opt(number(hour)?, number(minute)?, number(second)?, nanos)
}

fn fields<const N: usize>(text: &str, separator: char) -> Option<[&str; N]> {
    let mut parts = text.split(separator);
    let fields = std::array::from_fn(|_| parts.next().unwrap_or(""));
    parts.next().is_none().then_some(fields)
}

/// Digits only: no sign, no spaces.
fn number(digits: &str) -> Option<u32> {
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_chrono_writes() {
        for (y, m, d) in [(2027, 5, 12), (2026, 12, 31), (2000, 2, 29), (1999, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(parse_date(&date.to_string()), Some(date));
        }
        for (h, m, s, n) in
            [(9, 0, 0, 0), (17, 30, 0, 0), (23, 59, 59, 0), (0, 0, 0, 0), (8, 15, 3, 500_000_000), (8, 15, 3, 1)]
        {
            let time = NaiveTime::from_hms_nano_opt(h, m, s, n).unwrap();
            assert_eq!(parse_time(&time.to_string()), Some(time), "{time}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for text in
            ["", "2027-5-12", "2027-02-30", "2027-13-01", "+2027-05-12", "2027-05-12T00:00", "27-05-12", "2027-05-1a"]
        {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
        for text in [
            "",
            "9:00:00",
            "09:00",
            "24:00:00",
            "09:60:00",
            "09:00:00.",
            "09:00:00.1234567890",
            "-9:00:00",
            "09:00:00 ",
        ] {
            assert_eq!(parse_time(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_summary_read_back_is_the_summary_sent() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Dated {
            #[serde(deserialize_with = "optional_date")]
            start: Option<NaiveDate>,
            #[serde(default, deserialize_with = "optional_time")]
            at: Option<NaiveTime>,
        }
        for value in [
            Dated { start: NaiveDate::from_ymd_opt(2027, 5, 12), at: NaiveTime::from_hms_opt(9, 30, 0) },
            Dated { start: None, at: None },
        ] {
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), value, "{json}");
            // As the page reads it (wire.rs).
            let bytes = postcard::to_allocvec(&value).unwrap();
            assert_eq!(postcard::from_bytes::<Dated>(&bytes).unwrap(), value);
        }
        assert!(serde_json::from_str::<Dated>(r#"{"start":"12/05/2027"}"#).is_err());
    }
}

//! Time as the server stores it: Unix milliseconds, and ISO 8601 for people and phones.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

pub fn now_ms() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

pub fn iso(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// The last moment of an ISO date (`2027-06-30`), in Iran's time zone (UTC+03:30), in Unix ms.
pub fn end_of_day_ms(date: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = Date::parse(date.get(..10)?, &format).ok()?;
    let end = day.with_time(Time::MIDNIGHT).assume_utc() + time::Duration::days(1)
        - time::Duration::minutes(210);
    Some((end.unix_timestamp_nanos() / 1_000_000) as i64 - 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_day_ends_at_midnight_in_tehran() {
        // 2027-06-30 24:00 +03:30 is 2027-06-30 20:30 UTC.
        let ms = super::end_of_day_ms("2027-06-30").unwrap();
        assert_eq!(super::iso(ms + 1), "2027-06-30T20:30:00Z");
        assert_eq!(super::end_of_day_ms("30/06/2027"), None);
    }
}

//! "Add to calendar": an iCalendar (RFC 5545) event for a department's next session, written in
//! the browser with no network call.

use crate::schedule::{civil_from_days, IranTime, IRAN_OFFSET_MINUTES};

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// UTC form `YYYYMMDDTHHMMSSZ` of a moment in Iran time.
pub fn utc_stamp(t: IranTime) -> String {
    let total = t.day * 1440 + t.minute as i64 - IRAN_OFFSET_MINUTES;
    let (day, minute) = (total.div_euclid(1440), total.rem_euclid(1440));
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}00Z", minute / 60, minute % 60)
}

/// Folds lines longer than 75 octets, as RFC 5545 asks, without splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out
}

pub struct Event<'a> {
    pub uid: &'a str,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub start: IranTime,
    pub end: IranTime,
    pub stamp: IranTime,
}

pub fn calendar(e: &Event) -> String {
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Khuzestan TAK//app//FA".into(),
        "CALSCALE:GREGORIAN".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", escape(e.uid)),
        format!("DTSTAMP:{}", utc_stamp(e.stamp)),
        format!("DTSTART:{}", utc_stamp(e.start)),
        format!("DTEND:{}", utc_stamp(e.end)),
        format!("SUMMARY:{}", escape(e.summary)),
        format!("LOCATION:{}", escape(e.location)),
        format!("DESCRIPTION:{}", escape(e.description)),
        format!("URL:{}", escape(e.url)),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    lines
        .iter()
        .map(|l| fold(l))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iran_time_becomes_utc() {
        // 17:00 in Tehran is 13:30 UTC; 02:00 on 1 Dec is 22:30 UTC on 30 Nov.
        assert_eq!(
            utc_stamp(IranTime::local(2026, 11, 28, 17, 0)),
            "20261128T133000Z"
        );
        assert_eq!(
            utc_stamp(IranTime::local(2026, 12, 1, 2, 0)),
            "20261130T223000Z"
        );
    }

    #[test]
    fn calendar_is_escaped_and_folded() {
        let t = IranTime::local(2026, 11, 28, 17, 0);
        let ics = calendar(&Event {
            uid: "tak-1@khuzestan",
            summary: "نجوم; رصد, آسمان",
            location: "کتابخانه\nاهواز",
            description: &"ا".repeat(100),
            url: "https://example.org/tak/tak-1",
            start: t,
            end: IranTime {
                minute: t.minute + 120,
                ..t
            },
            stamp: t,
        });
        assert!(ics.contains("SUMMARY:نجوم\\; رصد\\, آسمان"));
        assert!(ics.contains("LOCATION:کتابخانه\\nاهواز"));
        assert!(ics.contains("DTEND:20261128T153000Z"));
        assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}

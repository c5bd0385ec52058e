//! Opening hours in Iran time: weeks start on Saturday, Friday is the usual day off, a day may
//! have several ranges (split hours around the midday heat), and date-bounded entries override
//! the regular week (holidays, Ramadan hours, a closure for repairs).
//!
//! Iran has kept UTC+03:30 all year since daylight saving was abolished in 2022, so local time is
//! a fixed offset from UTC and needs no time-zone database.

use serde::{Deserialize, Serialize};

use crate::catalog::ShortText;

/// Iran Standard Time, in minutes east of UTC.
pub const IRAN_OFFSET_MINUTES: i64 = 3 * 60 + 30;

/// Days of the week in Iranian order: Saturday is day 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    Sat,
    Sun,
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Sat,
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
    pub fn from_index(i: usize) -> Weekday {
        Weekday::ALL[i % 7]
    }
    /// The day of a two-letter code's bytes, in either case: the usual shape, read without
    /// trimming or comparing strings (every schedule entry of a catalog is read twice).
    fn from_letters(a: u8, b: u8) -> Option<Weekday> {
        Some(match [a.to_ascii_uppercase(), b.to_ascii_uppercase()] {
            [b'S', b'A'] => Weekday::Sat,
            [b'S', b'U'] => Weekday::Sun,
            [b'M', b'O'] => Weekday::Mon,
            [b'T', b'U'] => Weekday::Tue,
            [b'W', b'E'] => Weekday::Wed,
            [b'T', b'H'] => Weekday::Thu,
            [b'F', b'R'] => Weekday::Fri,
            _ => return None,
        })
    }

    /// The iCalendar / HSDS two-letter code.
    pub fn code(self) -> &'static str {
        ["SA", "SU", "MO", "TU", "WE", "TH", "FR"][self.index()]
    }
    pub fn parse(code: &str) -> Option<Weekday> {
        if let &[a, b] = code.as_bytes() {
            return Weekday::from_letters(a, b);
        }
        let code = code.trim();
        Weekday::ALL
            .into_iter()
            .find(|d| d.code().eq_ignore_ascii_case(code))
    }
}

/// One HSDS `schedule` entry. Regular hours have no dates; an entry with `valid_from`/`valid_to`
/// replaces the regular hours on the days it covers, and `x_closed` makes those days closed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    #[serde(default, skip_serializing_if = "ShortText::is_empty")]
    pub freq: ShortText,
    /// Comma-separated day codes, e.g. `SA,SU,MO`. Empty means every day.
    #[serde(default, skip_serializing_if = "ShortText::is_empty")]
    pub byday: ShortText,
    #[serde(default, skip_serializing_if = "ShortText::is_empty")]
    pub opens_at: ShortText,
    #[serde(default, skip_serializing_if = "ShortText::is_empty")]
    pub closes_at: ShortText,
    #[serde(default, skip_serializing_if = "ShortText::is_empty")]
    pub valid_from: ShortText,
    #[serde(default, skip_serializing_if = "ShortText::is_empty")]
    pub valid_to: ShortText,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub x_closed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What is wrong with a schedule entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    BadTime(String),
    BadDay(String),
    BadDate(String),
    ClosesBeforeOpens,
    EndsBeforeStarts,
    UnsupportedFreq(String),
}

/// "08:30" → 510. "24:00" is allowed as a closing time (midnight at the end of the day).
pub fn parse_hm(s: &str) -> Option<u16> {
    // Almost every time in a catalog is five ASCII bytes, `HH:MM`: read those directly.
    let (h, m) = match s.as_bytes() {
        &[h1, h2, b':', m1, m2] if [h1, h2, m1, m2].iter().all(u8::is_ascii_digit) => {
            let two = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
            (two(h1, h2), two(m1, m2))
        }
        _ => hm_any_digits(s)?,
    };
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some((h * 60 + m) as u16)
}

/// `parse_hm`'s hours and minutes when written with spaces, one-digit hours or other scripts.
fn hm_any_digits(s: &str) -> Option<(u32, u32)> {
    let (h, m) = s.trim().split_once(':')?;
    let mut m = m.chars();
    let (h, m) = (
        number(h.chars())?,
        number([m.next()?, m.next()?].into_iter())?,
    );
    Some((h, m))
}

/// The number that digits of any script spell; `None` for no digits, or anything else among
/// them. (Without allocating: the catalog's opening hours are read twice for every place.)
fn number(digits: impl Iterator<Item = char>) -> Option<u32> {
    let mut n: Option<u32> = None;
    for c in digits {
        let d = crate::text::ascii_digit(c)?.to_digit(10)?;
        n = Some(n.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
    }
    n
}

/// 510 → "08:30"; 1440 → "24:00".
pub fn format_hm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// "2026-11-29" → days since the epoch; `None` for anything that is not a real date.
pub fn parse_date(s: &str) -> Option<i64> {
    // Almost every date in a catalog is ten ASCII bytes: read those directly.
    if let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = s.as_bytes() {
        let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
        if digits.iter().all(u8::is_ascii_digit) {
            let [y1, y2, y3, y4, m1, m2, d1, d2] = digits.map(|b| u32::from(b - b'0'));
            let (y, m, d) = (
                y1 * 1000 + y2 * 100 + y3 * 10 + y4,
                m1 * 10 + m2,
                d1 * 10 + d2,
            );
            return real_date(y, m, d);
        }
    }
    date_any_digits(s)
}

/// Days since the epoch of `y`-`m`-`d`, if that day exists.
fn real_date(y: u32, m: u32, d: u32) -> Option<i64> {
    let real = (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d);
    real.then(|| days_from_civil(i64::from(y), m, d))
}

/// The number of days of month `m` (1–12) of year `y` in the Gregorian calendar.
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// [`parse_date`] for dates written otherwise: in other digits, with white space around them,
/// or followed by a time.
fn date_any_digits(s: &str) -> Option<i64> {
    // The first ten characters, `YYYY-MM-DD` in digits of any script, copied as ASCII onto the
    // stack (the catalog's dates are read twice for every place).
    let mut ascii = [0u8; 10];
    let mut chars = s
        .trim()
        .chars()
        .map(|c| crate::text::ascii_digit(c).unwrap_or(c));
    for byte in ascii.iter_mut() {
        let c = chars.next().filter(char::is_ascii)?;
        *byte = c as u8;
    }
    let s = std::str::from_utf8(&ascii).ok()?;
    let mut it = s.split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    real_date(y, m, d)
}

/// A moment in Iran local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IranTime {
    /// Days since 1970-01-01 in Iran's calendar day.
    pub day: i64,
    /// Minutes since local midnight (0..1440).
    pub minute: u16,
}

impl IranTime {
    pub fn from_unix_ms(ms: f64) -> IranTime {
        let local_min = (ms / 60_000.0).floor() as i64 + IRAN_OFFSET_MINUTES;
        IranTime {
            day: local_min.div_euclid(1440),
            minute: local_min.rem_euclid(1440) as u16,
        }
    }
    /// For tests and fixed clocks: a local date and time in Iran.
    pub fn local(y: i64, m: u32, d: u32, hour: u16, minute: u16) -> IranTime {
        IranTime {
            day: days_from_civil(y, m, d),
            minute: hour * 60 + minute,
        }
    }
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday, day 5 of the Iranian week.
        Weekday::from_index((self.day + 5).rem_euclid(7) as usize)
    }
    pub fn unix_ms(self) -> f64 {
        ((self.day * 1440 + self.minute as i64 - IRAN_OFFSET_MINUTES) * 60_000) as f64
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Exception {
    from: i64,
    to: i64,
    days: u8,
    closed: bool,
    range: Option<(u16, u16)>,
    /// Why the hours change (the entry's `description`): shown beside the days it covers.
    note: Box<str>,
}

/// Schedules checked and compiled once, so "open now" over thousands of locations is cheap.
///
/// The week is one list of ranges, ordered by day (Saturday first) and then time, rather than a
/// list per day: a search index holds one `Hours` per place, and seven lists each for 20,000
/// places were 140,000 allocations and 5 MB of a phone's memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hours {
    /// Day `d`'s regular ranges are `week[day_start[d]..day_start[d + 1]]`.
    week: Box<[(u16, u16)]>,
    day_start: [u16; 8],
    exceptions: Box<[Exception]>,
    /// The service is not running (its status is "temporarily closed" or inactive): closed on
    /// every day, whatever its hours say.
    suspended: bool,
}

/// The answer to "is it open?" at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// Open now, until this minute of today (1440 = midnight).
    OpenUntil(u16),
    /// Closed now; opens on this weekday at this minute, `days_ahead` days from today (0 = later today).
    OpensAt {
        days_ahead: u8,
        weekday: Weekday,
        minute: u16,
    },
    /// Closed with no opening in the next two weeks, or no hours at all.
    Closed,
    /// The catalog gives no hours.
    Unknown,
}

fn parse_days(byday: &str) -> Result<u8, ScheduleError> {
    if blank(byday) {
        return Ok(0x7f);
    }
    // The usual shape, `SA,SU,MO` without spaces, read byte by byte.
    let bytes = byday.as_bytes();
    if bytes.len() % 3 == 2 {
        let mut mask = 0u8;
        let all = bytes.chunks(3).all(|code| {
            let separated = code.get(2).is_none_or(|&c| c == b',');
            match Weekday::from_letters(code[0], code[1]) {
                Some(day) if separated => {
                    mask |= 1 << day.index();
                    true
                }
                _ => false,
            }
        });
        if all {
            return Ok(mask);
        }
    }
    let mut mask = 0u8;
    for code in byday.split(',') {
        let d =
            Weekday::parse(code).ok_or_else(|| ScheduleError::BadDay(code.trim().to_string()))?;
        mask |= 1 << d.index();
    }
    Ok(mask)
}

fn parse_range(s: &Schedule) -> Result<Option<(u16, u16)>, ScheduleError> {
    if blank(&s.opens_at) && blank(&s.closes_at) {
        return Ok(None);
    }
    let open =
        parse_hm(&s.opens_at).ok_or_else(|| ScheduleError::BadTime(s.opens_at.to_string()))?;
    let close =
        parse_hm(&s.closes_at).ok_or_else(|| ScheduleError::BadTime(s.closes_at.to_string()))?;
    if open >= 1440 || close <= open {
        return Err(ScheduleError::ClosesBeforeOpens);
    }
    Ok(Some((open, close)))
}

/// Whether `s` is empty or only white space; a text that starts with a letter or digit is
/// answered without trimming it.
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Checks one entry; the validator reports these errors with the entry's JSON path.
pub fn check(s: &Schedule) -> Result<(), ScheduleError> {
    read(s).map(|_| ())
}

/// A valid schedule entry's parts: its days (a bit per weekday, Saturday first), its opening
/// range, and the dates it is limited to.
struct Parts {
    days: u8,
    range: Option<(u16, u16)>,
    from: Option<i64>,
    to: Option<i64>,
}

/// Reads an entry once, for both the validator and [`Hours::compile`].
fn read(s: &Schedule) -> Result<Parts, ScheduleError> {
    if !s.freq.is_empty() && !s.freq.eq_ignore_ascii_case("WEEKLY") {
        return Err(ScheduleError::UnsupportedFreq(s.freq.to_string()));
    }
    let days = parse_days(&s.byday)?;
    let range = parse_range(s)?;
    let date = |d: &str| {
        if d.is_empty() {
            return Ok(None);
        }
        parse_date(d)
            .map(Some)
            .ok_or_else(|| ScheduleError::BadDate(d.to_string()))
    };
    let (from, to) = (date(&s.valid_from)?, date(&s.valid_to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(ScheduleError::EndsBeforeStarts);
        }
    }
    if range.is_none() && !s.x_closed {
        return Err(ScheduleError::BadTime(String::new()));
    }
    Ok(Parts {
        days,
        range,
        from,
        to,
    })
}

impl Hours {
    /// Compiles the valid entries and skips the others (the validator has reported them).
    pub fn compile(schedules: &[Schedule]) -> Hours {
        let mut week: Vec<(u8, u16, u16)> = Vec::with_capacity(7 * schedules.len());
        let mut exceptions = Vec::new();
        for s in schedules {
            let Ok(Parts {
                days,
                range,
                from,
                to,
            }) = read(s)
            else {
                continue;
            };
            if from.is_none() && to.is_none() {
                if let (Some((open, close)), false) = (range, s.x_closed) {
                    week.extend(
                        (0..7u8)
                            .filter(|d| days & (1 << d) != 0)
                            .map(|d| (d, open, close)),
                    );
                }
            } else {
                exceptions.push(Exception {
                    from: from.unwrap_or(i64::MIN),
                    to: to.unwrap_or(i64::MAX),
                    days,
                    closed: s.x_closed,
                    range,
                    note: s.description.trim().into(),
                });
            }
        }
        week.sort_unstable();
        let mut day_start = [0u16; 8];
        for d in 0..7u8 {
            let before = week.partition_point(|&(day, ..)| day <= d);
            day_start[d as usize + 1] = u16::try_from(before).unwrap_or(u16::MAX);
        }
        // More ranges than a u16 counts are not a real week: keep the first 65,535.
        week.truncate(day_start[7] as usize);
        Hours {
            week: week.into_iter().map(|(_, o, c)| (o, c)).collect(),
            day_start,
            exceptions: exceptions.into_boxed_slice(),
            suspended: false,
        }
    }

    /// Closes every day: a status of "temporarily closed" wins over the hours.
    pub fn suspend(&mut self) {
        self.suspended = true;
    }

    pub fn is_suspended(&self) -> bool {
        self.suspended
    }

    pub fn is_empty(&self) -> bool {
        self.week.is_empty() && self.exceptions.is_empty()
    }

    /// The regular ranges of one weekday (0 = Saturday), in time order.
    pub fn day(&self, weekday: usize) -> &[(u16, u16)] {
        &self.week[self.day_start[weekday] as usize..self.day_start[weekday + 1] as usize]
    }

    /// The dated entries that replace the regular hours on one calendar day.
    fn covering(&self, day: i64) -> impl Iterator<Item = &Exception> {
        let wd = IranTime { day, minute: 0 }.weekday().index();
        self.exceptions
            .iter()
            .filter(move |e| e.from <= day && day <= e.to && e.days & (1 << wd) != 0)
    }

    /// Whether dated entries replace the regular hours on this day, and why (the first reason
    /// given; empty when the catalog gives none).
    pub fn change_on(&self, day: i64) -> Option<&str> {
        let mut covering = self.covering(day).peekable();
        covering.peek()?;
        Some(
            covering
                .map(|e| &*e.note)
                .find(|n| !n.is_empty())
                .unwrap_or(""),
        )
    }

    /// The opening ranges of one calendar day, exceptions applied.
    pub fn ranges_on(&self, day: i64) -> Vec<(u16, u16)> {
        if self.suspended {
            return Vec::new();
        }
        let wd = IranTime { day, minute: 0 }.weekday().index();
        let mut covering = self.covering(day).peekable();
        if covering.peek().is_none() {
            return self.day(wd).to_vec();
        }
        let mut ranges: Vec<(u16, u16)> = covering
            .filter(|e| !e.closed)
            .filter_map(|e| e.range)
            .collect();
        ranges.sort_unstable();
        ranges
    }

    pub fn state_at(&self, now: IranTime) -> OpenState {
        if self.suspended {
            return OpenState::Closed;
        }
        if self.is_empty() {
            return OpenState::Unknown;
        }
        // Ranges that touch (08:00–12:00, 12:00–14:00) count as one opening.
        let today = self.ranges_on(now.day);
        if let Some(&(_, mut close)) = today
            .iter()
            .find(|(o, c)| *o <= now.minute && now.minute < *c)
        {
            for &(o, c) in &today {
                if o <= close && c > close {
                    close = c;
                }
            }
            return OpenState::OpenUntil(close);
        }
        for ahead in 0..14u8 {
            let day = now.day + ahead as i64;
            let ranges = if ahead == 0 {
                today.clone()
            } else {
                self.ranges_on(day)
            };
            if let Some(&(o, _)) = ranges.iter().find(|(o, _)| ahead > 0 || *o > now.minute) {
                return OpenState::OpensAt {
                    days_ahead: ahead,
                    weekday: IranTime { day, minute: 0 }.weekday(),
                    minute: o,
                };
            }
        }
        OpenState::Closed
    }

    pub fn is_open(&self, now: IranTime) -> bool {
        matches!(self.state_at(now), OpenState::OpenUntil(_))
    }

    /// The session "add the next session to my calendar" means: the one going on now, else the
    /// next to start (within two weeks), as its start and end. None when there is none.
    pub fn next_session(&self, now: IranTime) -> Option<(IranTime, IranTime)> {
        let (day, start) = match self.state_at(now) {
            OpenState::OpenUntil(_) => {
                let (start, _) = *self
                    .ranges_on(now.day)
                    .iter()
                    .find(|(o, c)| *o <= now.minute && now.minute < *c)?;
                (now.day, start)
            }
            OpenState::OpensAt {
                days_ahead, minute, ..
            } => (now.day + i64::from(days_ahead), minute),
            OpenState::Closed | OpenState::Unknown => return None,
        };
        let end = self
            .ranges_on(day)
            .iter()
            .find(|r| r.0 == start)
            .map_or(start + 60, |r| r.1);
        Some((
            IranTime { day, minute: start },
            IranTime { day, minute: end },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sched(byday: &str, open: &str, close: &str) -> Schedule {
        Schedule {
            byday: byday.into(),
            opens_at: open.into(),
            closes_at: close.into(),
            ..Default::default()
        }
    }

    fn library() -> Hours {
        // Split hours Saturday to Wednesday, mornings only on Thursday, closed Friday.
        Hours::compile(&[
            sched("SA,SU,MO,TU,WE", "08:00", "13:00"),
            sched("SA,SU,MO,TU,WE", "16:00", "20:00"),
            sched("TH", "08:00", "12:00"),
        ])
    }

    #[test]
    fn times_in_any_digits_with_or_without_seconds() {
        assert_eq!(parse_hm("۰۸:۳۰"), Some(510));
        assert_eq!(parse_hm(" 08:30:00 "), Some(510));
        assert_eq!(parse_hm("٨:٠٥"), Some(485));
        assert_eq!(parse_hm("24:00"), Some(1440));
        for bad in [
            "24:01",
            "8:5",
            ":30",
            "08:",
            "08:3x",
            "ab:cd",
            "",
            "08.30",
            "99999999999:00",
        ] {
            assert_eq!(parse_hm(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_in_either_case_with_or_without_spaces() {
        let days = |byday: &str| check(&sched(byday, "08:00", "12:00")).map(|_| parse_days(byday));
        assert_eq!(days("SA,SU,FR"), Ok(Ok(0b100_0011)));
        assert_eq!(days("sa,Su, fr "), Ok(Ok(0b100_0011)));
        assert_eq!(days(" TH"), Ok(Ok(0b010_0000)));
        assert_eq!(days(""), Ok(Ok(0x7f)));
        for (bad, named) in [
            ("SA,XX", "XX"),
            ("SA,SU,", ""),
            ("SA;SU", "SA;SU"),
            ("SAT", "SAT"),
            ("S", "S"),
            ("ش", "ش"),
        ] {
            assert_eq!(days(bad), Err(ScheduleError::BadDay(named.into())), "{bad}");
        }
    }

    #[test]
    fn dates_read_directly_as_by_the_general_reader() {
        for y in [1899, 1900, 1970, 1999, 2000, 2023, 2024, 2026, 2100, 2400] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let date = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(parse_date(&date), date_any_digits(&date), "{date}");
                }
            }
        }
        assert_eq!(parse_date("2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        assert_eq!(parse_date("2100-02-29"), None);
        assert_eq!(parse_date("۲۰۲۶-۱۱-۲۹"), parse_date("2026-11-29"));
        assert_eq!(parse_date(" 2026-11-29T10:00"), parse_date("2026-11-29"));
        assert_eq!(parse_date("2026-1a-29"), None);
    }

    #[test]
    fn weekday_of_known_dates() {
        // 2026-11-28 is a Saturday, 2026-11-27 a Friday.
        assert_eq!(IranTime::local(2026, 11, 28, 10, 0).weekday(), Weekday::Sat);
        assert_eq!(IranTime::local(2026, 11, 27, 10, 0).weekday(), Weekday::Fri);
        assert_eq!(IranTime::local(1970, 1, 1, 0, 0).weekday(), Weekday::Thu);
    }

    #[test]
    fn utc_to_iran_time_crosses_midnight() {
        // 2026-11-28 20:45 UTC is 00:15 on Sunday 29 November in Tehran.
        let utc =
            days_from_civil(2026, 11, 28) as f64 * 86_400_000.0 + (20.0 * 60.0 + 45.0) * 60_000.0;
        let t = IranTime::from_unix_ms(utc);
        assert_eq!(t, IranTime::local(2026, 11, 29, 0, 15));
        assert_eq!(t.weekday(), Weekday::Sun);
        assert_eq!(IranTime::from_unix_ms(t.unix_ms()), t);
    }

    #[test]
    fn open_in_the_morning_closed_at_midday_open_in_the_evening() {
        let h = library();
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 9, 0)),
            OpenState::OpenUntil(13 * 60)
        );
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 13, 0)),
            OpenState::OpensAt {
                days_ahead: 0,
                weekday: Weekday::Sat,
                minute: 16 * 60
            }
        );
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 19, 59)),
            OpenState::OpenUntil(20 * 60)
        );
    }

    #[test]
    fn thursday_evening_opens_saturday_because_friday_is_closed() {
        let h = library();
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 26, 12, 0)),
            OpenState::OpensAt {
                days_ahead: 2,
                weekday: Weekday::Sat,
                minute: 8 * 60
            }
        );
        assert!(!h.is_open(IranTime::local(2026, 11, 27, 10, 0)));
    }

    #[test]
    fn midnight_edges() {
        let h = Hours::compile(&[sched("", "00:00", "24:00")]);
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 0, 0)),
            OpenState::OpenUntil(1440)
        );
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 23, 59)),
            OpenState::OpenUntil(1440)
        );
        let late = Hours::compile(&[sched("SA", "18:00", "24:00")]);
        assert_eq!(
            late.state_at(IranTime::local(2026, 11, 28, 23, 59)),
            OpenState::OpenUntil(1440)
        );
        assert_eq!(
            late.state_at(IranTime::local(2026, 11, 29, 0, 0)),
            OpenState::OpensAt {
                days_ahead: 6,
                weekday: Weekday::Sat,
                minute: 18 * 60
            }
        );
    }

    #[test]
    fn touching_ranges_count_as_one_opening() {
        let h = Hours::compile(&[sched("SA", "08:00", "12:00"), sched("SA", "12:00", "14:00")]);
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 11, 0)),
            OpenState::OpenUntil(14 * 60)
        );
    }

    #[test]
    fn date_bounded_closure_and_special_hours_override_the_week() {
        let mut s = vec![
            sched("SA,SU,MO,TU,WE", "08:00", "13:00"),
            Schedule {
                valid_from: "2026-11-28".into(),
                valid_to: "2026-11-29".into(),
                x_closed: true,
                description: " repairs ".into(),
                ..Default::default()
            },
            Schedule {
                valid_from: "2026-11-30".into(),
                valid_to: "2026-11-30".into(),
                opens_at: "10:00".into(),
                closes_at: "11:00".into(),
                ..Default::default()
            },
        ];
        let h = Hours::compile(&s);
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 9, 0)),
            OpenState::OpensAt {
                days_ahead: 2,
                weekday: Weekday::Mon,
                minute: 10 * 60
            }
        );
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 30, 10, 30)),
            OpenState::OpenUntil(11 * 60)
        );
        assert_eq!(h.ranges_on(days_from_civil(2026, 12, 1)), vec![(480, 780)]);
        // The week table shows the closed days as closed, with the reason.
        assert_eq!(h.ranges_on(days_from_civil(2026, 11, 29)), vec![]);
        assert_eq!(h.change_on(days_from_civil(2026, 11, 29)), Some("repairs"));
        assert_eq!(h.change_on(days_from_civil(2026, 11, 30)), Some(""));
        assert_eq!(h.change_on(days_from_civil(2026, 12, 1)), None);
        s.truncate(1);
        assert_eq!(
            Hours::compile(&s).state_at(IranTime::local(2026, 11, 28, 9, 0)),
            OpenState::OpenUntil(780)
        );
    }

    #[test]
    fn a_suspended_place_is_closed_whatever_its_hours() {
        let mut h = library();
        assert!(h.is_open(IranTime::local(2026, 11, 28, 9, 0)));
        h.suspend();
        assert_eq!(
            h.state_at(IranTime::local(2026, 11, 28, 9, 0)),
            OpenState::Closed
        );
        assert!(!h.is_open(IranTime::local(2026, 11, 28, 9, 0)));
        assert_eq!(h.ranges_on(days_from_civil(2026, 11, 28)), vec![]);
    }

    #[test]
    fn no_hours_is_unknown_and_far_opening_is_closed() {
        assert_eq!(
            Hours::compile(&[]).state_at(IranTime::local(2026, 1, 1, 9, 0)),
            OpenState::Unknown
        );
        let closed = Hours::compile(&[Schedule {
            valid_from: "2026-01-01".into(),
            valid_to: "2026-12-31".into(),
            x_closed: true,
            ..Default::default()
        }]);
        assert_eq!(
            closed.state_at(IranTime::local(2026, 6, 1, 9, 0)),
            OpenState::Closed
        );
    }

    #[test]
    fn impossible_schedules_are_rejected() {
        assert_eq!(
            check(&sched("SA", "14:00", "08:00")),
            Err(ScheduleError::ClosesBeforeOpens)
        );
        assert_eq!(
            check(&sched("XX", "08:00", "09:00")),
            Err(ScheduleError::BadDay("XX".into()))
        );
        assert_eq!(
            check(&sched("SA", "25:00", "26:00")),
            Err(ScheduleError::BadTime("25:00".into()))
        );
        assert!(check(&sched("SA", "۰۸:۰۰", "۱۲:۳۰")).is_ok());
        let backwards = Schedule {
            valid_from: "2026-02-01".into(),
            valid_to: "2026-01-01".into(),
            x_closed: true,
            ..Default::default()
        };
        assert_eq!(check(&backwards), Err(ScheduleError::EndsBeforeStarts));
        assert_eq!(
            check(&Schedule {
                valid_from: "2026-02-30".into(),
                x_closed: true,
                ..Default::default()
            }),
            Err(ScheduleError::BadDate("2026-02-30".into()))
        );
    }

    #[test]
    fn the_next_session_is_the_one_going_on_else_the_next() {
        let hours = Hours::compile(&[Schedule {
            byday: "WE,TU".into(),
            opens_at: "17:00".into(),
            closes_at: "19:00".into(),
            ..Schedule::default()
        }]);
        let at = |h, m| IranTime::local(2026, 12, 2, h, m); // a Wednesday
        let shown = |now| {
            hours.next_session(now).map(|(a, b)| {
                (
                    a.day - at(0, 0).day,
                    format_hm(a.minute),
                    format_hm(b.minute),
                )
            })
        };
        assert_eq!(
            shown(at(18, 27)),
            Some((0, "17:00".into(), "19:00".into())),
            "in progress"
        );
        assert_eq!(shown(at(9, 0)), Some((0, "17:00".into(), "19:00".into())));
        assert_eq!(
            shown(at(19, 0)),
            Some((6, "17:00".into(), "19:00".into())),
            "next Tuesday"
        );
        assert_eq!(Hours::compile(&[]).next_session(at(9, 0)), None);
    }

    #[test]
    fn dates_round_trip() {
        for d in [-1000, 0, 1, 20_000, 20_421] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(parse_date("2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        assert_eq!(
            parse_date(" ٢٠٢٦-١١-١٢ "),
            Some(days_from_civil(2026, 11, 12))
        );
        assert_eq!(
            parse_date("۲۰۲۶-۱۱-۱۲T10:00"),
            Some(days_from_civil(2026, 11, 12))
        );
        assert_eq!(parse_date("2026-1-1"), None);
        assert_eq!(parse_date("2026-1-1xx"), None);
        assert_eq!(parse_date("2026/11/12"), None);
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(format_hm(510), "08:30");
    }
}

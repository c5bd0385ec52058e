//! The coordinators' desk: what it reads from the sign-up server (docs/signup-api.md, "The
//! coordinators' desk"), which answers each sign-up can take, its search, the CSV export and the
//! printable list of a session. The browser half is `src/desk/`.

use serde::{Deserialize, Serialize};

use crate::schedule::Weekday;
use crate::text::{normalize_into, Query};

/// The departments an account looks after: `"all"` or `{"only": [ids]}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Looks {
    All,
    Only(Vec<String>),
}

/// `POST /desk/login` and `GET /desk/me`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Login {
    #[serde(default)]
    pub token: String,
    pub user: String,
    #[serde(default)]
    pub name: String,
    /// `coordinator` or `office`.
    pub role: String,
    pub departments: Looks,
    #[serde(default)]
    pub must_change_password: bool,
    #[serde(default)]
    pub expires_at: String,
}

impl Login {
    /// The office also deals with the SMS the server could not read.
    pub fn is_office(&self) -> bool {
        self.role == "office"
    }
}

/// One row of `GET /desk/departments`: places counted as `/availability` counts them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DepartmentCount {
    pub id: String,
    #[serde(default)]
    pub capacity: i64,
    #[serde(default)]
    pub taken: i64,
    /// None when the department sets no capacity.
    #[serde(default)]
    pub left: Option<i64>,
    #[serde(default)]
    pub waiting: i64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Departments {
    pub departments: Vec<DepartmentCount>,
}

/// One sign-up as the desk sees it (no national ID, no phone id).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DeskSignup {
    pub seq: i64,
    pub reference: String,
    /// `received`, `confirmed`, `waiting_list`, `place_offered`, `declined`, `withdrawn`.
    pub state: String,
    pub reason: String,
    /// `web`, `sms` or `both`.
    pub via: String,
    pub lang: String,
    pub full_name: String,
    pub mobile: String,
    pub age_group: String,
    pub days: Vec<String>,
    pub note: String,
    pub waiting_list: bool,
    pub received_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Signups {
    pub signups: Vec<DeskSignup>,
}

/// An SMS the server could not read (`GET /desk/sms`, office only).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct UnreadSms {
    pub seq: i64,
    pub sender: String,
    pub text: String,
    pub problem: String,
    pub sent_at: String,
    pub received_at: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UnreadList {
    pub sms: Vec<UnreadSms>,
}

/// A coordinator's answer to a sign-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Confirm,
    Offer,
    Decline,
    Withdraw,
}

impl Action {
    /// The word `POST /desk/departments/{id}/signups/{seq}` takes.
    pub fn code(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Offer => "offer",
            Action::Decline => "decline",
            Action::Withdraw => "withdraw",
        }
    }
}

impl DeskSignup {
    /// The answers the server accepts in this sign-up's state, in the order the desk shows them:
    /// a closed one (declined, withdrawn) takes none, a confirmed one only a decline or a
    /// withdrawal, one waiting a place offered first.
    pub fn actions(&self) -> &'static [Action] {
        match self.state.as_str() {
            "received" | "place_offered" => &[Action::Confirm, Action::Decline, Action::Withdraw],
            "waiting_list" => &[
                Action::Offer,
                Action::Confirm,
                Action::Decline,
                Action::Withdraw,
            ],
            "confirmed" => &[Action::Decline, Action::Withdraw],
            _ => &[],
        }
    }

    /// Still part of the department: on a session's list, in the export's count.
    pub fn is_active(&self) -> bool {
        matches!(
            self.state.as_str(),
            "received" | "confirmed" | "place_offered"
        )
    }

    /// Whether they said they can come on `day` (no days given: any day).
    pub fn comes_on(&self, day: Weekday) -> bool {
        self.days.is_empty() || self.days.iter().any(|d| Weekday::parse(d) == Some(day))
    }

    /// The text searched: name, mobile, reference, note, with the app's normalisation (any digit
    /// script, any spelling of Persian and Arabic letters).
    fn search_text(&self) -> String {
        let mut out = String::new();
        for field in [&self.full_name, &self.mobile, &self.reference, &self.note] {
            normalize_into(&mut out, field);
            out.push(' ');
        }
        out
    }
}

/// The sign-ups matching `query` (every word, normalised as the app's other searches), in the
/// order given (the server's: newest first).
pub fn search<'a>(signups: &'a [DeskSignup], query: &str) -> Vec<&'a DeskSignup> {
    let q = Query::new(query);
    signups
        .iter()
        .filter(|s| q.is_empty() || q.matches(&s.search_text()))
        .collect()
}

/// A cell a spreadsheet program would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return in front of one) gets an apostrophe in front, so it is shown as text (OWASP's advice
/// for CSV injection); a cell with a comma, a quote or a line break is quoted.
pub fn csv_cell(value: &str) -> String {
    let risky = value
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let value = if risky {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The texts of the export's cells that are words, in the desk's language.
pub struct CsvWords<'a> {
    /// The header row, one per column of [`csv`].
    pub headers: [&'a str; 10],
    /// A state's word (`confirmed` → "Confirmed").
    pub state: &'a dyn Fn(&str) -> String,
    /// A channel's word (`sms` → "SMS").
    pub via: &'a dyn Fn(&str) -> String,
    /// Days as the reader writes them (`["SA","MO"]` → "Saturday, Monday").
    pub days: &'a dyn Fn(&[String]) -> String,
}

/// A department's sign-ups as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read
/// Persian and Arabic as such), CRLF line ends (RFC 4180), formula cells neutralised.
/// Columns: reference, name, mobile, age group, days, note, state, reason, channel, received.
pub fn csv(signups: &[DeskSignup], words: &CsvWords) -> String {
    let mut out = String::from("\u{FEFF}");
    let mut row = |cells: &[&str]| {
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    row(&words.headers);
    for s in signups {
        let state = (words.state)(&s.state);
        let via = (words.via)(&s.via);
        let days = (words.days)(&s.days);
        row(&[
            &s.reference,
            &s.full_name,
            &s.mobile,
            &s.age_group,
            &days,
            &s.note,
            &state,
            &s.reason,
            &via,
            &s.received_at,
        ]);
    }
    out
}

/// One weekly session of a department, for its printable list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub day: Weekday,
    /// `16:00`, as the catalog gives it (empty when it gives none).
    pub opens_at: String,
    pub closes_at: String,
}

/// The weekly sessions of a department's regular schedule (entries with dates or closed are
/// exceptions, not sessions), by day then hour; a schedule without days meets every day.
pub fn sessions(schedules: &[crate::schedule::Schedule]) -> Vec<Session> {
    let mut out: Vec<Session> = Vec::new();
    for s in schedules
        .iter()
        .filter(|s| s.valid_from.is_empty() && s.valid_to.is_empty() && !s.x_closed)
    {
        let days: Vec<Weekday> = if s.byday.trim().is_empty() {
            Weekday::ALL.to_vec()
        } else {
            s.byday.split(',').filter_map(Weekday::parse).collect()
        };
        for day in days {
            let session = Session {
                day,
                opens_at: s.opens_at.to_string(),
                closes_at: s.closes_at.to_string(),
            };
            if !out.contains(&session) {
                out.push(session);
            }
        }
    }
    out.sort_by(|a, b| (a.day, &a.opens_at).cmp(&(b.day, &b.opens_at)));
    out
}

/// Who is expected at a session: the active sign-ups who can come that day, by name.
pub fn session_list<'a>(signups: &'a [DeskSignup], day: Weekday) -> Vec<&'a DeskSignup> {
    let mut list: Vec<&DeskSignup> = signups
        .iter()
        .filter(|s| s.is_active() && s.comes_on(day))
        .collect();
    list.sort_by_cached_key(|s| crate::query::sort_key(&s.full_name));
    list
}

/// The sign-up server's address, from the app's `signup_url` (`https://host/signups` →
/// `https://host`): the desk's routes are beside `/signups`.
pub fn server_base(signup_url: &str) -> String {
    let url = signup_url.trim().trim_end_matches('/');
    url.strip_suffix("/signups").unwrap_or(url).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signup(state: &str, name: &str, days: &[&str]) -> DeskSignup {
        DeskSignup {
            state: state.into(),
            full_name: name.into(),
            days: days.iter().map(|d| d.to_string()).collect(),
            ..DeskSignup::default()
        }
    }

    #[test]
    fn answers_follow_the_state() {
        assert_eq!(
            signup("received", "", &[]).actions(),
            &[Action::Confirm, Action::Decline, Action::Withdraw]
        );
        assert_eq!(signup("waiting_list", "", &[]).actions()[0], Action::Offer);
        assert_eq!(
            signup("confirmed", "", &[]).actions(),
            &[Action::Decline, Action::Withdraw]
        );
        assert!(signup("declined", "", &[]).actions().is_empty());
        assert!(signup("withdrawn", "", &[]).actions().is_empty());
        assert!(signup("something new", "", &[]).actions().is_empty());
    }

    #[test]
    fn search_reads_every_digit_script_and_spelling() {
        let mut a = signup("received", "علي رضایی", &[]);
        a.mobile = "09121234567".into();
        a.reference = "K7M2QX".into();
        let mut b = signup("received", "Sara Ahmadi", &[]);
        b.mobile = "09351112233".into();
        b.note = "کتابخوانی".into();
        let all = [a, b];
        let names = |q: &str| {
            search(&all, q)
                .iter()
                .map(|s| s.full_name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(""), ["علي رضایی", "Sara Ahmadi"]);
        // Persian digits, Arabic yeh for Persian yeh, a reference in lower case.
        assert_eq!(names("۰۹۱۲"), ["علي رضایی"]);
        assert_eq!(names("علی"), ["علي رضایی"]);
        assert_eq!(names("k7m2"), ["علي رضایی"]);
        assert_eq!(names("sara ahm"), ["Sara Ahmadi"]);
        assert_eq!(names("کتاب‌خوانی"), ["Sara Ahmadi"]);
        assert!(names("nobody").is_empty());
    }

    #[test]
    fn csv_cells_cannot_become_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+98912"), "'+98912");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_cell("سارا"), "سارا");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_has_a_row_each() {
        let mut s = signup("confirmed", "=cmd|' /C calc'!A0", &["SA", "MO"]);
        s.reference = "K7M2QX".into();
        s.mobile = "09121234567".into();
        s.via = "sms".into();
        let state = |w: &str| format!("<{w}>");
        let via = |w: &str| w.to_uppercase();
        let days = |d: &[String]| d.join(" ");
        let words = CsvWords {
            headers: [
                "ref", "name", "mobile", "age", "days", "note", "state", "reason", "via", "at",
            ],
            state: &state,
            via: &via,
            days: &days,
        };
        let out = csv(&[s], &words);
        assert!(out.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = out.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "ref,name,mobile,age,days,note,state,reason,via,at"
        );
        assert_eq!(
            lines[1],
            "K7M2QX,'=cmd|' /C calc'!A0,09121234567,,SA MO,,<confirmed>,,SMS,"
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_session_lists_who_can_come_that_day() {
        let all = [
            signup("confirmed", "Zahra", &["SA"]),
            signup("received", "Ali", &[]),
            signup("declined", "Reza", &["SA"]),
            signup("waiting_list", "Mina", &["SA"]),
            signup("place_offered", "Babak", &["MO", "SA"]),
            signup("confirmed", "Omid", &["MO"]),
        ];
        let names = |day| {
            session_list(&all, day)
                .iter()
                .map(|s| s.full_name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(Weekday::Sat), ["Ali", "Babak", "Zahra"]);
        assert_eq!(names(Weekday::Mon), ["Ali", "Babak", "Omid"]);
        assert_eq!(names(Weekday::Fri), ["Ali"]);
        // In the Persian alphabet's order: پ after ب, though its code point is larger than ت's.
        let persian = [
            signup("confirmed", "تینا", &[]),
            signup("confirmed", "پری", &[]),
            signup("confirmed", "بهار", &[]),
        ];
        let order: Vec<&str> = session_list(&persian, Weekday::Sat)
            .iter()
            .map(|s| s.full_name.as_str())
            .collect();
        assert_eq!(order, ["بهار", "پری", "تینا"]);
    }

    #[test]
    fn sessions_of_a_schedule() {
        use crate::schedule::Schedule;
        let weekly = |byday: &str, from: &str, to: &str| Schedule {
            byday: byday.into(),
            opens_at: from.into(),
            closes_at: to.into(),
            ..Schedule::default()
        };
        let holiday = Schedule {
            valid_from: "2026-03-20".into(),
            valid_to: "2026-03-24".into(),
            x_closed: true,
            ..Schedule::default()
        };
        let found = sessions(&[
            weekly("MO,SA", "16:00", "18:00"),
            weekly("SA", "10:00", "12:00"),
            weekly("SA,MO", "16:00", "18:00"),
            holiday,
        ]);
        let shown: Vec<String> = found
            .iter()
            .map(|s| format!("{} {}-{}", s.day.code(), s.opens_at, s.closes_at))
            .collect();
        assert_eq!(
            shown,
            ["SA 10:00-12:00", "SA 16:00-18:00", "MO 16:00-18:00"]
        );
        assert_eq!(sessions(&[weekly("", "", "")]).len(), 7);
    }

    #[test]
    fn the_server_is_beside_its_signups_route() {
        assert_eq!(
            server_base("https://tak.example/signups"),
            "https://tak.example"
        );
        assert_eq!(
            server_base("https://tak.example/api/signups/"),
            "https://tak.example/api"
        );
        assert_eq!(
            server_base(" http://127.0.0.1:8081 "),
            "http://127.0.0.1:8081"
        );
    }

    #[test]
    fn server_answers_are_read() {
        let login: Login = serde_json::from_str(
            r#"{"token":"ab","user":"maryam","name":"Maryam","role":"coordinator",
                "departments":{"only":["tak-1"]},"must_change_password":true,"expires_at":"2026-12-02T20:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(login.departments, Looks::Only(vec!["tak-1".into()]));
        assert!(login.must_change_password && !login.is_office());
        let all: Login =
            serde_json::from_str(r#"{"user":"o","role":"office","departments":"all"}"#).unwrap();
        assert_eq!(all.departments, Looks::All);
        let list: Signups = serde_json::from_str(
            r#"{"department":"tak-1","signups":[{"seq":3,"reference":"K7M2QX","state":"received","days":["SA"],"extra":1}]}"#,
        )
        .unwrap();
        assert_eq!(list.signups[0].seq, 3);
        assert_eq!(list.signups[0].days, ["SA"]);
    }
}

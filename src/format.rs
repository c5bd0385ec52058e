//! Words and numbers for the reader: dates through the browser's `Intl` (one cached formatter per
//! language: making one per row cost seconds on long lists), times and digits in the reader's
//! script, opening states, and the names of the catalog's enums.

use std::cell::RefCell;
use std::collections::HashMap;

use tak_core::catalog::{AgeGroup, Field, OrgKind, Phase};
use tak_core::schedule::{format_hm, OpenState, Weekday};
use wasm_bindgen::JsValue;

use crate::i18n::{fill, text, Lang, K};

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DateStyle {
    /// 4 Azar 1405
    Full,
    /// Saturday 8 Azar
    WeekdayDayMonth,
}

thread_local! {
    static DATE_FORMATS: RefCell<HashMap<(Lang, DateStyle), js_sys::Function>> = RefCell::new(HashMap::new());
    /// Arabic's formatters by style (an array, not a map: another map type would add its own
    /// copy of the hash map's code to the first-load wasm).
    static AR_PARTS: RefCell<[Option<js_sys::Intl::DateTimeFormat>; 2]> = const { RefCell::new([None, None]) };
}

/// The Solar Hijri months as Arabic writes them. CLDR's Arabic names for this calendar are
/// garbled ("شهرفار", "فرفردن"), so an Arabic date is formatted with the month as a number and
/// the name is put in from here.
const AR_SOLAR_MONTHS: [&str; 12] = [
    "فروردين",
    "أرديبهشت",
    "خرداد",
    "تير",
    "مرداد",
    "شهريور",
    "مهر",
    "آبان",
    "آذر",
    "دي",
    "بهمن",
    "إسفند",
];

/// Formats `d` in `lang`: through the cached formatter, and for Arabic part by part with the
/// month's name from [`AR_SOLAR_MONTHS`].
fn format_date(lang: Lang, style: DateStyle, d: &js_sys::Date) -> Option<String> {
    if lang != Lang::Ar {
        return date_formatter(lang, style)
            .call1(&JsValue::NULL, d)
            .ok()
            .and_then(|v| v.as_string());
    }
    let parts = AR_PARTS.with(|cache| {
        cache.borrow_mut()[style as usize]
            .get_or_insert_with(|| {
                let locales = js_sys::Array::of1(&Lang::Ar.intl_locale().into());
                js_sys::Intl::DateTimeFormat::new(&locales, &date_options(style, "numeric"))
            })
            .format_to_parts(d)
    });
    let (mut weekday, mut day, mut month, mut year) =
        (String::new(), String::new(), 0, String::new());
    for part in parts.iter() {
        let field = |name: &str| {
            js_sys::Reflect::get(&part, &name.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        let value = field("value");
        match field("type").as_str() {
            "weekday" => weekday = value,
            "day" => day = value,
            "month" => month = tak_core::text::to_ascii_digits(&value).parse().ok()?,
            "year" => year = value,
            _ => {}
        }
    }
    let month = AR_SOLAR_MONTHS.get(usize::checked_sub(month, 1)?)?;
    Some(match style {
        DateStyle::Full => format!("{day} {month} {year}"),
        DateStyle::WeekdayDayMonth => format!("{weekday}، {day} {month}"),
    })
}

fn date_options(style: DateStyle, month: &str) -> js_sys::Object {
    let options = js_sys::Object::new();
    let fields: &[(&str, &str)] = match style {
        DateStyle::Full => &[("year", "numeric"), ("month", month), ("day", "numeric")],
        DateStyle::WeekdayDayMonth => &[("weekday", "long"), ("month", month), ("day", "numeric")],
    };
    for (k, v) in fields.iter().chain(&[("timeZone", "Asia/Tehran")]) {
        let _ = js_sys::Reflect::set(&options, &(*k).into(), &(*v).into());
    }
    options
}

fn date_formatter(lang: Lang, style: DateStyle) -> js_sys::Function {
    DATE_FORMATS.with(|cache| {
        cache
            .borrow_mut()
            .entry((lang, style))
            .or_insert_with(|| {
                let locales = js_sys::Array::of1(&lang.intl_locale().into());
                js_sys::Intl::DateTimeFormat::new(&locales, &date_options(style, "long")).format()
            })
            .clone()
    })
}

/// Builds the reader's date formatter ahead of need, in a task of its own while the catalog is
/// downloading: the first `Intl.DateTimeFormat` of a locale loads its calendar data (a long task
/// on a slow phone: BENCHMARKS.md), which would otherwise lengthen the task that draws the first
/// cards.
pub fn warm_up(lang: Lang) {
    leptos::prelude::set_timeout(
        move || {
            let _ = format_date(lang, DateStyle::WeekdayDayMonth, &js_sys::Date::new_0());
        },
        std::time::Duration::ZERO,
    );
}

/// A calendar day (days since 1970-01-01, Iran time) as "Saturday 8 Azar" in the reader's calendar.
pub fn weekday_date(lang: Lang, day: i64) -> String {
    let noon_utc =
        (day * 1440 + 12 * 60 - tak_core::schedule::IRAN_OFFSET_MINUTES) as f64 * 60_000.0;
    let d = js_sys::Date::new(&JsValue::from_f64(noon_utc));
    format_date(lang, DateStyle::WeekdayDayMonth, &d).unwrap_or_default()
}

/// "2026-11-25" or an ISO timestamp → "۴ آذر ۱۴۰۵" (fa), "4 آذر 1405" (ar), "25 November 2026" (en).
/// Anything unreadable is shown as it is.
pub fn date(lang: Lang, iso: &str) -> String {
    let iso = iso.trim();
    if iso.is_empty() {
        return String::new();
    }
    let stamp = if iso.len() == 10 {
        format!("{iso}T12:00:00+03:30")
    } else {
        iso.to_string()
    };
    let d = js_sys::Date::new(&JsValue::from_str(&stamp));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format_date(lang, DateStyle::Full, &d).unwrap_or_else(|| iso.to_string())
}

pub fn time(lang: Lang, minute: u16) -> String {
    lang.digits(&format_hm(minute))
}

pub fn weekday(lang: Lang, d: Weekday) -> &'static str {
    let key = [
        K::day_sa,
        K::day_su,
        K::day_mo,
        K::day_tu,
        K::day_we,
        K::day_th,
        K::day_fr,
    ][d.index()];
    text(lang, key)
}

pub fn open_state(lang: Lang, state: OpenState) -> String {
    match state {
        OpenState::OpenUntil(m) => fill(text(lang, K::open_until), &[("time", &time(lang, m))]),
        OpenState::OpensAt {
            days_ahead: 0,
            minute,
            ..
        } => fill(
            text(lang, K::opens_later_today),
            &[("time", &time(lang, minute))],
        ),
        OpenState::OpensAt {
            weekday: d, minute, ..
        } => fill(
            text(lang, K::opens_on),
            &[("day", weekday(lang, d)), ("time", &time(lang, minute))],
        ),
        OpenState::Closed => text(lang, K::closed).to_string(),
        OpenState::Unknown => text(lang, K::hours_unknown).to_string(),
    }
}

/// The next session of a department: "today 17:00" or "Saturday 8 Azar, 17:00" (the date in the
/// reader's calendar: Solar Hijri for Persian and Arabic).
pub fn next_session(lang: Lang, state: OpenState, today: i64) -> Option<String> {
    match state {
        OpenState::OpenUntil(_) => Some(
            text(lang, K::today_at)
                .replace("{time}", "")
                .trim()
                .to_string(),
        ),
        OpenState::OpensAt {
            days_ahead: 0,
            minute,
            ..
        } => Some(fill(
            text(lang, K::today_at),
            &[("time", &time(lang, minute))],
        )),
        OpenState::OpensAt {
            days_ahead, minute, ..
        } => {
            let day = weekday_date(lang, today + days_ahead as i64);
            Some(fill(
                text(lang, K::day_at),
                &[("day", &day), ("time", &time(lang, minute))],
            ))
        }
        _ => None,
    }
}

pub fn distance(lang: Lang, km: f64) -> String {
    let n = if km < 10.0 {
        format!("{:.1}", km)
    } else {
        format!("{:.0}", km)
    };
    let n = if lang == Lang::Fa {
        n.replace('.', "٫")
    } else {
        n
    };
    fill(text(lang, K::km), &[("km", &lang.digits(&n))])
}

pub fn field(lang: Lang, f: Field) -> &'static str {
    text(
        lang,
        match f {
            Field::Cultural => K::field_cultural,
            Field::Scientific => K::field_scientific,
            Field::Social => K::field_social,
        },
    )
}

pub fn host_kind(lang: Lang, k: OrgKind) -> &'static str {
    text(
        lang,
        match k {
            OrgKind::PublicLibrary => K::host_public_library,
            OrgKind::Kanoon => K::host_kanoon,
            OrgKind::Agency => K::host_agency,
            OrgKind::CommunityGroup => K::host_community_group,
            OrgKind::Other => K::host_other,
        },
    )
}

pub fn age(lang: Lang, a: AgeGroup) -> &'static str {
    text(
        lang,
        match a {
            AgeGroup::Children => K::age_children,
            AgeGroup::Teens => K::age_teens,
            AgeGroup::Adults => K::age_adults,
            AgeGroup::Seniors => K::age_seniors,
        },
    )
}

pub fn phase(lang: Lang, p: Phase) -> &'static str {
    text(
        lang,
        match p {
            Phase::Pilot => K::phase_pilot,
            Phase::Next => K::phase_next,
            Phase::Planned => K::phase_planned,
        },
    )
}

pub fn language_name(lang: Lang, code: &str) -> String {
    match Lang::parse(code) {
        Some(Lang::Fa) => text(lang, K::lang_fa).into(),
        Some(Lang::Ar) => text(lang, K::lang_ar).into(),
        Some(Lang::En) => text(lang, K::lang_en).into(),
        None => code.to_string(),
    }
}

pub fn kilobytes(lang: Lang, bytes: f64) -> String {
    fill(
        text(lang, K::kb),
        &[("n", &lang.number(format!("{:.0}", (bytes / 1024.0).ceil())))],
    )
}

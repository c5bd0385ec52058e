//! A problem found in a catalog: where (a JSON path), how bad, and a message in each language.

use crate::lang::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The entry (or the value) is left out of what residents see.
    Error,
    /// Shown as it is, but the office should fix it.
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    MissingFormatVersion,
    NewerFormat {
        found: String,
    },
    /// The entry could not be read at all (a missing required field, a wrong type).
    InvalidEntry(String),
    /// One of the catalog's lists given as something else (an object, a text).
    NotAList,
    /// A list or field of the catalog's root given a second time: only the first is read.
    GivenTwice,
    DuplicateId(String),
    DanglingReference {
        field: &'static str,
        id: String,
    },
    OutsideKhuzestan {
        lat: f64,
        lon: f64,
    },
    OutsideCounty {
        county: String,
    },
    UnknownCounty(String),
    BadPhone(String),
    BadLink(String),
    BadSchedule(String),
    BadDate(String),
    MissingTranslation {
        lang: &'static str,
        field: String,
    },
    Negative {
        field: &'static str,
        value: i64,
    },
    PlacesOverCapacity {
        places: i64,
        capacity: i64,
    },
    BadPercent(i64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Where, as a JSON path: `$.services[3].phones[0].number`.
    pub path: String,
    pub severity: Severity,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem {
            path: path.into(),
            severity: Severity::Error,
            kind,
        }
    }
    pub fn warning(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem {
            path: path.into(),
            severity: Severity::Warning,
            kind,
        }
    }

    /// The message for the office, in English, Persian or Arabic.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let s = |en: String, fa: String, ar: String| match lang {
            Lang::En => en,
            Lang::Fa => fa,
            Lang::Ar => ar,
        };
        match &self.kind {
            MissingFormatVersion => s(
                "format_version is missing; assuming 1.0".into(),
                "format_version نیامده است؛ ۱٫۰ فرض شد".into(),
                "format_version غير موجود؛ اعتُبر 1.0".into(),
            ),
            NewerFormat { found } => s(
                format!("format_version {found} is newer than this app reads (1.x); update the app. Known fields are shown."),
                format!("نسخهٔ قالب {found} از نسخه‌ای که این برنامه می‌خواند (1.x) تازه‌تر است؛ برنامه را به‌روز کنید. بخش‌های شناخته‌شده نمایش داده می‌شود."),
                format!("إصدار التنسيق {found} أحدث مما يقرأه هذا التطبيق (1.x)؛ حدّث التطبيق. تُعرض الحقول المعروفة."),
            ),
            InvalidEntry(e) => s(
                format!("entry cannot be read: {e}"),
                format!("این مورد خوانده نمی‌شود: {e}"),
                format!("تعذّرت قراءة هذا العنصر: {e}"),
            ),
            NotAList => s(
                "this should be a list [ … ]; it was left out".into(),
                "این باید فهرست [ … ] باشد؛ کنار گذاشته شد".into(),
                "يجب أن تكون هذه قائمة [ … ]؛ تُركت جانبًا".into(),
            ),
            GivenTwice => s(
                "given twice; only the first is read".into(),
                "دو بار آمده است؛ فقط اولی خوانده شد".into(),
                "وردت مرتين؛ تُقرأ الأولى فقط".into(),
            ),
            DuplicateId(id) => s(
                format!("duplicate id \"{id}\"; only the first is kept"),
                format!("شناسهٔ تکراری «{id}»؛ فقط اولی نگه داشته شد"),
                format!("معرّف مكرر \"{id}\"؛ يُحتفظ بالأول فقط"),
            ),
            DanglingReference { field, id } => s(
                format!("{field} \"{id}\" refers to nothing in the catalog"),
                format!("{field} «{id}» به چیزی در فهرست اشاره نمی‌کند"),
                format!("{field} \"{id}\" لا يشير إلى شيء في الدليل"),
            ),
            OutsideKhuzestan { lat, lon } => s(
                format!("coordinates {lat}, {lon} are outside Khuzestan"),
                format!("مختصات {lat}، {lon} بیرون از خوزستان است"),
                format!("الإحداثيات {lat}، {lon} خارج خوزستان"),
            ),
            OutsideCounty { county } => s(
                format!("coordinates are not inside county \"{county}\""),
                format!("مختصات درون شهرستان «{county}» نیست"),
                format!("الإحداثيات ليست داخل مقاطعة \"{county}\""),
            ),
            UnknownCounty(id) => s(
                format!("unknown county \"{id}\""),
                format!("شهرستان ناشناخته «{id}»"),
                format!("مقاطعة غير معروفة \"{id}\""),
            ),
            BadPhone(p) => s(
                format!("\"{p}\" is not a phone number"),
                format!("«{p}» شمارهٔ تلفن نیست"),
                format!("\"{p}\" ليس رقم هاتف"),
            ),
            BadLink(u) => s(
                format!("link \"{u}\" is not allowed (https, http, tel, sms, mailto, geo only)"),
                format!("پیوند «{u}» مجاز نیست (فقط https، http، tel، sms، mailto، geo)"),
                format!("الرابط \"{u}\" غير مسموح (https وhttp وtel وsms وmailto وgeo فقط)"),
            ),
            BadSchedule(e) => s(
                format!("impossible schedule: {e}"),
                format!("برنامهٔ زمانی ناممکن: {e}"),
                format!("جدول زمني مستحيل: {e}"),
            ),
            BadDate(d) => s(
                format!("\"{d}\" is not a date (YYYY-MM-DD)"),
                format!("«{d}» تاریخ نیست (YYYY-MM-DD)"),
                format!("\"{d}\" ليس تاريخًا (YYYY-MM-DD)"),
            ),
            MissingTranslation { lang: l, field } => s(
                format!("no {l} translation of {field}"),
                format!("ترجمهٔ {l} برای {field} نیامده است"),
                format!("لا توجد ترجمة {l} للحقل {field}"),
            ),
            Negative { field, value } => s(
                format!("{field} is negative ({value})"),
                format!("{field} منفی است ({value})"),
                format!("{field} سالب ({value})"),
            ),
            PlacesOverCapacity { places, capacity } => s(
                format!("places_available {places} is more than capacity {capacity}"),
                format!("places_available ({places}) از capacity ({capacity}) بیشتر است"),
                format!("places_available ({places}) أكبر من capacity ({capacity})"),
            ),
            BadPercent(p) => s(
                format!("discount percent {p} is not between 1 and 100"),
                format!("درصد تخفیف {p} میان ۱ و ۱۰۰ نیست"),
                format!("نسبة الخصم {p} ليست بين 1 و100"),
            ),
        }
    }
}

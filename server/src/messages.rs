//! Refusals in the sign-up's language. The field rules' messages are the app's own texts (the
//! `err_*` keys of `i18n/*.json`), so the server and the phone never word the same rule
//! differently; the few refusals only the server makes are worded here.

use std::collections::HashMap;
use std::sync::OnceLock;

use tak_core::signup::FieldError;
use tak_core::Lang;

fn app_texts(lang: Lang) -> &'static HashMap<String, serde_json::Value> {
    static TEXTS: OnceLock<[HashMap<String, serde_json::Value>; 3]> = OnceLock::new();
    let all = TEXTS.get_or_init(|| {
        let read = |json: &str| serde_json::from_str(json).unwrap_or_default();
        [
            read(include_str!("../../i18n/fa.json")),
            read(include_str!("../../i18n/ar.json")),
            read(include_str!("../../i18n/en.json")),
        ]
    });
    match lang {
        Lang::Fa => &all[0],
        Lang::Ar => &all[1],
        Lang::En => &all[2],
    }
}

fn app_text(lang: Lang, key: &str) -> String {
    app_texts(lang)
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(key)
        .to_string()
}

/// The app's message for a field rule.
pub fn field_error(lang: Lang, e: FieldError) -> String {
    let key = match e {
        FieldError::NameMissing => "err_name_missing",
        FieldError::NameTooLong => "err_name_too_long",
        FieldError::MobileMissing => "err_mobile_missing",
        FieldError::MobileInvalid => "err_mobile_invalid",
        FieldError::NationalIdLength => "err_nid_length",
        FieldError::NationalIdChecksum => "err_nid_checksum",
        FieldError::AgeGroupMissing => "err_age_missing",
        FieldError::NoteTooLong => "err_note_too_long",
        FieldError::ConsentMissing => "err_consent_missing",
    };
    app_text(lang, key)
}

/// What only the server refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    UnknownDepartment,
    BadRequest,
    KeyReused,
    TooMany,
    TooLarge,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::UnknownDepartment => "unknown_department",
            Refusal::BadRequest => "bad_request",
            Refusal::KeyReused => "idempotency_key_reused",
            Refusal::TooMany => "too_many_requests",
            Refusal::TooLarge => "too_large",
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        use Lang::*;
        match (self, lang) {
            (Refusal::UnknownDepartment, Fa) => {
                "این دپارتمان دیگر در فهرست نیست. فهرست را دوباره باز کنید."
            }
            (Refusal::UnknownDepartment, Ar) => {
                "لم يعد هذا القسم في القائمة. افتح القائمة من جديد."
            }
            (Refusal::UnknownDepartment, En) => {
                "This department is no longer listed. Open the list again."
            }
            (Refusal::BadRequest, Fa) => {
                "این ثبت‌نام خوانده نشد. برنامه را به‌روز کنید و دوباره بفرستید."
            }
            (Refusal::BadRequest, Ar) => "تعذّرت قراءة هذا التسجيل. حدّث التطبيق وأرسله من جديد.",
            (Refusal::BadRequest, En) => {
                "This sign-up could not be read. Update the app and send it again."
            }
            (Refusal::KeyReused, Fa) => "این شناسه پیش‌تر برای ثبت‌نام دیگری به کار رفته است.",
            (Refusal::KeyReused, Ar) => "استُخدم هذا المعرّف من قبل لتسجيل آخر.",
            (Refusal::KeyReused, En) => "This reference was already used for a different sign-up.",
            (Refusal::TooMany, Fa) => "درخواست‌ها زیاد است؛ کمی بعد خودکار دوباره فرستاده می‌شود.",
            (Refusal::TooMany, Ar) => "الطلبات كثيرة؛ سيُعاد الإرسال تلقائيًا بعد قليل.",
            (Refusal::TooMany, En) => "Too many requests; it will be sent again shortly.",
            (Refusal::TooLarge, Fa) => "این درخواست بیش از اندازه بزرگ است.",
            (Refusal::TooLarge, Ar) => "هذا الطلب أكبر من المسموح.",
            (Refusal::TooLarge, En) => "This request is too large.",
        }
    }
}

/// What the desk refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeskRefusal {
    /// A wrong user name or password (the two are not told apart).
    LoginFailed,
    TooManyGuesses,
    /// No token, or one that is forged, expired or ended.
    NotLoggedIn,
    PasswordChangeRequired,
    PasswordTooShort,
    PasswordUnchanged,
    /// A department the coordinator does not look after.
    NotYourDepartment,
    UnknownDepartment,
    UnknownSignup,
    UnknownAction,
    ReasonMissing,
    ReasonTooLong,
    NoPlaceLeft,
    /// The sign-up was withdrawn or declined already.
    AnswerClosed,
    OfficeOnly,
    UnknownSms,
}

impl DeskRefusal {
    pub fn code(self) -> &'static str {
        match self {
            DeskRefusal::LoginFailed => "login_failed",
            DeskRefusal::TooManyGuesses => "too_many_guesses",
            DeskRefusal::NotLoggedIn => "not_logged_in",
            DeskRefusal::PasswordChangeRequired => "password_change_required",
            DeskRefusal::PasswordTooShort => "password_too_short",
            DeskRefusal::PasswordUnchanged => "password_unchanged",
            DeskRefusal::NotYourDepartment => "not_your_department",
            DeskRefusal::UnknownDepartment => "unknown_department",
            DeskRefusal::UnknownSignup => "unknown_signup",
            DeskRefusal::UnknownAction => "unknown_action",
            DeskRefusal::ReasonMissing => "reason_missing",
            DeskRefusal::ReasonTooLong => "reason_too_long",
            DeskRefusal::NoPlaceLeft => "no_place_left",
            DeskRefusal::AnswerClosed => "answer_closed",
            DeskRefusal::OfficeOnly => "office_only",
            DeskRefusal::UnknownSms => "unknown_sms",
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        use Lang::*;
        match (self, lang) {
            (DeskRefusal::LoginFailed, Fa) => "نام کاربری یا گذرواژه درست نیست.",
            (DeskRefusal::LoginFailed, Ar) => "اسم المستخدم أو كلمة المرور غير صحيحة.",
            (DeskRefusal::LoginFailed, En) => "The user name or password is not right.",
            (DeskRefusal::TooManyGuesses, Fa) => {
                "چند بار گذرواژهٔ نادرست آمد. پانزده دقیقهٔ دیگر دوباره امتحان کنید."
            }
            (DeskRefusal::TooManyGuesses, Ar) => {
                "أُدخلت كلمة مرور خاطئة عدة مرات. حاول مرة أخرى بعد خمس عشرة دقيقة."
            }
            (DeskRefusal::TooManyGuesses, En) => {
                "Too many wrong passwords. Try again in fifteen minutes."
            }
            (DeskRefusal::NotLoggedIn, Fa) => "ورود شما پایان یافته است. دوباره وارد شوید.",
            (DeskRefusal::NotLoggedIn, Ar) => "انتهى تسجيل دخولك. سجّل الدخول من جديد.",
            (DeskRefusal::NotLoggedIn, En) => "You are not logged in. Log in again.",
            (DeskRefusal::PasswordChangeRequired, Fa) => {
                "پیش از ادامه، گذرواژهٔ یک‌بارمصرف را با گذرواژهٔ خودتان عوض کنید."
            }
            (DeskRefusal::PasswordChangeRequired, Ar) => {
                "قبل المتابعة، استبدل كلمة المرور المؤقتة بكلمة مرور من اختيارك."
            }
            (DeskRefusal::PasswordChangeRequired, En) => {
                "Before going on, replace the one-time password with one of your own."
            }
            (DeskRefusal::PasswordTooShort, Fa) => "گذرواژه دست‌کم ۱۰ نویسه باشد.",
            (DeskRefusal::PasswordTooShort, Ar) => "يجب أن تتكون كلمة المرور من ١٠ أحرف على الأقل.",
            (DeskRefusal::PasswordTooShort, En) => "The password needs at least 10 characters.",
            (DeskRefusal::PasswordUnchanged, Fa) => "گذرواژهٔ تازه باید با گذرواژهٔ کنونی فرق کند.",
            (DeskRefusal::PasswordUnchanged, Ar) => "يجب أن تختلف كلمة المرور الجديدة عن الحالية.",
            (DeskRefusal::PasswordUnchanged, En) => {
                "The new password must differ from the current one."
            }
            (DeskRefusal::NotYourDepartment, Fa) => "این دپارتمان در فهرست دپارتمان‌های شما نیست.",
            (DeskRefusal::NotYourDepartment, Ar) => "هذا القسم ليس من الأقسام التي تتولاها.",
            (DeskRefusal::NotYourDepartment, En) => "This department is not one of yours.",
            (DeskRefusal::UnknownDepartment, Fa) => "این دپارتمان در فهرست نیست.",
            (DeskRefusal::UnknownDepartment, Ar) => "هذا القسم ليس في القائمة.",
            (DeskRefusal::UnknownDepartment, En) => "This department is not in the catalog.",
            (DeskRefusal::UnknownSignup, Fa) => "این ثبت‌نام در این دپارتمان پیدا نشد.",
            (DeskRefusal::UnknownSignup, Ar) => "لم يوجد هذا التسجيل في هذا القسم.",
            (DeskRefusal::UnknownSignup, En) => "This sign-up is not in this department.",
            (DeskRefusal::UnknownAction, Fa) => "این پاسخ شناخته نیست.",
            (DeskRefusal::UnknownAction, Ar) => "هذا الرد غير معروف.",
            (DeskRefusal::UnknownAction, En) => "This answer is not one the desk knows.",
            (DeskRefusal::ReasonMissing, Fa) => "دلیل را بنویسید؛ داوطلب آن را می‌بیند.",
            (DeskRefusal::ReasonMissing, Ar) => "اكتب السبب؛ سيراه المتطوع.",
            (DeskRefusal::ReasonMissing, En) => "Write the reason; the volunteer will see it.",
            (DeskRefusal::ReasonTooLong, Fa) => "دلیل حداکثر ۳۰۰ نویسه باشد.",
            (DeskRefusal::ReasonTooLong, Ar) => "يجب ألا يتجاوز السبب ٣٠٠ حرف.",
            (DeskRefusal::ReasonTooLong, En) => "The reason can have at most 300 characters.",
            (DeskRefusal::NoPlaceLeft, Fa) => "جای خالی نمانده است.",
            (DeskRefusal::NoPlaceLeft, Ar) => "لم يبقَ مكان شاغر.",
            (DeskRefusal::NoPlaceLeft, En) => "No place is left.",
            (DeskRefusal::AnswerClosed, Fa) => "این ثبت‌نام پیش‌تر لغو یا رد شده است.",
            (DeskRefusal::AnswerClosed, Ar) => "سبق أن أُلغي هذا التسجيل أو رُفض.",
            (DeskRefusal::AnswerClosed, En) => "This sign-up was already withdrawn or declined.",
            (DeskRefusal::OfficeOnly, Fa) => "این بخش فقط برای دفتر استان است.",
            (DeskRefusal::OfficeOnly, Ar) => "هذا القسم لمكتب المحافظة فقط.",
            (DeskRefusal::OfficeOnly, En) => "Only the provincial office can open this.",
            (DeskRefusal::UnknownSms, Fa) => "این پیامک دیگر در فهرست نیست.",
            (DeskRefusal::UnknownSms, Ar) => "لم تعد هذه الرسالة في القائمة.",
            (DeskRefusal::UnknownSms, En) => "This SMS is no longer in the list.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_messages_are_the_apps_own_in_each_language() {
        for lang in [Lang::Fa, Lang::Ar, Lang::En] {
            let m = field_error(lang, FieldError::MobileInvalid);
            assert!(!m.starts_with("err_"), "{lang:?}: {m}");
        }
        assert_eq!(
            field_error(Lang::En, FieldError::NameMissing),
            "Enter your full name."
        );
    }
}

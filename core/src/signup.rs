//! The TAK sign-up form's rules: what is required, how mobile numbers and national IDs are read
//! (any digit script, spaces and dashes), and the normalised sign-up that is sent.

use serde::{Deserialize, Serialize};

use crate::text::{clean_line, to_ascii_digits};

pub const NAME_MAX: usize = 80;
pub const NOTE_MAX: usize = 500;

/// What the volunteer typed, exactly as typed (it is saved as a draft and restored verbatim).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub national_id: String,
    #[serde(default)]
    pub age_group: String,
    /// Preferred days as two-letter codes (`SA`, `SU`, …).
    #[serde(default)]
    pub days: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub consent: bool,
}

/// The form's fields, in the order they appear (the error summary follows it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    FullName,
    Mobile,
    NationalId,
    AgeGroup,
    Note,
    Consent,
}

impl FieldId {
    /// The input's element id, which the error summary links to.
    pub fn html_id(self) -> &'static str {
        match self {
            FieldId::FullName => "signup-name",
            FieldId::Mobile => "signup-mobile",
            FieldId::NationalId => "signup-national-id",
            FieldId::AgeGroup => "signup-age",
            FieldId::Note => "signup-note",
            FieldId::Consent => "signup-consent",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldError {
    NameMissing,
    NameTooLong,
    MobileMissing,
    /// Not an Iranian mobile number (09xx xxx xxxx or +98 9xx xxx xxxx).
    MobileInvalid,
    NationalIdLength,
    NationalIdChecksum,
    AgeGroupMissing,
    NoteTooLong,
    ConsentMissing,
}

/// Reads an Iranian mobile number in any of its usual spellings and returns it as `+989xxxxxxxxx`.
pub fn normalize_mobile(input: &str) -> Result<String, FieldError> {
    let ascii = to_ascii_digits(input);
    let compact: String = ascii
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '-' | '(' | ')' | '.' | '\u{200C}' | '\u{200E}' | '\u{200F}'
                )
        })
        .collect();
    if compact.is_empty() {
        return Err(FieldError::MobileMissing);
    }
    let national = if let Some(rest) = compact.strip_prefix("+98") {
        rest
    } else if let Some(rest) = compact.strip_prefix("0098") {
        rest
    } else if (compact.len() == 12 || compact.len() == 13) && compact.starts_with("98") {
        &compact[2..]
    } else {
        &compact
    };
    // The trunk zero is often kept after the country code too (`+98 0916…`, `+98 (0) 916…`).
    let digits = national.strip_prefix('0').unwrap_or(national);
    if digits.len() == 10 && digits.starts_with('9') && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(format!("+98{digits}"))
    } else {
        Err(FieldError::MobileInvalid)
    }
}

/// Checks a 10-digit Iranian national ID (کد ملی) against its check digit. Used only to catch
/// typos. Returns the ten ASCII digits.
pub fn check_national_id(input: &str) -> Result<String, FieldError> {
    let digits: String = to_ascii_digits(input)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::NationalIdLength);
    }
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.iter().all(|&x| x == d[0]) {
        return Err(FieldError::NationalIdChecksum);
    }
    let sum: u32 = (0..9).map(|i| d[i] * (10 - i as u32)).sum();
    let r = sum % 11;
    let check = if r < 2 { r } else { 11 - r };
    if d[9] == check {
        Ok(digits)
    } else {
        Err(FieldError::NationalIdChecksum)
    }
}

/// A sign-up as it is sent and kept in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signup {
    /// One random id per sign-up, sent as the `Idempotency-Key` header too.
    pub id: String,
    pub department_id: String,
    pub full_name: String,
    /// `+989xxxxxxxxx`.
    pub mobile: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id: Option<String>,
    pub age_group: String,
    #[serde(default)]
    pub days: Vec<String>,
    #[serde(default)]
    pub note: String,
    pub consent: bool,
    /// `fa`, `ar` or `en`: the language the volunteer used.
    pub lang: String,
    /// ISO 8601 UTC.
    pub created_at: String,
    /// True when the volunteer asked to join the waiting list of a full department.
    #[serde(default)]
    pub waiting_list: bool,
}

/// Validates the form and returns the sign-up to send, or every error in the form's order.
pub fn validate(form: &SignupForm) -> Result<ValidForm, Vec<(FieldId, FieldError)>> {
    let mut errors = Vec::new();
    let name = clean_line(&form.full_name);
    if name.is_empty() {
        errors.push((FieldId::FullName, FieldError::NameMissing));
    } else if name.chars().count() > NAME_MAX {
        errors.push((FieldId::FullName, FieldError::NameTooLong));
    }
    let mobile = normalize_mobile(&form.mobile)
        .map_err(|e| errors.push((FieldId::Mobile, e)))
        .ok();
    let national_id = if form.national_id.trim().is_empty() {
        None
    } else {
        check_national_id(&form.national_id)
            .map_err(|e| errors.push((FieldId::NationalId, e)))
            .ok()
    };
    if crate::catalog::AgeGroup::parse(&form.age_group).is_none() {
        errors.push((FieldId::AgeGroup, FieldError::AgeGroupMissing));
    }
    let note = form.note.trim().to_string();
    if note.chars().count() > NOTE_MAX {
        errors.push((FieldId::Note, FieldError::NoteTooLong));
    }
    if !form.consent {
        errors.push((FieldId::Consent, FieldError::ConsentMissing));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut days: Vec<String> = form
        .days
        .iter()
        .filter_map(|d| crate::schedule::Weekday::parse(d))
        .map(|d| d.code().to_string())
        .collect();
    days.dedup();
    Ok(ValidForm {
        full_name: name,
        mobile: mobile.unwrap_or_default(),
        national_id,
        age_group: form.age_group.clone(),
        days,
        note,
    })
}

/// The checked, normalised fields of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidForm {
    pub full_name: String,
    pub mobile: String,
    pub national_id: Option<String>,
    pub age_group: String,
    pub days: Vec<String>,
    pub note: String,
}

impl ValidForm {
    pub fn into_signup(
        self,
        id: String,
        department_id: &str,
        lang: &str,
        created_at: String,
        waiting_list: bool,
    ) -> Signup {
        Signup {
            id,
            department_id: department_id.to_string(),
            full_name: self.full_name,
            mobile: self.mobile,
            national_id: self.national_id,
            age_group: self.age_group,
            days: self.days,
            note: self.note,
            consent: true,
            lang: lang.to_string(),
            created_at,
            waiting_list,
        }
    }
}

/// A short reference the volunteer can read out on the phone: the first 8 characters of the id.
pub fn reference(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect::<String>()
        .to_uppercase()
}

/// The text of an SMS sign-up (and of "copy text"): plain lines a coordinator can read.
pub fn sms_body(s: &Signup, department_name: &str) -> String {
    let mut lines = vec![
        format!("TAK {} #{}", department_name, reference(&s.id)),
        s.full_name.clone(),
        s.mobile.clone(),
        format!("age: {}", s.age_group),
    ];
    if !s.days.is_empty() {
        lines.push(format!("days: {}", s.days.join(",")));
    }
    if !s.note.is_empty() {
        lines.push(s.note.clone());
    }
    if s.waiting_list {
        lines.push("waiting list".into());
    }
    lines.join("\n")
}

/// The text of a withdrawal by SMS: the reference and the department, nothing personal (the
/// phone may already have forgotten the volunteer's details).
pub fn withdrawal_sms_body(s: &Signup, department_name: &str) -> String {
    format!("TAK {} #{}\nwithdraw", department_name, reference(&s.id))
}

/// A sign-up SMS or a withdrawal SMS, read back (see [`parse_sms`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmsMessage {
    Signup {
        /// The department as the volunteer's phone wrote it: its name in their language.
        department: String,
        reference: String,
        /// The fields, to be checked by [`validate`] like a form typed on the phone.
        form: SignupForm,
        waiting_list: bool,
    },
    Withdraw {
        department: String,
        reference: String,
    },
}

/// Why an SMS could not be read as a sign-up or a withdrawal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmsProblem {
    /// The first line is not `TAK <department> #<REFERENCE>`.
    NoHeader,
    /// Fewer lines than a sign-up has.
    TooShort,
    /// No `age: …` line where a sign-up has one.
    NoAgeGroup,
}

/// Reads the text [`sms_body`] or [`withdrawal_sms_body`] wrote, as a gateway forwards it: line
/// ends of any kind, the digits of any script, a reference in any case, spaces around the `#`
/// and the labels, and the lines a volunteer may have left out (days, note).
pub fn parse_sms(text: &str) -> Result<SmsMessage, SmsProblem> {
    let text = crate::text::to_ascii_digits(text);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || crate::text::is_bidi_control(c)))
        .filter(|l| !l.is_empty())
        .collect();
    let header = lines.first().ok_or(SmsProblem::NoHeader)?;
    let rest = header
        .get(..3)
        .filter(|tak| tak.eq_ignore_ascii_case("TAK"))
        .map(|_| &header[3..])
        .ok_or(SmsProblem::NoHeader)?;
    let (department, reference) = rest.rsplit_once('#').ok_or(SmsProblem::NoHeader)?;
    let department = department.trim().to_string();
    let reference = reference.trim().to_uppercase();
    if department.is_empty()
        || reference.is_empty()
        || !reference.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(SmsProblem::NoHeader);
    }
    let body = &lines[1..];
    if body.len() == 1 && body[0].eq_ignore_ascii_case("withdraw") {
        return Ok(SmsMessage::Withdraw {
            department,
            reference,
        });
    }
    if body.len() < 3 {
        return Err(SmsProblem::TooShort);
    }
    let labelled = |line: &str, label: &str| -> Option<String> {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case(label)
            .then(|| value.trim().to_string())
    };
    let age_group = labelled(body[2], "age").ok_or(SmsProblem::NoAgeGroup)?;
    let mut rest = &body[3..];
    let mut days = Vec::new();
    if let Some(list) = rest.first().and_then(|l| labelled(l, "days")) {
        days = list
            .split([',', '،', ' '])
            .filter(|d| !d.is_empty())
            .map(|d| d.trim().to_uppercase())
            .collect();
        rest = &rest[1..];
    }
    let waiting_list = rest
        .last()
        .is_some_and(|l| l.eq_ignore_ascii_case("waiting list"));
    if waiting_list {
        rest = &rest[..rest.len() - 1];
    }
    Ok(SmsMessage::Signup {
        department,
        reference,
        form: SignupForm {
            full_name: body[0].to_string(),
            mobile: body[1].to_string(),
            national_id: String::new(),
            age_group: age_group.to_lowercase(),
            days,
            note: rest.join("\n"),
            consent: true,
        },
        waiting_list,
    })
}

/// An `sms:` link that opens the messaging app with `to` and the text filled in. `?&body=` is
/// the one spelling both Android (`?body=`) and iOS (`&body=`) read.
pub fn sms_uri(to: &str, encoded_body: &str) -> String {
    format!("sms:{to}?&body={encoded_body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_in_every_spelling() {
        for input in [
            "09121234567",
            "۰۹۱۲ ۱۲۳ ۴۵۶۷",
            "٠٩١٢-١٢٣-٤٥٦٧",
            "+98 912 123 4567",
            "00989121234567",
            "989121234567",
            "9121234567",
            " (0912) 123-4567 ",
            "+98 0912 123 4567",
            "0098 0912 123 4567",
            "+98 (0) 912 123 4567",
            "۹۸۰۹۱۲۱۲۳۴۵۶۷",
        ] {
            assert_eq!(
                normalize_mobile(input),
                Ok("+989121234567".into()),
                "{input}"
            );
        }
    }

    #[test]
    fn not_mobile_numbers() {
        assert_eq!(normalize_mobile(""), Err(FieldError::MobileMissing));
        assert_eq!(normalize_mobile("   "), Err(FieldError::MobileMissing));
        for bad in [
            "06133334444",
            "0912123456",
            "091212345678",
            "+1 912 123 4567",
            "0912abc4567",
        ] {
            assert_eq!(
                normalize_mobile(bad),
                Err(FieldError::MobileInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn national_id_checksum() {
        // 0499370899 and 1234567891 are valid by the official check digit; 0499370898 is a typo.
        assert_eq!(check_national_id("0499370899"), Ok("0499370899".into()));
        assert_eq!(check_national_id("۰۴۹۹۳۷۰۸۹۹"), Ok("0499370899".into()));
        assert_eq!(check_national_id("1234567891"), Ok("1234567891".into()));
        assert_eq!(
            check_national_id("0499370898"),
            Err(FieldError::NationalIdChecksum)
        );
        assert_eq!(
            check_national_id("1111111111"),
            Err(FieldError::NationalIdChecksum)
        );
        assert_eq!(
            check_national_id("12345"),
            Err(FieldError::NationalIdLength)
        );
    }

    fn good_form() -> SignupForm {
        SignupForm {
            full_name: "  زهرا   موسوی ".into(),
            mobile: "۰۹۱۶ ۱۲۳ ۴۵۶۷".into(),
            national_id: String::new(),
            age_group: "adults".into(),
            days: vec!["SA".into(), "XX".into(), "MO".into()],
            note: " ".into(),
            consent: true,
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let v = validate(&good_form()).expect("valid");
        assert_eq!(v.full_name, "زهرا موسوی");
        assert_eq!(v.mobile, "+989161234567");
        assert_eq!(v.days, vec!["SA", "MO"]);
        assert_eq!(v.national_id, None);
    }

    #[test]
    fn every_error_is_reported_in_form_order() {
        let form = SignupForm {
            national_id: "123".into(),
            ..Default::default()
        };
        let errors = validate(&form).unwrap_err();
        let fields: Vec<FieldId> = errors.iter().map(|e| e.0).collect();
        assert_eq!(
            fields,
            vec![
                FieldId::FullName,
                FieldId::Mobile,
                FieldId::NationalId,
                FieldId::AgeGroup,
                FieldId::Consent
            ]
        );
        assert_eq!(errors[1].1, FieldError::MobileMissing);
    }

    fn good_signup() -> Signup {
        validate(&good_form()).unwrap().into_signup(
            "ab12-cd34-ef56".into(),
            "tak-1",
            "fa",
            "2026-11-29T10:00:00Z".into(),
            false,
        )
    }

    #[test]
    fn sms_body_carries_the_reference() {
        let s = good_signup();
        let body = sms_body(&s, "گروه کتاب‌خوانی");
        assert!(body.starts_with("TAK گروه کتاب‌خوانی #AB12CD34"));
        assert!(body.contains("+989161234567"));
    }

    #[test]
    fn a_withdrawal_sms_names_the_reference_only() {
        let s = good_signup();
        let body = withdrawal_sms_body(&s, "گروه");
        assert_eq!(body, "TAK گروه #AB12CD34\nwithdraw");
        assert_eq!(
            sms_uri("+989161234567", "a%20b"),
            "sms:+989161234567?&body=a%20b"
        );
    }

    #[test]
    fn an_sms_reads_back_as_it_was_written() {
        let mut s = good_signup();
        s.note = "از ساعت ۵ می‌توانم\nبا ماشین".into();
        s.waiting_list = true;
        let body = sms_body(&s, "گروه کتاب‌خوانی #۲");
        let Ok(SmsMessage::Signup {
            department,
            reference,
            form,
            waiting_list,
        }) = parse_sms(&body)
        else {
            panic!("not read: {body}")
        };
        assert_eq!(department, "گروه کتاب‌خوانی #2");
        assert_eq!(reference, reference_of(&s));
        assert!(waiting_list);
        let v = validate(&form).expect("valid as on the phone");
        assert_eq!(v.full_name, s.full_name);
        assert_eq!(v.mobile, s.mobile);
        assert_eq!(v.days, s.days);
        assert_eq!(v.note, "از ساعت 5 می‌توانم\nبا ماشین");
        assert_eq!(v.age_group, s.age_group);

        let w = withdrawal_sms_body(&s, "گروه");
        assert_eq!(
            parse_sms(&w),
            Ok(SmsMessage::Withdraw {
                department: "گروه".into(),
                reference: reference_of(&s)
            })
        );
    }

    fn reference_of(s: &Signup) -> String {
        reference(&s.id)
    }

    #[test]
    fn an_sms_retyped_by_hand_is_still_read() {
        let text = "\u{200F}tak  کتاب‌خوانی # ab12cd34\r\n\r\nزهرا موسوی\r\n۰۹۱۶-۱۲۳-۴۵۶۷\r\nAge : Adults\r\n";
        let Ok(SmsMessage::Signup {
            department,
            reference,
            form,
            waiting_list,
        }) = parse_sms(text)
        else {
            panic!("not read")
        };
        assert_eq!(
            (department.as_str(), reference.as_str()),
            ("کتاب‌خوانی", "AB12CD34")
        );
        assert!(!waiting_list);
        assert_eq!(validate(&form).unwrap().mobile, "+989161234567");
        assert_eq!(form.days, Vec::<String>::new());
    }

    #[test]
    fn what_is_not_a_tak_sms_is_told_apart() {
        assert_eq!(parse_sms(""), Err(SmsProblem::NoHeader));
        assert_eq!(parse_sms("سلام، ثبت‌نام می‌خواهم"), Err(SmsProblem::NoHeader));
        assert_eq!(parse_sms("TAK کتاب"), Err(SmsProblem::NoHeader));
        assert_eq!(parse_sms("TAK #AB12"), Err(SmsProblem::NoHeader));
        assert_eq!(parse_sms("TAK کتاب #AB12\nزهرا"), Err(SmsProblem::TooShort));
        assert_eq!(
            parse_sms("TAK کتاب #AB12\nزهرا\n09161234567\nبزرگسال"),
            Err(SmsProblem::NoAgeGroup)
        );
    }
}

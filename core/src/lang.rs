//! The three reading languages and what follows from each: direction and digit script.

use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Persian: the base language of the catalog and the app's default.
    #[default]
    Fa,
    Ar,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fa, Lang::Ar, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fa => "fa",
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Accepts `fa`, `fa-IR`, `AR`, ` en ` and the like; anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let primary = s.split(['-', '_']).next().unwrap_or("");
        match primary {
            "fa" | "per" | "fas" => Some(Lang::Fa),
            "ar" | "ara" => Some(Lang::Ar),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn is_rtl(self) -> bool {
        !matches!(self, Lang::En)
    }

    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The BCP 47 tag handed to `Intl`: Persian gets the Solar Hijri calendar, Arabic readers in
    /// Iran read the same Solar Hijri dates (with Arabic month names), English gets Gregorian.
    pub fn intl_locale(self) -> &'static str {
        match self {
            Lang::Fa => "fa-IR-u-ca-persian-nu-arabext",
            Lang::Ar => "ar-IQ-u-ca-persian-nu-arab",
            Lang::En => "en-GB-u-ca-gregory-nu-latn",
        }
    }

    /// What separates the items of a list, and a card's facts on one line. Persian and Arabic
    /// use their comma: a middle dot beside their digits reads as a zero (۰).
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Fa | Lang::Ar => "، ",
            Lang::En => ", ",
        }
    }

    /// Writes ASCII digits in this language's script (Persian ۰–۹, Arabic-Indic ٠–٩, Latin).
    pub fn digits(self, s: &str) -> String {
        let zero = match self {
            Lang::Fa => '\u{06F0}',
            Lang::Ar => '\u{0660}',
            Lang::En => return s.to_string(),
        };
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(zero as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
                _ => c,
            })
            .collect()
    }

    /// A number in this language's digits.
    pub fn number(self, n: impl std::fmt::Display) -> String {
        self.digits(&n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_rejects_others() {
        assert_eq!(Lang::parse("fa-IR"), Some(Lang::Fa));
        assert_eq!(Lang::parse(" AR "), Some(Lang::Ar));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn digits_follow_the_script() {
        assert_eq!(Lang::Fa.digits("09:30"), "۰۹:۳۰");
        assert_eq!(Lang::Ar.digits("12"), "١٢");
        assert_eq!(Lang::En.digits("12"), "12");
        assert_eq!(Lang::Fa.number(2026), "۲۰۲۶");
    }

    #[test]
    fn direction() {
        assert_eq!(Lang::Fa.dir(), "rtl");
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
    }
}

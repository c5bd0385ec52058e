//! Text normalisation for search and input: one spelling for the letter variants that Persian
//! and Arabic keyboards produce, no diacritics or invisible joiners, and ASCII digits.

/// Maps Persian (۰–۹) and Arabic-Indic (٠–٩) digits, and full-width digits, to ASCII.
pub fn ascii_digit(c: char) -> Option<char> {
    let base = match c {
        '0'..='9' => return Some(c),
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_digit(c as u32 - base, 10)
}

/// Rewrites every digit of any script as ASCII and leaves the rest alone.
pub fn to_ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// True for characters that carry no letter: Arabic harakat, tatweel, zero-width (non-)joiners,
/// bidi controls and the byte-order mark. Search ignores them and so do identifiers.
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// True for bidi control characters, which could reorder text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

fn fold_letter(c: char) -> char {
    match c {
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ۀ' | 'ھ' => 'ه',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        _ => c,
    }
}

include!(concat!(env!("OUT_DIR"), "/presentation_forms.rs"));

/// The letters an Arabic presentation form (a shaped letter or a ligature, as PDFs carry them)
/// stands for; `None` for every other character. Rare in text, so the linear walk over the
/// block's lengths (at most 688 bytes) costs nothing that shows.
pub fn presentation_letters(c: char) -> Option<impl Iterator<Item = char>> {
    let (lens, letters, i): (&[u8], &[u8], usize) = match c as u32 {
        n @ 0xFB50..=0xFDFF => (&LENS_FB50, &LETTERS_FB50, (n - 0xFB50) as usize),
        n @ 0xFE70..=0xFEFC => (&LENS_FE70, &LETTERS_FE70, (n - 0xFE70) as usize),
        _ => return None,
    };
    let len = lens[i] as usize;
    if len == 0 {
        return None;
    }
    let start: usize = lens[..i].iter().map(|&l| l as usize).sum();
    Some(letters[start..start + len].iter().map(|&b| match b {
        0 => ' ',
        b => char::from_u32(0x0600 + u32::from(b)).unwrap_or(' '),
    }))
}

/// The search form of a text: lower case, one spelling per letter, ASCII digits, no diacritics or
/// joiners, and runs of white space and punctuation collapsed into one space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(&mut out, s);
    out
}

/// [`normalize`] appended to `out` (no allocation of its own: the search index builds one text
/// per entry from several fields).
pub fn normalize_into(out: &mut String, s: &str) {
    let start = out.len();
    let mut pending_space = false;
    for c in s.chars() {
        if let Some(letters) = presentation_letters(c) {
            for c in letters {
                push_normalized(out, start, &mut pending_space, c);
            }
        } else {
            push_normalized(out, start, &mut pending_space, c);
        }
    }
}

/// One character of [`normalize_into`]: `start` is where this text began in `out`, and
/// `pending_space` says a separator was seen since the last letter.
#[inline]
fn push_normalized(out: &mut String, start: usize, pending_space: &mut bool, c: char) {
    {
        if is_ignorable(c) {
            return;
        }
        let c = ascii_digit(c).unwrap_or(c);
        let letter = match c {
            // Most of a catalog's text: ASCII, and the Arabic script's letters, which have no
            // case. Asking Unicode's tables about each of them was a third of the time it took
            // to build the search index of a 10,000-service catalog.
            _ if c.is_ascii() => c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()),
            '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' => Some(fold_letter(c)),
            _ => None,
        };
        if let Some(l) = letter {
            if *pending_space && out.len() > start {
                out.push(' ');
            }
            *pending_space = false;
            out.push(l);
        } else if c.is_alphanumeric() {
            if *pending_space && out.len() > start {
                out.push(' ');
            }
            *pending_space = false;
            // Lower-casing can add combining marks ('İ' → "i\u{307}"); they carry no letter and
            // would become a separator the next time round, so they are dropped here.
            for l in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
                out.push(fold_letter(l));
            }
        } else {
            *pending_space = true;
        }
    }
}

/// A query split into normalised words; an entry matches when it contains every word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(raw: &str) -> Self {
        // A joiner typed in the query separates words, so "کتاب‌خوانی" finds "کتاب خوانی" as
        // well as "کتاب‌خوانی" and "کتابخوانی" (texts lose their joiners when normalised).
        let raw = raw.replace('\u{200C}', " ");
        Query {
            words: normalize(&raw)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The normalised words, each of which a match must contain.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// `haystack` must already be normalised (see [`normalize`]).
    pub fn matches(&self, haystack: &str) -> bool {
        self.words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// Removes control and bidi-override characters and trims; for single-line identifiers and names
/// typed into forms, so that nothing invisible reaches the coordinator.
pub fn clean_line(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c) && *c != '\u{FEFF}')
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalize_into_appends_what_normalize_returns() {
        let mut out = String::from("prefix ");
        normalize_into(&mut out, "  Kut-e ABDOLLAH ۱۲ ");
        assert_eq!(out, format!("prefix {}", normalize("  Kut-e ABDOLLAH ۱۲ ")));
        assert_eq!(out, "prefix kut e abdollah 12");
    }

    use super::*;

    /// The rule [`normalize_into`] takes shortcuts from, for one character.
    fn by_the_tables(c: char) -> String {
        if is_ignorable(c) {
            return String::new();
        }
        let c = ascii_digit(c).unwrap_or(c);
        if !c.is_alphanumeric() {
            return " ".into();
        }
        c.to_lowercase()
            .filter(|l| l.is_alphanumeric())
            .map(fold_letter)
            .collect()
    }

    #[test]
    fn the_shortcuts_agree_with_unicode_tables_for_every_character() {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            let mut out = String::new();
            normalize_into(&mut out, &format!("a{c}b"));
            // A presentation form reads as the letters it stands for.
            let expected = match presentation_letters(c) {
                Some(letters) => normalize(&format!("a{}b", letters.collect::<String>())),
                None => format!("a{}b", by_the_tables(c)),
            };
            assert_eq!(out, expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn letter_variants_fold_together() {
        assert_eq!(normalize("كتابخانه"), normalize("کتابخانه"));
        assert_eq!(normalize("علي"), normalize("علی"));
        assert_eq!(normalize("مدرسة"), normalize("مدرسه"));
        assert_eq!(normalize("آب"), normalize("اب"));
    }

    #[test]
    fn diacritics_zwnj_and_tatweel_vanish() {
        assert_eq!(normalize("کتاب‌خانه"), "کتابخانه");
        assert_eq!(normalize("مُحَمَّد"), "محمد");
        assert_eq!(normalize("کـتـاب"), "کتاب");
    }

    #[test]
    fn digits_of_every_script_become_ascii() {
        assert_eq!(normalize("۰۹۱۲ ٣٤٥ 67"), "0912 345 67");
        assert_eq!(to_ascii_digits("۱۲٣x"), "123x");
    }

    #[test]
    fn latin_is_lowercased_and_punctuation_splits() {
        assert_eq!(
            normalize("  Ahvaz—Central   LIBRARY! "),
            "ahvaz central library"
        );
    }

    #[test]
    fn normalize_is_idempotent_even_when_lowercasing_adds_marks() {
        // Found by the `normalizers` fuzz target: 'İ' lower-cases to "i" + U+0307.
        assert_eq!(normalize("İstanbul"), "istanbul");
        let crash = "\t\tب\u{200c}\u{0607};O\t\u{0600}\u{2a2c}*xİ\t4ان\u{0607}";
        let once = normalize(crash);
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn query_needs_every_word() {
        let hay = normalize("کتابخانه عمومی اهواز Ahvaz public library");
        assert!(Query::new("كتابخانه اهواز").matches(&hay));
        assert!(Query::new("LIBRARY ahvaz").matches(&hay));
        assert!(!Query::new("کتابخانه شوش").matches(&hay));
        assert!(Query::new("   ").is_empty());
    }

    #[test]
    fn clean_line_drops_invisible_controls() {
        assert_eq!(clean_line("  علی\u{202E}رضا \n x "), "علیرضا x");
    }

    #[test]
    fn presentation_forms_from_pdfs_fold_to_letters() {
        // "کتابخانه" and "الله" as a PDF's text layer carries them: shaped forms and ligatures.
        assert_eq!(
            normalize("\u{FED9}\u{FE98}\u{FE8E}\u{FE91}\u{FEA7}\u{FE8E}\u{FEE7}\u{FEEA}"),
            normalize("کتابخانه")
        );
        assert_eq!(normalize("\u{FEFB}\u{FDF2}"), "لا".to_string() + "الله");
        assert_eq!(normalize("\u{FB8E}\u{FB90}"), "کک");
        assert!(Query::new("کتابخانه").matches(&normalize(
            "\u{FED9}\u{FE98}\u{FE8E}\u{FE91}\u{FEA7}\u{FE8E}\u{FEE7}\u{FEEA} عمومی"
        )));
        assert!(presentation_letters('a').is_none());
        assert_eq!(
            presentation_letters('\u{FDF2}')
                .map(|l| l.collect::<String>())
                .as_deref(),
            Some("الله")
        );
    }

    #[test]
    fn a_joiner_in_the_query_finds_a_space_in_the_text() {
        for text in ["کتاب خوانی", "کتاب‌خوانی", "کتابخوانی"] {
            assert!(Query::new("کتاب‌خوانی").matches(&normalize(text)), "{text}");
        }
        assert!(Query::new("کتاب خوانی").matches(&normalize("کتاب‌خوانی")));
    }
}

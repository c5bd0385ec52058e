//! `x_translations`: language code → field name → text, for every entry of the catalog.
//!
//! Kept as one flat list per entry rather than a map of maps: an entry has a dozen translated
//! fields at most, and with 30,000 entries the maps' nodes and key strings cost more memory than
//! the texts themselves (BENCHMARKS.md, memory). Known language codes and field
//! names are a byte each, so reading a translation allocates only its text.
//!
//! The app reads a catalog for one reader ([`keeping`]): every language's names, for search, and
//! the other texts only in the reader's language, which then take the place of the Persian base
//! texts ([`Translations::move_into_base`]).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lang::Lang;

/// A translated value: most fields are one text, lists (activities, skills) are several.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TrValue {
    One(String),
    Many(Vec<String>),
}

/// One `x_translations.<lang>.<field>` value.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    key: Key,
    value: TrValue,
}

impl Entry {
    fn lang(&self) -> &str {
        match &self.key {
            Key::Known { lang, .. } => KNOWN_NAMES[*lang as usize],
            Key::Other(names) => &names.0,
        }
    }

    fn field(&self) -> &str {
        match &self.key {
            Key::Known { field, .. } => KNOWN_NAMES[*field as usize],
            Key::Other(names) => &names.1,
        }
    }

    fn is(&self, lang: &str, field: &str) -> bool {
        self.lang() == lang && self.field() == field
    }
}

/// An entry's language and field: two bytes when both are names the catalog format defines
/// (which is all of them in a well-made catalog), so that an entry takes 20 bytes in wasm rather
/// than 36, over the 100,000 entries of a big catalog.
#[derive(Clone, Debug, PartialEq)]
enum Key {
    /// Indices into [`KNOWN_NAMES`].
    Known {
        lang: u8,
        field: u8,
    },
    Other(Box<(Box<str>, Box<str>)>),
}

impl Key {
    fn new(lang: &str, field: &str) -> Key {
        match (known(lang), known(field)) {
            (Some(lang), Some(field)) => Key::Known {
                lang: lang as u8,
                field: field as u8,
            },
            _ => Key::Other(Box::new((lang.into(), field.into()))),
        }
    }
}

/// A language code or field name; the ones the catalog format defines are not allocated.
type Name = Cow<'static, str>;

const KNOWN_NAMES: [&str; 13] = [
    "ar",
    "en",
    "fa",
    "name",
    "description",
    "alert",
    "address.address_1",
    "application_process",
    "eligibility_description",
    "fees_description",
    "x_benefit.show",
    "activities",
    "skills_wanted",
];

/// A translated field the catalog format defines (`TextField::NAME`, …): its index in
/// [`KNOWN_NAMES`]. The app names the field it shows this way, so a misspelt field does not
/// compile; the validator compares a byte rather than a name, 100,000 times per catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextField(u8);

impl TextField {
    pub const NAME: TextField = TextField(3);
    pub const DESCRIPTION: TextField = TextField(4);
    pub const ALERT: TextField = TextField(5);
    pub const ADDRESS_1: TextField = TextField(6);
    pub const APPLICATION_PROCESS: TextField = TextField(7);
    pub const ELIGIBILITY_DESCRIPTION: TextField = TextField(8);
    pub const FEES_DESCRIPTION: TextField = TextField(9);
    pub const BENEFIT_SHOW: TextField = TextField(10);
    pub const ACTIVITIES: TextField = TextField(11);
    pub const SKILLS_WANTED: TextField = TextField(12);

    pub fn name(self) -> &'static str {
        KNOWN_NAMES[usize::from(self.0)]
    }

    /// Its bit among the field bits of [`Marks`], as [`field_bit`] gives it for its name.
    fn bit(self) -> u16 {
        1 << (self.0 - 3)
    }
}

/// `lang`'s index in [`KNOWN_NAMES`].
fn lang_index(lang: Lang) -> u8 {
    match lang {
        Lang::Ar => 0,
        Lang::En => 1,
        Lang::Fa => 2,
    }
}

/// `s`'s index in [`KNOWN_NAMES`].
fn known(s: &str) -> Option<usize> {
    KNOWN_NAMES.iter().position(|k| *k == s)
}

fn name(s: &str) -> Name {
    match known(s) {
        Some(k) => Cow::Borrowed(KNOWN_NAMES[k]),
        None => Cow::Owned(s.to_owned()),
    }
}

#[derive(Clone, Debug, Default)]
pub struct Translations {
    entries: Vec<Entry>,
    marks: Marks,
}

/// The bit of `field` among the ten known fields' bits of [`Marks`]; field names start after the
/// three languages in [`KNOWN_NAMES`].
fn field_bit(field: &str) -> Option<u16> {
    known(field).and_then(|i| i.checked_sub(3)).map(|i| 1 << i)
}

/// What a [`Translations`] tells without reading its entries, in one word so that it stays 16
/// bytes in wasm. For each of the ten known fields (a bit each, as [`field_bit`] gives them):
/// whether it has an Arabic translation (bits 0–9), an English one (bits 10–19), and whether its
/// base text was moved into the reader's language (bits 20–29, see
/// [`move_into_base`](Translations::move_into_base)); bits 30–31 are that language. The
/// validator asks 100,000 times whether an entry has its names in Arabic and English, and
/// reading the entries' lists for it was a cache miss each time.
#[derive(Clone, Copy, Debug, Default)]
struct Marks(u32);

impl Marks {
    const FIELDS: u32 = 0x3ff;

    /// The fields with a translation in `lang` (none is marked for Persian, the base language).
    fn translated(self, lang: Lang) -> u16 {
        match lang {
            Lang::Ar => (self.0 & Self::FIELDS) as u16,
            Lang::En => (self.0 >> 10 & Self::FIELDS) as u16,
            Lang::Fa => 0,
        }
    }

    /// Marks a translation, given its indices in [`KNOWN_NAMES`].
    fn mark_translated(&mut self, lang: u8, field: u8) {
        let shift = match lang {
            l if l == lang_index(Lang::Ar) => 0,
            l if l == lang_index(Lang::En) => 10,
            _ => return,
        };
        if let Some(bit) = field.checked_sub(3) {
            self.0 |= 1 << (bit + shift);
        }
    }

    /// The fields whose base text is in [`moved_lang`](Self::moved_lang), not in Persian.
    fn moved(self) -> u16 {
        (self.0 >> 20 & Self::FIELDS) as u16
    }

    fn moved_lang(self) -> Lang {
        match self.0 >> 30 {
            1 => Lang::Ar,
            2 => Lang::En,
            _ => Lang::Fa,
        }
    }

    fn mark_moved(&mut self, bit: u16, lang: Lang) {
        let lang = match lang {
            Lang::Fa => 0,
            Lang::Ar => 1,
            Lang::En => 2,
        };
        self.0 = (self.0 & !(3 << 30)) | u32::from(bit) << 20 | lang << 30;
    }
}

/// Equal when they hold the same values, in whatever order they were read.
impl PartialEq for Translations {
    fn eq(&self, other: &Self) -> bool {
        let (moved, other_moved) = (self.marks.moved(), other.marks.moved());
        moved == other_moved
            && (moved == 0 || self.marks.moved_lang() == other.marks.moved_lang())
            && self.entries.len() == other.entries.len()
            && self
                .entries
                .iter()
                .all(|e| other.get(e.lang(), e.field()) == Some(&e.value))
    }
}

impl Translations {
    pub fn new() -> Self {
        Self::default()
    }

    /// The `field` in `lang`, if the catalog has it.
    pub fn get(&self, lang: &str, field: &str) -> Option<&TrValue> {
        self.entries
            .iter()
            .find(|e| e.is(lang, field))
            .map(|e| &e.value)
    }

    /// Whether `field` has a text in `lang` (Arabic or English): its translation, or a base text
    /// that was moved into that language.
    pub(super) fn has_text(&self, lang: Lang, field: TextField) -> bool {
        self.base_lang_of(field.bit()) == lang || self.marks.translated(lang) & field.bit() != 0
    }

    /// Sets `field` in `lang`, replacing an earlier value (as a JSON object's last key wins).
    pub fn insert(&mut self, lang: &str, field: &str, value: TrValue) {
        let key = Key::new(lang, field);
        if let Key::Known { lang, field } = key {
            self.marks.mark_translated(lang, field);
        }
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(e) => e.value = value,
            None => self.entries.push(Entry { key, value }),
        }
    }

    /// The `field`'s value in every language that has it.
    pub fn all_of<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a TrValue> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.field() == field)
            .map(|e| &e.value)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The language `field`'s base text is in: Persian, unless the reader's translation took its
    /// place ([`move_into_base`](Self::move_into_base)).
    pub fn base_lang(&self, field: &str) -> Lang {
        field_bit(field).map_or(Lang::Fa, |bit| self.base_lang_of(bit))
    }

    /// [`base_lang`](Self::base_lang) of the known field with bit `bit`.
    fn base_lang_of(&self, bit: u16) -> Lang {
        if self.marks.moved() & bit != 0 {
            self.marks.moved_lang()
        } else {
            Lang::Fa
        }
    }

    /// For a catalog read for one reader: puts `reader`'s translation of `field` in place of
    /// its Persian base text, which that reader never sees, and frees the Persian. Names stay
    /// as they are: search finds an entry by its names in every language.
    pub fn move_into_base(&mut self, reader: Lang, field: &str, base: &mut String) {
        self.take_for(reader, field, |value| match value {
            TrValue::One(t) if !t.trim().is_empty() => {
                *base = std::mem::take(t);
                true
            }
            _ => false,
        });
    }

    /// The list form of [`move_into_base`](Self::move_into_base), for a translation with as
    /// many items as the base list.
    pub fn move_list_into_base(&mut self, reader: Lang, field: &str, base: &mut Vec<String>) {
        self.take_for(reader, field, |value| match value {
            TrValue::Many(t) if t.len() == base.len() => {
                *base = std::mem::take(t);
                true
            }
            _ => false,
        });
    }

    /// Frees the room of the translations moved into base texts.
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }

    fn take_for(&mut self, reader: Lang, field: &str, take: impl FnOnce(&mut TrValue) -> bool) {
        let Some(bit) = field_bit(field).filter(|_| reader != Lang::Fa && field != "name") else {
            return;
        };
        let Some(at) = self.entries.iter().position(|e| e.is(reader.code(), field)) else {
            return;
        };
        if take(&mut self.entries[at].value) {
            // Its translated mark stays: the text is still there, in the base field.
            self.entries.remove(at);
            self.marks.mark_moved(self.marks.moved() | bit, reader);
        }
    }
}

/// Written as the JSON object it was read from, languages and fields in sorted order. (A catalog
/// read for one reader is never written: its moved texts are in their entries' base fields.)
impl Serialize for Translations {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut langs: Vec<&str> = self.entries.iter().map(Entry::lang).collect();
        langs.sort_unstable();
        langs.dedup();
        let mut map = s.serialize_map(Some(langs.len()))?;
        for lang in langs {
            let mut fields: Vec<(&str, &TrValue)> = self
                .entries
                .iter()
                .filter(|e| e.lang() == lang)
                .map(|e| (e.field(), &e.value))
                .collect();
            fields.sort_unstable_by_key(|(f, _)| *f);
            map.serialize_entry(lang, &Fields(&fields))?;
        }
        map.end()
    }
}

struct Fields<'a>(&'a [(&'a str, &'a TrValue)]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (field, value) in self.0 {
            map.serialize_entry(field, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Translations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(LanguagesVisitor)
    }
}

struct LanguagesVisitor;

thread_local! {
    /// The reader's language while a catalog is read for one reader (see [`keeping`]).
    static KEEPING: Cell<Option<Lang>> = const { Cell::new(None) };
    /// Where an entry's translations are gathered before they are copied into a list of exactly
    /// their size: growing the entry's own list allocated three times for a service's twelve
    /// values and left four slots unused (1.6 MB over 10,000 services).
    static GATHERED: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

impl<'de> Visitor<'de> for LanguagesVisitor {
    type Value = Translations;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of languages, each an object of translated fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut langs: A) -> Result<Translations, A::Error> {
        let mut gathered = Translations {
            entries: GATHERED.with(|g| std::mem::take(&mut *g.borrow_mut())),
            ..Translations::default()
        };
        gathered.entries.clear();
        while let Some(lang) = langs.next_key_seed(NameSeed)? {
            langs.next_value_seed(FieldsSeed {
                lang: &lang,
                out: &mut gathered,
            })?;
        }
        let out = Translations {
            entries: gathered.entries.drain(..).collect(),
            marks: gathered.marks,
        };
        GATHERED.with(|g| *g.borrow_mut() = gathered.entries);
        Ok(out)
    }
}

/// Runs `read` (the reading of one entry) keeping, of the translations it reads, every language's
/// names and the other fields only in `reader`'s language (all of them with `None`). A reader
/// sees one language at a time, and the texts of the other two were a third of a big catalog's
/// memory; names stay in every language because search finds an entry by any of its names.
///
/// The catalog's reader passes its language here for each entry, and only here. It reaches the
/// visitor below through a thread-local because the entries' `Deserialize` is derived, and a
/// derived one cannot pass a seed down to a field. Reading everything and dropping the other
/// languages' texts afterwards, with the language passed as an argument, was measured and not
/// kept: it allocates and frees each of those texts, and a Persian reader's 10,000-service
/// catalog took 16 % longer, over its budget (BENCHMARKS.md).
pub(super) fn keeping<R>(reader: Option<Lang>, read: impl FnOnce() -> R) -> R {
    let before = KEEPING.with(|k| k.replace(reader));
    let result = read();
    KEEPING.with(|k| k.set(before));
    result
}

/// The reader [`keeping`] reads for, if any.
fn reader_kept_for() -> Option<Lang> {
    KEEPING.with(Cell::get)
}

/// Whether [`keeping`] keeps `field` in `lang`.
fn kept(reader: Option<Lang>, lang: &str, field: &str) -> bool {
    kept_if_name(reader, lang, field == "name")
}

/// [`kept`], for a field known to be a name or not: names are kept in every language, the
/// other texts only in the reader's.
pub(super) fn kept_if_name(reader: Option<Lang>, lang: &str, is_name: bool) -> bool {
    is_name || reader.is_none_or(|r| r.code() == lang)
}

/// Reads a key without allocating when it is a known name.
struct NameSeed;

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Name;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Name, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for NameSeed {
    type Value = Name;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Name, E> {
        Ok(name(s))
    }
}

/// Reads one language's object of fields into the shared list.
struct FieldsSeed<'a> {
    lang: &'a str,
    out: &'a mut Translations,
}

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of translated fields")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<(), A::Error> {
        let reader = reader_kept_for();
        while let Some(field) = fields.next_key_seed(NameSeed)? {
            if kept(reader, self.lang, &field) {
                let value = fields.next_value::<TrValue>()?;
                self.out.insert(self.lang, &field, value);
            } else {
                fields.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// By hand rather than `#[serde(untagged)]`, which buffers every value and then copies it.
impl<'de> Deserialize<'de> for TrValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TrValueVisitor)
    }
}

struct TrValueVisitor;

impl<'de> Visitor<'de> for TrValueVisitor {
    type Value = TrValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text or a list of texts")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<TrValue, E> {
        Ok(TrValue::One(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<TrValue, E> {
        Ok(TrValue::One(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<TrValue, A::Error> {
        let mut out = Vec::with_capacity(items.size_hint().unwrap_or(0).min(64));
        while let Some(item) = items.next_element::<String>()? {
            out.push(item);
        }
        Ok(TrValue::Many(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"{"en":{"name":"Library","activities":["Reading","Talks"]},"ar":{"name":"مكتبة","x_other":"x"}}"#;

    #[test]
    fn fields_and_languages_by_index_are_the_named_ones() {
        let fields = [
            (TextField::NAME, "name"),
            (TextField::DESCRIPTION, "description"),
            (TextField::ALERT, "alert"),
            (TextField::ADDRESS_1, "address.address_1"),
            (TextField::APPLICATION_PROCESS, "application_process"),
            (
                TextField::ELIGIBILITY_DESCRIPTION,
                "eligibility_description",
            ),
            (TextField::FEES_DESCRIPTION, "fees_description"),
            (TextField::BENEFIT_SHOW, "x_benefit.show"),
            (TextField::ACTIVITIES, "activities"),
            (TextField::SKILLS_WANTED, "skills_wanted"),
        ];
        for (field, name) in fields {
            assert_eq!(field.name(), name);
            assert_eq!(Some(field.bit()), field_bit(name));
        }
        for lang in Lang::ALL {
            assert_eq!(known(lang.code()), Some(usize::from(lang_index(lang))));
        }
    }

    #[test]
    fn has_text_in_a_language_by_translation_or_moved_base_text() {
        let mut t: Translations = serde_json::from_str(JSON).unwrap();
        assert!(t.has_text(Lang::En, TextField::NAME));
        assert!(t.has_text(Lang::En, TextField::ACTIVITIES));
        assert!(!t.has_text(Lang::Ar, TextField::ACTIVITIES));
        assert!(!t.has_text(Lang::En, TextField::DESCRIPTION));
        t.insert("en", "description", TrValue::One("About".into()));
        let mut base = "درباره".to_string();
        t.move_into_base(Lang::En, "description", &mut base);
        assert_eq!(base, "About");
        assert!(t.has_text(Lang::En, TextField::DESCRIPTION));
        assert!(!t.has_text(Lang::Ar, TextField::DESCRIPTION));
    }

    #[test]
    fn marks_keep_each_language_and_field_apart() {
        let mut marks = Marks::default();
        marks.mark_translated(lang_index(Lang::En), TextField::SKILLS_WANTED.0);
        marks.mark_translated(lang_index(Lang::Ar), TextField::NAME.0);
        marks.mark_translated(lang_index(Lang::Fa), TextField::ALERT.0);
        marks.mark_translated(TextField::NAME.0, TextField::ALERT.0);
        marks.mark_translated(lang_index(Lang::En), lang_index(Lang::Ar));
        assert_eq!(marks.translated(Lang::En), TextField::SKILLS_WANTED.bit());
        assert_eq!(marks.translated(Lang::Ar), TextField::NAME.bit());
        assert_eq!(marks.translated(Lang::Fa), 0);
        assert_eq!((marks.moved(), marks.moved_lang()), (0, Lang::Fa));
        for lang in Lang::ALL {
            let mut moved = marks;
            moved.mark_moved(
                TextField::ALERT.bit() | TextField::SKILLS_WANTED.bit(),
                lang,
            );
            assert_eq!(moved.moved_lang(), lang);
            assert_eq!(
                moved.moved(),
                TextField::ALERT.bit() | TextField::SKILLS_WANTED.bit()
            );
            assert_eq!(moved.translated(Lang::En), marks.translated(Lang::En));
            assert_eq!(moved.translated(Lang::Ar), marks.translated(Lang::Ar));
        }
    }

    #[test]
    fn reads_texts_and_lists_by_language_and_field() {
        let t: Translations = serde_json::from_str(JSON).unwrap();
        assert_eq!(t.get("en", "name"), Some(&TrValue::One("Library".into())));
        assert_eq!(
            t.get("en", "activities"),
            Some(&TrValue::Many(vec!["Reading".into(), "Talks".into()]))
        );
        assert_eq!(t.get("ar", "x_other"), Some(&TrValue::One("x".into())));
        assert_eq!(t.get("ar", "activities"), None);
        assert_eq!(t.get("fr", "name"), None);
        assert_eq!(t.all_of("name").count(), 2);
    }

    #[test]
    fn writes_sorted_json_that_reads_back_the_same() {
        let t: Translations = serde_json::from_str(JSON).unwrap();
        let written = serde_json::to_string(&t).unwrap();
        assert_eq!(
            written,
            r#"{"ar":{"name":"مكتبة","x_other":"x"},"en":{"activities":["Reading","Talks"],"name":"Library"}}"#
        );
        assert_eq!(serde_json::from_str::<Translations>(&written).unwrap(), t);
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value_like_a_json_object() {
        let t: Translations =
            serde_json::from_str(r#"{"en":{"name":"A"},"en":{"name":"B"}}"#).unwrap();
        assert_eq!(t.get("en", "name"), Some(&TrValue::One("B".into())));
        assert_eq!(t.all_of("name").count(), 1);
    }

    #[test]
    fn read_for_one_reader_keeps_their_language_and_every_name() {
        let t: Translations = keeping(Some(Lang::Ar), || serde_json::from_str(JSON).unwrap());
        assert_eq!(t.get("en", "name"), Some(&TrValue::One("Library".into())));
        assert_eq!(t.get("en", "activities"), None);
        assert_eq!(t.get("ar", "x_other"), Some(&TrValue::One("x".into())));
        // Afterwards, everything is read again.
        let all: Translations = serde_json::from_str(JSON).unwrap();
        assert!(all.get("en", "activities").is_some());
    }

    #[test]
    fn a_readers_translation_takes_the_place_of_the_persian_text() {
        let mut t: Translations = serde_json::from_str(JSON).unwrap();
        let mut name = String::from("کتابخانه");
        let mut activities = vec![String::from("کتابخوانی"), String::from("گفتگو")];
        // Names stay as they are, for search in every language.
        t.move_into_base(Lang::En, "name", &mut name);
        assert_eq!((name.as_str(), t.base_lang("name")), ("کتابخانه", Lang::Fa));
        t.move_list_into_base(Lang::En, "activities", &mut activities);
        assert_eq!(activities, ["Reading", "Talks"]);
        assert_eq!(t.base_lang("activities"), Lang::En);
        assert_eq!(t.get("en", "activities"), None, "moved, not copied");
        // Nothing to move for Persian, or without a translation.
        let mut description = String::from("متن");
        t.move_into_base(Lang::Ar, "description", &mut description);
        t.move_into_base(Lang::Fa, "x_other", &mut description);
        assert_eq!(
            (description.as_str(), t.base_lang("description")),
            ("متن", Lang::Fa)
        );
    }

    #[test]
    fn rejects_values_that_are_not_texts() {
        for bad in [
            r#"{"en":{"name":3}}"#,
            r#"{"en":{"name":[1]}}"#,
            r#"{"en":"Library"}"#,
            r#"["en"]"#,
        ] {
            assert!(serde_json::from_str::<Translations>(bad).is_err(), "{bad}");
        }
    }
}

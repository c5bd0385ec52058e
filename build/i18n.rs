//! The translation files (`i18n/{fa,ar,en}.json`), compiled into `$OUT_DIR/i18n.rs`.
//!
//! Each key becomes a variant of `K`, so a misspelt key is a compile error; a key missing from one
//! language, an extra key, or a `{placeholder}` that differs between languages fails the build.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const LANGS: [&str; 3] = ["fa", "ar", "en"];

/// CLDR's plural categories, in the order of the generated `Plural` enum.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The categories each language's counted texts must give (CLDR: Persian and English tell one
/// from other; Arabic has six forms).
fn required_categories(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => &CATEGORIES,
        _ => &["one", "other"],
    }
}

/// A translation: one text, or a counted text with a form per plural category.
enum Entry {
    Text(String),
    Counted(BTreeMap<String, String>),
}

impl Entry {
    /// The text shown where no count applies: the `other` form of a counted text.
    fn main(&self) -> &str {
        match self {
            Entry::Text(t) => t,
            Entry::Counted(forms) => forms.get("other").map(String::as_str).unwrap_or(""),
        }
    }

    fn texts(&self) -> Vec<&str> {
        match self {
            Entry::Text(t) => vec![t],
            Entry::Counted(forms) => forms.values().map(String::as_str).collect(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Entry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Counted(BTreeMap<String, String>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Text(t) => Entry::Text(t),
            Raw::Counted(c) => Entry::Counted(c),
        })
    }
}

fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.insert(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

/// A set of translation files compiled together: the app's (`i18n/{fa,ar,en}.json`, key enum
/// `K`, texts `texts-<lang>.txt`) and the desk's (`i18n/desk/`, `D`, `desk-texts-<lang>.txt`),
/// which residents never download (issue 21).
pub struct Book {
    /// The folder of the three files.
    pub dir: &'static str,
    /// The key enum's name.
    pub keys: &'static str,
    /// The texts files' name before `-<lang>.txt`.
    pub texts: &'static str,
    /// The Rust file written into `$OUT_DIR`.
    pub code: &'static str,
}

pub const APP: Book = Book {
    dir: "i18n",
    keys: "K",
    texts: "texts",
    code: "i18n.rs",
};

pub const DESK: Book = Book {
    dir: "i18n/desk",
    keys: "D",
    texts: "desk-texts",
    code: "desk_i18n.rs",
};

/// Writes `book`'s Rust file and texts and returns its keys.
pub fn generate(out_dir: &std::path::Path, book: &Book) -> BTreeSet<String> {
    println!("cargo:rerun-if-changed={}", book.dir);
    let dir = book.dir;
    let mut tables: Vec<BTreeMap<String, Entry>> = Vec::new();
    for lang in LANGS {
        let path = format!("{dir}/{lang}.json");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let table: BTreeMap<String, Entry> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        tables.push(table);
    }
    let base = &tables[0];
    let mut problems = Vec::new();
    for (lang, table) in LANGS.iter().zip(&tables).skip(1) {
        for key in base.keys().filter(|k| !table.contains_key(*k)) {
            problems.push(format!("{dir}/{lang}.json: missing key {key}"));
        }
        for key in table.keys().filter(|k| !base.contains_key(*k)) {
            problems.push(format!("{dir}/{lang}.json: extra key {key}"));
        }
        for (key, value) in table {
            if let Some(fa) = base.get(key) {
                if placeholders(fa.main()) != placeholders(value.main()) {
                    problems.push(format!(
                        "{dir}/{lang}.json: {key} has placeholders {:?}, fa has {:?}",
                        placeholders(value.main()),
                        placeholders(fa.main())
                    ));
                }
                if matches!(fa, Entry::Counted(_)) != matches!(value, Entry::Counted(_)) {
                    problems.push(format!(
                        "{dir}/{lang}.json: {key} must be counted (a form per plural category) exactly when fa's is"
                    ));
                }
            }
        }
    }
    // A counted text gives every form its language needs, and no form names a placeholder the
    // main text lacks (a form may leave the number out: "نتيجتان", two results).
    for (lang, table) in LANGS.iter().zip(&tables) {
        for (key, value) in table {
            let Entry::Counted(forms) = value else {
                continue;
            };
            for category in required_categories(lang) {
                if !forms.contains_key(*category) {
                    problems.push(format!(
                        "{dir}/{lang}.json: {key} lacks its {category} form"
                    ));
                }
            }
            for (category, form) in forms {
                if !CATEGORIES.contains(&category.as_str()) {
                    problems.push(format!(
                        "{dir}/{lang}.json: {key} has an unknown form {category}"
                    ));
                }
                if !placeholders(form).is_subset(&placeholders(value.main())) {
                    problems.push(format!(
                        "{dir}/{lang}.json: {key}.{category} has other placeholders"
                    ));
                }
            }
        }
    }
    // Persian and Arabic texts write numbers in their own digits (licence names excepted).
    for (lang, table) in LANGS.iter().zip(&tables).take(2) {
        for (key, value) in table
            .iter()
            .flat_map(|(k, v)| v.texts().into_iter().map(move |t| (k, t)))
        {
            if value.chars().any(|c| c.is_ascii_digit()) && !key.starts_with("credit_") {
                problems.push(format!(
                    "{dir}/{lang}.json: {key} has Latin digits; use the {lang} script"
                ));
            }
        }
    }
    for (lang, table) in LANGS.iter().zip(&tables) {
        for (key, value) in table
            .iter()
            .flat_map(|(k, v)| v.texts().into_iter().map(move |t| (k, t)))
        {
            if value.trim().is_empty() {
                problems.push(format!("{dir}/{lang}.json: {key} is empty"));
            }
            if !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                problems.push(format!("{dir}/{lang}.json: key {key} must be snake_case"));
            }
        }
    }
    if !problems.is_empty() {
        panic!("translation files disagree:\n{}", problems.join("\n"));
    }
    let mut code = String::new();
    let keys = book.keys;
    writeln!(
        code,
        "/// A translation key (generated from `{dir}/*.json` by `build.rs`)."
    )
    .unwrap();
    writeln!(code, "#[allow(non_camel_case_types, dead_code)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum {keys} {{").unwrap();
    for key in base.keys() {
        writeln!(code, "    {key},").unwrap();
    }
    code.push_str("}\n\n");
    // Each language's texts are one string with the start of each text in a `u16` table: an
    // array of `&str` spent 8 bytes of the first-load wasm per text and language (ptr and length,
    // which compress poorly) where a start takes 2 (BENCHMARKS.md, "translations"). The slots are
    // every key's text in key order, then the six forms (zero … other) of each counted key, a form
    // the language does not use being its `other` text.
    let counted: Vec<&String> = base
        .iter()
        .filter(|(_, v)| matches!(v, Entry::Counted(_)))
        .map(|(k, _)| k)
        .collect();
    for (lang, table) in LANGS.iter().zip(&tables) {
        let mut slots: Vec<&str> = table.values().map(Entry::main).collect();
        for key in &counted {
            let Some(Entry::Counted(forms)) = table.get(*key) else {
                unreachable!("checked above: counted in every language")
            };
            slots.extend(CATEGORIES.iter().map(|c| {
                forms
                    .get(*c)
                    .or_else(|| forms.get("other"))
                    .map(String::as_str)
                    .unwrap_or("")
            }));
        }
        let mut starts = vec![0u16];
        let mut all = String::new();
        for slot in &slots {
            all.push_str(slot);
            starts.push(u16::try_from(all.len()).expect("a language's texts under 64 KiB"));
        }
        let name = lang.to_uppercase();
        // The texts themselves are a file of their own: embedded in a plain build, fetched for
        // the reader's language alone in the split release build (src/i18n.rs, `texts_of`).
        std::fs::write(out_dir.join(format!("{}-{lang}.txt", book.texts)), &all)
            .expect("write texts");
        writeln!(
            code,
            "static {name}_STARTS: [u16; {}] = {starts:?};\n",
            starts.len()
        )
        .unwrap();
    }
    // One `Plural` for every book: the desk's file, included inside `src/desk/`, uses the app's.
    if keys == APP.keys {
        code.push_str("/// A plural category of CLDR, as `Intl.PluralRules` names them.\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Plural {\n    Zero,\n    One,\n    Two,\n    Few,\n    Many,\n    Other,\n}\n\n");
    }
    writeln!(code, "/// The row of a counted key among the counted texts.\n#[allow(unreachable_patterns)]\nfn counted_row(key: {keys}) -> Option<usize> {{\n    match key {{").unwrap();
    for (i, key) in counted.iter().enumerate() {
        writeln!(code, "        {keys}::{key} => Some({i}),").unwrap();
    }
    code.push_str("        _ => None,\n    }\n}\n\n");
    writeln!(
        code,
        "/// Text slot `i` of `lang` (empty while its texts are not loaded).\nfn slot(lang: tak_core::Lang, i: usize) -> &'static str {{\n    let starts: &[u16] = match lang {{\n        tak_core::Lang::Fa => &FA_STARTS,\n        tak_core::Lang::Ar => &AR_STARTS,\n        tak_core::Lang::En => &EN_STARTS,\n    }};\n    texts_of(lang).get(starts[i] as usize..starts[i + 1] as usize).unwrap_or(\"\")\n}}\n\n/// The length in bytes of `lang`'s texts, to check a fetched file against.\n#[cfg_attr(not(wasm_split), allow(dead_code))]\nfn texts_len(lang: tak_core::Lang) -> usize {{\n    match lang {{\n        tak_core::Lang::Fa => FA_STARTS[FA_STARTS.len() - 1] as usize,\n        tak_core::Lang::Ar => AR_STARTS[AR_STARTS.len() - 1] as usize,\n        tak_core::Lang::En => EN_STARTS[EN_STARTS.len() - 1] as usize,\n    }}\n}}\n\n/// The form of a counted text for this plural category; a text that is not counted is itself.\npub fn counted_text(lang: tak_core::Lang, key: {keys}, plural: Plural) -> &'static str {{\n    match counted_row(key) {{\n        Some(row) => slot(lang, {} + row * 6 + plural as usize),\n        None => text(lang, key),\n    }}\n}}\n\n/// The text of `key` in `lang`.\npub fn text(lang: tak_core::Lang, key: {keys}) -> &'static str {{\n    slot(lang, key as usize)\n}}",
        base.len()
    )
    .unwrap();
    std::fs::write(out_dir.join(book.code), code).expect("write the translations' code");
    base.keys().cloned().collect()
}

//! Compiles the translation files (`i18n/{fa,ar,en}.json`) into the app.
//!
//! Each key becomes a variant of `K`, so a misspelt key is a compile error; a key missing from one
//! language, an extra key, or a `{placeholder}` that differs between languages fails the build.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const LANGS: [&str; 3] = ["fa", "ar", "en"];

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

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    let mut tables: Vec<BTreeMap<String, String>> = Vec::new();
    for lang in LANGS {
        let path = format!("i18n/{lang}.json");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let table: BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        tables.push(table);
    }
    let base = &tables[0];
    let mut problems = Vec::new();
    for (lang, table) in LANGS.iter().zip(&tables).skip(1) {
        for key in base.keys().filter(|k| !table.contains_key(*k)) {
            problems.push(format!("i18n/{lang}.json: missing key {key}"));
        }
        for key in table.keys().filter(|k| !base.contains_key(*k)) {
            problems.push(format!("i18n/{lang}.json: extra key {key}"));
        }
        for (key, value) in table {
            if let Some(fa) = base.get(key) {
                if placeholders(fa) != placeholders(value) {
                    problems.push(format!(
                        "i18n/{lang}.json: {key} has placeholders {:?}, fa has {:?}",
                        placeholders(value),
                        placeholders(fa)
                    ));
                }
            }
        }
    }
    // Persian and Arabic texts write numbers in their own digits (licence names excepted).
    for (lang, table) in LANGS.iter().zip(&tables).take(2) {
        for (key, value) in table {
            if value.chars().any(|c| c.is_ascii_digit()) && !key.starts_with("credit_") {
                problems.push(format!(
                    "i18n/{lang}.json: {key} has Latin digits; use the {lang} script"
                ));
            }
        }
    }
    for (lang, table) in LANGS.iter().zip(&tables) {
        for (key, value) in table {
            if value.trim().is_empty() {
                problems.push(format!("i18n/{lang}.json: {key} is empty"));
            }
            if !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                problems.push(format!("i18n/{lang}.json: key {key} must be snake_case"));
            }
        }
    }
    if !problems.is_empty() {
        panic!("translation files disagree:\n{}", problems.join("\n"));
    }
    let mut code = String::new();
    code.push_str("/// A translation key (generated from `i18n/*.json` by `build.rs`).\n");
    code.push_str("#[allow(non_camel_case_types, dead_code)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum K {\n");
    for key in base.keys() {
        writeln!(code, "    {key},").unwrap();
    }
    code.push_str("}\n\n");
    for (lang, table) in LANGS.iter().zip(&tables) {
        writeln!(
            code,
            "static {}: [&str; {}] = [",
            lang.to_uppercase(),
            table.len()
        )
        .unwrap();
        for value in table.values() {
            writeln!(code, "    {value:?},").unwrap();
        }
        code.push_str("];\n\n");
    }
    code.push_str(
        "/// The text of `key` in `lang`.\npub fn text(lang: tak_core::Lang, key: K) -> &'static str {\n    match lang {\n        tak_core::Lang::Fa => FA[key as usize],\n        tak_core::Lang::Ar => AR[key as usize],\n        tak_core::Lang::En => EN[key as usize],\n    }\n}\n",
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n.rs");
    std::fs::write(out, code).expect("write i18n.rs");
}

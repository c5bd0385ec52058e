//! The desk's own texts (`i18n/desk/*.json`, keys `D`), apart from the app's so that residents
//! never download them: in the split release build they are files of their own
//! (`desk-texts-<lang>-<build>.txt`), fetched when the desk opens and never precached.
//! All three languages are fetched, a few KiB in all: an SMS to a volunteer is written in the
//! volunteer's language, whatever the desk's.

use tak_core::Lang;

use crate::i18n::{fill, plural_of, Locale, Plural};

include!(concat!(env!("OUT_DIR"), "/desk_i18n.rs"));

#[cfg(not(wasm_split))]
fn texts_of(lang: Lang) -> &'static str {
    match lang {
        Lang::Fa => include_str!(concat!(env!("OUT_DIR"), "/desk-texts-fa.txt")),
        Lang::Ar => include_str!(concat!(env!("OUT_DIR"), "/desk-texts-ar.txt")),
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/desk-texts-en.txt")),
    }
}

/// Makes the desk's texts available in every language: false when they could not be fetched
/// (offline: the desk is not kept for offline use).
#[cfg(not(wasm_split))]
pub async fn load() -> bool {
    true
}

#[cfg(wasm_split)]
thread_local! {
    static LOADED: crate::i18n::Fetched = const { crate::i18n::Fetched::new() };
}

#[cfg(wasm_split)]
fn texts_of(lang: Lang) -> &'static str {
    LOADED.with(|l| l.get(lang))
}

#[cfg(wasm_split)]
pub async fn load() -> bool {
    for lang in [Lang::Fa, Lang::Ar, Lang::En] {
        if !crate::i18n::fetch_into(&LOADED, "desk_texts", lang, texts_len(lang)).await {
            return false;
        }
    }
    true
}

/// The desk's texts in the reader's language (tracked, as [`Locale::t`]).
#[derive(Clone, Copy)]
pub struct DeskText(pub Locale);

impl DeskText {
    pub fn t(&self, key: D) -> &'static str {
        text(self.0.get(), key)
    }
    pub fn tf(&self, key: D, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
    /// A counted text (`{n} places left`) in the form `n` takes, `n` in the reader's digits.
    pub fn count(&self, key: D, n: i64) -> String {
        let lang = self.0.get();
        count_in(lang, key, n)
    }
}

pub fn count_in(lang: Lang, key: D, n: i64) -> String {
    let form: Plural = plural_of(lang, n as f64);
    fill(counted_text(lang, key, form), &[("n", &lang.number(n))])
}

pub fn use_desk_text() -> DeskText {
    DeskText(crate::i18n::use_locale())
}

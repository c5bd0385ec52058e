//! Translations: the keys and texts generated from `i18n/*.json`, and the reader's language.

use leptos::prelude::*;
pub use tak_core::Lang;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The reader's language, provided once at the top of the app.
#[derive(Clone, Copy)]
pub struct Locale {
    pub lang: RwSignal<Lang>,
}

impl Locale {
    /// The text of `key` in the current language (tracked: views re-render on a language switch).
    pub fn t(&self, key: K) -> &'static str {
        text(self.lang.get(), key)
    }
    /// `t` with placeholders filled.
    pub fn tf(&self, key: K, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
    /// A number in the reader's digits.
    pub fn num(&self, n: impl std::fmt::Display) -> String {
        self.lang.get().number(n)
    }
    pub fn get(&self) -> Lang {
        self.lang.get()
    }
}

pub fn use_locale() -> Locale {
    expect_context::<Locale>()
}

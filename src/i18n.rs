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

thread_local! {
    /// One `Intl.PluralRules` per language: the platform's CLDR rules, so none ship in the wasm.
    static PLURAL_RULES: std::cell::RefCell<Vec<(Lang, js_sys::Intl::PluralRules)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The plural category of `n` in `lang` (Arabic: zero, one, two, few, many, other).
pub fn plural_of(lang: Lang, n: f64) -> Plural {
    let category = PLURAL_RULES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.iter().any(|(l, _)| *l == lang) {
            let locales = js_sys::Array::of1(&lang.intl_locale().into());
            let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
            cache.push((lang, rules));
        }
        let (_, rules) = cache.iter().find(|(l, _)| *l == lang).expect("just added");
        String::from(rules.select(n))
    });
    match category.as_str() {
        "zero" => Plural::Zero,
        "one" => Plural::One,
        "two" => Plural::Two,
        "few" => Plural::Few,
        "many" => Plural::Many,
        _ => Plural::Other,
    }
}

/// A counted text (`{n} places left`) in the form `n` takes in `lang`, with `n` in its digits.
pub fn count(lang: Lang, key: K, n: i64) -> String {
    fill(
        counted_text(lang, key, plural_of(lang, n as f64)),
        &[("n", &lang.number(n))],
    )
}

/// The reader's language, provided once at the top of the app.
#[derive(Clone, Copy)]
pub struct Locale {
    lang: RwSignal<Lang>,
}

impl Locale {
    pub fn new(lang: Lang) -> Locale {
        Locale {
            lang: RwSignal::new(lang),
        }
    }
    /// The reader chose a language: the app changes at once, and it is remembered.
    pub fn choose(self, lang: Lang) {
        self.lang.set(lang);
        let _ = crate::storage::set(crate::storage::LANG_KEY, lang.code());
    }
    /// The text of `key` in the current language (tracked: views re-render on a language switch).
    pub fn t(&self, key: K) -> &'static str {
        text(self.lang.get(), key)
    }
    /// `t` with placeholders filled.
    pub fn tf(&self, key: K, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
    /// [`count`] in the current language.
    pub fn count(&self, key: K, n: i64) -> String {
        count(self.lang.get(), key, n)
    }
    /// A number in the reader's digits.
    pub fn num(&self, n: impl std::fmt::Display) -> String {
        self.lang.get().number(n)
    }
    pub fn get(&self) -> Lang {
        self.lang.get()
    }
    pub fn get_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }
}

pub fn use_locale() -> Locale {
    expect_context::<Locale>()
}

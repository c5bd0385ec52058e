//! Translations: the keys and texts generated from `i18n/*.json`, and the reader's language.

use leptos::prelude::*;
pub use tak_core::Lang;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

// Where the texts come from. A plain build (native checks, the component tests) embeds all three
// languages. The split release build fetches the reader's language alone (`texts-<lang>-<build>.txt`,
// which web/preload.js starts downloading with the wasm), and another when the reader switches:
// a reader downloads one language's texts instead of three inside the first-load wasm.

#[cfg(not(wasm_split))]
fn texts_of(lang: Lang) -> &'static str {
    match lang {
        Lang::Fa => include_str!(concat!(env!("OUT_DIR"), "/texts-fa.txt")),
        Lang::Ar => include_str!(concat!(env!("OUT_DIR"), "/texts-ar.txt")),
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/texts-en.txt")),
    }
}

/// Whether `lang`'s texts are here (always, in a plain build).
#[cfg(not(wasm_split))]
pub fn loaded(_lang: Lang) -> bool {
    true
}

/// Makes `lang`'s texts available (nothing to do in a plain build).
#[cfg(not(wasm_split))]
pub async fn load(_lang: Lang) -> bool {
    true
}

/// The texts of one set of translations fetched so far, by `Lang as usize`: each is fetched once
/// and kept for the visit (the app's here, the desk's in `crate::desk::texts`).
#[cfg(wasm_split)]
pub struct Fetched(std::cell::Cell<[&'static str; 3]>);

#[cfg(wasm_split)]
impl Fetched {
    pub const fn new() -> Fetched {
        Fetched(std::cell::Cell::new([""; 3]))
    }
    /// `lang`'s texts, empty while they are not here.
    pub fn get(&self, lang: Lang) -> &'static str {
        self.0.get()[lang as usize]
    }
    fn put(&self, lang: Lang, texts: &'static str) {
        let mut all = self.0.get();
        all[lang as usize] = texts;
        self.0.set(all);
    }
}

/// Makes `lang`'s texts of `kind` (see [`fetch_texts`]) available in `store`, fetching them
/// unless they are there; false when they could not be had.
#[cfg(wasm_split)]
pub async fn fetch_into(
    store: &'static std::thread::LocalKey<Fetched>,
    kind: &str,
    lang: Lang,
    len: usize,
) -> bool {
    if !store.with(|s| s.get(lang)).is_empty() {
        return true;
    }
    let Some(texts) = fetch_texts(kind, lang, len).await else {
        return false;
    };
    store.with(|s| s.put(lang, texts));
    true
}

#[cfg(wasm_split)]
thread_local! {
    static LOADED: Fetched = const { Fetched::new() };
}

#[cfg(wasm_split)]
fn texts_of(lang: Lang) -> &'static str {
    LOADED.with(|l| l.get(lang))
}

#[cfg(wasm_split)]
pub fn loaded(lang: Lang) -> bool {
    !texts_of(lang).is_empty()
}

/// Fetches `lang`'s texts (the file the build named in `tak-build`), taking the preloader's
/// download when there is one. False when they could not be had (offline before the service
/// worker keeps them), or the file is not this build's.
#[cfg(wasm_split)]
pub async fn load(lang: Lang) -> bool {
    fetch_into(&LOADED, "texts", lang, texts_len(lang)).await
}

/// Fetches the texts file `kind` (`texts`, `desk_texts`: the build's table `tak-build` names it)
/// of `lang`, which must be `len` bytes long to be this build's. Kept for the rest of the visit:
/// a few KiB each.
#[cfg(wasm_split)]
pub async fn fetch_texts(kind: &str, lang: Lang, len: usize) -> Option<&'static str> {
    let file = crate::browser::build_file(&[kind, lang.code()])?;
    let texts = crate::browser::take_early(&file).await?;
    (texts.len() == len).then(|| &*Box::leak(texts.into_boxed_str()))
}

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
    /// The reader chose a language: the app changes to it (once its texts are here, at once when
    /// they are already), and it is remembered. Texts that cannot be fetched leave the app as it
    /// was, the switch showing the language still in use.
    pub fn choose(self, lang: Lang) {
        let switch = move || {
            self.lang.set(lang);
            let _ = crate::storage::set(crate::storage::LANG_KEY, lang.code());
        };
        if loaded(lang) {
            switch();
            return;
        }
        leptos::task::spawn_local(async move {
            if load(lang).await {
                switch();
            } else {
                // The select shows the chosen language; put it back to the one on screen.
                self.lang.notify();
            }
        });
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

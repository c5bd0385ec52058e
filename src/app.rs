//! The app: state, language, routes and the shell around every page.

use leptos::prelude::*;
use leptos_router::components::Router;
use tak_core::Lang;

use crate::components::shell::Shell;
use crate::i18n::Locale;
use crate::pages;
use crate::state::AppState;
use crate::storage;

fn query_lang() -> Option<Lang> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    Lang::parse(&params.get("lang")?)
}

/// `?lang=` wins (and is remembered), then the reader's last choice, then Persian.
pub fn initial_lang() -> Lang {
    if let Some(l) = query_lang() {
        let _ = storage::set(storage::LANG_KEY, l.code());
        return l;
    }
    storage::get(storage::LANG_KEY)
        .ok()
        .flatten()
        .and_then(|s| Lang::parse(&s))
        .unwrap_or_default()
}

/// The app, in the reader's language `lang` (see [`initial_lang`]).
#[component]
pub fn App(lang: Lang) -> impl IntoView {
    let locale = Locale::new(lang);
    let state = AppState::new(locale);
    provide_context(state);
    provide_context(crate::clock::Clock::start());
    provide_context(locale);
    provide_context(crate::map_data::MapStore::new());

    // <html lang dir> and the title follow the language.
    Effect::new(move |_| {
        let lang = locale.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
            let _ = html.set_attribute("dir", lang.dir());
        }
        document().set_title(crate::i18n::text(lang, crate::i18n::K::app_name));
    });

    state.start();
    crate::format::warm_up(locale.get_untracked());
    // The desk's build sends no one's sign-ups and installs no offline copy: a shared computer
    // keeps nothing of it (src/desk/mod.rs).
    if cfg!(not(feature = "desk")) {
        crate::delivery::start(state);
        crate::components::update_banner::watch_service_worker(state);
    }

    view! {
        <Router base=crate::paths::base_path()>
            <Shell>
                <pages::PageRoutes/>
            </Shell>
        </Router>
    }
}

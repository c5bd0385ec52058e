//! The app: state, language, routes and the shell around every page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use tak_core::Lang;

use crate::components::shell::Shell;
use crate::i18n::Locale;
use crate::pages;
use crate::state::AppState;
use crate::storage;

/// The path the app is served under ("" at the root, "/khuzestan/tak" under a sub-path), read
/// from the `<base href>` that `index.html` sets before anything loads.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

thread_local! {
    static BASE: String = base_path();
}

/// An app path (`/tak/tak-3`) as a link under the app's base. The router's `<A>` leaves absolute
/// paths as they are, so every internal link goes through here to work under a sub-path.
pub fn link(path: &str) -> String {
    BASE.with(|b| format!("{b}{path}"))
}

fn query_lang() -> Option<Lang> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    Lang::parse(&params.get("lang")?)
}

/// `?lang=` wins (and is remembered), then the reader's last choice, then Persian.
fn initial_lang() -> Lang {
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

#[component]
pub fn App() -> impl IntoView {
    let locale = Locale {
        lang: RwSignal::new(initial_lang()),
    };
    let state = AppState::new(locale.lang);
    provide_context(state);
    provide_context(locale);
    provide_context(crate::map_data::MapStore {
        status: RwSignal::new(crate::map_data::MapStatus::NotLoaded),
    });

    // <html lang dir> and the title follow the language.
    Effect::new(move |_| {
        let lang = locale.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
            let _ = html.set_attribute("dir", lang.dir());
        }
        document().set_title(crate::i18n::text(lang, crate::i18n::K::app_name));
    });

    state.start();
    crate::format::warm_up(locale.lang.get_untracked());
    crate::delivery::start(state);
    crate::components::update_banner::watch_service_worker(state);

    view! {
        <Router base=base_path()>
            <Shell>
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("/") view=pages::home::Home/>
                    <Route path=path!("/tak") view=pages::on_demand::tak_list/>
                    <Route path=path!("/tak/:id") view=pages::on_demand::department/>
                    <Route path=path!("/tak/:id/signup") view=pages::on_demand::signup/>
                    <Route path=path!("/services") view=pages::on_demand::services/>
                    <Route path=path!("/services/:id") view=pages::on_demand::service/>
                    <Route path=path!("/map") view=pages::on_demand::map/>
                    <Route path=path!("/my") view=pages::on_demand::my_signups/>
                    <Route path=path!("/programme") view=pages::on_demand::programme/>
                    <Route path=path!("/about") view=pages::on_demand::about/>
                </Routes>
            </Shell>
        </Router>
    }
}

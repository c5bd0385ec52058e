//! The Khuzestan TAK & Welfare Card web app (Leptos, client-side rendered).
//!
//! Data flows one way: `config.json` → catalog fetch → validated core types in [`state::AppState`]
//! → pages derive what they show → sign-ups go to the outbox → delivery.

pub mod api;
pub mod app;
pub mod browser;
pub mod clock;
pub mod components;
pub mod delivery;
#[cfg(feature = "desk")]
pub mod desk;
pub mod format;
pub mod i18n;
pub mod live;
pub mod map_data;
pub mod on_demand;
pub mod pages;
pub mod paths;
pub mod split;
pub mod state;
pub mod storage;

/// Mounts the app in place of the static shell that `index.html` paints before the wasm runs,
/// in a task after the one that instantiated the wasm (both are long on a slow phone).
pub fn start() {
    // (Leptos' executor is set up by the mount itself.)
    wasm_bindgen_futures::spawn_local(async {
        browser::yield_to_browser().await;
        let lang = app::initial_lang();
        // The reader's texts first (fetched alongside the wasm: web/preload.js). Until they are
        // here the static shell stays, readable; a failed fetch is tried again.
        while !i18n::load(lang).await {
            gloo_timers::future::TimeoutFuture::new(2_000).await;
        }
        mount(lang);
    });
}

fn mount(lang: tak_core::Lang) {
    let document = leptos::prelude::document();
    if let Some(shell) = document.get_element_by_id("shell") {
        shell.remove();
    }
    // The inline script in index.html prefers the root the app last ran from (see docs/deploy.md);
    // the desk (its own build, under the app's root) is not that root.
    if cfg!(not(feature = "desk")) {
        let _ = storage::set("tak.base", &format!("{}/", paths::base_path()));
    }
    leptos::mount::mount_to_body(move || leptos::view! { <app::App lang/> });
}

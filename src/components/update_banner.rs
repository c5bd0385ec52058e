//! The service worker: registered here, and a small "refresh" banner when a new version (or a
//! newer catalog) is waiting. Nothing reloads by itself while the reader types.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::i18n::{use_locale, K};
use crate::state::{use_app, AppState, CatalogStatus};

pub fn watch_service_worker(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let kind = js_sys::Reflect::get(&ev.data(), &"type".into())
                .ok()
                .and_then(|v| v.as_string());
            if matches!(kind.as_deref(), Some("update-ready" | "catalog-updated")) {
                state.mark_update_ready();
            }
        });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Registered once the page the visit opened is drawn (the first catalog load finished, no
    // page module still being fetched), after the frame that paints it: installing the worker
    // downloads every on-demand wasm module for offline use, which must not compete with what the
    // page needs. In low-data mode it is the lite worker (`sw.js?lite`, see public/sw.js), which
    // saves only what is opened; switching the mode registers the other one.
    Effect::new(move |registered: Option<Option<bool>>| {
        let lite = state.low_data();
        if registered.flatten() == Some(lite) {
            return Some(lite);
        }
        if matches!(state.catalog().get(), CatalogStatus::Loading)
            || crate::on_demand::fetching_pages()
        {
            return None;
        }
        let container = container.clone();
        request_animation_frame(move || {
            let _ = container.register(if lite { "sw.js?lite" } else { "sw.js" });
        });
        Some(lite)
    });
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        {move || state.update_ready().get().then(|| view! {
            <div class="notice notice-update" role="status">
                <span>{move || loc.t(K::update_ready)}</span>
                <button class="btn btn-small" on:click=reload>{move || loc.t(K::refresh)}</button>
            </div>
        })}
    }
}

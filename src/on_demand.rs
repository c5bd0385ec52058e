//! Pages whose code is downloaded the first time one of them opens, so the first visit to `/`
//! fetches only the app's frame and the home page (the first-load wasm budget).
//!
//! A page with a `module` in `src/routes.json` is behind a split point (`crate::split`, made by
//! `page_routes!` in `src/pages/mod.rs`): calling it fetches its wasm module (once) before
//! running it. Pages that open together share a module.
//!
//! A module that cannot be fetched (offline before the service worker has it, a server error)
//! shows a translated message with a retry button instead of aborting the app.

use std::cell::RefCell;
use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::components::gate::Skeleton;
use crate::i18n::{use_locale, K};
use crate::split::ModuleUnavailable;

/// What a page's split point returns: the page, or why its module could not be fetched.
pub type PageResult = Result<AnyView, ModuleUnavailable>;

thread_local! {
    /// The page modules that have been fetched and instantiated.
    static LOADED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    /// How many page modules are being fetched now. The service worker, whose install downloads
    /// the offline copy, waits until none is (components/update_banner.rs): a first visit's own
    /// page must not share the network with it (BENCHMARKS.md, "Every way in").
    static FETCHING: RwSignal<u32> = RwSignal::new(0);
}

/// One page module being fetched, counted in `FETCHING` for as long as it lives: until its fetch
/// ends, or until the page is left before it did (the page's future is then dropped unfinished).
struct Fetching;

impl Fetching {
    fn start() -> Self {
        FETCHING.with(|f| f.update(|n| *n += 1));
        Fetching
    }
}

impl Drop for Fetching {
    fn drop(&mut self) {
        FETCHING.with(|f| f.update(|n| *n = n.saturating_sub(1)));
    }
}

/// Whether a page module is being fetched (reactive).
pub fn fetching_pages() -> bool {
    FETCHING.with(|f| f.get() > 0)
}

/// Waits until no page module is being fetched, then lets the page be drawn: what is fetched
/// after this is fetched for later, after what the visit opened. (Checked every 100 ms: a first
/// visit waits here once, for a second or two.)
pub async fn page_drawn() {
    while FETCHING.with(|f| f.get_untracked() > 0) {
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    crate::browser::yield_to_browser().await;
}

/// Shows a skeleton while the page's module arrives, then the page; or the message and a retry.
///
/// A module not loaded yet is instantiated in a task after the one that asked for it. At start
/// that is the task that mounts the app, and with the module already downloaded (the preloader
/// (web/preload.js) fetches it) the two made one task, Lighthouse's longest. A loaded
/// module's page is drawn at once, without a skeleton in between.
pub fn on_demand<F, Fut>(module: &'static str, load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = PageResult> + 'static,
{
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let loaded = LOADED.with(|l| l.borrow().contains(&module));
        let fetching = (!loaded).then(Fetching::start);
        let page = SendWrapper::new(async move {
            if !loaded {
                crate::browser::yield_to_browser().await;
            }
            let page = load().await;
            if page.is_ok() && !loaded {
                LOADED.with(|l| l.borrow_mut().push(module));
            }
            drop(fetching);
            page
        });
        view! {
            <Suspense fallback=|| view! { <Skeleton/> }>
                {Suspend::new(async move {
                    match page.await {
                        Ok(view) => view,
                        Err(ModuleUnavailable) => view! { <ModuleError attempt/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

#[component]
fn ModuleError(attempt: RwSignal<u32>) -> impl IntoView {
    let loc = use_locale();
    view! {
        <section class="load-error" role="alert">
            <h2>{move || loc.t(K::module_error_title)}</h2>
            <p>{move || loc.t(K::load_error_network)}</p>
            <button class="btn btn-primary" on:click=move |_| attempt.update(|n| *n += 1)>
                {move || loc.t(K::retry)}
            </button>
        </section>
    }
}

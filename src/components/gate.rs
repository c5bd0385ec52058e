//! Shows the page once the catalog is there: a skeleton while it loads, a translated error with a
//! retry button when it fails. Never a blank page.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{CatalogData, LoadFailure};
use crate::i18n::{use_locale, K};
use crate::state::{use_app, CatalogStatus};

#[component]
pub fn Skeleton() -> impl IntoView {
    let loc = use_locale();
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">{move || loc.t(K::loading)}</span>
            <div class="sk-line sk-title"></div>
            <div class="sk-card"></div>
            <div class="sk-card"></div>
            <div class="sk-card"></div>
        </div>
    }
}

#[component]
pub fn LoadError(failure: LoadFailure) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let status = match failure {
        LoadFailure::Http(code) => code.to_string(),
        _ => String::new(),
    };
    let key = failure.key();
    view! {
        <section class="load-error" role="alert">
            <h2>{move || loc.t(K::load_error_title)}</h2>
            <p>{move || loc.tf(key, &[("status", &loc.num(&status))])}</p>
            {move || state.config_failed().get().then(|| view! {
                <p class="muted">{move || loc.t(K::load_error_config)}</p>
            })}
            <button class="btn btn-primary" on:click=move |_| state.retry()>{move || loc.t(K::retry)}</button>
        </section>
    }
}

/// Renders `children` with the catalog. Pages put their body in a component of its own so that
/// signals read while building it do not re-run this gate.
#[component]
pub fn CatalogGate<F, V>(children: F) -> impl IntoView
where
    F: Fn(Arc<CatalogData>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = use_app();
    move || match state.catalog().get() {
        CatalogStatus::Loading => view! { <Skeleton/> }.into_any(),
        CatalogStatus::Failed(f) => view! { <LoadError failure=f/> }.into_any(),
        CatalogStatus::Ready(data) => untrack(|| children(data)).into_any(),
    }
}

/// A list whose catalog has no entries of its kind: because the office's data had errors (every
/// entry was left out) or because there are none yet.
#[component]
pub fn EmptyList(empty: bool, skipped: usize) -> impl IntoView {
    let loc = use_locale();
    empty.then(|| {
        let key = if skipped > 0 {
            K::list_unreadable
        } else {
            K::list_empty
        };
        view! { <p class="empty list-empty" role="status">{move || loc.t(key)}</p> }
    })
}

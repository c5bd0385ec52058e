//! The frame of every page: header with the language switch, notices, and the bottom navigation.

use leptos::prelude::*;
use leptos_router::components::A;
use tak_core::Lang;

use crate::components::icons;
use crate::components::update_banner::UpdateBanner;
use crate::i18n::{use_locale, K};
use crate::state::{use_app, CatalogStatus};

#[component]
fn LanguageSwitch() -> impl IntoView {
    let loc = use_locale();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::parse(&event_target_value(&ev)) {
            loc.choose(lang);
        }
    };
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{move || loc.t(K::language)}</span>
            <select on:change=on_change prop:value=move || loc.get().code()>
                <option value="fa" lang="fa">"فارسی"</option>
                <option value="ar" lang="ar">"العربية"</option>
                <option value="en" lang="en">"English"</option>
            </select>
        </label>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let ready = move || match state.catalog().get() {
        CatalogStatus::Ready(d) => Some(d),
        _ => None,
    };
    view! {
        <UpdateBanner/>
        {move || ready().and_then(|d| d.cached_at.clone()).map(|at| {
            view! { <p class="notice notice-warn" role="status">{move || loc.tf(K::cached_notice, &[("date", &crate::format::date(loc.get(), &at))])}</p> }
        })}
        // A coordinator answered since the volunteer last looked (`Entry::answer_unseen`).
        // A plain link: this is the first-load module.
        {move || state.outbox().with(|o| o.iter().any(|e| e.answer_unseen)).then(|| view! {
            <p class="notice notice-update" role="status"><a href=crate::paths::link("/my")>{move || loc.t(K::answers_notice)}</a></p>
        })}
        {move || state.storage_error().get().is_some().then(|| view! {
            <p class="notice notice-warn" role="status">{move || loc.t(K::storage_unavailable)}</p>
        })}
    }
}

/// The "sample data" label goes after the page: it arrives with the catalog, and above the content
/// it would push everything down (layout shift) on every page.
#[component]
fn SampleNotice() -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    move || match state.catalog().get() {
        CatalogStatus::Ready(d) if d.catalog.x_sample => {
            Some(view! { <p class="notice notice-sample">{move || loc.t(K::sample_notice)}</p> })
        }
        _ => None,
    }
}

#[component]
fn BottomNav() -> impl IntoView {
    let loc = use_locale();
    view! {
        <nav class="bottom-nav" aria-label=move || loc.t(K::nav_main)>
            <A href=crate::paths::link("/") exact=true>{icons::home()}<span>{move || loc.t(K::nav_home)}</span></A>
            <A href=crate::paths::link("/tak")>{icons::people()}<span>{move || loc.t(K::nav_tak)}</span></A>
            <A href=crate::paths::link("/services")>{icons::card()}<span>{move || loc.t(K::nav_services)}</span></A>
            <A href=crate::paths::link("/map")>{icons::map()}<span>{move || loc.t(K::nav_map)}</span></A>
            <A href=crate::paths::link("/my")>{icons::inbox()}<span>{move || loc.t(K::nav_my)}</span></A>
        </nav>
    }
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    view! {
        <a class="skip-link" href="#main">{move || loc.t(K::skip_to_content)}</a>
        <header class="app-header">
            <a href=crate::paths::link("/") class="app-title">{move || loc.t(K::app_name)}</a>
            // Whoever sits down at a shared desk computer sees at once that nothing is kept.
            // A plain link and closure, not `<Show>` and `<A>`: this is the first-load module.
            {move || state.settings().get().staff_mode.then(|| view! {
                <a href=crate::paths::link("/about") class="badge desk-badge">{move || loc.t(K::desk_mode_on)}</a>
            })}
            <LanguageSwitch/>
        </header>
        <main id="main" tabindex="-1">
            <Notices/>
            {children()}
            <SampleNotice/>
        </main>
        {cfg!(not(feature = "desk")).then(|| view! { <BottomNav/> })}
    }
}

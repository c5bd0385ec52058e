//! `/about`: the catalog's date and health (what was left out and why), what the app and the data
//! weigh, the settings kept on this phone, and the credits the data's licences ask for.

use leptos::prelude::*;
use tak_core::catalog::Severity;
use wasm_bindgen::JsCast;

use crate::format;
use crate::i18n::{text, use_locale, K};
use crate::state::{use_app, CatalogStatus};

/// Bytes the app itself took over the network on this visit (from the Resource Timing API).
fn app_bytes() -> f64 {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return 0.0;
    };
    perf.get_entries_by_type("resource")
        .iter()
        .chain(perf.get_entries_by_type("navigation").iter())
        .filter_map(|e| e.dyn_into::<web_sys::PerformanceResourceTiming>().ok())
        .filter(|e| {
            let n = e.name();
            n.ends_with(".wasm")
                || n.ends_with(".js")
                || n.ends_with(".css")
                || e.entry_type() == "navigation"
        })
        .map(|e| e.encoded_body_size())
        .sum()
}

#[component]
pub fn About() -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let data = move || match state.catalog().get() {
        CatalogStatus::Ready(d) => Some(d),
        _ => None,
    };
    let summary = move || {
        let lang = loc.get();
        data().map(|d| {
            let c = &d.catalog;
            let errors = d.problems.iter().filter(|p| p.severity == Severity::Error).count();
            let shown: Vec<_> = d.problems.iter().take(50).cloned().collect();
            view! {
                <p>{crate::i18n::fill(text(lang, K::catalog_updated), &[("date", &format::date(lang, &c.updated))])}</p>
                <p>{crate::i18n::fill(text(lang, K::catalog_counts), &[
                    ("services", &lang.number(c.services.len())),
                    ("places", &lang.number(c.service_at_locations.len())),
                    ("departments", &lang.number(c.x_tak_departments.len())),
                ])}</p>
                {c.x_sample.then(|| view! { <p class="notice notice-sample">{text(lang, K::sample_notice)}</p> })}
                <p class="skipped">{crate::i18n::count(lang, K::skipped_entries, d.skipped as i64)}</p>
                {(!shown.is_empty()).then(|| view! {
                    <details open=errors > 0>
                        <summary>{crate::i18n::count(lang, K::problems_found, d.problems.len() as i64)}</summary>
                        <ul class="problems">
                            {shown.into_iter().map(|p| view! { <li><code dir="ltr">{p.path.clone()}</code>" "<bdi>{p.message(lang)}</bdi></li> }).collect_view()}
                        </ul>
                    </details>
                })}
                <p>{crate::i18n::fill(text(lang, K::weights), &[("app", &format::kilobytes(lang, app_bytes())), ("catalog", &format::kilobytes(lang, d.bytes as f64))])}</p>
            }
        })
    };
    let staff = move || state.settings().get().staff_mode;
    let low = move || state.low_data();
    view! {
        <h1>{move || loc.t(K::about_title)}</h1>
        // Reserved height: the summary arrives with the catalog and must not push the settings down.
        <section class="about-data">{summary}</section>
        <h2>{move || loc.t(K::settings)}</h2>
        <div class="check">
            <input type="checkbox" id="setting-staff" prop:checked=staff
                on:change=move |ev| state.set_staff_mode(event_target_checked(&ev))/>
            <label for="setting-staff">{move || loc.t(K::staff_mode)}</label>
        </div>
        <p class="hint">{move || loc.t(K::staff_mode_hint)}</p>
        // The desk is a build of its own at desk/: a page load, not a route of this app.
        <p><a href=crate::paths::link("/desk/") rel="external">{move || loc.t(K::desk_open)}</a></p>
        <div class="check">
            <input type="checkbox" id="setting-low-data" prop:checked=low
                on:change=move |ev| state.set_low_data(event_target_checked(&ev))/>
            <label for="setting-low-data">{move || loc.t(K::low_data)}</label>
        </div>
        <p class="hint">{move || loc.t(K::low_data_hint)}</p>
        <h2>{move || loc.t(K::credits)}</h2>
        <p class="credit">{move || loc.t(K::credit_map)}</p>
        <p>{move || loc.t(K::credit_code)}</p>
        <ul class="licences" dir="ltr" lang="en">
            <li>"Map data: © OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright); county seats: GeoNames, CC BY 4.0"</li>
            <li>"leptos, leptos_router, wasm-bindgen, js-sys, web-sys, gloo-net, gloo-timers, serde, serde_json, futures: MIT / Apache-2.0"</li>
            <li>"qrcodegen (Project Nayuki): MIT"</li>
        </ul>
    }
}

//! `/programme`: the Welfare Card's purpose and rollout, each county's phase and dates from the
//! catalog, as a timeline (and on the map, one tap away).

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use leptos_router::components::A;
use tak_core::catalog::Phase;

use crate::api::CatalogData;
use crate::components::gate::CatalogGate;
use crate::components::text::tx_str;
use crate::format;
use crate::i18n::{fill, text, use_locale, K};

#[component]
pub fn Programme() -> impl IntoView {
    let loc = use_locale();
    view! {
        <h1>{move || loc.t(K::programme_title)}</h1>
        <p>{move || loc.t(K::programme_purpose)}</p>
        <p>{move || loc.t(K::programme_rollout)}</p>
        <CatalogGate let:data>
            <Timeline data/>
        </CatalogGate>
        <p><A href=crate::paths::link("/map") attr:class="btn">{move || loc.t(K::nav_map)}</A></p>
    }
}

#[component]
fn Timeline(data: Arc<CatalogData>) -> impl IntoView {
    let loc = use_locale();
    move || {
        let lang = loc.get();
        let rows = [Phase::Pilot, Phase::Next, Phase::Planned].into_iter().filter_map(|phase| {
            let counties: Vec<_> = data.catalog.x_counties.iter().filter(|c| c.phase == phase).collect();
            let (starts, ends) = data.catalog.phase_span(phase)?;
            let mut names: Vec<String> = counties.iter().map(|c| tx_str(&c.x_translations, TextField::NAME, &c.name, lang)).collect();
            names.sort_by_cached_key(|n| tak_core::query::sort_key(n));
            let dates = fill(text(lang, K::phase_dates), &[("from", &format::date(lang, starts)), ("to", &format::date(lang, ends))]);
            Some(view! {
                <li>
                    <h3><span class=format!("swatch phase-{}", phase.code())></span>" "{format::phase(lang, phase)}</h3>
                    <p class="meta">{dates}</p>
                    <p>{names.join(lang.list_separator())}</p>
                </li>
            })
        }).collect_view();
        view! {
            <h2>{text(lang, K::timeline)}</h2>
            <ol class="timeline">{rows}</ol>
        }
    }
}

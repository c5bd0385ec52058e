//! `/services`: Welfare Card services, with the same search as TAK, filters for what matters in
//! Khuzestan (open now, wheelchair, air-conditioning, backup power), and distance when asked.

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use tak_core::query::ServiceFilter;

use crate::api::CatalogData;
use crate::components::cards::ServiceCard;
use crate::components::filters::{Check, FilterMore, SearchBox, Select, SortSelect, UrlFilter};
use crate::components::gate::CatalogGate;
use crate::components::near_me::NearMe;
use crate::components::text::tx_str;
use crate::i18n::{text, use_locale, K};
use crate::components::list::Results;
use crate::state::use_app;

#[component]
pub fn ServicesList() -> impl IntoView {
    let loc = use_locale();
    view! {
        <h1>{move || loc.t(K::services_title)}</h1>
        <CatalogGate let:data>
            <ServicesBody data/>
        </CatalogGate>
    }
}

#[component]
fn ServicesBody(data: Arc<CatalogData>) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let clock = crate::clock::use_clock();
    let url = UrlFilter::<ServiceFilter>::new("/services");
    let (filter, set_filter) = (url.current, url.set);
    let data_r = data.clone();
    let results = Memo::new(move |_| {
        let now = clock.now();
        let here = state.position().get().coords();
        filter.with(|f| f.apply(&data_r.catalog, &data_r.index, now, here))
    });
    let any = move || text(loc.get(), K::any).to_string();
    let data_c = data.clone();
    let category_options = Signal::derive(move || {
        let lang = loc.get();
        let mut v = vec![(String::new(), any())];
        v.extend(data_c.catalog.taxonomy_terms.iter().map(|t| {
            (
                t.id.to_string(),
                tx_str(&t.x_translations, TextField::NAME, &t.name, lang),
            )
        }));
        v
    });
    let data_k = data.clone();
    let county_options = Signal::derive(move || {
        let lang = loc.get();
        let mut v = vec![(String::new(), any())];
        let mut counties: Vec<(String, String)> = data_k
            .catalog
            .x_counties
            .iter()
            .map(|c| {
                (
                    c.id.to_string(),
                    tx_str(&c.x_translations, TextField::NAME, &c.name, lang),
                )
            })
            .collect();
        counties.sort_by_cached_key(|(_, n)| tak_core::query::sort_key(n));
        v.extend(counties);
        v
    });
    let data_l = data.clone();
    // A list with no entries at all says why, not "nothing matches this search".
    let (list_is_empty, skipped) = (data.catalog.services.is_empty(), data.skipped);
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <SearchBox
                id="svc-q"
                label=Signal::derive(move || loc.t(K::search).to_string())
                placeholder=Signal::derive(move || loc.t(K::search_services_hint).to_string())
                initial=filter.get_untracked().q
                on_input=url.edit(|f, v| f.q = v)
            />
            <FilterMore open=Signal::derive(move || filter.with(|f| f.to_query().iter().any(|(k, _)| *k != "q" && *k != "sort")))
                summary=Signal::derive(move || loc.t(K::filters).to_string())>
                <div class="filter-grid">
                    <Select id="svc-category" label=Signal::derive(move || loc.t(K::filter_category).to_string())
                        value=Signal::derive(move || filter.with(|f| f.category.clone().unwrap_or_default()))
                        options=category_options on_change=url.edit(|f, v| f.category = Some(v).filter(|s| !s.is_empty()))/>
                    <Select id="svc-county" label=Signal::derive(move || loc.t(K::filter_county).to_string())
                        value=Signal::derive(move || filter.with(|f| f.county.clone().unwrap_or_default()))
                        options=county_options on_change=url.edit(|f, v| f.county = Some(v).filter(|s| !s.is_empty()))/>
                    <Check id="svc-pilot" label=Signal::derive(move || loc.t(K::filter_pilot).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.pilot_only)) on_change=url.edit(|f, on| f.pilot_only = on)/>
                    <Check id="svc-free" label=Signal::derive(move || loc.t(K::filter_free).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.free_only)) on_change=url.edit(|f, on| f.free_only = on)/>
                    <Check id="svc-open" label=Signal::derive(move || loc.t(K::filter_open_now).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.open_now)) on_change=url.edit(|f, on| f.open_now = on)/>
                    <Check id="svc-wheelchair" label=Signal::derive(move || loc.t(K::filter_wheelchair).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.wheelchair)) on_change=url.edit(|f, on| f.wheelchair = on)/>
                    <Check id="svc-ac" label=Signal::derive(move || loc.t(K::filter_ac).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.air_conditioned)) on_change=url.edit(|f, on| f.air_conditioned = on)/>
                    <Check id="svc-power" label=Signal::derive(move || loc.t(K::filter_power).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.backup_power)) on_change=url.edit(|f, on| f.backup_power = on)/>
                </div>
            </FilterMore>
            <SortSelect id="svc-sort" sort=Signal::derive(move || filter.with(|f| f.sort)) on_change=url.edit(|f, v| f.sort = v)/>
        </form>
        <NearMe/>
        <p><a class="btn see-on-map" href=move || {
            crate::paths::link(&format!("/map{}", crate::browser::query_string(&filter.with(|f| f.to_query()))))
        }>{crate::components::icons::map()}<span>{move || loc.t(K::see_on_map)}</span></a></p>
        <Results results list_is_empty skipped
            on_clear=Callback::new(move |()| set_filter.run(ServiceFilter::default()))
            card=Arc::new(move |index, distance| view! { <ServiceCard data=data_l.clone() index distance/> }.into_any())/>
    }
}

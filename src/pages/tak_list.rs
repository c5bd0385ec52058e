//! `/tak`: the TAK departments, with search and filters kept in the URL.

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use tak_core::catalog::{AgeGroup, Field, OrgKind};
use tak_core::query::{org_kind_str, DepartmentFilter};
use tak_core::schedule::Weekday;

use crate::api::CatalogData;
use crate::components::cards::DepartmentCard;
use crate::components::filters::{Check, FilterMore, SearchBox, Select, SortSelect, UrlFilter};
use crate::components::gate::CatalogGate;
use crate::components::near_me::NearMe;
use crate::components::text::tx_str;
use crate::format;
use crate::i18n::{text, use_locale, K};
use crate::components::list::Results;

#[component]
pub fn TakList() -> impl IntoView {
    let loc = use_locale();
    view! {
        <h1>{move || loc.t(K::tak_title)}</h1>
        <CatalogGate let:data>
            <TakListBody data/>
        </CatalogGate>
    }
}

/// Counties that have at least one department, as (id, name) in the reader's language.
fn department_counties(data: &CatalogData, lang: tak_core::Lang) -> Vec<(String, String)> {
    let mut ids: Vec<&str> = (0..data.catalog.x_tak_departments.len())
        .filter_map(|i| {
            data.index
                .location_of_department(&data.catalog, i)
                .map(|l| l.x_county_id.as_str())
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let name = data
                .index
                .county(&data.catalog, id)
                .map(|c| tx_str(&c.x_translations, TextField::NAME, &c.name, lang))
                .unwrap_or_else(|| id.to_string());
            (id.to_string(), name)
        })
        .collect()
}

#[component]
fn TakListBody(data: Arc<CatalogData>) -> impl IntoView {
    let loc = use_locale();
    let url = UrlFilter::<DepartmentFilter>::new("/tak");
    let (filter, set_filter) = (url.current, url.set);
    let data_r = data.clone();
    let state = crate::state::use_app();
    let results = Memo::new(move |_| {
        let here = state.position().get().coords();
        filter.with(|f| f.apply(&data_r.catalog, &data_r.index, here))
    });
    let any = move || text(loc.get(), K::any).to_string();
    let data_c = data.clone();
    let county_options = Signal::derive(move || {
        let mut v = vec![(String::new(), any())];
        v.extend(department_counties(&data_c, loc.get()));
        v
    });
    let field_options = Signal::derive(move || {
        let mut v = vec![(String::new(), any())];
        v.extend(Field::ALL.iter().map(|f| {
            (
                f.code().to_string(),
                format::field(loc.get(), *f).to_string(),
            )
        }));
        v
    });
    let host_options = Signal::derive(move || {
        let mut v = vec![(String::new(), any())];
        v.extend([OrgKind::PublicLibrary, OrgKind::Kanoon].iter().map(|k| {
            (
                org_kind_str(*k).to_string(),
                format::host_kind(loc.get(), *k).to_string(),
            )
        }));
        v
    });
    let age_options = Signal::derive(move || {
        let mut v = vec![(String::new(), any())];
        v.extend(
            AgeGroup::ALL
                .iter()
                .map(|a| (a.code().to_string(), format::age(loc.get(), *a).to_string())),
        );
        v
    });
    let day_options = Signal::derive(move || {
        let mut v = vec![(String::new(), any())];
        v.extend(Weekday::ALL.iter().map(|d| {
            (
                d.code().to_string(),
                format::weekday(loc.get(), *d).to_string(),
            )
        }));
        v
    });
    let data_l = data.clone();
    // A list with no entries at all says why, not "nothing matches this search".
    let (list_is_empty, skipped) = (data.catalog.x_tak_departments.is_empty(), data.skipped);
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <SearchBox
                id="tak-q"
                label=Signal::derive(move || loc.t(K::search).to_string())
                placeholder=Signal::derive(move || loc.t(K::search_tak_hint).to_string())
                initial=filter.get_untracked().q
                on_input=url.edit(|f, v| f.q = v)
            />
            <FilterMore open=Signal::derive(move || filter.with(|f| f.to_query().iter().any(|(k, _)| *k != "q")))
                summary=Signal::derive(move || loc.t(K::filters).to_string())>
                <div class="filter-grid">
                    <Select id="tak-field" label=Signal::derive(move || loc.t(K::filter_field).to_string())
                        value=Signal::derive(move || filter.with(|f| f.field.map(|x| x.code().to_string()).unwrap_or_default()))
                        options=field_options on_change=url.edit(|f, v| f.field = Field::parse(&v))/>
                    <Select id="tak-county" label=Signal::derive(move || loc.t(K::filter_county).to_string())
                        value=Signal::derive(move || filter.with(|f| f.county.clone().unwrap_or_default()))
                        options=county_options on_change=url.edit(|f, v| f.county = Some(v).filter(|s| !s.is_empty()))/>
                    <Select id="tak-host" label=Signal::derive(move || loc.t(K::filter_host).to_string())
                        value=Signal::derive(move || filter.with(|f| f.host.map(|h| org_kind_str(h).to_string()).unwrap_or_default()))
                        options=host_options on_change=url.edit(|f, v| f.host = tak_core::query::parse_org_kind(&v))/>
                    <Select id="tak-age" label=Signal::derive(move || loc.t(K::filter_age).to_string())
                        value=Signal::derive(move || filter.with(|f| f.age.map(|a| a.code().to_string()).unwrap_or_default()))
                        options=age_options on_change=url.edit(|f, v| f.age = AgeGroup::parse(&v))/>
                    <Select id="tak-day" label=Signal::derive(move || loc.t(K::filter_day).to_string())
                        value=Signal::derive(move || filter.with(|f| f.day.map(|d| d.code().to_string()).unwrap_or_default()))
                        options=day_options on_change=url.edit(|f, v| f.day = Weekday::parse(&v))/>
                    <Check id="tak-places" label=Signal::derive(move || loc.t(K::filter_has_places).to_string())
                        checked=Signal::derive(move || filter.with(|f| f.has_places))
                        on_change=url.edit(|f, on| f.has_places = on)/>
                </div>
            </FilterMore>
            <SortSelect id="tak-sort" sort=Signal::derive(move || filter.with(|f| f.sort)) on_change=url.edit(|f, v| f.sort = v)/>
        </form>
        <NearMe/>
        <Results results list_is_empty skipped
            on_clear=Callback::new(move |()| set_filter.run(DepartmentFilter::default()))
            card=Arc::new(move |index, distance| view! { <DepartmentCard data=data_l.clone() index distance/> }.into_any())/>
    }
}

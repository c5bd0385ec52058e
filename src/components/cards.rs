//! The rows of the two lists. Their links are plain `<a>`s, which the router follows all the
//! same: `<A>` would add a route lookup and an `aria-current` watcher to every row a search
//! redraws (a saving too small to show in bench/browser.mjs, but nothing is lost).

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use tak_core::catalog::{BenefitKind, Status};

use crate::api::CatalogData;
use crate::components::text::tx;
use crate::format;
use crate::i18n::{use_locale, K};

fn county_name(data: &CatalogData, id: &str, reader: tak_core::Lang) -> AnyView {
    match data.index.county_by_id.get(id) {
        Some(&i) => {
            let c = &data.catalog.x_counties[i];
            tx(&c.x_translations, TextField::NAME, &c.name, reader).into_any()
        }
        None => id.to_string().into_any(),
    }
}

/// A department's places left: the sign-up server's count while it answers (marked "now"),
/// else the catalog's figure marked with the catalog's date.
#[component]
pub fn PlacesBadge(
    department_id: String,
    catalog_places: i64,
    /// The catalog's `updated`.
    catalog_date: String,
) -> impl IntoView {
    let loc = use_locale();
    move || {
        let live = crate::live::places_left(&department_id);
        let places = live.unwrap_or(catalog_places);
        let badge = if places > 0 {
            view! { <span class="badge badge-ok">{loc.count(K::places_left, places)}</span> }
                .into_any()
        } else {
            view! { <span class="badge badge-full">{loc.t(K::full)}</span> }.into_any()
        };
        let age = match live {
            Some(_) => loc.t(K::places_live).to_string(),
            None if catalog_date.is_empty() => String::new(),
            None => loc.tf(
                K::places_as_of,
                &[("date", &format::date(loc.get(), &catalog_date))],
            ),
        };
        view! { {badge}" "<span class="places-age">{age}</span> }
    }
}

#[component]
pub fn DepartmentCard(
    data: Arc<CatalogData>,
    index: usize,
    /// Kilometres from the reader, once "near me" knows where they are.
    distance: Option<f64>,
) -> impl IntoView {
    let loc = use_locale();
    let clock = crate::clock::use_clock();
    let d = &data.catalog.x_tak_departments[index];
    let href = format!("/tak/{}", crate::browser::encode(&d.id));
    let places = d.places_available;
    let department_id = d.id.to_string();
    let catalog_date = data.catalog.updated.clone();
    let data2 = data.clone();
    let body = move || {
        let lang = loc.get();
        let data = &data2;
        let d = &data.catalog.x_tak_departments[index];
        let host = data
            .index
            .org_by_id
            .get(&d.host_organization_id)
            .map(|&o| &data.catalog.organizations[o]);
        let location = data.index.location_of_department(&data.catalog, index);
        let now = clock.now();
        let next = format::next_session(
            lang,
            data.index.department_hours[index].state_at(now),
            now.day,
        );
        view! {
            <p class="badges">
                <span class="badge">{format::field(lang, d.field)}</span>
                {host.map(|h| view! { <span class="badge badge-soft">{format::host_kind(lang, h.x_kind)}</span> })}
            </p>
            {host.map(|h| view! { <p class="meta">{tx(&h.x_translations, TextField::NAME, &h.name, lang)}</p> })}
            {location.map(|l| view! {
                <p class="meta">{county_name(data, &l.x_county_id, lang)}{lang.list_separator()}{tx(&l.x_translations, TextField::NAME, &l.name, lang)}</p>
            })}
            {next.map(|n| view! { <p class="meta">{crate::i18n::fill(crate::i18n::text(lang, K::next_session), &[("when", &n)])}</p> })}
            {distance.map(|km| view! { <p class="meta distance">{format::distance(lang, km)}</p> })}
        }
    };
    let name = move || {
        let d = &data.catalog.x_tak_departments[index];
        tx(&d.x_translations, TextField::NAME, &d.name, loc.get())
    };
    view! {
        <article class="card">
            <h2 class="card-title"><a href=crate::paths::link(&href)>{name}</a></h2>
            {body}
            <PlacesBadge department_id catalog_places=places catalog_date/>
        </article>
    }
}

#[component]
pub fn BenefitBadge(kind: BenefitKind, percent: Option<i64>) -> impl IntoView {
    let loc = use_locale();
    move || {
        match (kind, percent) {
        (BenefitKind::Free, _) => view! { <span class="badge badge-ok">{loc.t(K::benefit_free)}</span> }.into_any(),
        (BenefitKind::Discount, Some(p)) => {
            view! { <span class="badge badge-discount">{loc.tf(K::benefit_discount, &[("n", &loc.num(p))])}</span> }.into_any()
        }
        (BenefitKind::Discount, None) => view! { <span class="badge badge-discount">{loc.t(K::benefit_discount_plain)}</span> }.into_any(),
    }
    }
}

#[component]
pub fn ServiceCard(data: Arc<CatalogData>, index: usize, distance: Option<f64>) -> impl IntoView {
    let loc = use_locale();
    let clock = crate::clock::use_clock();
    let s = &data.catalog.services[index];
    let href = format!("/services/{}", crate::browser::encode(&s.id));
    let (kind, percent) = (s.x_benefit.kind, s.x_benefit.percent);
    let data2 = data.clone();
    let name = move || {
        let s = &data2.catalog.services[index];
        tx(&s.x_translations, TextField::NAME, &s.name, loc.get())
    };
    let body = move || {
        let lang = loc.get();
        let data = &data;
        let s = &data.catalog.services[index];
        let term = data.index.term(&data.catalog, &s.x_category);
        let org = data
            .index
            .org_by_id
            .get(&s.organization_id)
            .map(|&o| &data.catalog.organizations[o]);
        let open = data.index.service_state(index, clock.now());
        let has_places = !data.index.places_of_service[index].is_empty();
        // Status wins over hours: a closed service says so instead of "open until 14:00".
        let status = match s.status {
            Status::Active => None,
            Status::TemporarilyClosed => Some(K::status_closed_short),
            Status::Inactive | Status::Defunct => Some(K::status_inactive_short),
        };
        let coming_soon = !has_places && !s.x_coming_to.is_empty();
        let counties: Vec<AnyView> = data
            .index
            .service_counties(index)
            .iter()
            .map(|c| county_name(data, c, lang))
            .collect();
        view! {
            <p class="badges">
                {term.map(|t| view! { <span class="badge badge-soft">{tx(&t.x_translations, TextField::NAME, &t.name, lang)}</span> })}
                {coming_soon.then(|| view! { <span class="badge badge-coming">{crate::i18n::text(lang, K::coming_soon)}</span> })}
                {status.map(|k| view! { <span class="badge badge-full">{crate::i18n::text(lang, k)}</span> })}
            </p>
            {org.map(|o| view! { <p class="meta">{tx(&o.x_translations, TextField::NAME, &o.name, lang)}</p> })}
            <p class="meta">{counties.into_iter().enumerate().map(|(i, c)| view! { {(i > 0).then_some(lang.list_separator())}{c} }).collect_view()}</p>
            {(has_places && status.is_none()).then(|| view! { <p class="meta open-state">{format::open_state(lang, open)}</p> })}
            {distance.map(|km| view! { <p class="meta distance">{format::distance(lang, km)}</p> })}
        }
    };
    view! {
        <article class="card">
            <h2 class="card-title"><a href=crate::paths::link(&href)>{name}</a></h2>
            {body}
            <BenefitBadge kind percent/>
        </article>
    }
}

//! `/services/<id>`: one Welfare Card service: who may use it, how, what to bring, and every place
//! with its hours, call, SMS and directions.

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use leptos_router::components::A;
use tak_core::catalog::{allowed_link, Status};

use crate::api::CatalogData;
use crate::browser;
use crate::components::cards::BenefitBadge;
use crate::components::contact::{CallButtons, Directions};
use crate::components::hours::WeekHours;
use crate::components::icons;
use crate::components::text::{tx, tx_str};
use crate::format;
use crate::i18n::{text, use_locale, K};
use crate::state::use_app;

#[component]
pub fn ServicePage() -> impl IntoView {
    crate::components::entry::entry_page(
        |d, id| d.index.service_by_id.get(id).copied(),
        |data, index| view! { <ServiceView data index/> }.into_any(),
    )
}

#[component]
fn ServiceView(data: Arc<CatalogData>, index: usize) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let clock = crate::clock::use_clock();
    let copied = RwSignal::new(false);
    let s = data.catalog.services[index].clone();
    let link = browser::absolute_url(&format!("services/{}", browser::encode(&s.id)));
    let (kind, percent) = (s.x_benefit.kind, s.x_benefit.percent);
    let s_share = s.clone();
    let share = move |_| {
        let title = tx_str(&s_share.x_translations, TextField::NAME, &s_share.name, loc.get());
        let url = link.clone();
        leptos::task::spawn_local(async move {
            if !browser::share(&title, &url).await && browser::copy_text(&url).await {
                copied.set(true);
            }
        });
    };
    let body = move || {
        let lang = loc.get();
        let data = &data;
        let s = &data.catalog.services[index];
        let now = clock.now();
        let org = data
            .index
            .org_by_id
            .get(&s.organization_id)
            .map(|&o| &data.catalog.organizations[o]);
        let term = data.index.term(&data.catalog, &s.x_category);
        let status_text = match s.status {
            Status::TemporarilyClosed => Some(text(lang, K::status_temporarily_closed)),
            Status::Inactive | Status::Defunct => Some(text(lang, K::status_inactive)),
            Status::Active => None,
        };
        let section = |key: K, field: TextField, base: &str| {
            (!base.trim().is_empty()).then(|| view! { <h2>{text(lang, key)}</h2><p>{tx(&s.x_translations, field, base, lang)}</p> })
        };
        let coming: Vec<String> = s
            .x_coming_to
            .iter()
            .filter_map(|c| {
                data.index
                    .county(&data.catalog, c)
                    .map(|k| tx_str(&k.x_translations, TextField::NAME, &k.name, lang))
            })
            .collect();
        let here = state.position().get().coords();
        let places = data.index.places_of_service[index]
            .iter()
            .map(|&place| view! { <ServicePlace data=data.clone() service=index place lang now here/> })
            .collect_view();
        let url = s.url.clone();
        let has_places = !data.index.places_of_service[index].is_empty();
        let map_href = format!("/map?service={}", browser::encode(&s.id));
        view! {
            {status_text.map(|t| view! { <p class="alert-banner" role="note">{t}</p> })}
            {(!s.alert.trim().is_empty()).then(|| view! {
                <div class="alert-banner" role="note"><strong>{text(lang, K::notice)}": "</strong>{tx(&s.x_translations, TextField::ALERT, &s.alert, lang)}</div>
            })}
            <p class="badges">
                {term.map(|t| view! { <span class="badge badge-soft">{tx(&t.x_translations, TextField::NAME, &t.name, lang)}</span> })}
            </p>
            {org.map(|o| view! { <p class="meta">{tx(&o.x_translations, TextField::NAME, &o.name, lang)}</p> })}
            {(!s.x_benefit.show.is_empty()).then(|| view! {
                <p>{crate::i18n::fill(text(lang, K::show_at_door), &[("what", &tx_str(&s.x_translations, TextField::BENEFIT_SHOW, &s.x_benefit.show, lang))])}</p>
            })}
            {(!coming.is_empty()).then(|| view! { <p class="notice">{crate::i18n::fill(text(lang, K::coming_to), &[("counties", &coming.join(lang.list_separator()))])}</p> })}
            <p>{tx(&s.x_translations, TextField::DESCRIPTION, &s.description, lang)}</p>
            {section(K::eligibility, TextField::ELIGIBILITY_DESCRIPTION, &s.eligibility_description)}
            {section(K::how_to_use, TextField::APPLICATION_PROCESS, &s.application_process)}
            {(!s.required_documents.is_empty()).then(|| view! {
                <h2>{text(lang, K::documents)}</h2>
                <ul>{s.required_documents.iter().map(|d| view! { <li><bdi lang=(lang != tak_core::Lang::Fa).then_some("fa")>{d.document.clone()}</bdi></li> }).collect_view()}</ul>
            })}
            {section(K::fees, TextField::FEES_DESCRIPTION, &s.fees_description)}
            {(!s.languages.is_empty()).then(|| view! {
                <h2>{text(lang, K::languages)}</h2>
                <p>{s.languages.iter().map(|l| format::language_name(lang, &l.code)).collect::<Vec<_>>().join(lang.list_separator())}</p>
            })}
            {(!url.is_empty() && allowed_link(&url)).then(|| view! { <p><a href=url.clone() rel="noopener" target="_blank" dir="ltr">{url.clone()}</a></p> })}
            <h2>{text(lang, K::locations)}</h2>
            {has_places.then(|| view! { <p><A href=crate::paths::link(&map_href) attr:class="btn see-on-map">{crate::components::icons::map()}<span>{text(lang, K::see_on_map)}</span></A></p> })}
            {places}
            {(!s.assured_date.is_empty()).then(|| view! {
                <p class="meta">{crate::i18n::fill(text(lang, K::verified_on), &[("date", &format::date(lang, &s.assured_date))])}</p>
            })}
        }
    };
    let name = {
        let s = s.clone();
        move || tx(&s.x_translations, TextField::NAME, &s.name, loc.get())
    };
    view! {
        <article class="service">
            <A href=crate::paths::link("/services") attr:class="back">{icons::back()}<span>{move || loc.t(K::services_title)}</span></A>
            <h1>{name}</h1>
            <BenefitBadge kind percent/>
            {body}
            <div class="actions">
                <button class="btn" on:click=share>{icons::share()}<span>{move || loc.t(K::share)}</span></button>
            </div>
            <Show when=move || copied.get()><p role="status">{move || loc.t(K::link_copied)}</p></Show>
        </article>
    }
}

/// One place a service is offered at: address, distance, open now, facilities, the week's hours,
/// and the ways to call and get there.
#[component]
fn ServicePlace(
    data: Arc<CatalogData>,
    service: usize,
    /// Its index in `service_at_locations`.
    place: usize,
    lang: tak_core::Lang,
    now: tak_core::schedule::IranTime,
    /// The reader's position, once asked for.
    here: Option<(f64, f64)>,
) -> impl IntoView {
    let s = &data.catalog.services[service];
    let sal = &data.catalog.service_at_locations[place];
    let l = data.index.location(&data.catalog, &sal.location_id)?;
    let hours = data.index.place_hours[place].clone();
    let state_text = format::open_state(lang, hours.state_at(now));
    let phone = sal.phones.first().or(s.phones.first()).map(|p| p.number.clone()).unwrap_or_default();
    let county = data.index.county(&data.catalog, &l.x_county_id).map(|c| tx(&c.x_translations, TextField::NAME, &c.name, lang));
    let f = l.x_facilities;
    let facilities: Vec<&str> = [(f.wheelchair, K::filter_wheelchair), (f.air_conditioned, K::filter_ac), (f.backup_power, K::filter_power)]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, k)| text(lang, k))
        .collect();
    let distance = here.map(|(lat, lon)| format::distance(lang, tak_core::geo::distance_km(lat, lon, l.latitude, l.longitude)));
    Some(view! {
        <section class="place">
            <h3>{tx(&l.x_translations, TextField::NAME, &l.name, lang)}</h3>
            <p class="meta">{tx(&l.x_translations, TextField::ADDRESS_1, &l.address.address_1, lang)}{county.map(|c| view! { {lang.list_separator()} {c} })}</p>
            {distance.map(|d| view! { <p class="meta">{d}</p> })}
            <p class="open-state"><strong>{state_text}</strong></p>
            {(!facilities.is_empty()).then(|| view! { <p class="badges">{facilities.into_iter().map(|f| view! { <span class="badge badge-soft">{f}</span> }).collect_view()}</p> })}
            <WeekHours hours/>
            <div class="actions">
                <CallButtons number=phone/>
                <Directions lat=l.latitude lon=l.longitude label=tx_str(&l.x_translations, TextField::NAME, &l.name, lang)/>
            </div>
        </section>
    })
}

//! `/tak/<id>`: one department, with everything a volunteer needs to decide and to sign up.

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use leptos_router::components::A;
use tak_core::catalog::localize_list;
use tak_core::ics;

use crate::api::CatalogData;
use crate::browser;
use crate::components::cards::PlacesBadge;
use crate::components::contact::{CallButtons, Directions};
use crate::components::hours::WeekHours;
use crate::components::icons;
use crate::components::qr::Qr;
use crate::components::text::{tx, tx_str};
use crate::format;
use crate::i18n::{use_locale, K};
use crate::state::use_app;

#[component]
pub fn DepartmentPage() -> impl IntoView {
    crate::components::entry::entry_page(
        |d, id| d.index.department_by_id.get(id).copied(),
        |data, index| view! { <DepartmentView data index/> }.into_any(),
    )
}

fn list(items: &[String], lang: tak_core::Lang, reader: tak_core::Lang) -> impl IntoView + use<> {
    let l = (lang != reader).then(|| lang.code());
    let items: Vec<String> = items.to_vec();
    view! { <ul lang=l>{items.into_iter().map(|s| view! { <li><bdi>{s}</bdi></li> }).collect_view()}</ul> }
}

#[component]
fn DepartmentView(data: Arc<CatalogData>, index: usize) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let clock = crate::clock::use_clock();
    let d = data.catalog.x_tak_departments[index].clone();
    let host = data
        .index
        .org_by_id
        .get(&d.host_organization_id)
        .map(|&o| data.catalog.organizations[o].clone());
    let location = data
        .index
        .location_of_department(&data.catalog, index)
        .cloned();
    let county = location
        .as_ref()
        .and_then(|l| data.index.county(&data.catalog, &l.x_county_id).cloned());
    let hours = data.index.department_hours[index].clone();
    let app_path = format!("tak/{}", browser::encode(&d.id));
    let link = browser::absolute_url(&app_path);
    let signup_href = format!("/tak/{}/signup", browser::encode(&d.id));
    crate::live::refresh(state);
    let (department_id, catalog_places) = (d.id.to_string(), d.places_available);
    let full = move || crate::live::places_left(&department_id).unwrap_or(catalog_places) <= 0;
    let copied = RwSignal::new(false);
    let coordinator_phone = d.coordinator.phone.clone();

    let (d1, link1) = (d.clone(), link.clone());
    let share = move |_| {
        let title = tx_str(&d1.x_translations, TextField::NAME, &d1.name, loc.get());
        let url = link1.clone();
        leptos::task::spawn_local(async move {
            if !browser::share(&title, &url).await && browser::copy_text(&url).await {
                copied.set(true);
            }
        });
    };
    let (d2, loc2, hours2, link2) = (d.clone(), location.clone(), hours.clone(), link.clone());
    let add_to_calendar = move |_| {
        let lang = loc.get();
        let now = crate::clock::use_clock().now_untracked();
        // The session going on now counts: during one, the button gave nothing before.
        let Some((start, end)) = hours2.next_session(now) else {
            return;
        };
        let place = loc2
            .as_ref()
            .map(|l| tx_str(&l.x_translations, TextField::NAME, &l.name, lang))
            .unwrap_or_default();
        let text = ics::calendar(&ics::Event {
            uid: &format!("{}-{}@tak.khuzestan", d2.id, start.day),
            summary: &tx_str(&d2.x_translations, TextField::NAME, &d2.name, lang),
            location: &place,
            description: &tx_str(&d2.x_translations, TextField::DESCRIPTION, &d2.description, lang),
            url: &link2,
            start,
            end,
            stamp: now,
        });
        browser::download("tak-session.ics", "text/calendar", &text);
    };

    let (poster_hours, poster_location) = (hours.clone(), location.clone());
    let d3 = d.clone();
    let body = move || {
        let lang = loc.get();
        let d = &d3;
        let (activities, act_lang) =
            localize_list(&d.x_translations, TextField::ACTIVITIES, &d.activities, lang);
        let (skills, skill_lang) =
            localize_list(&d.x_translations, TextField::SKILLS_WANTED, &d.skills_wanted, lang);
        let now = clock.now();
        let next = format::next_session(lang, hours.state_at(now), now.day);
        view! {
            <p class="badges">
                <span class="badge">{format::field(lang, d.field)}</span>
                {host.as_ref().map(|h| view! { <span class="badge badge-soft">{format::host_kind(lang, h.x_kind)}</span> })}
                {d.age_groups.iter().map(|a| view! { <span class="badge badge-soft">{format::age(lang, *a)}</span> }).collect_view()}
            </p>
            <p>{tx(&d.x_translations, TextField::DESCRIPTION, &d.description, lang)}</p>
            <h2>{crate::i18n::text(lang, K::activities)}</h2>
            {list(activities, act_lang, lang)}
            <h2>{crate::i18n::text(lang, K::skills_wanted)}</h2>
            {list(skills, skill_lang, lang)}
            <h2>{crate::i18n::text(lang, K::sessions)}</h2>
            {next.map(|n| view! { <p>{crate::i18n::fill(crate::i18n::text(lang, K::next_session), &[("when", &n)])}</p> })}
            <WeekHours hours=hours.clone()/>
            <h2>{crate::i18n::text(lang, K::venue)}</h2>
            {host.as_ref().map(|h| view! { <p>{tx(&h.x_translations, TextField::NAME, &h.name, lang)}</p> })}
            {location.as_ref().map(|l| view! {
                <p>
                    {tx(&l.x_translations, TextField::NAME, &l.name, lang)}
                    {county.as_ref().map(|c| view! { {lang.list_separator()} {tx(&c.x_translations, TextField::NAME, &c.name, lang)} })}
                </p>
                <p class="meta">{tx(&l.x_translations, TextField::ADDRESS_1, &l.address.address_1, lang)}</p>
                <div class="actions"><Directions lat=l.latitude lon=l.longitude label=tx_str(&l.x_translations, TextField::NAME, &l.name, lang)/></div>
            })}
            <h2>{crate::i18n::text(lang, K::coordinator)}</h2>
            <p><bdi>{d.coordinator.name.clone()}</bdi></p>
        }
    };
    let name = {
        let d = d.clone();
        move || tx(&d.x_translations, TextField::NAME, &d.name, loc.get())
    };
    let poster_title = {
        let d = d.clone();
        move || tx_str(&d.x_translations, TextField::NAME, &d.name, loc.get())
    };
    // What a poster on a library's board must say: when, where, and whom to call.
    let poster_facts = {
        let d = d.clone();
        let (hours, location) = (poster_hours, poster_location);
        let phone = coordinator_phone.clone();
        move || {
            let lang = loc.get();
            let now = clock.now();
            let when = format::next_session(lang, hours.state_at(now), now.day);
            let place = location.as_ref().map(|l| {
                format!(
                    "{}{}{}",
                    tx_str(&l.x_translations, TextField::NAME, &l.name, lang),
                    lang.list_separator(),
                    tx_str(
                        &l.x_translations,
                        TextField::ADDRESS_1,
                        &l.address.address_1,
                        lang
                    )
                )
            });
            view! {
                {when.map(|w| view! { <p class="poster-when">{crate::i18n::fill(crate::i18n::text(lang, K::next_session), &[("when", &w)])}</p> })}
                {place.map(|p| view! { <p class="poster-where">{p}</p> })}
                {(!phone.trim().is_empty()).then(|| view! {
                    <p class="poster-contact">{crate::i18n::text(lang, K::coordinator)}": "<bdi>{d.coordinator.name.clone()}</bdi>" "<bdi dir="ltr">{lang.digits(&phone)}</bdi></p>
                })}
            }
        }
    };
    // The address breaks only after a "/" or a "-", never inside a word.
    let link_pieces = link
        .split_inclusive(['/', '-'])
        .map(|piece| view! { {piece.to_string()}<wbr/> })
        .collect_view();
    view! {
        <article class="department">
            <A href=crate::paths::link("/tak") attr:class="back no-print">{icons::back()}<span>{move || loc.t(K::tak_title)}</span></A>
            <div class="screen-only">
                <h1>{name}</h1>
                <PlacesBadge department_id=d.id.to_string() catalog_places=d.places_available catalog_date=data.catalog.updated.clone()/>
                {body}
                <div class="actions"><CallButtons number=coordinator_phone/></div>
            </div>
            // The sign-up button stays in reach at the foot of the screen while the page is read.
            <div class="signup-cta no-print">
                {move || if full() {
                    view! { <A href=crate::paths::link(&format!("{signup_href}?waiting=1")) attr:class="btn btn-primary btn-wide">{move || loc.t(K::join_waiting_list)}</A> }.into_any()
                } else {
                    view! { <A href=crate::paths::link(&signup_href) attr:class="btn btn-primary btn-wide">{move || loc.t(K::sign_up)}</A> }.into_any()
                }}
            </div>
            <div class="actions">
                <button class="btn" on:click=share>{icons::share()}<span>{move || loc.t(K::share)}</span></button>
                <button class="btn" on:click=add_to_calendar>{icons::calendar()}<span>{move || loc.t(K::add_to_calendar)}</span></button>
                <button class="btn" on:click=move |_| { let _ = window().print(); }>{icons::print()}<span>{move || loc.t(K::print_poster)}</span></button>
            </div>
            <Show when=move || copied.get()><p role="status">{move || loc.t(K::link_copied)}</p></Show>
            <section class="poster" aria-hidden="true">
                <h1>{poster_title}</h1>
                <Qr text=link.clone() label=link.clone()/>
                {poster_facts}
                <p>{move || loc.t(K::poster_scan)}</p>
                <p class="poster-link" dir="ltr">{link_pieces}</p>
            </section>
        </article>
    }
}

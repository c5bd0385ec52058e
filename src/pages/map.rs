//! `/map`: Khuzestan's 30 counties from the prebuilt geometry, coloured by Welfare Card phase, with
//! the service places as markers grouped when they crowd. Pan, pinch and double-tap zoom; buttons
//! for zoom and reset; every county and marker is reachable by keyboard; the same content is one
//! tap away as a list. No tiles, no API key: it works offline.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use leptos_router::components::A;
use tak_core::catalog::Phase;
use tak_core::map_view::{cluster, Place, ViewBox};
use tak_core::query::ServiceFilter;
use wasm_bindgen::JsCast;

use crate::api::CatalogData;
use crate::browser;
use crate::components::cards::BenefitBadge;
use crate::components::gate::CatalogGate;
use crate::components::near_me::NearMe;
use crate::components::text::tx_str;
use crate::format;
use crate::i18n::{fill, text, use_locale, K};
use crate::map_data::{use_map, MapData, MapStatus};
use crate::state::use_app;

#[component]
pub fn MapPage() -> impl IntoView {
    let loc = use_locale();
    let map = use_map();
    let state = use_app();
    map.ensure_loaded();
    Effect::new(move |_| {
        if matches!(state.catalog().get(), crate::state::CatalogStatus::Ready(_)) {
            map.retry_if_failed();
        }
    });
    view! {
        <h1>{move || loc.t(K::map_title)}</h1>
        <Show when=move || !matches!(map.status().get(), MapStatus::Ready(_))>
            <p><A href=crate::paths::link("/services") attr:class="btn">{move || loc.t(K::map_as_list)}</A></p>
        </Show>
        <CatalogGate let:data>
            {move || match map.status().get() {
                MapStatus::Ready(m) => view! { <MapView data=data.clone() map=m/> }.into_any(),
                MapStatus::Failed => view! {
                    <div class="load-error" role="alert">
                        <p>{move || loc.t(K::map_error)}</p>
                        <button class="btn" on:click=move |_| map.retry_if_failed()>{move || loc.t(K::retry)}</button>
                    </div>
                }.into_any(),
                _ => view! { <p role="status">{move || loc.t(K::map_loading)}</p> }.into_any(),
            }}
        </CatalogGate>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Selected {
    None,
    County(String),
    Place(Vec<usize>),
}

#[component]
fn MapView(data: Arc<CatalogData>, map: Arc<MapData>) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let clock = crate::clock::use_clock();
    let (w, h) = (map.width, map.height);
    let full = ViewBox::whole(w, h);
    let view_box = RwSignal::new(full);
    let selected = RwSignal::new(Selected::None);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    // The map's width on screen, measured once it is drawn: markers, their touch targets and the
    // county names keep their size in screen pixels at every zoom.
    let svg_px = RwSignal::new(340.0);
    Effect::new(move |_| {
        if let Some(svg) = svg_ref.get() {
            let width = svg
                .unchecked_ref::<web_sys::Element>()
                .get_bounding_client_rect()
                .width();
            if width > 0.0 {
                svg_px.set(width);
            }
        }
    });
    // SVG units per screen pixel.
    let unit = move || view_box.get().width / svg_px.get();

    // The services the address asks for: the list's filters (from "see on the map"), or one
    // service (`?service=`, from its page).
    let query = leptos_router::hooks::use_query_map();
    let filter = query.with_untracked(|q| ServiceFilter::from_query(|k| q.get(k)));
    let only = query.with_untracked(|q| q.get("service"));
    let now = crate::clock::use_clock().now_untracked();
    let shown: Vec<usize> = match only
        .as_ref()
        .and_then(|id| data.index.service_by_id.get(id.as_str()))
    {
        Some(&si) => vec![si],
        None => filter
            .apply(&data.catalog, &data.index, now, None)
            .into_iter()
            .map(|(si, _)| si)
            .collect(),
    };

    // One marker per location that offers a shown service.
    let places: Vec<Place> = {
        let mut by_loc: HashMap<usize, Vec<usize>> = HashMap::new();
        for &si in &shown {
            for &p in &data.index.places_of_service[si] {
                if let Some(&li) = data
                    .index
                    .loc_by_id
                    .get(&data.catalog.service_at_locations[p].location_id)
                {
                    let v = by_loc.entry(li).or_default();
                    if !v.contains(&si) {
                        v.push(si);
                    }
                }
            }
        }
        let mut v: Vec<Place> = by_loc
            .into_iter()
            .map(|(li, services)| {
                let l = &data.catalog.locations[li];
                let (x, y) = map.projection.project(l.longitude, l.latitude);
                Place { x, y, services }
            })
            .collect();
        v.sort_by(|a, b| a.y.total_cmp(&b.y));
        v
    };
    // One service's page opens the map around its places.
    if only.is_some() {
        if let Some(around) = ViewBox::around(places.iter().map(|p| (p.x, p.y)), full) {
            view_box.set(around);
        }
    }
    let places = StoredValue::new(places);
    // Markers closer than a finger's width share one group, so no two targets overlap.
    let clusters = Memo::new(move |_| {
        let cell = 48.0 * unit();
        places.with_value(|p| cluster(p, cell))
    });

    let zoom_at = move |factor: f64, cx: f64, cy: f64| {
        view_box.update(|b| *b = b.zoomed(factor, cx, cy, full));
    };
    let zoom_center = move |factor: f64| {
        let b = view_box.get_untracked();
        zoom_at(factor, b.x + b.width / 2.0, b.y + b.height / 2.0);
    };
    // Screen pixels → SVG units.
    let to_svg = move |client_x: f64, client_y: f64| -> Option<(f64, f64, f64)> {
        let svg = svg_ref.get_untracked()?;
        let el: &web_sys::Element = svg.unchecked_ref();
        let r = el.get_bounding_client_rect();
        if r.width() == 0.0 {
            return None;
        }
        let b = view_box.get_untracked();
        let k = b.width / r.width();
        Some((
            b.x + (client_x - r.left()) * k,
            b.y + (client_y - r.top()) * k,
            k,
        ))
    };
    // Pointers currently down, for pan (one) and pinch (two).
    let pointers = StoredValue::new(HashMap::<i32, (f64, f64)>::new());
    let on_down = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| {
            p.insert(
                ev.pointer_id(),
                (ev.client_x() as f64, ev.client_y() as f64),
            );
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        let now = (ev.client_x() as f64, ev.client_y() as f64);
        let Some(prev) = pointers.with_value(|p| p.get(&id).copied()) else {
            return;
        };
        let count = pointers.with_value(|p| p.len());
        if count == 1 {
            if let Some((_, _, k)) = to_svg(now.0, now.1) {
                view_box.update(|b| {
                    *b = b.panned(-(now.0 - prev.0) * k, -(now.1 - prev.1) * k, full);
                });
            }
        } else if count == 2 {
            let other = pointers.with_value(|p| p.iter().find(|(k, _)| **k != id).map(|(_, v)| *v));
            if let Some(o) = other {
                let before = ((prev.0 - o.0).powi(2) + (prev.1 - o.1).powi(2)).sqrt();
                let after = ((now.0 - o.0).powi(2) + (now.1 - o.1).powi(2)).sqrt();
                if before > 0.0 {
                    if let Some((cx, cy, _)) = to_svg((now.0 + o.0) / 2.0, (now.1 + o.1) / 2.0) {
                        zoom_at(after / before, cx, cy);
                    }
                }
            }
        }
        pointers.update_value(|p| {
            p.insert(id, now);
        });
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        if let Some((cx, cy, _)) = to_svg(ev.client_x() as f64, ev.client_y() as f64) {
            zoom_at(if ev.delta_y() < 0.0 { 1.25 } else { 0.8 }, cx, cy);
        }
    };
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        if let Some((cx, cy, _)) = to_svg(ev.client_x() as f64, ev.client_y() as f64) {
            zoom_at(2.0, cx, cy);
        }
    };

    let data_c = data.clone();
    let phase_of = move |id: &str| {
        data_c
            .index
            .county(&data_c.catalog, id)
            .map(|c| c.phase)
            .unwrap_or(Phase::Planned)
    };
    let map_c = map.clone();
    let data_n = data.clone();
    let county_name = move |id: &str, lang| match data_n.index.county(&data_n.catalog, id) {
        Some(c) => tx_str(&c.x_translations, TextField::NAME, &c.name, lang),
        None => map_c
            .counties
            .iter()
            .find(|c| c.id == id)
            .map(|c| {
                if lang == tak_core::Lang::En {
                    c.name_en.clone()
                } else {
                    c.name_fa.clone()
                }
            })
            .unwrap_or_default(),
    };
    let county_name2 = county_name.clone();
    let counties = map
        .counties
        .iter()
        .map(|c| {
            let id = c.id.clone();
            let id2 = c.id.clone();
            let id3 = c.id.clone();
            let phase = phase_of(&c.id);
            let class = {
                let id = c.id.clone();
                move || {
                    let sel = matches!(selected.get(), Selected::County(ref s) if *s == id);
                    format!(
                        "county phase-{}{}",
                        phase.code(),
                        if sel { " selected" } else { "" }
                    )
                }
            };
            let name = county_name.clone();
            let label = move || name(&id3, loc.get());
            view! {
                <path
                    d=c.d.clone()
                    class=class
                    tabindex="0"
                    role="button"
                    aria-label=label
                    on:click=move |_| selected.set(Selected::County(id.clone()))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            selected.set(Selected::County(id2.clone()));
                        }
                    }
                />
            }
        })
        .collect_view();
    let data_m = data.clone();
    let markers = move || {
        let u = unit();
        let r = 7.0 * u;
        let lang = loc.get();
        clusters.get().into_iter().map(|p| {
            let n = p.services.len();
            let label = if n == 1 {
                let s = &data_m.catalog.services[p.services[0]];
                tx_str(&s.x_translations, TextField::NAME, &s.name, lang)
            } else {
                crate::i18n::count(lang, K::results, n as i64)
            };
            let services = p.services.clone();
            let services2 = p.services.clone();
            let radius = if n > 1 { r * 1.5 } else { r };
            // The dot is small; the target around it is 48 px across (44 px is what fingers need).
            view! {
                <g class="marker-group" tabindex="0" role="button" aria-label=label
                    on:click=move |_| selected.set(Selected::Place(services.clone()))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            selected.set(Selected::Place(services2.clone()));
                        }
                    }>
                    <circle class="marker-hit" cx=p.x cy=p.y r=24.0 * u/>
                    <circle class="marker" cx=p.x cy=p.y r=radius/>
                    {(n > 1).then(|| view! {
                        <text class="cluster-label" x=p.x y=p.y + radius * 0.4 text-anchor="middle" font-size=radius * 1.1>{lang.number(n)}</text>
                    })}
                </g>
            }
        }).collect_view()
    };
    let map_me = map.clone();
    let me = move || {
        let u = unit();
        state.position().get().coords().map(|(lat, lon)| {
            let (x, y) = map_me.projection.project(lon, lat);
            view! { <circle class="me" cx=x cy=y r=7.0 * u/> }
        })
    };
    // County names: the pilot counties' at first, every county's once zoomed in.
    let map_l = map.clone();
    let phase_l = phase_of.clone();
    let county_name_l = county_name2.clone();
    let labels = move || {
        let lang = loc.get();
        let u = unit();
        let zoomed = view_box.get().width < w / 1.6;
        map_l
            .counties
            .iter()
            .filter(|c| zoomed || phase_l(&c.id) == Phase::Pilot)
            .map(|c| view! {
                <text class="county-label" x=c.label.0 y=c.label.1 text-anchor="middle" font-size=13.0 * u
                    stroke-width=3.0 * u>{county_name_l(&c.id, lang)}</text>
            })
            .collect_view()
    };
    // "Show these as a list": the services list with the same filters, the selected county, and
    // the part of the map on screen when zoomed in.
    let map_a = map.clone();
    let list_href = move || {
        let mut f = filter.clone();
        if let Selected::County(id) = selected.get() {
            f.county = Some(id);
        }
        let b = view_box.get();
        if b.width < w * 0.99 {
            let (west, north) = map_a.projection.unproject(b.x, b.y);
            let (east, south) = map_a.projection.unproject(b.x + b.width, b.y + b.height);
            f.area = Some(tak_core::query::Area {
                south,
                west,
                north,
                east,
            });
        }
        format!("/services{}", browser::query_string(&f.to_query()))
    };
    let legend_dates = {
        let data = data.clone();
        move |phase: Phase, lang| {
            let (from, to) = data.catalog.phase_span(phase).unwrap_or(("", ""));
            fill(
                text(lang, K::phase_dates),
                &[
                    ("from", &format::date(lang, from)),
                    ("to", &format::date(lang, to)),
                ],
            )
        }
    };
    let legend_dates_now = legend_dates.clone();
    // The rollout phase running today.
    let data_now = data.clone();
    let phase_now = move || {
        let lang = loc.get();
        let day = clock.now().day;
        let (y, m, d) = tak_core::schedule::civil_from_days(day);
        data_now.catalog.phase_on(&format!("{y:04}-{m:02}-{d:02}")).map(|p| {
            let dates = legend_dates_now(p, lang);
            view! { <p class="phase-now"><span class=format!("swatch phase-{}", p.code())></span>" "{fill(text(lang, K::phase_now), &[("phase", format::phase(lang, p)), ("dates", &dates)])}</p> }
        })
    };
    let data_p = data.clone();
    let close = Callback::new(move |()| selected.set(Selected::None));
    let panel = move || {
        let lang = loc.get();
        match selected.get() {
            Selected::None => None,
            Selected::County(id) => {
                let name = county_name2(&id, lang);
                Some(view! { <CountyPanel data=data_p.clone() id name lang close/> }.into_any())
            }
            Selected::Place(services) => {
                Some(view! { <PlacePanel data=data_p.clone() services lang close/> }.into_any())
            }
        }
    };
    let attribution = map.attribution.clone();
    view! {
        {phase_now}
        <p><A href=move || crate::paths::link(&list_href()) attr:class="btn map-list">{move || loc.t(K::map_as_list)}</A></p>
        <div class="map-wrap">
            <svg
                node_ref=svg_ref
                viewBox=move || { let b = view_box.get(); format!("{:.1} {:.1} {:.1} {:.1}", b.x, b.y, b.width, b.height) }
                role="group"
                aria-label=move || loc.t(K::map_title)
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:pointerleave=on_up
                on:wheel=on_wheel
                on:dblclick=on_dblclick
            >
                <g class="counties">{counties}</g>
                <g class="county-labels" aria-hidden="true">{labels}</g>
                <g class="markers">{markers}</g>
                {me}
            </svg>
            <div class="map-controls">
                <button class="btn" type="button" aria-label=move || loc.t(K::zoom_in) on:click=move |_| zoom_center(1.5)>"+"</button>
                <button class="btn" type="button" aria-label=move || loc.t(K::zoom_out) on:click=move |_| zoom_center(1.0 / 1.5)>"−"</button>
                <button class="btn" type="button" aria-label=move || loc.t(K::reset_view) on:click=move |_| view_box.set(full)>"⟲"</button>
            </div>
            <p class="map-credit" dir="ltr" lang="en">{attribution}</p>
        </div>
        {panel}
        <Legend legend_dates/>
        <NearMe/>
    }
}

/// The county the reader tapped: its rollout phase and dates, how many services reach it, and
/// the way to them.
#[component]
fn CountyPanel(data: Arc<CatalogData>, id: String, name: String, lang: tak_core::Lang, close: Callback<()>) -> impl IntoView {
    let county = data.index.county(&data.catalog, &id).cloned();
    let count = (0..data.catalog.services.len())
        .filter(|&s| data.index.service_counties(s).iter().any(|c| *c == id))
        .count();
    let href = format!("/services?county={}", browser::encode(&id));
    view! {
        <section class="panel" aria-live="polite">
            <div class="panel-head">
                <h2>{name}</h2>
                <button class="btn btn-small" on:click=move |_| close.run(())>{text(lang, K::close)}</button>
            </div>
            {county.map(|c| view! {
                <p><span class=format!("swatch phase-{}", c.phase.code())></span>" "{format::phase(lang, c.phase)}</p>
                <p class="meta">{fill(text(lang, K::phase_dates), &[("from", &format::date(lang, &c.starts)), ("to", &format::date(lang, &c.ends))])}</p>
            })}
            <p>{crate::i18n::count(lang, K::county_services, count as i64)}</p>
            <A href=crate::paths::link(&href) attr:class="btn btn-primary">{text(lang, K::see_services)}</A>
        </section>
    }
}

/// The services of the marker (or group of markers) the reader tapped.
#[component]
fn PlacePanel(data: Arc<CatalogData>, services: Vec<usize>, lang: tak_core::Lang, close: Callback<()>) -> impl IntoView {
    view! {
        <section class="panel" aria-live="polite">
            <div class="panel-head">
                <h2>{crate::i18n::count(lang, K::results, services.len() as i64)}</h2>
                <button class="btn btn-small" on:click=move |_| close.run(())>{text(lang, K::close)}</button>
            </div>
            <ul class="panel-list">
                {services.into_iter().take(20).map(|si| {
                    let s = &data.catalog.services[si];
                    let href = format!("/services/{}", browser::encode(&s.id));
                    let name = tx_str(&s.x_translations, TextField::NAME, &s.name, lang);
                    view! {
                        <li>
                            <A href=crate::paths::link(&href)><bdi>{name}</bdi></A>" "
                            <BenefitBadge kind=s.x_benefit.kind percent=s.x_benefit.percent/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The colours of the rollout phases, with each phase's dates.
#[component]
fn Legend<F>(legend_dates: F) -> impl IntoView
where
    F: Fn(Phase, tak_core::Lang) -> String + Send + Sync + 'static,
{
    let loc = use_locale();
    let rows = move || {
        let lang = loc.get();
        [Phase::Pilot, Phase::Next, Phase::Planned].into_iter().map(|p| view! {
            <li><span class=format!("swatch phase-{}", p.code())></span><span>{format::phase(lang, p)}" ("{legend_dates(p, lang)}")"</span></li>
        }).collect_view()
    };
    view! {
        <h2>{move || loc.t(K::legend)}</h2>
        <ul class="legend">{rows}</ul>
    }
}

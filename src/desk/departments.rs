//! The coordinator's departments, with places taken and left and the waiting list.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use tak_core::catalog::TextField;
use tak_core::desk::{DepartmentCount, Departments};

use super::texts::{use_desk_text, D};
use super::{desk_link, fetch_into, use_desk, FailureNotice, Fetch};
use crate::api::CatalogData;
use crate::components::gate::CatalogGate;
use crate::components::text::tx_str;
use crate::i18n::use_locale;

/// A department's name in the reader's language, from the catalog (its id when the catalog
/// does not have it: the server's catalog may be newer than the app's).
pub fn department_name(data: &CatalogData, id: &str, lang: tak_core::Lang) -> String {
    data.index
        .department(&data.catalog, id)
        .map(|d| tx_str(&d.x_translations, TextField::NAME, &d.name, lang))
        .unwrap_or_else(|| id.to_string())
}

#[component]
pub fn DepartmentList(office: bool) -> impl IntoView {
    let dt = use_desk_text();
    let desk = use_desk();
    let list = RwSignal::new(Fetch::<Departments>::Loading);
    let load = move || fetch_into(desk, list, "/desk/departments".into());
    load();
    view! {
        <div class="actions no-print">
            <button class="btn" on:click=move |_| load()>{move || dt.t(D::refresh)}</button>
            {office.then(|| view! { <A href=desk_link("sms") attr:class="btn">{move || dt.t(D::unread_sms)}</A> })}
        </div>
        <h2>{move || dt.t(D::my_departments)}</h2>
        <CatalogGate let:data>
            <Listed data list/>
        </CatalogGate>
    }
}

#[component]
fn Listed(data: Arc<CatalogData>, list: RwSignal<Fetch<Departments>>) -> impl IntoView {
    let dt = use_desk_text();
    let loc = use_locale();
    let data = StoredValue::new(data);
    move || {
        match list.get() {
            Fetch::Loading => {
                view! { <p class="meta" role="status">{dt.t(D::working)}</p> }.into_any()
            }
            Fetch::Failed(f) => view! { <FailureNotice failure=f/> }.into_any(),
            Fetch::Ready(d) if d.departments.is_empty() => {
                view! { <p class="empty">{move || dt.t(D::no_departments)}</p> }.into_any()
            }
            Fetch::Ready(d) => {
                // By name in the reader's language, in the app's alphabetical order (پ after ب).
                let lang = loc.get_untracked();
                let mut departments = d.departments;
                data.with_value(|data| {
                    departments.sort_by_cached_key(|c| {
                        tak_core::query::sort_key(&department_name(data, &c.id, lang))
                    })
                });
                view! {
                <div class="cards">
                    {departments.into_iter().map(|count| view! { <DepartmentCard count data=data.get_value()/> }).collect_view()}
                </div>
            }.into_any()
            }
        }
    }
}

#[component]
fn DepartmentCard(count: DepartmentCount, data: Arc<CatalogData>) -> impl IntoView {
    let loc = use_locale();
    let id = count.id.clone();
    let name = move || department_name(&data, &id, loc.get());
    view! {
        <article class="card desk-department">
            <h3 class="card-title"><A href=desk_link(&format!("department={}", crate::browser::encode(&count.id)))><bdi>{name}</bdi></A></h3>
            <DepartmentCounts count/>
        </article>
    }
}

/// Places taken, left and waiting, as the server counts them.
#[component]
pub fn DepartmentCounts(count: DepartmentCount) -> impl IntoView {
    let dt = use_desk_text();
    let loc = use_locale();
    let DepartmentCount {
        capacity,
        taken,
        left,
        waiting,
        ..
    } = count;
    view! {
        <p class="meta">{move || if capacity > 0 {
            dt.tf(D::taken_of, &[("taken", &loc.num(taken)), ("capacity", &loc.num(capacity))])
        } else {
            dt.tf(D::taken_only, &[("taken", &loc.num(taken))])
        }}</p>
        <p class="badges">
            {left.map(|n| view! { <span class={if n > 0 { "badge badge-ok" } else { "badge badge-full" }} data-left=n>{move || dt.count(D::places_left, n)}</span> })}
            {(waiting > 0).then(|| view! { <span class="badge" data-waiting=waiting>{move || dt.count(D::waiting, waiting)}</span> })}
        </p>
    }
}

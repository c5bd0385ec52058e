//! One department at the desk: its counts, its sign-ups newest first with the same normalised
//! search as the app's lists, each one's answers and "SMS the volunteer", the CSV export and the
//! printable list of a session.

use std::sync::Arc;

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos_router::components::A;
use tak_core::catalog::AgeGroup;
use tak_core::desk::{self as core_desk, Action, Departments, DeskSignup, Signups};
use tak_core::schedule::Weekday;
use tak_core::Lang;

use super::departments::{department_name, DepartmentCounts};
use super::print::{PrintList, Printing};
use super::texts::{text as desk_text, use_desk_text, DeskText, D};
use super::{desk_link, failure_text, fetch_into, use_desk, FailureNotice, Fetch};
use crate::api::CatalogData;
use crate::components::gate::CatalogGate;
use crate::i18n::use_locale;

/// A state's word at the desk.
pub fn state_word(lang: Lang, state: &str) -> String {
    let key = match state {
        "received" => D::state_received,
        "confirmed" => D::state_confirmed,
        "waiting_list" => D::state_waiting_list,
        "place_offered" => D::state_place_offered,
        "declined" => D::state_declined,
        "withdrawn" => D::state_withdrawn,
        other => return other.to_string(),
    };
    desk_text(lang, key).to_string()
}

fn via_word(lang: Lang, via: &str) -> String {
    let key = match via {
        "web" => D::via_web,
        "sms" => D::via_sms,
        "both" => D::via_both,
        other => return other.to_string(),
    };
    desk_text(lang, key).to_string()
}

pub fn days_words(lang: Lang, days: &[String]) -> String {
    let named: Vec<&str> = days
        .iter()
        .filter_map(|d| Weekday::parse(d))
        .map(|d| crate::format::weekday(lang, d))
        .collect();
    if named.is_empty() {
        desk_text(lang, D::any_day).to_string()
    } else {
        named.join(lang.list_separator())
    }
}

pub fn age_word(lang: Lang, code: &str) -> String {
    serde_json::from_value::<AgeGroup>(serde_json::Value::String(code.to_string()))
        .map(|a| crate::format::age(lang, a).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// A moment as the desk shows it: the date (the app's own dates, Arabic's month names included)
/// and the time in Iran, in the reader's digits.
pub fn moment(lang: Lang, iso: &str) -> String {
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso)).get_time();
    if ms.is_nan() {
        return iso.to_string();
    }
    let minute = tak_core::schedule::IranTime::from_unix_ms(ms).minute;
    format!(
        "{} {}",
        crate::format::date(lang, iso),
        crate::format::time(lang, minute)
    )
}

/// The text of "SMS the volunteer", in the volunteer's language.
fn volunteer_sms(s: &DeskSignup, data: &CatalogData, department: &str, desk_lang: Lang) -> String {
    let lang = Lang::parse(&s.lang).unwrap_or(desk_lang);
    let key = match s.state.as_str() {
        "confirmed" => D::sms_confirmed,
        "declined" => D::sms_declined,
        "place_offered" => D::sms_offered,
        "waiting_list" => D::sms_waiting,
        "withdrawn" => D::sms_withdrawn,
        _ => D::sms_received,
    };
    let name = department_name(data, department, lang);
    crate::i18n::fill(
        desk_text(lang, key),
        &[
            ("name", &s.full_name),
            ("department", &name),
            ("ref", &s.reference),
            ("reason", &s.reason),
        ],
    )
}

#[component]
pub fn DepartmentDesk(id: String) -> impl IntoView {
    let dt = use_desk_text();
    let desk = use_desk();
    let id = StoredValue::new(id);
    let counts = RwSignal::new(Fetch::<Departments>::Loading);
    let signups = RwSignal::new(Fetch::<Signups>::Loading);
    let reload = move || {
        fetch_into(desk, counts, "/desk/departments".into());
        let path = format!(
            "/desk/departments/{}/signups",
            crate::browser::encode(&id.get_value())
        );
        fetch_into(desk, signups, path);
    };
    reload();
    let printing = RwSignal::new(None::<Printing>);
    // Here, not in the list: the list is drawn again after each answer, the search stays.
    let query = RwSignal::new(String::new());
    view! {
        <A href=desk_link("") attr:class="back no-print">{move || dt.t(D::back)}</A>
        <CatalogGate let:data>
            <DepartmentBody id=id.get_value() data counts signups printing query on_answer=Callback::new(move |()| reload())/>
        </CatalogGate>
    }
}

#[component]
fn DepartmentBody(
    id: String,
    data: Arc<CatalogData>,
    counts: RwSignal<Fetch<Departments>>,
    signups: RwSignal<Fetch<Signups>>,
    printing: RwSignal<Option<Printing>>,
    query: RwSignal<String>,
    on_answer: Callback<()>,
) -> impl IntoView {
    let dt = use_desk_text();
    let data = StoredValue::new(data);
    let id = StoredValue::new(id);
    view! {
        {move || printing.get().map(|p| view! { <PrintList printing=p on_close=Callback::new(move |()| printing.set(None))/> })}
        <div class:no-print=move || printing.with(Option::is_some)>
            <DepartmentHead id=id.get_value() data=data.get_value() counts/>
            <div class="actions">
                <button class="btn" on:click=move |_| on_answer.run(())>{move || dt.t(D::refresh)}</button>
            </div>
            {move || match signups.get() {
                Fetch::Loading => view! { <p class="meta" role="status">{dt.t(D::working)}</p> }.into_any(),
                Fetch::Failed(f) => view! { <FailureNotice failure=f/> }.into_any(),
                Fetch::Ready(list) => view! {
                    <SignupList id=id.get_value() data=data.get_value() list=list.signups printing query on_answer/>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn DepartmentHead(
    id: String,
    data: Arc<CatalogData>,
    counts: RwSignal<Fetch<Departments>>,
) -> impl IntoView {
    let loc = use_locale();
    let title_id = id.clone();
    let title_data = data.clone();
    view! {
        <h2><bdi>{move || department_name(&title_data, &title_id, loc.get())}</bdi></h2>
        {move || match counts.get() {
            Fetch::Ready(d) => d.departments.into_iter().find(|c| c.id == id).map(|count| view! { <DepartmentCounts count/> }.into_any()),
            Fetch::Failed(f) => Some(view! { <FailureNotice failure=f/> }.into_any()),
            Fetch::Loading => None,
        }}
    }
}

#[component]
fn SignupList(
    id: String,
    data: Arc<CatalogData>,
    list: Vec<DeskSignup>,
    printing: RwSignal<Option<Printing>>,
    query: RwSignal<String>,
    on_answer: Callback<()>,
) -> impl IntoView {
    let dt = use_desk_text();
    let loc = use_locale();
    let list = StoredValue::new(list);
    let id = StoredValue::new(id);
    let data = StoredValue::new(data);
    let shown = Memo::new(move |_| {
        let q = query.get();
        list.with_value(|l| {
            core_desk::search(l, &q)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let export = move |_| {
        let lang = loc.get_untracked();
        let t = |k| desk_text(lang, k);
        let state = |s: &str| state_word(lang, s);
        let via = |s: &str| via_word(lang, s);
        let days = |d: &[String]| days_words(lang, d);
        let words = core_desk::CsvWords {
            headers: [
                t(D::col_reference),
                t(D::col_name),
                t(D::col_mobile),
                t(D::col_age),
                t(D::col_days),
                t(D::col_note),
                t(D::col_state),
                t(D::col_reason),
                t(D::col_via),
                t(D::col_received),
            ],
            state: &state,
            via: &via,
            days: &days,
        };
        let mut rows = list.get_value();
        for r in &mut rows {
            r.age_group = age_word(lang, &r.age_group);
        }
        let csv = core_desk::csv(&rows, &words);
        let day = crate::browser::iso_now()
            .chars()
            .take(10)
            .collect::<String>();
        crate::browser::download(
            &format!("{}-{day}.csv", id.get_value()),
            "text/csv;charset=utf-8",
            &csv,
        );
    };
    let sessions = data.with_value(|d| {
        d.index
            .department(&d.catalog, &id.get_value())
            .map(|d| core_desk::sessions(&d.schedules))
            .unwrap_or_default()
    });
    let print = move |session: Option<core_desk::Session>| {
        let lang = loc.get_untracked();
        printing.set(Some(Printing {
            department: data.with_value(|d| department_name(d, &id.get_value(), lang)),
            session,
            signups: list.get_value(),
        }));
    };
    let no_sessions = sessions.is_empty();
    view! {
        <div class="actions">
            <button class="btn" id="desk-export" on:click=export>{move || dt.t(D::export_csv)}</button>
            {sessions.into_iter().map(|s| {
                let label = session_label(dt, &s);
                view! { <button class="btn desk-print" on:click=move |_| print(Some(s.clone()))>{move || dt.tf(D::print_list, &[("session", &label())])}</button> }
            }).collect_view()}
            {no_sessions.then(|| view! { <button class="btn desk-print" on:click=move |_| print(None)>{move || dt.t(D::print_everyone)}</button> })}
        </div>
        <div class="field search">
            <label for="desk-search">{move || dt.t(D::search)}</label>
            <input id="desk-search" type="search" dir="auto" autocomplete="off"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        <p class="result-count" role="status">{move || dt.count(D::shown, shown.with(Vec::len) as i64)}</p>
        {move || (list.with_value(Vec::is_empty)).then(|| view! { <p class="empty">{dt.t(D::no_signups)}</p> })}
        {move || (shown.with(Vec::is_empty) && !list.with_value(Vec::is_empty)).then(|| view! { <p class="empty">{dt.t(D::no_match)}</p> })}
        <div class="cards">
            <For each=move || shown.get() key=|s| (s.seq, s.state.clone(), s.updated_at.clone()) let:s>
                <SignupCard signup=s department=id.get_value() data=data.get_value() on_answer/>
            </For>
        </div>
    }
}

/// "Saturday 16:00–18:00", in the reader's words and digits.
pub fn session_label(
    dt: DeskText,
    s: &core_desk::Session,
) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let s = s.clone();
    move || {
        let lang = dt.0.get();
        let day = crate::format::weekday(lang, s.day);
        match (s.opens_at.is_empty(), s.closes_at.is_empty()) {
            (true, _) => day.to_string(),
            (false, true) => format!("{day} {}", lang.digits(&s.opens_at)),
            (false, false) => format!(
                "{day} {}–{}",
                lang.digits(&s.opens_at),
                lang.digits(&s.closes_at)
            ),
        }
    }
}

#[component]
fn SignupCard(
    signup: DeskSignup,
    department: String,
    data: Arc<CatalogData>,
    on_answer: Callback<()>,
) -> impl IntoView {
    let dt = use_desk_text();
    let loc = use_locale();
    let desk = use_desk();
    let s = StoredValue::new(signup);
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let department = StoredValue::new(department);
    let answer = move |action: Action| {
        if busy.get_untracked() {
            return;
        }
        let why = reason.get_untracked().trim().to_string();
        if action == Action::Decline && why.is_empty() {
            problem.set(Some(dt.t(D::reason_missing).to_string()));
            return;
        }
        busy.set(true);
        problem.set(None);
        let server = desk.server();
        let path = format!(
            "/desk/departments/{}/signups/{}",
            crate::browser::encode(&department.get_value()),
            s.with_value(|s| s.seq)
        );
        leptos::task::spawn_local(async move {
            let body = serde_json::json!({ "action": action.code(), "reason": why });
            match server
                .ask::<serde_json::Value>(desk.session, Method::POST, &path, Some(body))
                .await
            {
                Ok(_) => on_answer.run(()),
                Err(f) => problem.set(Some(failure_text(dt, &f))),
            }
            busy.set(false);
        });
    };
    let v = s.get_value();
    let sms_text = volunteer_sms(&v, &data, &department.get_value(), loc.get_untracked());
    let sms_href = tak_core::signup::sms_uri(&v.mobile, &crate::browser::encode(&sms_text));
    let plain_sms = format!("sms:{}", v.mobile);
    let tel = format!("tel:{}", v.mobile);
    let state_class = format!("badge desk-state state-{}", v.state);
    let actions = v.actions();
    view! {
        <article class="card desk-signup" data-seq=v.seq data-state=v.state.clone()>
            <h3 class="card-title"><bdi>{v.full_name.clone()}</bdi></h3>
            <p class="badges">
                <span class=state_class>{let st = v.state.clone(); move || state_word(loc.get(), &st)}</span>
                <span class="badge badge-soft">{let via = v.via.clone(); move || via_word(loc.get(), &via)}</span>
            </p>
            <p class="meta"><bdi dir="ltr" class="desk-ref">{v.reference.clone()}</bdi>" · "{let at = v.received_at.clone(); move || dt.tf(D::received_at, &[("when", &moment(loc.get(), &at))])}</p>
            <p class="desk-contact">
                <bdi dir="ltr" class="desk-mobile">{v.mobile.clone()}</bdi>
                <a class="btn btn-small" href=tel>{move || dt.t(D::call)}</a>
                <a class="btn btn-small" href=plain_sms>{move || dt.t(D::sms)}</a>
            </p>
            <dl class="facts">
                <dt>{move || dt.t(D::col_age)}</dt><dd>{let a = v.age_group.clone(); move || age_word(loc.get(), &a)}</dd>
                <dt>{move || dt.t(D::col_days)}</dt><dd>{let d = v.days.clone(); move || days_words(loc.get(), &d)}</dd>
                {(!v.note.is_empty()).then(|| view! { <dt>{move || dt.t(D::col_note)}</dt><dd><bdi>{v.note.clone()}</bdi></dd> })}
                {(!v.reason.is_empty()).then(|| view! { <dt>{move || dt.t(D::col_reason)}</dt><dd><bdi>{v.reason.clone()}</bdi></dd> })}
            </dl>
            <div class="actions">
                {actions.iter().copied().map(|a| {
                    let (key, class) = match a {
                        Action::Confirm => (D::action_confirm, "btn btn-primary"),
                        Action::Offer => (D::action_offer, "btn btn-primary"),
                        Action::Decline => (D::action_decline, "btn"),
                        Action::Withdraw => (D::action_withdraw, "btn btn-danger"),
                    };
                    let click = move |_| if a == Action::Decline { declining.set(true) } else { answer(a) };
                    view! { <button class=class data-action=a.code() prop:disabled=move || busy.get() on:click=click>{move || dt.t(key)}</button> }
                }).collect_view()}
                <a class="btn btn-link" href=sms_href>{move || dt.t(D::sms_volunteer)}</a>
            </div>
            <Show when=move || declining.get()>
                <div class="field desk-decline">
                    <label for=format!("desk-reason-{}", s.with_value(|s| s.seq))>{move || dt.t(D::decline_reason)}</label>
                    <textarea id=format!("desk-reason-{}", s.with_value(|s| s.seq)) maxlength="300" dir="auto"
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <div class="actions">
                        <button class="btn btn-primary" data-action="decline-send" prop:disabled=move || busy.get() on:click=move |_| answer(Action::Decline)>{move || dt.t(D::decline_send)}</button>
                        <button class="btn" on:click=move |_| { declining.set(false); problem.set(None); }>{move || dt.t(D::cancel)}</button>
                    </div>
                </div>
            </Show>
            {move || problem.get().map(|p| view! { <p class="error-message" role="alert">{p}</p> })}
        </article>
    }
}

//! The SMS the server could not read, for the office to deal with by hand (oldest first).

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos_router::components::A;
use tak_core::desk::{UnreadList, UnreadSms as Sms};

use super::signups::moment;
use super::texts::{use_desk_text, D};
use super::{desk_link, failure_text, fetch_into, use_desk, FailureNotice, Fetch};
use crate::i18n::use_locale;

fn problem_key(code: &str) -> Option<D> {
    Some(match code {
        "not_a_tak_sms" => D::problem_not_a_tak_sms,
        "too_short" => D::problem_too_short,
        "no_age_group" => D::problem_no_age_group,
        "unknown_department" => D::problem_unknown_department,
        "unknown_reference" => D::problem_unknown_reference,
        "invalid_fields" => D::problem_invalid_fields,
        _ => return None,
    })
}

#[component]
pub fn UnreadSms() -> impl IntoView {
    let dt = use_desk_text();
    let desk = use_desk();
    let list = RwSignal::new(Fetch::<UnreadList>::Loading);
    let load = move || fetch_into(desk, list, "/desk/sms".into());
    load();
    view! {
        <A href=desk_link("") attr:class="back">{move || dt.t(D::back)}</A>
        <h2>{move || dt.t(D::unread_sms)}</h2>
        {move || match list.get() {
            Fetch::Loading => view! { <p class="meta" role="status">{dt.t(D::working)}</p> }.into_any(),
            Fetch::Failed(f) => view! { <FailureNotice failure=f/> }.into_any(),
            Fetch::Ready(l) if l.sms.is_empty() => view! { <p class="empty">{move || dt.t(D::sms_none)}</p> }.into_any(),
            Fetch::Ready(l) => view! {
                <div class="cards">
                    {l.sms.into_iter().map(|sms| view! { <SmsCard sms on_done=Callback::new(move |()| load())/> }).collect_view()}
                </div>
            }.into_any(),
        }}
    }
}

#[component]
fn SmsCard(sms: Sms, on_done: Callback<()>) -> impl IntoView {
    let dt = use_desk_text();
    let loc = use_locale();
    let desk = use_desk();
    let problem = RwSignal::new(None::<String>);
    let seq = sms.seq;
    let done = move |_| {
        let server = desk.server();
        leptos::task::spawn_local(async move {
            let path = format!("/desk/sms/{seq}/done");
            match server
                .ask::<serde_json::Value>(desk.session, Method::POST, &path, None)
                .await
            {
                Ok(_) => on_done.run(()),
                Err(f) => problem.set(Some(failure_text(dt, &f))),
            }
        });
    };
    let why = sms.problem.clone();
    let sent = if sms.sent_at.is_empty() {
        sms.received_at.clone()
    } else {
        sms.sent_at.clone()
    };
    let sender = sms.sender.clone();
    let reply = format!("sms:{}", sms.sender);
    view! {
        <article class="card desk-sms">
            <p class="meta">{move || dt.tf(D::sms_from, &[("sender", &sender), ("when", &moment(loc.get(), &sent))])}</p>
            <pre class="desk-sms-text" dir="auto">{sms.text.clone()}</pre>
            <p class="hint">{move || dt.tf(D::sms_problem, &[("problem", problem_key(&why).map_or(why.as_str(), |k| dt.t(k)))])}</p>
            <div class="actions">
                <a class="btn" href=reply>{move || dt.t(D::sms)}</a>
                <button class="btn btn-primary" on:click=done>{move || dt.t(D::sms_done)}</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="error-message" role="alert">{p}</p> })}
        </article>
    }
}

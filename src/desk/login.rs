//! Logging in, and the first login's change of the one-time password.

use gloo_net::http::Method;
use leptos::prelude::*;

use super::api::Failure;
use super::texts::{use_desk_text, D};
use super::{failure_text, use_desk};

#[component]
pub fn LoginForm() -> impl IntoView {
    let dt = use_desk_text();
    let desk = use_desk();
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        let server = desk.server();
        leptos::task::spawn_local(async move {
            let (u, p) = (user.get_untracked(), password.get_untracked());
            match server.log_in(u.trim(), &p).await {
                Ok(login) => {
                    password.set(String::new());
                    desk.session.logged_in(login);
                }
                Err(f) => failed.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="desk-login" on:submit=submit>
            <h2>{move || dt.t(D::login_title)}</h2>
            <p class="hint">{move || dt.t(D::login_intro)}</p>
            {move || desk.session.ended_because().get().map(|why| view! { <p class="notice notice-warn" role="status">{why}</p> })}
            <div class="field">
                <label for="desk-user">{move || dt.t(D::user)}</label>
                <input id="desk-user" type="text" dir="ltr" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="100" required
                    prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="desk-password">{move || dt.t(D::password)}</label>
                <input id="desk-password" type="password" dir="ltr" autocomplete="current-password" maxlength="200" required
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            {move || failed.get().map(|f| view! { <p class="error-message" role="alert">{failure_text(dt, &f)}</p> })}
            <button type="submit" class="btn btn-primary btn-wide" prop:disabled=move || busy.get()>
                {move || if busy.get() { dt.t(D::working) } else { dt.t(D::log_in) }}
            </button>
        </form>
    }
}

#[component]
pub fn PasswordChange() -> impl IntoView {
    let dt = use_desk_text();
    let desk = use_desk();
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if new.get_untracked() != again.get_untracked() {
            problem.set(Some(dt.t(D::passwords_differ).to_string()));
            return;
        }
        busy.set(true);
        problem.set(None);
        let server = desk.server();
        leptos::task::spawn_local(async move {
            let body =
                serde_json::json!({ "old": old.get_untracked(), "new": new.get_untracked() });
            match server
                .ask::<serde_json::Value>(desk.session, Method::POST, "/desk/password", Some(body))
                .await
            {
                Ok(_) => desk.session.password_changed(),
                Err(f) => problem.set(Some(failure_text(dt, &f))),
            }
            busy.set(false);
        });
    };
    let field = move |id: &'static str,
                      label: D,
                      value: RwSignal<String>,
                      complete: &'static str| {
        view! {
            <div class="field">
                <label for=id>{move || dt.t(label)}</label>
                <input id=id type="password" dir="ltr" autocomplete=complete maxlength="200" required
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <form class="desk-login" on:submit=submit>
            <h2>{move || dt.t(D::change_title)}</h2>
            <p class="hint">{move || dt.t(D::change_intro)}</p>
            {field("desk-old-password", D::old_password, old, "current-password")}
            {field("desk-new-password", D::new_password, new, "new-password")}
            {field("desk-repeat-password", D::repeat_password, again, "new-password")}
            {move || problem.get().map(|p| view! { <p class="error-message" role="alert">{p}</p> })}
            <button type="submit" class="btn btn-primary btn-wide" prop:disabled=move || busy.get()>
                {move || if busy.get() { dt.t(D::working) } else { dt.t(D::save_password) }}
            </button>
        </form>
    }
}

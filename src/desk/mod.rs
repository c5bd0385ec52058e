//! The coordinators' desk at `<app>/desk/` (issue 21): log in, see one's departments and their
//! sign-ups, answer them, export and print the lists, and (the office) read by hand the SMS the
//! server could not. It talks to the sign-up server beside `signup_url` with a login's token.
//!
//! It is a build of its own (the cargo feature `desk`, `src/desk/routes.json`), which `make dist`
//! puts in `dist/desk/`: residents' builds have none of its code, so their modules and downloads
//! are what they were without it. It reads the app's `config.json` and catalog, installs no
//! service worker and sends no one's sign-ups; its texts are files of their own.
//! The pure part (which answers apply, search, CSV, the lists per session) is
//! `tak_core::desk`.

pub mod api;
mod departments;
mod login;
mod print;
pub mod session;
mod signups;
pub mod texts;
mod unread;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;

use crate::i18n::{use_locale, Locale};
use crate::state::use_app;
use api::{Failure, Server};
use session::Session;
use texts::{use_desk_text, DeskText, D};

/// What every part of the desk shares: the session and where the server is.
#[derive(Clone, Copy)]
pub struct Desk {
    pub session: Session,
    base: StoredValue<String>,
    loc: Locale,
}

impl Desk {
    /// The server, answering in the desk's language as it is now.
    pub fn server(&self) -> Server {
        Server {
            base: self.base.get_value(),
            lang: self.loc.get_untracked(),
        }
    }
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}

/// A list fetched from the server, as the desk shows it.
#[derive(Clone, Debug)]
pub enum Fetch<T> {
    Loading,
    Ready(T),
    Failed(Failure),
}

/// GETs `path` into `into`, again whenever this is called (a refresh, an answer given).
pub fn fetch_into<T>(desk: Desk, into: RwSignal<Fetch<T>>, path: String)
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    leptos::task::spawn_local(async move {
        let generation = desk.session.generation().get_untracked();
        let answer = desk
            .server()
            .ask::<T>(desk.session, gloo_net::http::Method::GET, &path, None)
            .await;
        // A list that arrives after logging out is not shown to whoever sits down next.
        if desk.session.generation().get_untracked() != generation {
            return;
        }
        // The view may have gone meanwhile (another department opened): then nothing to show.
        into.try_set(match answer {
            Ok(v) => Fetch::Ready(v),
            Err(f) => Fetch::Failed(f),
        });
    });
}

/// What the desk says when a request failed.
pub fn failure_text(dt: DeskText, failure: &Failure) -> String {
    match failure {
        Failure::Unreachable => dt.t(D::unreachable).to_string(),
        Failure::Unreadable => dt.t(D::not_json).to_string(),
        Failure::Refused { code, message } if message.is_empty() => code.clone(),
        Failure::Refused { message, .. } => message.clone(),
    }
}

#[component]
fn FailureNotice(failure: Failure) -> impl IntoView {
    let dt = use_desk_text();
    view! { <p class="notice notice-warn" role="alert">{move || failure_text(dt, &failure)}</p> }
}

/// The desk, once its texts are here: the login form until someone is logged in, the
/// password change while their one-time password is unchanged, then what the address asks for
/// (`?department=ID`, `?sms`, or the list of departments).
#[component]
pub fn DeskFrame() -> impl IntoView {
    let dt = use_desk_text();
    let state = use_app();
    let base = tak_core::desk::server_base(&state.config().get_untracked().signup_url);
    if base.is_empty() {
        return view! {
            <h1>{move || dt.t(D::title)}</h1>
            <p class="notice notice-warn" role="alert">{move || dt.t(D::no_server)}</p>
        }
        .into_any();
    }
    let desk = Desk {
        session: Session::resume(),
        base: StoredValue::new(base),
        loc: use_locale(),
    };
    provide_context(desk);
    let query = use_query_map();
    let login = desk.session.login();
    view! {
        <h1 class="no-print">{move || dt.t(D::title)}</h1>
        {move || match login.get() {
            None => view! { <login::LoginForm/> }.into_any(),
            Some(l) if l.must_change_password => view! { <DeskBar/><login::PasswordChange/> }.into_any(),
            Some(l) => {
                let q = query.get();
                let page = if let Some(id) = q.get("department") {
                    view! { <signups::DepartmentDesk id/> }.into_any()
                } else if q.get("sms").is_some() && l.is_office() {
                    view! { <unread::UnreadSms/> }.into_any()
                } else {
                    view! { <departments::DepartmentList office=l.is_office()/> }.into_any()
                };
                view! { <DeskBar/>{page} }.into_any()
            }
        }}
    }
    .into_any()
}

/// Who is logged in, and the way out.
#[component]
fn DeskBar() -> impl IntoView {
    let dt = use_desk_text();
    let desk = use_desk();
    let name = move || {
        desk.session
            .login()
            .get()
            .map(|l| if l.name.is_empty() { l.user } else { l.name })
            .unwrap_or_default()
    };
    let log_out = move |_| {
        let token = desk.session.token();
        let server = desk.server();
        desk.session.ended(None);
        leptos::task::spawn_local(async move { server.log_out(&token).await });
    };
    view! {
        <div class="desk-bar no-print">
            <p class="meta">{move || dt.tf(D::logged_in_as, &[("name", &name())])}</p>
            <button class="btn" id="desk-log-out" on:click=log_out>{move || dt.t(D::log_out)}</button>
        </div>
        <p class="hint no-print">{move || dt.t(D::shared_computer)}</p>
    }
}

/// A link within the desk: its page (the root of its build, `<app>/desk/`) with `query`
/// (`department=ID`, `sms`).
pub fn desk_link(query: &str) -> String {
    let base = crate::paths::link("/");
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

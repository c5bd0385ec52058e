//! Delivery of the outbox: the browser half of `tak_core::outbox`. Sends what is due, records each
//! answer in the app's state (which keeps the outbox on the device), and tries again when the
//! connection comes back.

use std::cell::RefCell;
use std::collections::HashSet;

use futures::future::{select, Either, LocalBoxFuture};
use gloo_net::http::Request;
use leptos::prelude::*;
use tak_core::outbox::{Entry, Outcome};
use wasm_bindgen::{closure::Closure, JsCast};

use crate::split::{split_point, ModuleUnavailable};
use crate::state::AppState;

thread_local! {
    /// Ids being sent from this tab right now, so a double tap or a timer cannot send twice.
    static IN_FLIGHT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

async fn post(url: &str, body: String, key: &str, timeout_ms: u32) -> Outcome {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let request = match Request::post(url)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .abort_signal(signal.as_ref())
        .body(body)
    {
        Ok(r) => r,
        Err(_) => return Outcome::NetworkError,
    };
    let timer = gloo_timers::future::TimeoutFuture::new(timeout_ms);
    match select(Box::pin(request.send()), Box::pin(timer)).await {
        Either::Left((Ok(resp), _)) => {
            let code = resp.status();
            let body = resp.text().await.unwrap_or_default();
            Outcome::Status { code, body }
        }
        Either::Left((Err(_), _)) => Outcome::NetworkError,
        Either::Right(_) => {
            if let Some(c) = controller {
                c.abort();
            }
            Outcome::Timeout
        }
    }
}

#[derive(serde::Serialize)]
struct Withdrawal<'a> {
    action: &'static str,
    id: &'a str,
    department_id: &'a str,
    lang: &'a str,
}

fn body_of(entry: &Entry) -> String {
    let s = &entry.signup;
    if entry.withdrawing() {
        // A withdrawal carries only the reference, never personal data again.
        let w = Withdrawal {
            action: "withdraw",
            id: &s.id,
            department_id: &s.department_id,
            lang: &s.lang,
        };
        return serde_json::to_string(&w).unwrap_or_default();
    }
    // The sign-up itself with `"action":"signup"` in front (cheaper in wasm than serde's flatten).
    let body = serde_json::to_string(s).unwrap_or_else(|_| "{}".into());
    format!("{{\"action\":\"signup\",{}", body.trim_start_matches('{'))
}

/// Whether an entry is due and not being sent from this tab already.
fn due(entry: &Entry, now_ms: u64) -> bool {
    entry.is_due(now_ms) && !IN_FLIGHT.with(|f| f.borrow().contains(&entry.signup.id))
}

/// Sends every entry that is due, one after another. What sends them is in the wasm module
/// `outbox`, fetched the first time something is due: a visit with nothing to send never
/// downloads it.
pub fn pump(state: AppState) {
    if state
        .config()
        .with_untracked(|c| c.signup_url.trim().is_empty())
    {
        return;
    }
    let now = crate::browser::now_ms() as u64;
    if !state
        .outbox()
        .with_untracked(|o| o.iter().any(|e| due(e, now)))
    {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(sending) = sending(state).await {
            sending.await;
        }
    });
}

split_point!(
    more,
    fn sending(state: AppState) -> Result<LocalBoxFuture<'static, ()>, ModuleUnavailable> {
        Ok(Box::pin(send_due(state)))
    }
);

async fn send_due(state: AppState) {
    let config = state.config().get_untracked();
    // The timer calls `pump` every few seconds: read the device's copy (another tab's progress)
    // only when this tab has something to send, not on every tick.
    state.adopt_from_device();
    let now = crate::browser::now_ms() as u64;
    let due: Vec<Entry> = state
        .outbox()
        .with_untracked(|o| o.iter().filter(|e| due(e, now)).cloned().collect());
    // Marked before the first await: a second `pump` meanwhile finds nothing left to send.
    for e in &due {
        IN_FLIGHT.with(|f| f.borrow_mut().insert(e.signup.id.clone()));
    }
    for entry in due {
        let id = entry.signup.id.clone();
        let key = if entry.withdrawing() {
            format!("{id}-withdraw")
        } else {
            id.clone()
        };
        let outcome = post(
            &config.signup_url,
            body_of(&entry),
            &key,
            config.signup_timeout_ms,
        )
        .await;
        let now = crate::browser::now_ms() as u64;
        state.record_answer(&id, &outcome, now);
        IN_FLIGHT.with(|f| f.borrow_mut().remove(&id));
    }
}

/// Asks the endpoint what became of each sign-up it has, or may have by SMS
/// (`GET {signup_url}/{id}?department=…`, docs/signup-api.md), and shows the answers: when the
/// app opens with such sign-ups (`start`) and while "my sign-ups" is open. The asking is in the
/// wasm module `more`, which a device holding sign-ups fetches at start anyway.
pub fn refresh_status(state: AppState) {
    let config = state.config().get_untracked();
    if config.signup_url.trim().is_empty() || !crate::browser::online() {
        return;
    }
    if !state
        .outbox()
        .with_untracked(|o| o.iter().any(Entry::follows_status))
    {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(checking) = checking(state).await {
            checking.await;
        }
    });
}

split_point!(
    more,
    fn checking(state: AppState) -> Result<LocalBoxFuture<'static, ()>, ModuleUnavailable> {
        Ok(Box::pin(check_status(state)))
    }
);

async fn check_status(state: AppState) {
    let config = state.config().get_untracked();
    let base = config.signup_url.trim().trim_end_matches('/').to_string();
    let followed: Vec<(String, String)> = state.outbox().with_untracked(|o| {
        o.iter()
            .filter(|e| e.follows_status())
            .map(|e| (e.signup.id.clone(), e.signup.department_id.clone()))
            .collect()
    });
    for (id, department) in followed {
        let url = format!(
            "{base}/{}?department={}",
            crate::browser::encode(&id),
            crate::browser::encode(&department)
        );
        let Ok((body, _)) = crate::api::get_text(&url, config.signup_timeout_ms, 16 * 1024).await
        else {
            continue;
        };
        state.record_status(&id, 200, &body);
    }
}

/// Starts delivery: once the config names an endpoint, whenever the outbox changes (a new
/// sign-up, "send again", a withdrawal), whenever the browser comes back online, and every few
/// seconds for entries whose back-off has passed.
pub fn start(state: AppState) {
    Effect::new(move |_| {
        state.config().track();
        state.outbox().track();
        pump(state);
    });
    // Once, when the app opens with sign-ups the coordinators may have answered: the notice
    // (`components::shell`) says so on whatever page the volunteer opened.
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) {
            return true;
        }
        let ready =
            !state.config().with(|c| c.signup_url.trim().is_empty()) && state.outbox_ready().get();
        if ready {
            refresh_status(state);
        }
        ready
    });
    if let Some(window) = web_sys::window() {
        let on_online = Closure::<dyn Fn()>::new(move || pump(state));
        let _ =
            window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
        let tick = Closure::<dyn Fn()>::new(move || pump(state));
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            5_000,
        );
        tick.forget();
    }
}

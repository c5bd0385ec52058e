//! The coordinators' desk API (docs/signup-api.md, "The desk"): logging in and out, and the
//! password a coordinator chooses in place of the one-time one. Every answer is in the
//! `Accept-Language` of the desk; every action is written to the audit log.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use tak_core::Lang;

use crate::clock::{iso, now_ms};
use crate::messages::DeskRefusal;
use crate::passwords;
use crate::routes::{accept_lang, App};
use crate::store::accounts::{Coordinator, Role};

/// How a desk is let in: how long a login lasts, and how many wrong passwords are allowed.
#[derive(Clone, Debug)]
pub struct DeskSettings {
    /// A login lasts this long, then the desk asks for the password again.
    pub session_seconds: i64,
    /// Take the client's address from `X-Real-IP` (as the rate limit does).
    pub trust_proxy: bool,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            session_seconds: 8 * 3600,
            trust_proxy: false,
        }
    }
}

/// Wrong passwords allowed within [`GUESS_WINDOW_MS`] for one user name, and from one address.
pub const GUESSES_PER_NAME: i64 = 5;
pub const GUESSES_PER_CLIENT: i64 = 20;
pub const GUESS_WINDOW_MS: i64 = 15 * 60 * 1000;

type AppState = State<Arc<App>>;

fn json_answer(status: StatusCode, body: serde_json::Value) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
        .into_response()
}

fn refuse(status: StatusCode, r: DeskRefusal, lang: Lang) -> Response {
    json_answer(
        status,
        json!({"error": r.code(), "message": r.message(lang)}),
    )
}

fn trouble(e: sqlx::Error) -> Response {
    tracing::error!("database: {e}");
    json_answer(
        StatusCode::SERVICE_UNAVAILABLE,
        json!({"error": "unavailable"}),
    )
}

/// What a desk is told about who is logged in.
fn account(c: &Coordinator, expires_at: i64) -> serde_json::Value {
    json!({
        "user": c.user_name,
        "name": c.display_name,
        "role": c.role,
        "departments": c.departments,
        "must_change_password": c.must_change,
        "expires_at": iso(expires_at),
    })
}

/// The bearer token of a request, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The client's address, as the rate limit reads it.
fn client(headers: &HeaderMap, peer: SocketAddr, trust_proxy: bool) -> String {
    let proxied = trust_proxy
        .then(|| headers.get("x-real-ip")?.to_str().ok())
        .flatten();
    proxied.map_or_else(|| peer.ip().to_string(), |ip| ip.trim().to_string())
}

/// A logged-in desk: who, the token's hash, and when the login ends.
pub struct LoggedIn {
    pub coordinator: Coordinator,
    pub token_hash: String,
    pub expires_at: i64,
}

/// The coordinator of the request's token, or the answer that refuses it: 401 without a token or
/// with one that is forged, expired or ended. With `allow_one_time`, a coordinator who must still
/// change the one-time password is let through (to change it); otherwise that is 403.
pub async fn logged_in(
    app: &App,
    headers: &HeaderMap,
    allow_one_time: bool,
) -> Result<LoggedIn, Response> {
    let lang = accept_lang(headers);
    let Some(token) = bearer(headers) else {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            DeskRefusal::NotLoggedIn,
            lang,
        ));
    };
    let token_hash = passwords::token_hash(token);
    match app.store.session(&token_hash, now_ms()).await {
        Err(e) => Err(trouble(e)),
        Ok(None) => Err(refuse(
            StatusCode::UNAUTHORIZED,
            DeskRefusal::NotLoggedIn,
            lang,
        )),
        Ok(Some((c, _))) if c.must_change && !allow_one_time => Err(refuse(
            StatusCode::FORBIDDEN,
            DeskRefusal::PasswordChangeRequired,
            lang,
        )),
        Ok(Some((coordinator, expires_at))) => Ok(LoggedIn {
            coordinator,
            token_hash,
            expires_at,
        }),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    user: String,
    password: String,
}

/// `POST /desk/login` `{user, password}`: a token for `Authorization: Bearer …`.
pub async fn login(
    State(app): AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = accept_lang(&headers);
    let Ok(form) = serde_json::from_slice::<LoginForm>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, DeskRefusal::LoginFailed, lang);
    };
    let user = form.user.trim().to_lowercase();
    let client = client(&headers, peer, app.desk.trust_proxy);
    let now = now_ms();
    // Guessing is stopped before the (costly) hash is checked.
    let since = now - GUESS_WINDOW_MS;
    let (by_name, by_client, first) = match app.store.failures_since(&user, &client, since).await {
        Ok(counts) => counts,
        Err(e) => return trouble(e),
    };
    if by_name >= GUESSES_PER_NAME || by_client >= GUESSES_PER_CLIENT {
        let wait_ms = first.map_or(GUESS_WINDOW_MS, |f| f + GUESS_WINDOW_MS - now);
        let mut r = refuse(
            StatusCode::TOO_MANY_REQUESTS,
            DeskRefusal::TooManyGuesses,
            lang,
        );
        if let Ok(v) = HeaderValue::from_str(&((wait_ms + 999) / 1000).max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let found = match app.store.coordinator_for_login(&user).await {
        Ok(found) => found,
        Err(e) => return trouble(e),
    };
    let (coordinator, hash) = match found {
        Some((c, hash)) => (Some(c), hash),
        None => (None, passwords::decoy().to_string()),
    };
    // argon2 takes tens of milliseconds of one core: off the threads that answer requests.
    let password = form.password;
    let matches = tokio::task::spawn_blocking(move || passwords::verify(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(coordinator) = coordinator.filter(|_| matches) else {
        if let Err(e) = app
            .store
            .login_failed(&user, &client, now, GUESS_WINDOW_MS)
            .await
        {
            return trouble(e);
        }
        return refuse(StatusCode::UNAUTHORIZED, DeskRefusal::LoginFailed, lang);
    };
    let token = passwords::new_token();
    let expires_at = now + app.desk.session_seconds.max(1) * 1000;
    if let Err(e) = app
        .store
        .start_session(&passwords::token_hash(&token), &user, expires_at, now)
        .await
    {
        return trouble(e);
    }
    let mut body = account(&coordinator, expires_at);
    body["token"] = json!(token);
    json_answer(StatusCode::OK, body)
}

/// `GET /desk/me`: who is logged in (also for a coordinator still on a one-time password).
pub async fn me(State(app): AppState, headers: HeaderMap) -> Response {
    match logged_in(&app, &headers, true).await {
        Ok(l) => json_answer(StatusCode::OK, account(&l.coordinator, l.expires_at)),
        Err(r) => r,
    }
}

/// `POST /desk/logout`: the token no longer lets anyone in.
pub async fn logout(State(app): AppState, headers: HeaderMap) -> Response {
    let l = match logged_in(&app, &headers, true).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    match app
        .store
        .end_session(&l.token_hash, &l.coordinator.user_name, now_ms())
        .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => trouble(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    old: String,
    new: String,
}

/// `POST /desk/password` `{old, new}`: the coordinator's own password in place of the old one.
pub async fn change_password(
    State(app): AppState,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = accept_lang(&headers);
    let l = match logged_in(&app, &headers, true).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let Ok(form) = serde_json::from_slice::<PasswordForm>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, DeskRefusal::PasswordTooShort, lang);
    };
    if form.new.chars().count() < passwords::SHORTEST {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            DeskRefusal::PasswordTooShort,
            lang,
        );
    }
    if form.new == form.old {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            DeskRefusal::PasswordUnchanged,
            lang,
        );
    }
    let user = l.coordinator.user_name.clone();
    let hash = match app.store.coordinator_for_login(&user).await {
        Ok(Some((_, hash))) => hash,
        Ok(None) => return refuse(StatusCode::UNAUTHORIZED, DeskRefusal::NotLoggedIn, lang),
        Err(e) => return trouble(e),
    };
    let (old, new) = (form.old, form.new);
    let checked = tokio::task::spawn_blocking(move || {
        passwords::verify(&old, &hash).then(|| passwords::hash(&new))
    })
    .await
    .ok()
    .flatten();
    let Some(new_hash) = checked else {
        return refuse(StatusCode::FORBIDDEN, DeskRefusal::LoginFailed, lang);
    };
    match app.store.set_password(&user, &new_hash, now_ms()).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => trouble(e),
    }
}

/// `GET /desk/departments`: the coordinator's departments (every one for `all`), each with its
/// places taken and left and its waiting list, as the server counts them.
pub async fn departments(State(app): AppState, headers: HeaderMap) -> Response {
    let l = match logged_in(&app, &headers, false).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let counted = match app.store.places().await {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let catalog = app.departments();
    let mine: Vec<serde_json::Value> = catalog
        .iter()
        .filter(|d| l.coordinator.departments.include(&d.id))
        .map(|d| {
            let row = counted.iter().find(|p| p.department_id == d.id);
            let taken = row.map_or(d.taken_before(), |p| p.taken);
            json!({
                "id": d.id,
                "capacity": d.capacity,
                "taken": taken,
                "left": (d.capacity > 0).then(|| (d.capacity - taken).max(0)),
                "waiting": row.map_or(0, |p| p.waiting),
            })
        })
        .collect();
    json_answer(StatusCode::OK, json!({ "departments": mine }))
}

/// The logged-in coordinator and `department`, when it is one they look after (403
/// `not_your_department` otherwise, whether or not it exists; 404 when theirs is gone).
async fn their_department(
    app: &App,
    headers: &HeaderMap,
    department: &str,
) -> Result<(LoggedIn, crate::departments::Department), Response> {
    let lang = accept_lang(headers);
    let l = logged_in(app, headers, false).await?;
    if !l.coordinator.departments.include(department) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            DeskRefusal::NotYourDepartment,
            lang,
        ));
    }
    match app.departments().get(department) {
        Some(dept) => Ok((l, dept.clone())),
        None => Err(refuse(
            StatusCode::NOT_FOUND,
            DeskRefusal::UnknownDepartment,
            lang,
        )),
    }
}

/// `GET /desk/departments/{id}/signups`: that department's sign-ups, newest first, for a
/// coordinator who looks after it (403 `not_your_department` for any other).
pub async fn department_signups(
    State(app): AppState,
    axum::extract::Path(department): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    let (l, _) = match their_department(&app, &headers, &department).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let signups = match app.store.desk_signups(&department).await {
        Ok(s) => s,
        Err(e) => return trouble(e),
    };
    let user = &l.coordinator.user_name;
    if let Err(e) = app
        .store
        .audit(user, "viewed_signups", &department, now_ms())
        .await
    {
        return trouble(e);
    }
    json_answer(
        StatusCode::OK,
        json!({ "department": department, "signups": signups }),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    /// `confirm`, `decline`, `offer` or `withdraw`.
    action: String,
    /// Why, for `decline`: the volunteer sees it.
    reason: String,
}

/// The longest decline reason, in characters: it goes into an SMS as well as the app.
pub const LONGEST_REASON: usize = 300;

/// `POST /desk/departments/{id}/signups/{seq}` `{action, reason}`: the coordinator's answer.
pub async fn answer(
    State(app): AppState,
    axum::extract::Path((department, seq)): axum::extract::Path<(String, i64)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use crate::store::answers::{Decision, NotAnswered};
    let lang = accept_lang(&headers);
    let (l, dept) = match their_department(&app, &headers, &department).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let form = serde_json::from_slice::<AnswerForm>(&body).unwrap_or_default();
    let reason = form.reason.trim().to_string();
    let decision = match form.action.as_str() {
        "confirm" => Decision::Confirm,
        "offer" => Decision::Offer,
        "withdraw" => Decision::Withdraw,
        "decline" if reason.is_empty() => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                DeskRefusal::ReasonMissing,
                lang,
            )
        }
        "decline" if reason.chars().count() > LONGEST_REASON => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                DeskRefusal::ReasonTooLong,
                lang,
            )
        }
        "decline" => Decision::Decline(reason),
        _ => return refuse(StatusCode::BAD_REQUEST, DeskRefusal::UnknownAction, lang),
    };
    let action = decision.code();
    let now = now_ms();
    let (state, reference) = match app.store.answer(&dept, seq, decision, now).await {
        Err(e) => return trouble(e),
        Ok(Err(NotAnswered::Unknown)) => {
            return refuse(StatusCode::NOT_FOUND, DeskRefusal::UnknownSignup, lang)
        }
        Ok(Err(NotAnswered::NoPlaceLeft)) => {
            return refuse(StatusCode::CONFLICT, DeskRefusal::NoPlaceLeft, lang)
        }
        Ok(Err(NotAnswered::Closed)) => {
            return refuse(StatusCode::CONFLICT, DeskRefusal::AnswerClosed, lang)
        }
        Ok(Ok(done)) => done,
    };
    let target = format!("{department}#{reference}");
    let user = &l.coordinator.user_name;
    if let Err(e) = app.store.audit(user, action, &target, now).await {
        return trouble(e);
    }
    app.forget_availability();
    json_answer(
        StatusCode::OK,
        json!({"seq": seq, "reference": reference, "state": state}),
    )
}

/// The logged-in coordinator, when they have the office's role (403 `office_only` otherwise).
async fn office(app: &App, headers: &HeaderMap) -> Result<LoggedIn, Response> {
    let l = logged_in(app, headers, false).await?;
    if l.coordinator.role != Role::Office {
        let lang = accept_lang(headers);
        return Err(refuse(StatusCode::FORBIDDEN, DeskRefusal::OfficeOnly, lang));
    }
    Ok(l)
}

/// `GET /desk/sms`: the SMS the server could not read, for the office to deal with by hand. They
/// belong to no department a coordinator could be given (that is often why they were not read),
/// so only the office sees them.
pub async fn unread_sms(State(app): AppState, headers: HeaderMap) -> Response {
    let l = match office(&app, &headers).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let sms = match app.store.desk_unread_sms().await {
        Ok(sms) => sms,
        Err(e) => return trouble(e),
    };
    if let Err(e) = app
        .store
        .audit(&l.coordinator.user_name, "viewed_unread_sms", "", now_ms())
        .await
    {
        return trouble(e);
    }
    json_answer(StatusCode::OK, json!({ "sms": sms }))
}

/// `POST /desk/sms/{seq}/done`: an unread SMS dealt with; it is deleted.
pub async fn sms_done(
    State(app): AppState,
    axum::extract::Path(seq): axum::extract::Path<i64>,
    headers: HeaderMap,
) -> Response {
    let l = match office(&app, &headers).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    match app
        .store
        .sms_dealt_with(seq, &l.coordinator.user_name, now_ms())
        .await
    {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => refuse(
            StatusCode::NOT_FOUND,
            DeskRefusal::UnknownSms,
            accept_lang(&headers),
        ),
        Err(e) => trouble(e),
    }
}

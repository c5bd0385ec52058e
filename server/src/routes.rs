//! The HTTP API (docs/signup-api.md): sign-ups and withdrawals, their state, live places, and
//! SMS from a gateway. Handlers read and check; the decisions are the store's.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tak_core::signup::{self, FieldId, SignupForm, SmsMessage};
use tak_core::Lang;

use crate::clock::{iso, now_ms};
use crate::departments::{Departments, Shared};
use crate::desk::DeskSettings;
use crate::messages::{field_error, Refusal};
use crate::store::{Answer, NewSignup, Replay, Store, Via};

pub struct App {
    pub store: Store,
    pub departments: Shared,
    pub sms_secret: String,
    pub desk: DeskSettings,
    availability: Mutex<Option<(Instant, Cached)>>,
}

#[derive(Clone)]
struct Cached {
    body: Bytes,
    etag: String,
}

impl App {
    pub fn new(
        store: Store,
        departments: Shared,
        sms_secret: String,
        desk: DeskSettings,
    ) -> Arc<App> {
        Arc::new(App {
            store,
            departments,
            sms_secret,
            desk,
            availability: Mutex::new(None),
        })
    }

    pub fn departments(&self) -> Arc<Departments> {
        self.departments
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

type AppState = State<Arc<App>>;

/// A JSON answer that is never cached.
fn answer(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(body.clone()),
    )
        .into_response()
}

pub fn refusal(status: StatusCode, r: Refusal, lang: Lang) -> Response {
    answer(
        status,
        &json!({"error": r.code(), "message": r.message(lang)}),
    )
}

fn server_trouble(e: sqlx::Error) -> Response {
    tracing::error!("database: {e}");
    answer(
        StatusCode::SERVICE_UNAVAILABLE,
        &json!({"error": "unavailable"}),
    )
}

fn replayed(a: Answer) -> Response {
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::OK);
    let mut r = answer(status, &a.body);
    r.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    r
}

/// The request's language: its `lang`, else the browser's first choice, else Persian.
fn lang_of(body: &Value, headers: &HeaderMap) -> Lang {
    body.get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or_else(|| accept_lang(headers))
}

/// The browser's first language, if it is one of ours; else Persian.
pub fn accept_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.get(..2))
        .and_then(Lang::parse)
        .unwrap_or_default()
}

/// What the phone posts (docs/signup-api.md). Every field may be missing here: the rules, not
/// the parser, say what is wrong, in the volunteer's language.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Posted {
    action: String,
    id: String,
    department_id: String,
    full_name: String,
    mobile: String,
    national_id: Option<String>,
    age_group: String,
    days: Vec<String>,
    note: String,
    consent: bool,
    lang: String,
    created_at: String,
    waiting_list: bool,
}

/// SHA-256 of `bytes`, in hex.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fingerprint(body: &Value) -> String {
    sha256_hex(body.to_string().as_bytes())
}

fn valid_id(id: &str) -> bool {
    (8..=80).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `POST /signups`: a sign-up or a withdrawal, once per Idempotency-Key.
pub async fn post_signup(State(app): AppState, headers: HeaderMap, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => {
            return refusal(
                StatusCode::BAD_REQUEST,
                Refusal::BadRequest,
                lang_of(&Value::Null, &headers),
            )
        }
    };
    let lang = lang_of(&value, &headers);
    let Ok(posted) = serde_json::from_value::<Posted>(value.clone()) else {
        return refusal(StatusCode::BAD_REQUEST, Refusal::BadRequest, lang);
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_string();
    let withdrawing = posted.action == "withdraw";
    let expected_key = if withdrawing {
        format!("{}-withdraw", posted.id)
    } else {
        posted.id.clone()
    };
    if !valid_id(&posted.id)
        || key != expected_key
        || !matches!(posted.action.as_str(), "signup" | "withdraw")
    {
        return refusal(StatusCode::BAD_REQUEST, Refusal::BadRequest, lang);
    }
    let print = fingerprint(&value);
    let now = now_ms();
    let departments = app.departments();
    let result = if withdrawing {
        // A withdrawal always goes through, even from a department the catalog no longer lists.
        app.store
            .withdraw(&key, &print, &posted.id, &posted.department_id, now)
            .await
    } else {
        let Some(dept) = departments.get(&posted.department_id) else {
            return refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                Refusal::UnknownDepartment,
                lang,
            );
        };
        let form = SignupForm {
            full_name: posted.full_name,
            mobile: posted.mobile,
            national_id: posted.national_id.unwrap_or_default(),
            age_group: posted.age_group,
            days: posted.days,
            note: posted.note,
            consent: posted.consent,
        };
        let valid = match signup::validate(&form) {
            Ok(v) => v,
            Err(errors) => return invalid(lang, &errors),
        };
        let new = NewSignup {
            reference: signup::reference(&posted.id),
            id: Some(posted.id),
            department_id: dept.id.clone(),
            lang: lang.code().to_string(),
            form: valid,
            waiting_list: posted.waiting_list,
            created_at: posted.created_at.chars().take(40).collect(),
            via: Via::Network,
        };
        app.store.signup(&key, &print, &new, dept, now).await
    };
    match result {
        Ok(Ok(a)) => {
            app.forget_availability();
            let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::OK);
            answer(status, &a.body)
        }
        Ok(Err(Replay::Answer(a))) => replayed(a),
        Ok(Err(Replay::KeyReused)) => refusal(StatusCode::CONFLICT, Refusal::KeyReused, lang),
        Err(e) => server_trouble(e),
    }
}

/// 422 with every field's message, the first one as the message the phone shows.
fn invalid(lang: Lang, errors: &[(FieldId, signup::FieldError)]) -> Response {
    let fields: Vec<Value> = errors
        .iter()
        .map(|(f, e)| json!({"field": f.html_id(), "message": field_error(lang, *e)}))
        .collect();
    let message = errors
        .first()
        .map(|(_, e)| field_error(lang, *e))
        .unwrap_or_default();
    answer(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"error": "invalid", "message": message, "fields": fields}),
    )
}

#[derive(Deserialize)]
pub struct StatusQuery {
    department: Option<String>,
}

/// `GET /signups/{id}`: the state the phone shows, without personal data.
pub async fn get_status(
    State(app): AppState,
    Path(id): Path<String>,
    Query(q): Query<StatusQuery>,
) -> Response {
    if !valid_id(&id) {
        return answer(StatusCode::NOT_FOUND, &json!({"error": "not_found"}));
    }
    match app.store.status(&id, q.department.as_deref()).await {
        Ok(Some(view)) => answer(StatusCode::OK, &json!(view)),
        Ok(None) => answer(StatusCode::NOT_FOUND, &json!({"error": "not_found"})),
        Err(e) => server_trouble(e),
    }
}

/// How long one computed `/availability` is served to everyone before it is counted again. A
/// sign-up on this instance drops it at once; other instances' sign-ups show within this time.
const AVAILABILITY_FRESH: Duration = Duration::from_secs(2);

impl App {
    /// Drops the counted `/availability`, after places changed on this instance.
    pub fn forget_availability(&self) {
        *self.availability.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    async fn availability_now(&self) -> Result<Cached, sqlx::Error> {
        if let Some((at, c)) = &*self.availability.lock().unwrap_or_else(|e| e.into_inner()) {
            if at.elapsed() < AVAILABILITY_FRESH {
                return Ok(c.clone());
            }
        }
        let counted: BTreeMap<String, (i64, i64)> = self
            .store
            .places()
            .await?
            .into_iter()
            .map(|p| (p.department_id, (p.taken, p.waiting)))
            .collect();
        let deps = self.departments();
        let mut by_id = BTreeMap::new();
        for d in deps.iter() {
            let (taken, waiting) = counted.get(&d.id).copied().unwrap_or((d.taken_before(), 0));
            let left = (d.capacity > 0).then(|| (d.capacity - taken).max(0));
            by_id.insert(
                d.id.clone(),
                json!({"places_left": left, "waiting": waiting}),
            );
        }
        let body = json!({
            "at": iso(now_ms()),
            "catalog_updated": deps.updated,
            "departments": by_id,
        })
        .to_string();
        let etag = format!("\"{}\"", &sha256_hex(body.as_bytes())[..16]);
        let cached = Cached {
            body: Bytes::from(body),
            etag,
        };
        *self.availability.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), cached.clone()));
        Ok(cached)
    }
}

/// `GET /availability`: each department's places left and waiting list, small and cacheable.
pub async fn get_availability(State(app): AppState, headers: HeaderMap) -> Response {
    let c = match app.availability_now().await {
        Ok(c) => c,
        Err(e) => return server_trouble(e),
    };
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=10"),
        ),
        (
            header::ETAG,
            HeaderValue::from_str(&c.etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
    ];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == c.etag));
    if unchanged {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        StatusCode::OK,
        cache,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        c.body,
    )
        .into_response()
}

/// The fields SMS gateways post, under the names the common ones use.
#[derive(Deserialize, Default)]
#[serde(default)]
struct InboundSms {
    #[serde(alias = "from", alias = "phone", alias = "msisdn")]
    sender: String,
    #[serde(alias = "message", alias = "body", alias = "content")]
    text: String,
    #[serde(
        alias = "time",
        alias = "sent_at",
        alias = "timestamp",
        alias = "sentStamp"
    )]
    sent: Value,
    secret: String,
}

fn same_secret(a: &str, b: &str) -> bool {
    // Every byte is compared, so the time taken says nothing about where they differ.
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `POST /sms/inbound`: an SMS forwarded by a gateway (JSON or a form), with the shared secret
/// as `Authorization: Bearer …`, `X-Sms-Secret` or a `secret` field.
pub async fn post_sms(State(app): AppState, headers: HeaderMap, body: Bytes) -> Response {
    if app.sms_secret.is_empty() {
        return answer(StatusCode::NOT_FOUND, &json!({"error": "not_found"}));
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let sms: InboundSms = if is_form {
        sms_from_form(&body)
    } else {
        serde_json::from_slice(&body).unwrap_or_default()
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-sms-secret").and_then(|v| v.to_str().ok()))
        .unwrap_or(&sms.secret);
    if !same_secret(given.trim(), &app.sms_secret) {
        return answer(StatusCode::UNAUTHORIZED, &json!({"error": "unauthorized"}));
    }
    let sent_at = match &sms.sent {
        Value::String(s) => s.chars().take(40).collect(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let now = now_ms();
    let outcome = read_sms(&app, &sms.text, now).await;
    let result = match outcome {
        Ok(Ok(state)) => {
            app.forget_availability();
            Ok(json!({"status": state}))
        }
        Ok(Err(problem)) => app
            .store
            .keep_unread_sms(&sms.sender, &sms.text, problem, &sent_at, now)
            .await
            .map(|()| json!({"status": "kept_for_coordinator", "problem": problem})),
        Err(e) => Err(e),
    };
    match result {
        Ok(body) => answer(StatusCode::OK, &body),
        Err(e) => server_trouble(e),
    }
}

/// A gateway's form, every field as text (axum's `Form` would refuse the whole body over one
/// field it does not expect; a gateway sends many).
fn sms_from_form(body: &[u8]) -> InboundSms {
    let map: serde_json::Map<String, Value> = form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    serde_json::from_value(Value::Object(map)).unwrap_or_default()
}

/// What an SMS did: the sign-up's state, or why it was kept unread.
async fn read_sms(
    app: &App,
    text: &str,
    now: i64,
) -> Result<Result<&'static str, &'static str>, sqlx::Error> {
    let message = match signup::parse_sms(text) {
        Ok(m) => m,
        Err(signup::SmsProblem::NoHeader) => return Ok(Err("not_a_tak_sms")),
        Err(signup::SmsProblem::TooShort) => return Ok(Err("too_short")),
        Err(signup::SmsProblem::NoAgeGroup) => return Ok(Err("no_age_group")),
    };
    let departments = app.departments();
    match message {
        SmsMessage::Withdraw {
            department,
            reference,
        } => {
            let Some(dept) = departments.named(&department) else {
                return Ok(Err("unknown_department"));
            };
            let found = app.store.sms_withdraw(&dept.id, &reference, now).await?;
            Ok(if found {
                Ok("withdrawn")
            } else {
                Err("unknown_reference")
            })
        }
        SmsMessage::Signup {
            department,
            reference,
            form,
            waiting_list,
        } => {
            let Some(dept) = departments.named(&department) else {
                return Ok(Err("unknown_department"));
            };
            let Ok(valid) = signup::validate(&form) else {
                return Ok(Err("invalid_fields"));
            };
            let new = NewSignup {
                id: None,
                department_id: dept.id.clone(),
                reference,
                lang: sms_lang(&department).code().to_string(),
                form: valid,
                waiting_list,
                created_at: String::new(),
                via: Via::Sms,
            };
            let a = app.store.sms_signup(&new, dept, now).await?;
            let state = a
                .body
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or("received");
            Ok(Ok(
                crate::store::State::parse(state).map_or("received", |s| s.code())
            ))
        }
    }
}

/// The language an SMS was written in, from the department name it gives: Latin letters are
/// English; Arabic-only letters (ة, ي, ك) Arabic; otherwise Persian.
fn sms_lang(name: &str) -> Lang {
    if name.chars().any(|c| c.is_ascii_alphabetic()) {
        Lang::En
    } else if name.chars().any(|c| matches!(c, 'ة' | 'ي' | 'ك' | 'ى')) {
        Lang::Ar
    } else {
        Lang::Fa
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gateway_form_is_read() {
        let sms = sms_from_form(b"from=%2B989161234567&text=TAK+%D8%A7+%23AB&x=&time=100%25");
        assert_eq!(sms.sender, "+989161234567");
        assert_eq!(sms.text, "TAK ا #AB");
        assert_eq!(sms.sent, Value::String("100%".into()));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }

    #[test]
    fn an_sms_language_is_guessed_from_the_department_name() {
        assert_eq!(sms_lang("Reading (Padadshahr)"), Lang::En);
        assert_eq!(sms_lang("قسم القراءة والنقد الأدبي"), Lang::Ar);
        assert_eq!(sms_lang("جلسة نقد كتاب"), Lang::Ar);
        assert_eq!(sms_lang("دپارتمان کتاب‌خوانی"), Lang::Fa);
    }
}

//! What stands in front of every handler: a per-client rate limit on what writes, strict
//! security headers, CORS for the configured origins only, a size limit, and a log line per
//! request that names the route, never the sign-up or the person.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::messages::Refusal;

pub struct Limiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    trust_proxy: bool,
}

impl Limiter {
    pub fn new(per_minute: u32, trust_proxy: bool) -> Arc<Limiter> {
        let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new((per_minute.get() / 3).max(5)).unwrap_or(NonZeroU32::MIN);
        Arc::new(Limiter {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            trust_proxy,
        })
    }

    /// The client: nginx's `X-Real-IP` when the server sits behind it, else the peer address.
    fn client(&self, req: &Request) -> Option<IpAddr> {
        if self.trust_proxy {
            if let Some(ip) = req
                .headers()
                .get("x-real-ip")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok())
            {
                return Some(ip);
            }
        }
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
    }

    /// Forgets clients not seen for a while, so the table does not grow without end.
    pub fn tidy(&self) {
        self.limiter.retain_recent();
    }
}

/// 429 with `Retry-After` (whole seconds) for a client over its rate.
pub async fn rate_limit(State(limiter): State<Arc<Limiter>>, req: Request, next: Next) -> Response {
    if req.method() == Method::POST {
        if let Some(ip) = limiter.client(&req) {
            if let Err(not_until) = limiter.limiter.check_key(&ip) {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                let lang = crate::routes::accept_lang(req.headers());
                let mut r =
                    crate::routes::refusal(StatusCode::TOO_MANY_REQUESTS, Refusal::TooMany, lang);
                if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                return r;
            }
        }
    }
    next.run(req).await
}

/// The security headers of every answer: nothing here is a page, so nothing may be framed,
/// sniffed, or run.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    for (name, value) in [
        (
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'none'",
        ),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("strict-transport-security", "max-age=31536000"),
        ("cross-origin-opener-policy", "same-origin"),
        (
            "permissions-policy",
            "geolocation=(), camera=(), microphone=()",
        ),
    ] {
        h.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    r
}

/// One log line a request: method, route template, status, time. No ids, bodies or addresses.
pub async fn log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", |p| p.as_str())
        .to_string();
    let r = next.run(req).await;
    tracing::info!(
        "{method} {route} {} {:.1} ms",
        r.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    r
}

/// CORS for the configured origins (`*` for any); none configured means same origin only.
pub fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<&String> = origins.iter().filter(|o| !o.trim().is_empty()).collect();
    let allow = if origins.iter().any(|o| o.trim() == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim().trim_end_matches('/')).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            // The desk's login token.
            header::AUTHORIZATION,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

/// 413 in the request's language (axum's own answer is a plain English line).
pub async fn too_large(req: Request, next: Next) -> Response {
    let lang = crate::routes::accept_lang(req.headers());
    let r = next.run(req).await;
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return crate::routes::refusal(StatusCode::PAYLOAD_TOO_LARGE, Refusal::TooLarge, lang)
            .into_response();
    }
    r
}

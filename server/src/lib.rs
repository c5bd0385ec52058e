//! The TAK sign-up server: the other half of the static app. See docs/signup-api.md for the
//! contract, docs/privacy.md for what it keeps, docs/deploy-server.md for running it.

pub mod clock;
pub mod departments;
pub mod desk;
pub mod guard;
pub mod messages;
pub mod passwords;
pub mod routes;
pub mod settings;
pub mod store;
pub mod writer;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::guard::Limiter;
use crate::routes::App;

/// The largest request body: a sign-up is under 2 KiB; an SMS gateway's post under 4.
pub const BODY_LIMIT: usize = 16 * 1024;

pub fn router(app: Arc<App>, limiter: Arc<Limiter>, origins: &[String]) -> Router {
    Router::new()
        .route("/signups", post(routes::post_signup))
        .route("/signups/{id}", get(routes::get_status))
        .route("/availability", get(routes::get_availability))
        .route("/sms/inbound", post(routes::post_sms))
        .route("/desk/login", post(desk::login))
        .route("/desk/logout", post(desk::logout))
        .route("/desk/me", get(desk::me))
        .route("/desk/password", post(desk::change_password))
        .route("/desk/departments", get(desk::departments))
        .route(
            "/desk/departments/{id}/signups",
            get(desk::department_signups),
        )
        .route("/desk/departments/{id}/signups/{seq}", post(desk::answer))
        .route("/desk/sms", get(desk::unread_sms))
        .route("/desk/sms/{seq}/done", post(desk::sms_done))
        .route("/health", get(|| async { "ok" }))
        .with_state(app)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(guard::too_large))
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            guard::rate_limit,
        ))
        .layer(guard::cors(origins))
        .layer(axum::middleware::from_fn(guard::security_headers))
        .route_layer(axum::middleware::from_fn(guard::log))
}

//! The desk's requests to the sign-up server (docs/signup-api.md, "The coordinators' desk"):
//! each carries the login's token and the desk's language, whose words the server's messages
//! come back in.

use futures::future::{select, Either};
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tak_core::Lang;

use super::session::Session;

/// How long the desk waits for the server before saying it cannot be reached.
const TIMEOUT_MS: u32 = 15_000;

/// Why a request did not give its answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// No answer: no network, the server down, or too slow.
    Unreachable,
    /// An answer that is not the JSON expected (a proxy's error page).
    Unreadable,
    /// The server said no: its code (`not_your_department`) and its message in the desk's
    /// language.
    Refused { code: String, message: String },
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Refusal {
    error: String,
    message: String,
}

/// The server the desk talks to, from the app's `signup_url`.
#[derive(Clone)]
pub struct Server {
    pub base: String,
    pub lang: Lang,
}

impl Server {
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<serde_json::Value>,
    ) -> Result<String, Failure> {
        let url = format!("{}{path}", self.base);
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        let mut request = RequestBuilder::new(&url)
            .method(method)
            .header("Accept-Language", self.lang.code())
            .abort_signal(signal.as_ref());
        if !token.is_empty() {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match body {
            Some(b) => request
                .header("Content-Type", "application/json")
                .body(b.to_string()),
            None => request.build(),
        }
        .map_err(|_| Failure::Unreachable)?;
        let timer = gloo_timers::future::TimeoutFuture::new(TIMEOUT_MS);
        let response = match select(Box::pin(request.send()), Box::pin(timer)).await {
            Either::Left((Ok(r), _)) => r,
            Either::Left((Err(_), _)) => return Err(Failure::Unreachable),
            Either::Right(_) => {
                if let Some(c) = controller {
                    c.abort();
                }
                return Err(Failure::Unreachable);
            }
        };
        let text = response.text().await.map_err(|_| Failure::Unreachable)?;
        if response.ok() {
            return Ok(text);
        }
        let refusal: Refusal = serde_json::from_str(&text).map_err(|_| Failure::Unreadable)?;
        Err(Failure::Refused {
            code: refusal.error,
            message: refusal.message,
        })
    }

    /// A request of the logged-in coordinator. A refused login (expired, ended elsewhere) ends
    /// the session, with the server's words on the login form.
    pub async fn ask<T: DeserializeOwned>(
        &self,
        session: Session,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Result<T, Failure> {
        let answer = self.call(method, path, &session.token(), body).await;
        if let Err(Failure::Refused { code, message }) = &answer {
            if code == "not_logged_in" {
                session.ended(Some(message.clone()));
            }
        }
        let text = answer?;
        // 204 answers have no body: read as JSON `null`.
        let text = if text.trim().is_empty() {
            "null"
        } else {
            &text
        };
        serde_json::from_str(text).map_err(|_| Failure::Unreadable)
    }

    pub async fn log_in(
        &self,
        user: &str,
        password: &str,
    ) -> Result<tak_core::desk::Login, Failure> {
        let body = serde_json::json!({ "user": user, "password": password });
        let text = self
            .call(Method::POST, "/desk/login", "", Some(body))
            .await?;
        serde_json::from_str(&text).map_err(|_| Failure::Unreadable)
    }

    /// Ends the login on the server too; the device forgets it whatever the answer.
    pub async fn log_out(&self, token: &str) {
        let _ = self.call(Method::POST, "/desk/logout", token, None).await;
    }
}

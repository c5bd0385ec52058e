//! The network edge: `config.json` and the catalog. Every failure becomes a [`LoadFailure`] with a
//! translated message; nothing here panics on what a server sends.

use std::sync::Arc;

use futures::future::{select, Either};
use gloo_net::http::Request;
use serde::Deserialize;
use tak_core::catalog::{load, Catalog, LoadError, Loaded, Problem};
use tak_core::query::Index;

use crate::i18n::K;
use crate::split::{split_point, ModuleUnavailable};

/// Deployment settings read from `config.json` beside `index.html` (see `docs/deploy.md`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Config {
    /// Where the catalog JSON lives; relative URLs resolve against the app's own address.
    #[serde(default = "default_catalog_url")]
    pub catalog_url: String,
    /// Where sign-ups are POSTed; empty means "send by SMS only".
    #[serde(default)]
    pub signup_url: String,
    /// The programme's SMS number, used when a department has no coordinator phone.
    #[serde(default)]
    pub sms_number: String,
    /// `fa`, `ar` or `en`: the language before the reader picks one.
    #[serde(default)]
    pub default_language: String,
    #[serde(default = "default_catalog_timeout")]
    pub catalog_timeout_ms: u32,
    #[serde(default = "default_signup_timeout")]
    pub signup_timeout_ms: u32,
    /// The largest catalog the app will read, in MiB: a cheap phone stalls on more.
    #[serde(default = "default_catalog_max_mb")]
    pub catalog_max_mb: u32,
}

fn default_catalog_url() -> String {
    "catalog.json".into()
}
fn default_catalog_timeout() -> u32 {
    8_000
}
fn default_signup_timeout() -> u32 {
    15_000
}
fn default_catalog_max_mb() -> u32 {
    15
}

impl Default for Config {
    fn default() -> Self {
        Config {
            catalog_url: default_catalog_url(),
            signup_url: String::new(),
            sms_number: String::new(),
            default_language: "fa".into(),
            catalog_timeout_ms: default_catalog_timeout(),
            signup_timeout_ms: default_signup_timeout(),
            catalog_max_mb: default_catalog_max_mb(),
        }
    }
}

/// Why the catalog is not on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadFailure {
    Network,
    Timeout,
    Http(u16),
    BadData,
    TooLarge,
}

impl LoadFailure {
    pub fn key(&self) -> K {
        match self {
            LoadFailure::Network => K::load_error_network,
            LoadFailure::Timeout => K::load_error_timeout,
            LoadFailure::Http(_) => K::load_error_http,
            LoadFailure::BadData => K::load_error_bad_data,
            LoadFailure::TooLarge => K::load_error_too_large,
        }
    }
}

/// The catalog as the pages use it.
#[derive(Debug)]
pub struct CatalogData {
    pub catalog: Catalog,
    pub index: Index,
    pub problems: Vec<Problem>,
    pub skipped: usize,
    /// Set when the service worker answered from its cache: when that copy was saved.
    pub cached_at: Option<String>,
    pub bytes: usize,
}

/// Marks a moment on the page's performance timeline (`catalog-received`, `catalog-ready`), which
/// the in-browser benchmark (`bench/browser.mjs`) reads; a no-op where marks are unsupported.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// GETs `url` as text within `timeout_ms`, with the response's headers.
pub async fn get_text(
    url: &str,
    timeout_ms: u32,
    max_bytes: usize,
) -> Result<(String, gloo_net::http::Headers), LoadFailure> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let request = Request::get(url).abort_signal(signal.as_ref()).send();
    let timer = gloo_timers::future::TimeoutFuture::new(timeout_ms);
    let response = match select(Box::pin(request), Box::pin(timer)).await {
        Either::Left((Ok(r), _)) => r,
        Either::Left((Err(_), _)) => return Err(LoadFailure::Network),
        Either::Right(_) => {
            if let Some(c) = controller {
                c.abort();
            }
            return Err(LoadFailure::Timeout);
        }
    };
    if !response.ok() {
        return Err(LoadFailure::Http(response.status()));
    }
    let headers = response.headers();
    let declared = headers
        .get("content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    if declared > max_bytes {
        if let Some(c) = &controller {
            c.abort();
        }
        return Err(LoadFailure::TooLarge);
    }
    let body = gloo_timers::future::TimeoutFuture::new(timeout_ms.saturating_mul(3));
    // The body as bytes, decoded in wasm: `Response::text()` would decode it to a JS string
    // (UTF-16, twice the size of Persian text) that wasm-bindgen then re-encodes into a buffer
    // sized for the worst case, three bytes a character: 60 MB of wasm heap for a 36 MB catalog.
    let text = match select(Box::pin(response.binary()), Box::pin(body)).await {
        Either::Left((Ok(bytes), _)) => utf8_lossy(bytes),
        Either::Left((Err(_), _)) => return Err(LoadFailure::Network),
        Either::Right(_) => {
            if let Some(c) = controller {
                c.abort();
            }
            return Err(LoadFailure::Timeout);
        }
    };
    if text.len() > max_bytes {
        return Err(LoadFailure::TooLarge);
    }
    Ok((text, headers))
}

/// UTF-8 as `Response::text()` reads it: a byte-order mark dropped, broken sequences replaced.
fn utf8_lossy(bytes: Vec<u8>) -> String {
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if text.starts_with('\u{FEFF}') {
        text.drain(..3);
    }
    text
}

pub async fn load_config() -> Result<Config, LoadFailure> {
    let (text, _) = get_text("config.json", 5_000, 64 * 1024).await?;
    serde_json::from_str(&text).map_err(|_| LoadFailure::BadData)
}

/// Lets the browser paint and handle input between the long steps of reading a catalog: each
/// step becomes its own task, so no single task blocks the page for the whole load (Lighthouse's
/// total blocking time counts only the part of each task over 50 ms).
async fn yield_to_browser() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

// The catalog reader (serde, validation, the search index) is a wasm module of its own, fetched
// while the catalog downloads, so the first paint of `/` does not wait for it (see `split.rs`).
// A reader that cannot be fetched is shown as a network failure.

split_point!(
    catalog,
    fn read_catalog(text: &str) -> Result<Result<Loaded, LoadError>, ModuleUnavailable> {
        Ok(load(text))
    }
);

split_point!(
    catalog,
    fn index_catalog(catalog: &Catalog) -> Result<Index, ModuleUnavailable> {
        Ok(Index::build(catalog))
    }
);

/// Takes the text by value and frees it once read, so the search index can reuse its memory: the
/// wasm heap never shrinks, and its peak is what a phone pays for.
async fn parse_catalog(
    text: String,
    cached_at: Option<String>,
) -> Result<Arc<CatalogData>, LoadFailure> {
    yield_to_browser().await;
    let bytes = text.len();
    let read = read_catalog(&text).await;
    drop(text);
    let Loaded {
        catalog,
        problems,
        skipped,
    } = read
        .map_err(|ModuleUnavailable| LoadFailure::Network)?
        .map_err(|_| LoadFailure::BadData)?;
    yield_to_browser().await;
    let index = index_catalog(&catalog)
        .await
        .map_err(|ModuleUnavailable| LoadFailure::Network)?;
    mark("catalog-ready");
    yield_to_browser().await;
    Ok(Arc::new(CatalogData {
        catalog,
        index,
        problems,
        skipped,
        cached_at,
        bytes,
    }))
}

/// The catalog from the network; when that fails in any way (no answer, an error status, broken
/// data), the last good copy the service worker kept, marked with when it was saved.
pub async fn load_catalog(config: &Config) -> Result<Arc<CatalogData>, LoadFailure> {
    let url = &config.catalog_url;
    let max_bytes = (config.catalog_max_mb.clamp(1, 256) as usize) << 20;
    let fresh = match get_text(url, config.catalog_timeout_ms, max_bytes).await {
        Ok((text, headers)) => {
            mark("catalog-received");
            parse_catalog(text, headers.get("x-cached-at")).await
        }
        Err(e) => Err(e),
    };
    let Err(failure) = fresh else { return fresh };
    match cached_catalog(url).await {
        Some(data) => Ok(data),
        None => Err(failure),
    }
}

/// Asks the service worker for its saved copy only (`x-want-cache`); `None` without one.
async fn cached_catalog(url: &str) -> Option<Arc<CatalogData>> {
    let has_worker = web_sys::window()
        .map(|w| w.navigator().service_worker().controller().is_some())
        .unwrap_or(false);
    if !has_worker {
        return None;
    }
    let response = Request::get(url)
        .header("x-want-cache", "1")
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let cached_at = response.headers().get("x-cached-at").unwrap_or_default();
    let text = utf8_lossy(response.binary().await.ok()?);
    parse_catalog(text, Some(cached_at)).await.ok()
}

//! The network edge: `config.json` and the catalog. Every failure becomes a [`LoadFailure`] with a
//! translated message; nothing here panics on what a server sends.

use std::sync::Arc;

use futures::future::{select, Either};
use gloo_net::http::Request;
use serde::Deserialize;
use tak_core::catalog::{Catalog, CatalogStream, LoadError, Loaded, Problem, KHUZESTAN_BOUNDS};
use tak_core::query::Index;
use tak_core::Lang;

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
    /// The sign-up server's live places (`GET /availability`); empty: the catalog's figures.
    #[serde(default)]
    pub availability_url: String,
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
            availability_url: String::new(),
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
    /// The reader the catalog was read for: of the translations, every language's names and the
    /// other texts only in this language (see `tak_core::catalog::load_for`).
    pub reader: Lang,
}

/// Marks a moment on the page's performance timeline (`catalog-received`, `catalog-ready`), which
/// the in-browser benchmark (`bench/browser.mjs`) reads; a no-op where marks are unsupported.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A response whose head has come, with what can still cancel its download.
struct Answer {
    response: gloo_net::http::Response,
    controller: Option<web_sys::AbortController>,
}

impl Answer {
    fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

/// GETs `url` (with `x-want-cache` when `from_cache`, see `web/sw.js`) and waits for the
/// response's head within `timeout_ms`; an error status, or a declared size over `max_bytes`,
/// is a failure.
async fn send(
    url: &str,
    timeout_ms: u32,
    max_bytes: usize,
    from_cache: bool,
) -> Result<Answer, LoadFailure> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let mut request = Request::get(url).abort_signal(signal.as_ref());
    if from_cache {
        request = request.header("x-want-cache", "1");
    }
    let timer = gloo_timers::future::TimeoutFuture::new(timeout_ms);
    let answer = match select(Box::pin(request.send()), Box::pin(timer)).await {
        Either::Left((Ok(response), _)) => Answer {
            response,
            controller,
        },
        Either::Left((Err(_), _)) => return Err(LoadFailure::Network),
        Either::Right(_) => {
            if let Some(c) = controller {
                c.abort();
            }
            return Err(LoadFailure::Timeout);
        }
    };
    if !answer.response.ok() {
        return Err(LoadFailure::Http(answer.response.status()));
    }
    let declared = answer
        .response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    if declared > max_bytes {
        answer.abort();
        return Err(LoadFailure::TooLarge);
    }
    Ok(answer)
}

/// GETs `url` as text within `timeout_ms`, with the response's headers.
pub async fn get_text(
    url: &str,
    timeout_ms: u32,
    max_bytes: usize,
) -> Result<(String, gloo_net::http::Headers), LoadFailure> {
    let answer = send(url, timeout_ms, max_bytes, false).await?;
    let body = gloo_timers::future::TimeoutFuture::new(timeout_ms.saturating_mul(3));
    // The body as bytes, decoded in wasm: `Response::text()` would decode it to a JS string
    // (UTF-16, twice the size of Persian text) that wasm-bindgen then re-encodes into a buffer
    // sized for the worst case, three bytes a character.
    let text = match select(Box::pin(answer.response.binary()), Box::pin(body)).await {
        Either::Left((Ok(bytes), _)) => utf8_lossy(bytes),
        Either::Left((Err(_), _)) => return Err(LoadFailure::Network),
        Either::Right(_) => {
            answer.abort();
            return Err(LoadFailure::Timeout);
        }
    };
    if text.len() > max_bytes {
        return Err(LoadFailure::TooLarge);
    }
    Ok((text, answer.response.headers()))
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

/// The app's `config.json`; the desk, a build served at `<app>/desk/`, reads the app's own.
#[cfg(not(feature = "desk"))]
const CONFIG_URL: &str = "config.json";
#[cfg(feature = "desk")]
const CONFIG_URL: &str = "../config.json";

pub async fn load_config() -> Result<Config, LoadFailure> {
    let (text, _) = get_text(CONFIG_URL, 5_000, 64 * 1024).await?;
    #[allow(unused_mut)]
    let mut config: Config = serde_json::from_str(&text).map_err(|_| LoadFailure::BadData)?;
    // A relative catalog address is the app's, as the config's is.
    #[cfg(feature = "desk")]
    if !config.catalog_url.contains("://") && !config.catalog_url.starts_with('/') {
        config.catalog_url = format!("../{}", config.catalog_url);
    }
    Ok(config)
}

// The catalog reader (serde, validation, the search index) is a wasm module of its own, fetched
// while the catalog downloads, so the first paint of `/` does not wait for it (see `split.rs`).
// A reader that cannot be fetched is shown as a network failure.

split_point!(
    lists,
    fn new_catalog_stream(reader: Lang) -> Result<CatalogStream, ModuleUnavailable> {
        Ok(CatalogStream::for_reader(reader))
    }
);

split_point!(
    lists,
    fn push_piece(stream: &mut CatalogStream, piece: &[u8]) -> Result<bool, ModuleUnavailable> {
        Ok(stream.push(piece))
    }
);

split_point!(
    lists,
    fn finish_catalog_stream(
        stream: CatalogStream,
    ) -> Result<Result<Loaded, LoadError>, ModuleUnavailable> {
        Ok(stream.finish(&KHUZESTAN_BOUNDS, None))
    }
);

split_point!(
    lists,
    fn index_catalog(catalog: &Catalog) -> Result<Index, ModuleUnavailable> {
        Ok(Index::build(catalog))
    }
);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The most of a catalog body read between two looks at the clock (see [`read_catalog_body`]).
const READ_PART: usize = 32 << 10;

/// Reads a catalog response's body as it downloads, handing each piece to [`CatalogStream`], so
/// that reading overlaps the download and the whole text is never in the wasm heap, whose peak
/// a phone keeps paying for (it never shrinks). Returns what was read and the body's size in
/// bytes.
async fn read_catalog_body(
    answer: &Answer,
    timeout_ms: u32,
    max_bytes: usize,
    reader: Lang,
) -> Result<(Loaded, usize), LoadFailure> {
    use wasm_bindgen::JsCast;
    let mut catalog = new_catalog_stream(reader)
        .await
        .map_err(|ModuleUnavailable| LoadFailure::Network)?;
    let mut total = 0;
    if let Some(stream) = answer.response.body() {
        let body: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let reading = async {
            let mut piece = Vec::new();
            let mut since_yield = now_ms();
            loop {
                let next = wasm_bindgen_futures::JsFuture::from(body.read())
                    .await
                    .map_err(|_| LoadFailure::Network)?;
                let next: web_sys::ReadableStreamReadResult = next.unchecked_into();
                if next.get_done().unwrap_or(true) {
                    return Ok(true);
                }
                let chunk: js_sys::Uint8Array = next.get_value().unchecked_into();
                if total == 0 {
                    mark("catalog-first-byte");
                }
                total += chunk.length() as usize;
                if total > max_bytes {
                    return Err(LoadFailure::TooLarge);
                }
                piece.resize(chunk.length() as usize, 0);
                chunk.copy_to(&mut piece);
                // A body already downloaded (the sample, a cached copy) comes in a few large
                // pieces that resolve without a pause: read each in parts, and let the page
                // paint and answer input between them: Lighthouse counts the part of each task
                // over 50 ms, at a CPU it slows four times, as blocking.
                for part in piece.chunks(READ_PART) {
                    let reading = push_piece(&mut catalog, part)
                        .await
                        .map_err(|ModuleUnavailable| LoadFailure::Network)?;
                    // The text is no catalog: the rest need not come.
                    if !reading {
                        return Ok(false);
                    }
                    if now_ms() - since_yield > 10.0 {
                        crate::browser::yield_to_browser().await;
                        since_yield = now_ms();
                    }
                }
            }
        };
        let timer = gloo_timers::future::TimeoutFuture::new(timeout_ms.saturating_mul(3));
        let outcome = select(Box::pin(reading), Box::pin(timer)).await;
        match outcome {
            Either::Left((Ok(whole), _)) => {
                if !whole {
                    answer.abort();
                }
            }
            Either::Left((Err(failure), _)) => {
                answer.abort();
                return Err(failure);
            }
            Either::Right(_) => {
                answer.abort();
                return Err(LoadFailure::Timeout);
            }
        }
    }
    mark("catalog-received");
    let read = finish_catalog_stream(catalog)
        .await
        .map_err(|ModuleUnavailable| LoadFailure::Network)?
        .map_err(|_| LoadFailure::BadData)?;
    Ok((read, total))
}

/// Indexes what was read.
async fn prepare_catalog(
    read: Loaded,
    bytes: usize,
    cached_at: Option<String>,
    reader: Lang,
) -> Result<Arc<CatalogData>, LoadFailure> {
    mark("catalog-validated");
    let Loaded {
        catalog,
        problems,
        skipped,
    } = read;
    crate::browser::yield_to_browser().await;
    let index = index_catalog(&catalog)
        .await
        .map_err(|ModuleUnavailable| LoadFailure::Network)?;
    mark("catalog-ready");
    crate::browser::yield_to_browser().await;
    Ok(Arc::new(CatalogData {
        catalog,
        index,
        problems,
        skipped,
        cached_at,
        bytes,
        reader,
    }))
}

/// The catalog from `url` (the service worker's saved copy only, when `from_cache`), read for
/// `reader`.
async fn fetch_catalog(
    url: &str,
    timeout_ms: u32,
    max_bytes: usize,
    from_cache: bool,
    reader: Lang,
) -> Result<Arc<CatalogData>, LoadFailure> {
    let answer = send(url, timeout_ms, max_bytes, from_cache).await?;
    // The worker marks a copy it answers with from its cache with when it saved it.
    let cached_at = answer
        .response
        .headers()
        .get("x-cached-at")
        .or_else(|| from_cache.then(String::new));
    let (read, bytes) = read_catalog_body(&answer, timeout_ms, max_bytes, reader).await?;
    prepare_catalog(read, bytes, cached_at, reader).await
}

/// The catalog from the network, read for `reader`; when that fails in any way (no answer, an
/// error status, broken data), the last good copy the service worker kept, marked with when it
/// was saved.
pub async fn load_catalog(config: &Config, reader: Lang) -> Result<Arc<CatalogData>, LoadFailure> {
    let url = &config.catalog_url;
    let max_bytes = (config.catalog_max_mb.clamp(1, 256) as usize) << 20;
    let timeout_ms = config.catalog_timeout_ms;
    let fresh = fetch_catalog(url, timeout_ms, max_bytes, false, reader).await;
    let Err(failure) = fresh else { return fresh };
    match cached_catalog(url, timeout_ms, max_bytes, reader).await {
        Some(data) => Ok(data),
        None => Err(failure),
    }
}

/// Asks the service worker for its saved copy only (`x-want-cache`); `None` without one.
async fn cached_catalog(
    url: &str,
    timeout_ms: u32,
    max_bytes: usize,
    reader: Lang,
) -> Option<Arc<CatalogData>> {
    let has_worker = web_sys::window()
        .map(|w| w.navigator().service_worker().controller().is_some())
        .unwrap_or(false);
    if !has_worker {
        return None;
    }
    fetch_catalog(url, timeout_ms, max_bytes, true, reader)
        .await
        .ok()
}

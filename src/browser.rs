//! Small wrappers over browser APIs used in several places.

use wasm_bindgen::JsCast;

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

/// Builds `?a=1&b=2` from pairs (empty when there are none).
pub fn query_string(pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("?{}", parts.join("&"))
}

/// A random id for a sign-up (the idempotency key).
pub fn random_id() -> String {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = crypto {
        let mut bytes = [0u8; 16];
        if c.get_random_values_with_u8_array(&mut bytes).is_ok() {
            bytes[6] = (bytes[6] & 0x0f) | 0x40;
            bytes[8] = (bytes[8] & 0x3f) | 0x80;
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            return format!(
                "{}-{}-{}-{}-{}",
                &hex[0..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..32]
            );
        }
    }
    format!(
        "{:x}-{:x}",
        now_ms() as u64,
        (js_sys::Math::random() * 1e15) as u64
    )
}

pub fn iso_now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// The page's absolute URL for an app path such as `tak/tak-3` (for sharing and QR codes).
pub fn absolute_url(app_path: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    format!("{base}{}", app_path.trim_start_matches('/'))
}

/// Copies text to the clipboard; true when the browser accepted.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Opens the system share sheet when there is one; returns false so the caller can copy instead.
pub async fn share(title: &str, url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let nav = window.navigator();
    let has_share = js_sys::Reflect::has(&nav, &"share".into()).unwrap_or(false);
    if !has_share {
        return false;
    }
    let data = web_sys::ShareData::new();
    data.set_title(title);
    data.set_url(url);
    wasm_bindgen_futures::JsFuture::from(nav.share_with_data(&data))
        .await
        .is_ok()
}

/// Saves `content` as a file through a temporary object URL.
pub fn download(filename: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&content.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Whether the browser believes it has a network (true where it cannot tell). A false "online"
/// is common on a cut network, so callers still handle a failed request; this only spares one
/// that cannot succeed.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Lets the browser paint and handle input between long steps (starting the app, reading a
/// catalog): each step becomes its own task, so no single task blocks the page for the whole of
/// it (Lighthouse's total blocking time counts only the part of each task over 50 ms). With
/// `scheduler.yield()` where the browser has it (Chromium 129 and later): the work continues
/// ahead of other tasks, and without the 4 ms that browsers add to a `setTimeout(0)` set from
/// within another.
pub async fn yield_to_browser() {
    let scheduler = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"scheduler".into()).ok())
        .filter(|s| s.is_object());
    if let Some(scheduler) = scheduler {
        let yield_now = js_sys::Reflect::get(&scheduler, &"yield".into()).ok();
        if let Some(f) = yield_now.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            if let Ok(promise) = f.call0(&scheduler) {
                let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
                return;
            }
        }
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// A file this build named in the page's `tak-build` table (scripts/stage_wasm.py), by its path
/// in the table: `["texts", "fa"]` is `texts-fa-<build>.txt`.
#[cfg(wasm_split)]
pub fn build_file(path: &[&str]) -> Option<String> {
    let table = web_sys::window()?
        .document()?
        .get_element_by_id("tak-build")?
        .text_content()?;
    let mut value = js_sys::JSON::parse(&table).ok()?;
    for key in path {
        value = js_sys::Reflect::get(&value, &(*key).into()).ok()?;
    }
    value.as_string()
}

/// A file of the app's own (`file` relative to its root) as text: the preloader's early download
/// when there is one (`takTake`, web/preload.js), else a fetch.
#[cfg(wasm_split)]
pub async fn take_early(file: &str) -> Option<String> {
    let window = web_sys::window()?;
    let base = window.document()?.base_uri().ok()??;
    let url = web_sys::Url::new_with_base(file, &base).ok()?;
    let take = js_sys::Reflect::get(&window, &"takTake".into()).ok()?;
    let response = match take.dyn_ref::<js_sys::Function>() {
        Some(take) => take.call1(&window, &url).ok()?,
        None => window.fetch_with_str(&url.href()).into(),
    };
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(response))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?;
    text.as_string()
}

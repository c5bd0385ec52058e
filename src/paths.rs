//! Paths inside the app, under whatever path it is served from.

/// The path the app is served under ("" at the root, "/khuzestan/tak" under a sub-path), read
/// from the `<base href>` that `web/boot.js` sets before anything loads.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

thread_local! {
    static BASE: String = base_path();
}

/// An app path (`/tak/tak-3`) as a link under the app's base. The router's `<A>` leaves absolute
/// paths as they are, so every internal link goes through here to work under a sub-path.
pub fn link(path: &str) -> String {
    BASE.with(|b| format!("{b}{path}"))
}

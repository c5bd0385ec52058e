//! `/`: what the two programmes are, in the announcement's terms, and the way into each.
//!
//! The page is `web/home.html`, the template the static shell also paints before the wasm
//! arrives (scripts/postbuild.py), so the two cannot drift apart. Its links are plain relative
//! `<a>`s: they resolve under the `<base href>` and the router follows them like its own.

use leptos::prelude::*;

use crate::i18n::{text, use_locale, K};

/// A piece of the template: HTML as written, or a translated text.
enum Piece {
    Html(&'static str),
    Text(K),
}

include!(concat!(env!("OUT_DIR"), "/home.rs"));

/// The home page's HTML in `lang`, its texts escaped.
fn home_html(lang: tak_core::Lang) -> String {
    let mut html = String::new();
    for piece in HOME {
        match piece {
            Piece::Html(h) => html.push_str(h),
            Piece::Text(key) => {
                for c in text(lang, *key).chars() {
                    match c {
                        '&' => html.push_str("&amp;"),
                        '<' => html.push_str("&lt;"),
                        '>' => html.push_str("&gt;"),
                        _ => html.push(c),
                    }
                }
            }
        }
    }
    html
}

#[component]
pub fn Home() -> impl IntoView {
    let loc = use_locale();
    view! { <div class="home" inner_html=move || home_html(loc.get())></div> }
}

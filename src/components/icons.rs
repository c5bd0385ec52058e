//! Inline SVG icons (no icon font, no request). Icons that point a direction flip in RTL via CSS
//! (`.icon-dir`).

use leptos::prelude::*;

fn icon(d: &'static str, class: &'static str) -> impl IntoView {
    view! {
        <svg class=class viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=d fill="currentColor"/>
        </svg>
    }
}

pub fn home() -> impl IntoView {
    icon("M12 3 2 12h3v8h6v-6h2v6h6v-8h3z", "icon")
}
pub fn people() -> impl IntoView {
    icon("M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.7 0-8 1.3-8 4v3h16v-3c0-2.7-5.3-4-8-4zm8 0c-.3 0-.7 0-1.1.1A4.6 4.6 0 0 1 17 17v3h7v-3c0-2.7-5.3-4-8-4z", "icon")
}
pub fn card() -> impl IntoView {
    icon("M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 14H4v-6h16zm0-10H4V6h16z", "icon")
}
pub fn map() -> impl IntoView {
    icon("m20.5 3-.2.1L15 5.1 9 3 3.4 4.9a.5.5 0 0 0-.4.5v15.1a.5.5 0 0 0 .7.5L9 18.9l6 2.1 5.6-1.9a.5.5 0 0 0 .4-.5V3.5a.5.5 0 0 0-.5-.5zM15 19l-6-2.1V5l6 2.1z", "icon")
}
pub fn inbox() -> impl IntoView {
    icon("M19 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 12h-4a3 3 0 0 1-6 0H5V5h14z", "icon")
}
pub fn phone() -> impl IntoView {
    icon("M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.2 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.3.2 2.5.6 3.6a1 1 0 0 1-.3 1z", "icon")
}
pub fn sms() -> impl IntoView {
    icon("M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zM9 11H7V9h2zm4 0h-2V9h2zm4 0h-2V9h2z", "icon")
}
pub fn directions() -> impl IntoView {
    icon("M21.7 11.3 12.7 2.3a1 1 0 0 0-1.4 0l-9 9a1 1 0 0 0 0 1.4l9 9a1 1 0 0 0 1.4 0l9-9a1 1 0 0 0 0-1.4zM14 14.5V12h-4v3H8v-4a1 1 0 0 1 1-1h5V7.5l3.5 3.5z", "icon icon-dir")
}
pub fn share() -> impl IntoView {
    icon("M18 16a3 3 0 0 0-2 .8l-7.1-4.2a3 3 0 0 0 0-1.2L16 7.2A3 3 0 1 0 15 5l.1.6-7 4.1a3 3 0 1 0 0 4.5l7.1 4.2-.1.6a3 3 0 1 0 3-3z", "icon")
}
pub fn calendar() -> impl IntoView {
    icon("M19 4h-1V2h-2v2H8V2H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 16H5V9h14zM7 11h5v5H7z", "icon")
}
pub fn print() -> impl IntoView {
    icon("M19 8H5a3 3 0 0 0-3 3v6h4v4h12v-4h4v-6a3 3 0 0 0-3-3zm-3 11H8v-5h8zm3-7a1 1 0 1 1 0-2 1 1 0 0 1 0 2zM18 3H6v4h12z", "icon")
}
pub fn back() -> impl IntoView {
    icon(
        "M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z",
        "icon icon-dir",
    )
}
pub fn locate() -> impl IntoView {
    icon("M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm9 3h-2.1A7 7 0 0 0 13 5.1V3h-2v2.1A7 7 0 0 0 5.1 11H3v2h2.1a7 7 0 0 0 5.9 5.9V21h2v-2.1a7 7 0 0 0 5.9-5.9H21zm-9 6a5 5 0 1 1 0-10 5 5 0 0 1 0 10z", "icon")
}

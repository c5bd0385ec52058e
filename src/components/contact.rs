//! Call, SMS and directions buttons. A number or link from the catalog becomes a link only when it
//! passes the same checks as the validator.

use leptos::prelude::*;
use tak_core::catalog::phone_ok;
use tak_core::text::to_ascii_digits;

use crate::components::icons;
use crate::i18n::{use_locale, K};

/// `tel:`/`sms:` form of a catalog number: ASCII digits and a leading `+` only.
pub fn dial_string(number: &str) -> Option<String> {
    if !phone_ok(number) {
        return None;
    }
    Some(
        to_ascii_digits(number)
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect(),
    )
}

#[component]
pub fn CallButtons(#[prop(into)] number: String) -> impl IntoView {
    let loc = use_locale();
    dial_string(&number).map(|n| {
        let tel = format!("tel:{n}");
        let sms = format!("sms:{n}");
        view! {
            <a class="btn" href=tel>{icons::phone()}<span>{move || loc.t(K::call)}</span><bdi class="num" dir="ltr">{move || loc.get().digits(&n)}</bdi></a>
            <a class="btn" href=sms>{icons::sms()}<span>{move || loc.t(K::sms)}</span></a>
        }
    })
}

/// `geo:` opens the phone's map app; the OpenStreetMap link works everywhere else.
#[component]
pub fn Directions(lat: f64, lon: f64, #[prop(into)] label: String) -> impl IntoView {
    let loc = use_locale();
    let geo = format!(
        "geo:{lat:.5},{lon:.5}?q={lat:.5},{lon:.5}({})",
        crate::browser::encode(&label)
    );
    let osm = format!(
        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=16/{lat:.5}/{lon:.5}"
    );
    view! {
        <a class="btn" href=geo>{icons::directions()}<span>{move || loc.t(K::directions)}</span></a>
        <a class="btn btn-link" href=osm rel="noopener" target="_blank">{move || loc.t(K::map_link)}</a>
    }
}

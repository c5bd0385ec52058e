//! "Near me": the browser's position, asked for only when the reader taps, with a clear message
//! when permission is refused or the position is outside Khuzestan.

use leptos::prelude::*;
use tak_core::catalog::KHUZESTAN_BOUNDS;

use crate::components::icons;
use crate::i18n::{use_locale, K};
use crate::map_data::use_map;
use crate::state::{use_app, Position};

pub fn inside_khuzestan(lat: f64, lon: f64) -> bool {
    let b = KHUZESTAN_BOUNDS;
    (b.lat_min..=b.lat_max).contains(&lat) && (b.lon_min..=b.lon_max).contains(&lon)
}

#[component]
pub fn NearMe() -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let map = use_map();
    // Once there is a position inside the province, the map data tells which county it is in.
    Effect::new(move |_| {
        if let Some((lat, lon)) = state.position().get().coords() {
            if inside_khuzestan(lat, lon) {
                map.ensure_loaded();
            }
        }
    });
    let message = move || {
        let lang = loc.get();
        match state.position().get() {
            Position::Unknown => None,
            Position::Locating => Some(loc.t(K::locating).to_string()),
            Position::Denied => Some(loc.t(K::geo_denied).to_string()),
            Position::Unavailable => Some(loc.t(K::geo_unavailable).to_string()),
            Position::Found { lat, lon } => {
                if !inside_khuzestan(lat, lon) {
                    return Some(loc.t(K::geo_outside).to_string());
                }
                let data = map.ready()?;
                match data.locate(lat, lon) {
                    Some(c) => {
                        let name = match crate::state::catalog_county_name(state, &c.id, lang) {
                            Some(n) => n,
                            None => match lang {
                                tak_core::Lang::En => c.name_en.clone(),
                                _ => c.name_fa.clone(),
                            },
                        };
                        Some(loc.tf(K::you_are_in, &[("county", &name)]))
                    }
                    None => Some(loc.t(K::geo_outside).to_string()),
                }
            }
        }
    };
    view! {
        <div class="near-me">
            <button class="btn" type="button" on:click=move |_| state.locate()>{icons::locate()}<span>{move || loc.t(K::near_me)}</span></button>
            <p class="near-me-status" role="status" aria-live="polite">{message}</p>
        </div>
    }
}

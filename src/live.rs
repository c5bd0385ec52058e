//! Live places: each department's places left, from the sign-up server's `GET /availability`
//! (`availability_url` in config.json). Only the TAK pages ask for them, so this code loads with
//! those pages, not with the first screen. Offline, or with no such server, the pages show the
//! catalog's figure with the date of the catalog.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use serde::Deserialize;

use crate::state::AppState;

/// How long a fetched figure is shown as "now" before it is asked for again.
const FRESH_MS: f64 = 30_000.0;

thread_local! {
    /// The last answer, for every page. Made by the first TAK page that asks, so neither the
    /// signal nor its code is part of the first screen's wasm. Reference-counted, not an arena
    /// `RwSignal`: that would belong to whichever view first read it, and die with it.
    static LIVE: ArcRwSignal<Option<Arc<LivePlaces>>> = ArcRwSignal::new(None);
}

/// The server's figure for `department_id` (tracked: a view that reads it redraws when a new
/// answer comes); `None` offline, or when the server does not count that department.
pub fn places_left(department_id: &str) -> Option<i64> {
    LIVE.with(|l| l.with(|l| l.as_ref().and_then(|l| l.places_left(department_id))))
}

/// [`places_left`] without tracking.
pub fn places_left_untracked(department_id: &str) -> Option<i64> {
    LIVE.with(|l| l.with_untracked(|l| l.as_ref().and_then(|l| l.places_left(department_id))))
}

#[derive(Debug, Default, PartialEq)]
pub struct LivePlaces {
    /// When it was fetched (Unix ms).
    pub at_ms: f64,
    places_left: HashMap<String, Option<i64>>,
}

impl LivePlaces {
    /// The server's figure for `department_id`, if it counts that department's places.
    pub fn places_left(&self, department_id: &str) -> Option<i64> {
        self.places_left.get(department_id).copied().flatten()
    }
}

#[derive(Deserialize)]
struct Availability {
    #[serde(default)]
    departments: HashMap<String, DepartmentPlaces>,
}

#[derive(Deserialize)]
struct DepartmentPlaces {
    #[serde(default)]
    places_left: Option<i64>,
}

/// Asks for live places when the last answer is older than [`FRESH_MS`]; a failure falls back
/// to the catalog's figure.
pub fn refresh(state: AppState) {
    let url = state
        .config()
        .with_untracked(|c| c.availability_url.trim().to_string());
    if url.is_empty() {
        return;
    }
    let now = crate::browser::now_ms();
    let fresh =
        LIVE.with(|l| l.with_untracked(|l| l.as_ref().is_some_and(|l| now - l.at_ms < FRESH_MS)));
    if fresh {
        return;
    }
    if !crate::browser::online() {
        LIVE.with(|l| l.set(None));
        return;
    }
    leptos::task::spawn_local(async move {
        let fetched = crate::api::get_text(&url, 6_000, 256 * 1024)
            .await
            .ok()
            // A copy some cache kept is not "now" (web/sw.js never keeps one; a proxy might).
            .filter(|(_, headers)| headers.get("x-cached-at").is_none())
            .and_then(|(text, _)| serde_json::from_str::<Availability>(&text).ok())
            .map(|a| {
                Arc::new(LivePlaces {
                    at_ms: crate::browser::now_ms(),
                    places_left: a
                        .departments
                        .into_iter()
                        .map(|(id, d)| (id, d.places_left))
                        .collect(),
                })
            });
        LIVE.with(|l| l.set(fetched));
    });
}

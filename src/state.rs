//! The app's state, owned in one place and provided through context. Pages derive what they show
//! from it; only the functions here and in `delivery` write to it.

use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tak_core::outbox::Entry;
use tak_core::Lang;

use crate::api::{self, CatalogData, Config, LoadFailure};
use crate::storage::{self, StorageError};

#[derive(Clone, Debug)]
pub enum CatalogStatus {
    Loading,
    Ready(Arc<CatalogData>),
    Failed(LoadFailure),
}

/// The reader's position, asked for only when they tap "near me".
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Position {
    Unknown,
    Locating,
    Found { lat: f64, lon: f64 },
    Denied,
    Unavailable,
}

impl Position {
    pub fn coords(self) -> Option<(f64, f64)> {
        match self {
            Position::Found { lat, lon } => Some((lat, lon)),
            _ => None,
        }
    }
}

/// Settings kept on the device.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Library or Kanoon desk: the form is cleared after each sign-up and nothing personal is
    /// kept once sent.
    #[serde(default)]
    pub staff_mode: bool,
    /// Lists first, the map's geometry only on demand, no images.
    #[serde(default)]
    pub low_data: Option<bool>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub config: RwSignal<Config>,
    pub config_failed: RwSignal<bool>,
    pub catalog: RwSignal<CatalogStatus>,
    /// Unix ms, ticking every 30 s so "open now" stays true.
    pub now_ms: RwSignal<f64>,
    pub position: RwSignal<Position>,
    pub settings: RwSignal<Settings>,
    pub outbox: RwSignal<Vec<Entry>>,
    /// What storage could not do last time it was asked.
    pub storage_error: RwSignal<Option<StorageError>>,
    pub update_ready: RwSignal<bool>,
    /// The reader's language (the same signal as the `Locale`'s): the catalog is read for it.
    pub lang: RwSignal<Lang>,
    /// The language a catalog is being read again for, after the reader changed language.
    rereading: RwSignal<Option<Lang>>,
}

impl AppState {
    pub fn new(lang: RwSignal<Lang>) -> Self {
        let settings = storage::get_json::<Settings>(storage::SETTINGS_KEY)
            .ok()
            .flatten()
            .unwrap_or_default();
        let (outbox, storage_error) = match storage::get_json::<Vec<Entry>>(storage::OUTBOX_KEY) {
            Ok(v) => (v.unwrap_or_default(), storage::probe().err()),
            Err(e) => (Vec::new(), Some(e)),
        };
        AppState {
            config: RwSignal::new(Config::default()),
            config_failed: RwSignal::new(false),
            catalog: RwSignal::new(CatalogStatus::Loading),
            now_ms: RwSignal::new(crate::browser::now_ms()),
            position: RwSignal::new(Position::Unknown),
            settings: RwSignal::new(settings),
            outbox: RwSignal::new(outbox),
            storage_error: RwSignal::new(storage_error),
            update_ready: RwSignal::new(false),
            lang,
            rereading: RwSignal::new(None),
        }
    }

    /// Reads `config.json` and then the catalog it names.
    pub fn start(self) {
        leptos::task::spawn_local(async move {
            // Not in the task that mounts the app: that one is long enough already.
            crate::browser::yield_to_browser().await;
            match api::load_config().await {
                Ok(c) => self.config.set(c),
                Err(_) => self.config_failed.set(true),
            }
            self.load_catalog().await;
        });
        // The catalog keeps the other texts only in the language it was read for: when the
        // reader changes language, it is read again (from the service worker's copy when
        // offline), and the current one stays on screen meanwhile.
        Effect::new(move |_| {
            let lang = self.lang.get();
            let CatalogStatus::Ready(data) = self.catalog.get() else {
                return;
            };
            if data.reader != lang && self.rereading.get_untracked() != Some(lang) {
                self.rereading.set(Some(lang));
                leptos::task::spawn_local(self.read_again_for(lang));
            }
        });
    }

    /// Reads the catalog again for a reader of `lang`. A failure keeps the catalog on screen,
    /// whose names are in every language and other texts fall back to Persian.
    async fn read_again_for(self, lang: Lang) {
        let config = self.config.get_untracked();
        let result = api::load_catalog(&config, lang).await;
        if self.rereading.get_untracked() == Some(lang) {
            self.rereading.set(None);
        }
        // The reader may have changed language again meanwhile: only the current one is kept.
        if let Ok(data) = result {
            if self.lang.get_untracked() == lang {
                self.catalog.set(CatalogStatus::Ready(data));
            }
        }
    }

    pub async fn load_catalog(self) {
        self.catalog.set(CatalogStatus::Loading);
        let config = self.config.get_untracked();
        let status = match api::load_catalog(&config, self.lang.get_untracked()).await {
            Ok(data) => CatalogStatus::Ready(data),
            Err(e) => CatalogStatus::Failed(e),
        };
        let ready = matches!(status, CatalogStatus::Ready(_));
        self.catalog.set(status);
        // Once the lists are up, fetch the map's geometry in the background so the map works
        // offline later (the service worker keeps it) — unless the reader saves data, in which
        // case it is downloaded only when the map is opened.
        if ready && !self.low_data_untracked() {
            let _ = api::get_text("map/counties.json", 30_000, 2 * 1024 * 1024).await;
        }
    }

    /// Whether sign-ups have a server to go to (tracked: the config arrives after start).
    pub fn has_endpoint(self) -> bool {
        self.config.with(|c| !c.signup_url.trim().is_empty())
    }

    pub fn retry(self) {
        leptos::task::spawn_local(self.load_catalog());
    }

    pub fn save_settings(self, s: Settings) {
        self.settings.set(s);
        self.note_storage(storage::set_json(storage::SETTINGS_KEY, &s));
    }

    pub fn note_storage(self, result: Result<(), StorageError>) {
        let err = result.err();
        if self.storage_error.get_untracked() != err {
            self.storage_error.set(err);
        }
    }

    /// Low-data mode: the reader's choice, else on when the browser asks to save data.
    pub fn low_data(self) -> bool {
        self.settings
            .get()
            .low_data
            .unwrap_or_else(save_data_requested)
    }

    pub fn low_data_untracked(self) -> bool {
        self.settings
            .get_untracked()
            .low_data
            .unwrap_or_else(save_data_requested)
    }
}

fn save_data_requested() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let conn = js_sys::Reflect::get(&w.navigator(), &"connection".into()).ok();
    conn.and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A county's name from the catalog in the reader's language, when the catalog is loaded.
pub fn catalog_county_name(state: AppState, id: &str, lang: tak_core::Lang) -> Option<String> {
    match state.catalog.get() {
        CatalogStatus::Ready(d) => d
            .catalog
            .county(id)
            .map(|c| crate::components::text::tx_str(&c.x_translations, "name", &c.name, lang)),
        _ => None,
    }
}

//! The app's state, owned in one place and provided through context. Pages derive what they show
//! from its read-only signals and change it through its intent methods; nothing else writes it.

use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tak_core::catalog::TextField;
use tak_core::outbox::Entry;
use tak_core::Lang;

use crate::api::{self, CatalogData, Config, LoadFailure};
use crate::i18n::Locale;
use crate::split::{split_point, ModuleUnavailable};
use crate::storage::{self, StorageError};
use wasm_bindgen::{closure::Closure, JsCast};

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

/// The app's state. Every field is private: components read it through the read-only signals
/// below and change it through the intent methods (`set_staff_mode`, `locate`, `withdraw`, …),
/// so each change has one place that makes it and keeps the device's copy.
#[derive(Clone, Copy)]
pub struct AppState {
    config: RwSignal<Config>,
    config_failed: RwSignal<bool>,
    catalog: RwSignal<CatalogStatus>,
    position: RwSignal<Position>,
    settings: RwSignal<Settings>,
    outbox: RwSignal<Vec<Entry>>,
    /// Whether the outbox the device held has been read into `outbox` (the outbox's reader is in
    /// the wasm module `more`, fetched at start only when the device holds sign-ups). Until
    /// then the device's copy is written back only as it was found, followed by what this tab
    /// added (`outbox_found`), so it cannot be lost.
    outbox_read: RwSignal<bool>,
    /// The device's outbox as found at start, until it is read: a sign-up made before then is
    /// written after it (`join_json_lists`), so that neither is lost if the tab closes.
    outbox_found: StoredValue<Option<String>>,
    /// What storage could not do last time it was asked.
    storage_error: RwSignal<Option<StorageError>>,
    update_ready: RwSignal<bool>,
    /// The reader's language: the catalog is read for it.
    lang: Locale,
    /// The language a catalog is being read again for, after the reader changed language.
    rereading: RwSignal<Option<Lang>>,
}

impl AppState {
    pub fn new(lang: Locale) -> Self {
        let settings = storage::get_json::<Settings>(storage::SETTINGS_KEY)
            .ok()
            .flatten()
            .unwrap_or_default();
        let (stored_outbox, storage_error) = match storage::get(storage::OUTBOX_KEY) {
            Ok(raw) => (raw.filter(|r| r.trim() != "[]"), storage::probe().err()),
            Err(e) => (None, Some(e)),
        };
        let unread = stored_outbox.is_some();
        let state = AppState {
            config: RwSignal::new(Config::default()),
            config_failed: RwSignal::new(false),
            catalog: RwSignal::new(CatalogStatus::Loading),
            position: RwSignal::new(Position::Unknown),
            settings: RwSignal::new(settings),
            outbox: RwSignal::new(Vec::new()),
            outbox_read: RwSignal::new(!unread),
            outbox_found: StoredValue::new(stored_outbox),
            storage_error: RwSignal::new(storage_error),
            update_ready: RwSignal::new(false),
            lang,
            rereading: RwSignal::new(None),
        };
        state.save_outbox_on_change();
        if unread {
            state.read_outbox();
        }
        state
    }

    /// Reads the device's outbox as found (`outbox_found`) into the app, keeping any sign-up made
    /// meanwhile; a reader that cannot be fetched yet is asked for again.
    fn read_outbox(self) {
        leptos::task::spawn_local(async move {
            loop {
                let found = self.outbox_found.get_value().unwrap_or_default();
                match parse_outbox(found).await {
                    Ok(stored) => {
                        self.outbox.update(|o| {
                            *o = tak_core::outbox::read_back(stored, std::mem::take(o));
                        });
                        self.outbox_found.set_value(None);
                        self.outbox_read.set(true);
                        return;
                    }
                    Err(ModuleUnavailable) => {
                        gloo_timers::future::TimeoutFuture::new(5_000).await;
                    }
                }
            }
        });
    }

    /// The one place the outbox is written to the device: whenever it changes, or desk mode
    /// does (a desk keeps only what has still to go out).
    fn save_outbox_on_change(self) {
        Effect::new(move |first: Option<()>| {
            let desk = self.settings.with(|s| s.staff_mode);
            let read = self.outbox_read.get();
            self.outbox.with(|entries| {
                // The first run is the outbox as the device holds it.
                if first.is_none() {
                    return;
                }
                let kept = tak_core::outbox::kept_on_device(entries, desk);
                if read {
                    self.note_storage(storage::set_json(storage::OUTBOX_KEY, &kept));
                } else if !kept.is_empty() {
                    // Not read yet: what the device holds, then what this tab added.
                    let added = serde_json::to_string(&kept).unwrap_or_default();
                    let joined = self.outbox_found.with_value(|found| {
                        tak_core::outbox::join_json_lists(found.as_deref().unwrap_or("[]"), &added)
                    });
                    if let Some(joined) = joined {
                        self.note_storage(storage::set(storage::OUTBOX_KEY, &joined));
                    }
                }
            });
        });
    }

    pub fn config(self) -> ReadSignal<Config> {
        self.config.read_only()
    }
    /// `config.json` could not be read (the defaults are in use).
    pub fn config_failed(self) -> ReadSignal<bool> {
        self.config_failed.read_only()
    }
    pub fn catalog(self) -> ReadSignal<CatalogStatus> {
        self.catalog.read_only()
    }
    pub fn position(self) -> ReadSignal<Position> {
        self.position.read_only()
    }
    pub fn settings(self) -> ReadSignal<Settings> {
        self.settings.read_only()
    }
    /// This phone's sign-ups, newest last.
    pub fn outbox(self) -> ReadSignal<Vec<Entry>> {
        self.outbox.read_only()
    }
    pub fn storage_error(self) -> ReadSignal<Option<StorageError>> {
        self.storage_error.read_only()
    }
    /// A new version of the app or the catalog is ready (the service worker says so).
    pub fn update_ready(self) -> ReadSignal<bool> {
        self.update_ready.read_only()
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
        // Once the page is drawn, fetch the map's geometry and the other languages' texts in the
        // background, so the map works offline later (the service worker keeps it) and a switch
        // of language is immediate — unless the reader saves data, in which case each is
        // downloaded only when it is needed.
        if ready && !self.low_data_untracked() {
            crate::on_demand::page_drawn().await;
            let _ = api::get_text("map/counties.json", 30_000, 2 * 1024 * 1024).await;
            for lang in Lang::ALL {
                crate::i18n::load(lang).await;
            }
        }
    }

    /// One sign-up of the outbox, followed as it changes (`None` once it is gone).
    pub fn entry(self, id: StoredValue<String>) -> Memo<Option<Entry>> {
        Memo::new(move |_| {
            self.outbox.with(|o| {
                o.iter()
                    .find(|e| id.with_value(|i| e.signup.id == *i))
                    .cloned()
            })
        })
    }

    /// A new sign-up: kept on the device at once, then sent (`crate::delivery` follows the outbox).
    pub fn add_signup(self, entry: Entry) {
        self.outbox.update(|o| o.push(entry));
    }

    /// "Withdraw": the withdrawal is sent, or the sign-up is withdrawn here if it never left.
    pub fn withdraw(self, id: &str) {
        self.change_entry(id, Entry::withdraw);
    }

    /// "Send again" (see [`Entry::resend`]).
    pub fn resend(self, id: &str) {
        self.change_entry(id, Entry::resend);
    }

    /// The messaging app was opened with this sign-up's text.
    pub fn sms_opened(self, id: &str) {
        self.change_entry(id, Entry::open_sms);
    }

    /// The volunteer says the SMS went (see [`Entry::sms_sent`]).
    pub fn sms_sent(self, id: &str) {
        let has_endpoint = self
            .config
            .with_untracked(|c| !c.signup_url.trim().is_empty());
        self.change_entry(id, |e| e.sms_sent(has_endpoint));
    }

    /// "Remove my details from this phone".
    pub fn forget_details(self, id: &str) {
        self.change_entry(id, Entry::forget_personal_data);
    }

    /// Delivery's record of an answer to a send (or of its failure).
    pub fn record_answer(self, id: &str, outcome: &tak_core::outbox::Outcome, now_ms: u64) {
        self.change_entry(id, |e| e.record(outcome, now_ms));
    }

    /// Delivery's record of what the server says became of a sign-up.
    pub fn record_status(self, id: &str, code: u16, body: &str) {
        self.outbox.maybe_update(|o| {
            o.iter_mut()
                .find(|e| e.signup.id == id)
                .is_some_and(|e| e.apply_status(code, body))
        });
    }

    /// "My sign-ups" is on screen: the coordinators' answers on it are seen.
    pub fn mark_answers_seen(self) {
        self.outbox.maybe_update(|o| {
            let mut changed = false;
            for e in o.iter_mut().filter(|e| e.answer_unseen) {
                e.answer_seen();
                changed = true;
            }
            changed
        });
    }

    /// Whether the device's outbox has been read (see `outbox_read`).
    pub fn outbox_ready(self) -> ReadSignal<bool> {
        self.outbox_read.read_only()
    }

    /// Another tab's progress, read from the device before this tab sends.
    pub fn adopt_from_device(self) {
        // Before the device's outbox is read, it is what this tab will read; adopting it now
        // would write its entries twice.
        if !self.outbox_read.get_untracked() {
            return;
        }
        let Ok(Some(stored)) = storage::get_json::<Vec<Entry>>(storage::OUTBOX_KEY) else {
            return;
        };
        self.outbox
            .maybe_update(|mine| tak_core::outbox::merge_from_device(mine, stored));
    }

    fn change_entry(self, id: &str, change: impl FnOnce(&mut Entry)) {
        self.outbox.update(|o| {
            if let Some(e) = o.iter_mut().find(|e| e.signup.id == id) {
                change(e);
            }
        });
    }

    /// "Near me": asks the browser for the position (the reader tapped; never before).
    pub fn locate(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(geo) = window.navigator().geolocation() else {
            self.position.set(Position::Unavailable);
            return;
        };
        self.position.set(Position::Locating);
        let position = self.position;
        let found = Closure::once(move |p: web_sys::Position| {
            let c = p.coords();
            position.set(Position::Found {
                lat: c.latitude(),
                lon: c.longitude(),
            });
        });
        let failed = Closure::once(move |e: web_sys::PositionError| {
            position.set(if e.code() == 1 {
                Position::Denied
            } else {
                Position::Unavailable
            });
        });
        let options = web_sys::PositionOptions::new();
        options.set_timeout(15_000);
        options.set_maximum_age(300_000);
        if geo
            .get_current_position_with_error_callback_and_options(
                found.as_ref().unchecked_ref(),
                Some(failed.as_ref().unchecked_ref()),
                &options,
            )
            .is_err()
        {
            self.position.set(Position::Unavailable);
        }
        found.forget();
        failed.forget();
    }

    /// Whether sign-ups have a server to go to (tracked: the config arrives after start).
    pub fn has_endpoint(self) -> bool {
        self.config.with(|c| !c.signup_url.trim().is_empty())
    }

    pub fn retry(self) {
        leptos::task::spawn_local(self.load_catalog());
    }

    /// Desk mode (a library or Kanoon desk, a shared computer): the form is cleared after each
    /// sign-up, and nothing personal is kept once sent.
    pub fn set_staff_mode(self, on: bool) {
        self.change_settings(|s| s.staff_mode = on);
    }

    /// Low-data mode, as the reader chose it (until then it follows the browser's Save-Data).
    pub fn set_low_data(self, on: bool) {
        self.change_settings(|s| s.low_data = Some(on));
    }

    fn change_settings(self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        self.note_storage(storage::set_json(
            storage::SETTINGS_KEY,
            &self.settings.get_untracked(),
        ));
    }

    /// The service worker has a new version of the app or the catalog.
    pub fn mark_update_ready(self) {
        self.update_ready.set(true);
    }

    /// Records what storage could not do (or that it works again), for the banner that says so.
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

// The device's outbox, as JSON; corrupt data counts as none (and is removed so it cannot fail
// again).
split_point!(
    more,
    fn parse_outbox(raw: String) -> Result<Vec<Entry>, ModuleUnavailable> {
        Ok(serde_json::from_str(&raw).unwrap_or_else(|_| {
            let _ = storage::remove(storage::OUTBOX_KEY);
            Vec::new()
        }))
    }
);

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A county's name from the catalog in the reader's language, when the catalog is loaded.
pub fn catalog_county_name(state: AppState, id: &str, lang: tak_core::Lang) -> Option<String> {
    match state.catalog().get() {
        CatalogStatus::Ready(d) => d.index.county(&d.catalog, id).map(|c| {
            crate::components::text::tx_str(&c.x_translations, TextField::NAME, &c.name, lang)
        }),
        _ => None,
    }
}

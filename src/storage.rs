//! `localStorage`, which may be missing (private modes, blocked cookies), full, or hold anything.
//! Every call returns a result; callers tell the user what cannot be kept and carry on.

use serde::{de::DeserializeOwned, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all (the browser refused or threw).
    Unavailable,
    /// The quota is exceeded.
    Full,
}

fn store() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(StorageError::Unavailable),
    }
}

pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    store()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    store()?.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name.contains("Quota") {
            StorageError::Full
        } else {
            StorageError::Unavailable
        }
    })
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    store()?
        .remove_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Reads JSON; corrupt data counts as absent (and is removed so it cannot fail again).
pub fn get_json<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StorageError> {
    let Some(text) = get(key)? else {
        return Ok(None);
    };
    match serde_json::from_str(&text) {
        Ok(v) => Ok(Some(v)),
        Err(_) => {
            let _ = remove(key);
            Ok(None)
        }
    }
}

pub fn set_json<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    let text = serde_json::to_string(value).map_err(|_| StorageError::Unavailable)?;
    set(key, &text)
}

/// Whether storage works at all: writes and removes a probe.
pub fn probe() -> Result<(), StorageError> {
    set("tak.probe", "1")?;
    remove("tak.probe")
}

pub const LANG_KEY: &str = "tak.lang";
pub const OUTBOX_KEY: &str = "tak.outbox";
pub const SETTINGS_KEY: &str = "tak.settings";

pub fn draft_key(department_id: &str) -> String {
    format!("tak.draft.{department_id}")
}

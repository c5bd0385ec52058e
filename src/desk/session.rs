//! Who is logged in at this desk, owned by the desk page and changed only through its intents
//! (`logged_in`, `password_changed`, `ended`).
//!
//! A desk is often a shared library computer, so the login lives in the tab's `sessionStorage`
//! (a reload keeps it; closing the tab ends it) and nothing of the desk goes into
//! `localStorage`; logging out deletes it and every list the desk had fetched.

use leptos::prelude::*;
use tak_core::desk::Login;

const KEY: &str = "tak-desk-login";

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

#[derive(Clone, Copy)]
pub struct Session {
    login: RwSignal<Option<Login>>,
    /// Why the last login ended when the coordinator did not end it (an expired token): said on
    /// the login form.
    ended_because: RwSignal<Option<String>>,
    /// Bumped when the login ends: the desk's views drop what they fetched.
    generation: RwSignal<u32>,
}

impl Session {
    /// The tab's login, if it has one.
    pub fn resume() -> Session {
        let kept = tab_storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str::<Login>(&raw).ok());
        Session {
            login: RwSignal::new(kept),
            ended_because: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    pub fn login(&self) -> ReadSignal<Option<Login>> {
        self.login.read_only()
    }

    pub fn ended_because(&self) -> ReadSignal<Option<String>> {
        self.ended_because.read_only()
    }

    pub fn generation(&self) -> ReadSignal<u32> {
        self.generation.read_only()
    }

    pub fn token(&self) -> String {
        self.login
            .with_untracked(|l| l.as_ref().map(|l| l.token.clone()).unwrap_or_default())
    }

    fn keep(&self, login: Option<Login>) {
        if let Some(storage) = tab_storage() {
            let _ = match &login {
                Some(l) => storage.set_item(KEY, &serde_json::to_string(l).unwrap_or_default()),
                None => storage.remove_item(KEY),
            };
        }
        self.login.set(login);
    }

    pub fn logged_in(&self, login: Login) {
        self.ended_because.set(None);
        self.keep(Some(login));
    }

    pub fn password_changed(&self) {
        let mut login = self.login.get_untracked();
        if let Some(l) = login.as_mut() {
            l.must_change_password = false;
        }
        self.keep(login);
    }

    /// The login is over: logged out, or refused by the server (`why`, its translated message).
    pub fn ended(&self, why: Option<String>) {
        self.keep(None);
        self.ended_because.set(why);
        self.generation.update(|g| *g += 1);
    }
}

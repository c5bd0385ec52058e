//! Pieces used by several pages.

pub mod cards;
pub mod contact;
pub mod entry;
pub mod filters;
pub mod gate;
pub mod hours;
pub mod icons;
pub mod list;
pub mod near_me;
pub mod not_found;
pub mod qr;
pub mod shell;
pub mod sms_delivery;
pub mod text;
pub mod update_banner;

use leptos::prelude::*;

/// A flag that turns true in a task after this one: for parts of a page that no one sees at
/// first (a closed fold), so that the task drawing the page is shorter on a slow phone.
/// (Lighthouse counts the part of each task over 50 ms as blocking.)
pub fn drawn_after_this_task() -> RwSignal<bool> {
    let drawn = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::browser::yield_to_browser().await;
        // (The page may be gone by then.)
        let _ = drawn.try_set(true);
    });
    drawn
}

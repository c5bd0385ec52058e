//! One module per route.

pub mod about;
pub mod department;
pub mod home;
pub mod map;
pub mod my_signups;
pub mod not_found;
pub mod on_demand;
pub mod programme;
pub mod service;
pub mod services;
pub mod signup;
pub mod tak_list;

use leptos::prelude::*;

/// Rows rendered at first; "show more" adds as many again. About five screens of cards on a phone:
/// every search keystroke may redraw them all, and with 50 rows the keystroke that changed most
/// of the page took 18 ms with the 10,000-service catalog (bench/browser.mjs), over one frame.
pub const PAGE_SIZE: usize = 20;

/// Rows in a list's first frame. The rest of the first page follows in the next task, so no single
/// task holds a cheap phone for the whole list (measured as Lighthouse's total blocking time).
pub const FIRST_ROWS: usize = 8;

/// How many rows a list shows: [`FIRST_ROWS`] at once, [`PAGE_SIZE`] a moment later.
pub fn shown_rows() -> RwSignal<usize> {
    let shown = RwSignal::new(FIRST_ROWS);
    set_timeout(
        move || {
            shown.try_update(|n| *n = (*n).max(PAGE_SIZE));
        },
        std::time::Duration::ZERO,
    );
    shown
}

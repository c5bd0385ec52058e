//! How many rows a long list (the TAK departments, the services) draws at a time.

use leptos::prelude::*;

/// Rows rendered at first; "show more" adds as many again. About five screens of cards on a phone:
/// every search keystroke may redraw them all, and with many more rows the keystroke that changed
/// most of the page took over one frame with the 10,000-service catalog (BENCHMARKS.md).
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

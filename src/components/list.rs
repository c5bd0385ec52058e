//! The results of a long list (the TAK departments, the services), and how many rows it draws
//! at a time.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::gate::EmptyList;
use crate::i18n::{use_locale, K};

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

/// A list's results below its filters, the same for the TAK departments and the services: how
/// many match, why a catalog has none (`EmptyList`), "nothing matches" with a way to clear the
/// filters, the cards (`card` draws one from its index and distance), and "show more".
#[component]
pub fn Results(
    /// The matching entries: index and, once the reader's position is known, distance in km.
    results: Memo<Vec<(usize, Option<f64>)>>,
    /// The catalog has no entries of this kind at all ...
    list_is_empty: bool,
    /// ... of which this many were left out as unreadable.
    skipped: usize,
    /// "Clear the filters".
    on_clear: Callback<()>,
    card: Arc<dyn Fn(usize, Option<f64>) -> AnyView + Send + Sync>,
) -> impl IntoView {
    let loc = use_locale();
    let shown = shown_rows();
    let count = move || results.with(Vec::len);
    view! {
        <p class="result-count" role="status" aria-live="polite">{move || loc.count(K::results, count() as i64)}</p>
        <EmptyList empty=list_is_empty skipped=skipped/>
        <Show when=move || count() == 0 && !list_is_empty>
            <div class="empty">
                <p>{move || loc.t(K::no_results)}</p>
                <button class="btn" on:click=move |_| on_clear.run(())>{move || loc.t(K::clear_filters)}</button>
            </div>
        </Show>
        <div class="cards">
            <For each=move || results.get().into_iter().take(shown.get()) key=|(i, d)| (*i, d.map(|x| (x * 10.0) as i64)) let:row>
                {card(row.0, row.1)}
            </For>
        </div>
        <Show when=move || { count() > shown.get() }>
            <button class="btn btn-wide" on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>{move || loc.t(K::show_more)}</button>
        </Show>
    }
}

//! Form controls for list filters. The filter itself lives in the URL; these only show it and
//! report changes.

use leptos::prelude::*;
use tak_core::query::SortBy;

use crate::i18n::{use_locale, K};
use crate::state::{use_app, Position};

/// The "more filters" fold of a list page. When it starts closed, its controls are drawn in a
/// task after the one that draws the list's first rows: no one sees them before opening the
/// fold, and on a slow phone they took a third of that task (the county list alone is 31
/// options). When the page opens with one of its filters set, it starts open, drawn at once.
#[component]
pub fn FilterMore(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] summary: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    // Only the first state comes from the filters: after that the fold is the reader's, and
    // setting a filter back to "any" does not snap it shut under their finger.
    let at_once = open.get_untracked();
    let drawn = super::drawn_after_this_task();
    view! {
        <details class="filter-more" open=at_once>
            <summary><span class="fold-marker" aria-hidden="true"></span>{summary}</summary>
            <Show when=move || at_once || drawn.get()>{children()}</Show>
        </details>
    }
}

/// A labelled `<select>`; the first option is "any" (empty value).
#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev)) prop:value=value>
                <For each=move || options.get() key=|(v, l)| (v.clone(), l.clone()) let:((v, l))>
                    <option value=v.clone() selected=move || value.get() == v>{l}</option>
                </For>
            </select>
        </div>
    }
}

/// The order of a list: by name, or nearest first. Until the reader picks one, the list is
/// nearest first once their position is known; picking "nearest" asks for the position.
#[component]
pub fn SortSelect(
    id: &'static str,
    #[prop(into)] sort: Signal<SortBy>,
    on_change: Callback<SortBy>,
) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    Effect::new(move |_| {
        if sort.get() == SortBy::Distance && state.position().get_untracked() == Position::Unknown {
            state.locate();
        }
    });
    let value = Signal::derive(move || {
        let known = state.position().get().coords().is_some();
        let nearest = sort.get() == SortBy::Distance || sort.get().by_distance(known);
        if nearest { "distance" } else { "name" }.to_string()
    });
    let options = Signal::derive(move || {
        vec![
            ("name".to_string(), loc.t(K::sort_name).to_string()),
            ("distance".to_string(), loc.t(K::sort_distance).to_string()),
        ]
    });
    view! {
        <Select id label=Signal::derive(move || loc.t(K::sort_by).to_string()) value options
            on_change=Callback::new(move |v: String| on_change.run(if v == "distance" { SortBy::Distance } else { SortBy::Name }))/>
    }
}

/// A labelled checkbox.
#[component]
pub fn Check(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="check">
            <input type="checkbox" id=id prop:checked=checked on:change=move |ev| on_change.run(event_target_checked(&ev))/>
            <label for=id>{label}</label>
        </div>
    }
}

/// The search box. It keeps what is typed locally so a slow URL update never eats a keystroke.
#[component]
pub fn SearchBox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] placeholder: Signal<String>,
    initial: String,
    on_input: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field search">
            <label for=id>{label}</label>
            <input
                id=id
                type="search"
                inputmode="search"
                autocomplete="off"
                dir="auto"
                placeholder=placeholder
                value=initial
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </div>
    }
}

/// A list filter that round-trips through the address's query string.
pub trait InUrl: Clone + PartialEq + Send + Sync + 'static {
    fn read(get: &dyn Fn(&str) -> Option<String>) -> Self;
    fn write(&self) -> Vec<(&'static str, String)>;
}

impl InUrl for tak_core::query::ServiceFilter {
    fn read(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self::from_query(get)
    }
    fn write(&self) -> Vec<(&'static str, String)> {
        self.to_query()
    }
}

impl InUrl for tak_core::query::DepartmentFilter {
    fn read(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self::from_query(get)
    }
    fn write(&self) -> Vec<(&'static str, String)> {
        self.to_query()
    }
}

/// A list's filter, whose one home is the URL: `current` reads it from the query string; `set`
/// writes it back, replacing the history entry and keeping the scroll (so Back leaves the list
/// instead of undoing keystrokes one by one, and a shared link opens the same results).
pub struct UrlFilter<F: InUrl> {
    pub current: Memo<F>,
    pub set: Callback<F>,
}

impl<F: InUrl> Clone for UrlFilter<F> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<F: InUrl> Copy for UrlFilter<F> {}

impl<F: InUrl> UrlFilter<F> {
    /// The filter of the list at `path` (an app path such as `/services`).
    pub fn new(path: &'static str) -> Self {
        let query = leptos_router::hooks::use_query_map();
        let navigate = leptos_router::hooks::use_navigate();
        UrlFilter {
            current: Memo::new(move |_| query.with(|q| F::read(&|k| q.get(k)))),
            set: Callback::new(move |f: F| {
                let to = format!("{path}{}", crate::browser::query_string(&f.write()));
                let options = leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                };
                navigate(&to, options);
            }),
        }
    }

    /// A control's change applied to the current filter by `edit`.
    pub fn edit<T: 'static>(self, edit: fn(&mut F, T)) -> Callback<T> {
        Callback::new(move |value: T| {
            let mut f = self.current.get_untracked();
            edit(&mut f, value);
            self.set.run(f);
        })
    }
}

//! TodoMVC (todomvc.com's specification) in Leptos 0.8: the anchor of `make bench`. Built by Trunk's
//! own pipeline with the app's toolchain and measured in the same run as the app, it says what a
//! minimal Leptos app scores on this machine today, so the app's figures are read against it rather
//! than against a number from another machine (BENCHMARKS.md, "Every way in").
//!
//! Written for the benchmark after the shape of Leptos' own example: a list of todos whose
//! `completed` and `title` are signals, kept in localStorage, filtered by the URL's hash.

use leptos::{ev, html::Input, prelude::*};
use serde::{Deserialize, Serialize};
use web_sys::KeyboardEvent;

const STORAGE_KEY: &str = "todos-leptos";
const ENTER: u32 = 13;
const ESCAPE: u32 = 27;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Active,
    Completed,
}

impl Filter {
    fn from_hash(hash: &str) -> Self {
        match hash.trim_start_matches('#').trim_start_matches('/') {
            "active" => Filter::Active,
            "completed" => Filter::Completed,
            _ => Filter::All,
        }
    }

    fn shows(self, todo: &Todo) -> bool {
        match self {
            Filter::All => true,
            Filter::Active => !todo.completed.get(),
            Filter::Completed => todo.completed.get(),
        }
    }
}

#[derive(Clone, Copy)]
struct Todo {
    id: u64,
    title: RwSignal<String>,
    completed: RwSignal<bool>,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    id: u64,
    title: String,
    completed: bool,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load() -> Vec<Todo> {
    let saved: Vec<Saved> = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    saved
        .into_iter()
        .map(|s| Todo {
            id: s.id,
            title: RwSignal::new(s.title),
            completed: RwSignal::new(s.completed),
        })
        .collect()
}

fn save(todos: &[Todo]) {
    let saved: Vec<Saved> = todos
        .iter()
        .map(|t| Saved {
            id: t.id,
            title: t.title.get(),
            completed: t.completed.get(),
        })
        .collect();
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&saved)) {
        let _ = s.set_item(STORAGE_KEY, &text);
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
fn TodoMvc() -> impl IntoView {
    let todos = RwSignal::new(load());
    let next_id =
        StoredValue::new(todos.with_untracked(|t| t.iter().map(|t| t.id).max().unwrap_or(0) + 1));
    let filter = RwSignal::new(Filter::from_hash(&current_hash()));
    let on_hash = window_event_listener(ev::hashchange, move |_| {
        filter.set(Filter::from_hash(&current_hash()))
    });
    on_cleanup(move || on_hash.remove());

    // Every change of the list or of a todo's fields is saved.
    Effect::new(move |_| todos.with(|t| save(t)));

    let remove = move |id: u64| todos.update(|t| t.retain(|todo| todo.id != id));
    let remaining =
        Memo::new(move |_| todos.with(|t| t.iter().filter(|todo| !todo.completed.get()).count()));
    let total = Memo::new(move |_| todos.with(Vec::len));

    let input = NodeRef::<Input>::new();
    let add = move |e: KeyboardEvent| {
        if e.key_code() != ENTER {
            return;
        }
        let Some(el) = input.get() else { return };
        let title = el.value().trim().to_string();
        if title.is_empty() {
            return;
        }
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        todos.update(|t| {
            t.push(Todo {
                id,
                title: RwSignal::new(title),
                completed: RwSignal::new(false),
            })
        });
        el.set_value("");
    };
    let toggle_all = move |_| {
        let done = remaining.get_untracked() > 0;
        todos.with_untracked(|t| t.iter().for_each(|todo| todo.completed.set(done)));
    };
    let clear_completed =
        move |_| todos.update(|t| t.retain(|todo| !todo.completed.get_untracked()));
    let shown = move || {
        todos
            .get()
            .into_iter()
            .filter(|todo| filter.get().shows(todo))
            .collect::<Vec<_>>()
    };
    let link = move |to: Filter, href: &'static str, label: &'static str| {
        view! { <li><a href=href class:selected=move || filter.get() == to>{label}</a></li> }
    };

    view! {
        <section class="todoapp">
            <header class="header">
                <h1>"todos"</h1>
                <input class="new-todo" placeholder="What needs to be done?" autofocus node_ref=input on:keydown=add/>
            </header>
            <section class="main" class:hidden=move || total.get() == 0>
                <input id="toggle-all" class="toggle-all" type="checkbox" prop:checked=move || remaining.get() == 0 on:input=toggle_all/>
                <label for="toggle-all">"Mark all as complete"</label>
                <ul class="todo-list">
                    <For each=shown key=|todo| todo.id let:todo>
                        <TodoItem todo remove/>
                    </For>
                </ul>
            </section>
            <footer class="footer" class:hidden=move || total.get() == 0>
                <span class="todo-count">
                    <strong>{remaining}</strong>
                    {move || if remaining.get() == 1 { " item left" } else { " items left" }}
                </span>
                <ul class="filters">
                    {link(Filter::All, "#/", "All")}
                    {link(Filter::Active, "#/active", "Active")}
                    {link(Filter::Completed, "#/completed", "Completed")}
                </ul>
                <button class="clear-completed" class:hidden=move || total.get() == remaining.get() on:click=clear_completed>
                    "Clear completed"
                </button>
            </footer>
        </section>
        <footer class="info">
            <p>"Double-click to edit a todo"</p>
        </footer>
    }
}

#[component]
fn TodoItem(todo: Todo, remove: impl Fn(u64) + Copy + 'static) -> impl IntoView {
    let editing = RwSignal::new(false);
    let edit = NodeRef::<Input>::new();
    let finish = move || {
        let Some(el) = edit.get() else { return };
        let title = el.value().trim().to_string();
        if title.is_empty() {
            remove(todo.id);
        } else {
            todo.title.set(title);
        }
        editing.set(false);
    };
    let start = move |_| {
        editing.set(true);
        if let Some(el) = edit.get() {
            let _ = el.focus();
        }
    };
    view! {
        <li class:completed=move || todo.completed.get() class:editing=move || editing.get()>
            <div class="view">
                <input class="toggle" type="checkbox" prop:checked=move || todo.completed.get() on:input=move |_| todo.completed.update(|c| *c = !*c)/>
                <label on:dblclick=start>{move || todo.title.get()}</label>
                <button class="destroy" on:click=move |_| remove(todo.id)></button>
            </div>
            <input class="edit" node_ref=edit prop:value=move || todo.title.get()
                on:blur=move |_| if editing.get_untracked() { finish() }
                on:keydown=move |e: KeyboardEvent| match e.key_code() {
                    ENTER => finish(),
                    ESCAPE => editing.set(false),
                    _ => {}
                }/>
        </li>
    }
}

fn main() {
    mount_to_body(TodoMvc);
}

//! Form controls for list filters. The filter itself lives in the URL; these only show it and
//! report changes.

use leptos::prelude::*;

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

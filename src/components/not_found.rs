//! "Not found": for an address that is not a route, and for an entry the catalog no longer has.

use leptos::prelude::*;

use crate::i18n::{use_locale, K};

#[component]
pub fn NotFound() -> impl IntoView {
    let loc = use_locale();
    view! {
        <section class="not-found">
            <h1>{move || loc.t(K::not_found_title)}</h1>
            <p>{move || loc.t(K::not_found_body)}</p>
            <a href=crate::paths::link("/") class="btn btn-primary">{move || loc.t(K::back_home)}</a>
        </section>
    }
}

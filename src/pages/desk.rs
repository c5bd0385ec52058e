//! The coordinators' desk (`crate::desk`), the one page of its own build at `<app>/desk/`. Its
//! texts are fetched first; offline before they are here, a message in the app's own words and a
//! retry.

use leptos::prelude::*;

use crate::components::gate::{CatalogGate, Skeleton};
use crate::i18n::{use_locale, K};

#[component]
pub fn Desk() -> impl IntoView {
    let loc = use_locale();
    let attempt = RwSignal::new(0u32);
    let ready = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        attempt.track();
        ready.set(None);
        leptos::task::spawn_local(async move { ready.set(Some(crate::desk::texts::load().await)) });
    });
    move || match ready.get() {
        None => view! { <Skeleton/> }.into_any(),
        // The catalog comes after the config, which says where the server is.
        Some(true) => view! { <CatalogGate let:_data><crate::desk::DeskFrame/></CatalogGate> }.into_any(),
        Some(false) => view! {
            <section class="load-error" role="alert">
                <h2>{move || loc.t(K::module_error_title)}</h2>
                <p>{move || loc.t(K::load_error_network)}</p>
                <button class="btn btn-primary" on:click=move |_| attempt.update(|n| *n += 1)>{move || loc.t(K::retry)}</button>
            </section>
        }.into_any(),
    }
}

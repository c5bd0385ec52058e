//! `/`: what the two programmes are, in the announcement's terms, and the way into each.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{use_locale, K};

#[component]
pub fn Home() -> impl IntoView {
    let loc = use_locale();
    view! {
        <h1>{move || loc.t(K::home_title)}</h1>
        <p>{move || loc.t(K::home_intro)}</p>
        <section class="programme" aria-labelledby="home-tak">
            <h2 id="home-tak">{move || loc.t(K::home_tak_title)}</h2>
            <p>{move || loc.t(K::home_tak_body)}</p>
            <A href=crate::app::link("/tak") attr:class="btn btn-primary">{move || loc.t(K::home_tak_cta)}</A>
        </section>
        <section class="programme" aria-labelledby="home-card">
            <h2 id="home-card">{move || loc.t(K::home_card_title)}</h2>
            <p>{move || loc.t(K::home_card_body)}</p>
            <div class="actions">
                <A href=crate::app::link("/services") attr:class="btn btn-primary">{move || loc.t(K::home_card_cta)}</A>
                <A href=crate::app::link("/programme") attr:class="btn">{move || loc.t(K::home_programme_link)}</A>
            </div>
        </section>
        <p><A href=crate::app::link("/about")>{move || loc.t(K::about_link)}</A></p>
    }
}

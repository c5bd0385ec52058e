//! `/`: what the two programmes are, in the announcement's terms, and the way into each. Its
//! links are plain `<a>`s (the router follows them the same): this page is in the first-load
//! module, where each `<A>` costs code.

use leptos::prelude::*;

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
            <a href=crate::app::link("/tak") class="btn btn-primary">{move || loc.t(K::home_tak_cta)}</a>
        </section>
        <section class="programme" aria-labelledby="home-card">
            <h2 id="home-card">{move || loc.t(K::home_card_title)}</h2>
            <p>{move || loc.t(K::home_card_body)}</p>
            <div class="actions">
                <a href=crate::app::link("/services") class="btn btn-primary">{move || loc.t(K::home_card_cta)}</a>
                <a href=crate::app::link("/programme") class="btn">{move || loc.t(K::home_programme_link)}</a>
            </div>
        </section>
        <p><a href=crate::app::link("/about")>{move || loc.t(K::about_link)}</a></p>
    }
}

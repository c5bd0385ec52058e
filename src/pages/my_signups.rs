//! `/my`: the sign-ups made on this phone, each with its delivery state, and what can be done:
//! send again, withdraw, or remove the personal data from the phone.

use leptos::prelude::*;
use leptos_router::components::A;
use tak_core::signup::{reference, withdrawal_sms_body};

use crate::components::sms_delivery::{sms_href, SmsDelivery};
use crate::delivery;
use crate::i18n::{use_locale, K};
use crate::state::use_app;

#[component]
pub fn MySignups() -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    // What the coordinators did since: now, and every 20 s while this page is open (which also
    // catches the connection coming back).
    delivery::refresh_status(state);
    if let Ok(every) = set_interval_with_handle(
        move || delivery::refresh_status(state),
        std::time::Duration::from_secs(20),
    ) {
        on_cleanup(move || every.clear());
    }
    // What is on screen is seen: the notice of new answers goes (now, and as answers arrive).
    Effect::new(move |_| {
        if state.outbox().with(|o| o.iter().any(|e| e.answer_unseen)) {
            state.mark_answers_seen();
        }
    });
    let ids = move || {
        state.outbox().with(|o| {
            o.iter()
                .rev()
                .map(|e| e.signup.id.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>{move || loc.t(K::my_title)}</h1>
        <Show when=move || state.outbox().with(Vec::is_empty)>
            <p class="empty">{move || loc.t(K::my_empty)}</p>
            <A href=crate::paths::link("/tak") attr:class="btn btn-primary">{move || loc.t(K::home_tak_cta)}</A>
        </Show>
        <div class="cards">
            <For each=ids key=|id| id.clone() let:id>
                <SignupRow id/>
            </For>
        </div>
    }
}

#[component]
fn SignupRow(id: String) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let id = StoredValue::new(id);
    let entry = state.entry(id);
    let has_endpoint = move || state.has_endpoint();
    let resend = move |_| state.resend(&id.get_value());
    let withdraw = move |_| state.withdraw(&id.get_value());
    let forget = move |_| state.forget_details(&id.get_value());
    move || {
        entry.get().map(|e| {
            // At a library desk the next person in line sees this screen: no one's details.
            let desk = state.settings().get().staff_mode;
            let shows_details = e.keeps_personal_data && !desk;
            let withdraw_sms = sms_href(&e.sms_to, &withdrawal_sms_body(&e.signup, &e.department_name));
            view! {
                <article class="card signup-row">
                    <h2 class="card-title"><bdi>{e.department_name.clone()}</bdi></h2>
                    <p class="meta">{loc.tf(K::reference, &[("ref", &reference(&e.signup.id))])}</p>
                    {shows_details.then(|| view! { <p><bdi>{e.signup.full_name.clone()}</bdi>{loc.get().list_separator()}<bdi dir="ltr">{e.signup.mobile.clone()}</bdi></p> })}
                    {(desk && e.keeps_personal_data).then(|| view! { <p class="meta">{loc.t(K::desk_details_hidden)}</p> })}
                    <SmsDelivery id=e.signup.id.clone() by_hand=!desk/>
                    {(!e.keeps_personal_data).then(|| view! { <p class="meta">{loc.t(K::forgotten)}</p> })}
                    <div class="actions">
                        {(e.can_resend() && has_endpoint()).then(|| view! { <button class="btn" on:click=resend>{loc.t(K::resend)}</button> })}
                        {e.can_withdraw().then(|| if e.withdraws_over_network(has_endpoint()) {
                            view! { <button class="btn btn-danger" on:click=withdraw>{loc.t(K::withdraw)}</button> }.into_any()
                        } else {
                            view! { <a class="btn btn-danger" href=withdraw_sms.clone()>{loc.t(K::withdraw)}</a> }.into_any()
                        })}
                        {shows_details.then(|| view! { <button class="btn" on:click=forget>{loc.t(K::forget)}</button> })}
                    </div>
                </article>
            }
        })
    }
}

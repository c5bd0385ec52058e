//! A sign-up's delivery as the volunteer sees it, and the ways it can also go by hand: an SMS to
//! the coordinator, or its text copied. Shown after the form is sent and on "my sign-ups".

use leptos::prelude::*;
use tak_core::outbox::Delivery;
use tak_core::signup;

use crate::browser;
use crate::components::icons;
use crate::i18n::{text, use_locale, K};
use crate::state::use_app;

/// The link that opens the messaging app with `to` and `body` filled in.
pub fn sms_href(to: &str, body: &str) -> String {
    signup::sms_uri(to, &browser::encode(body))
}

/// The text of a delivery state, in the reader's language. Without an endpoint a waiting
/// sign-up is never sent by the app, and the text says so.
pub fn delivery_text(
    lang: tak_core::Lang,
    d: &Delivery,
    position: u32,
    department: &str,
    has_endpoint: bool,
) -> String {
    match d {
        Delivery::Saved if !has_endpoint => text(lang, K::state_saved_no_endpoint).into(),
        Delivery::Saved => text(lang, K::state_saved).into(),
        Delivery::Sent => text(lang, K::state_sent).into(),
        Delivery::Confirmed => text(lang, K::state_confirmed).into(),
        Delivery::Rejected { reason } if reason.is_empty() => text(lang, K::state_declined).into(),
        Delivery::Rejected { reason } => {
            crate::i18n::fill(text(lang, K::state_rejected), &[("reason", reason)])
        }
        Delivery::SentBySms => text(lang, K::state_sms).into(),
        Delivery::WithdrawPending => text(lang, K::state_withdraw_pending).into(),
        Delivery::Withdrawn => text(lang, K::state_withdrawn).into(),
        Delivery::WaitingList if position == 0 => {
            crate::i18n::fill(text(lang, K::waiting_title), &[("name", department)])
        }
        Delivery::WaitingList => crate::i18n::fill(
            text(lang, K::state_waiting_position),
            &[("n", &lang.number(position))],
        ),
        Delivery::PlaceOffered => text(lang, K::state_place_offered).into(),
    }
}

/// A sign-up's state with the ways it can also go by hand: SMS to the coordinator, or its text
/// copied. Opening the messaging app never stops delivery over the network (the app may be
/// closed without sending); the volunteer says when the SMS went, and then, without an endpoint,
/// their details leave the phone.
#[component]
pub fn SmsDelivery(
    id: String,
    /// Offer the SMS and copy buttons (not at a desk's "my sign-ups": their text is personal).
    by_hand: bool,
) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let copied = RwSignal::new(false);
    let id = StoredValue::new(id);
    let entry = state.entry(id);
    let has_endpoint = move || state.has_endpoint();
    let body = move || {
        entry
            .get()
            .map(|e| signup::sms_body(&e.signup, &e.department_name))
            .unwrap_or_default()
    };
    let open_sms = move |_| state.sms_opened(&id.get_value());
    let sms_sent = move |_| state.sms_sent(&id.get_value());
    let copy = move |_| {
        let text = body();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                copied.set(true);
            }
        });
    };
    move || {
        entry.get().map(|e| {
            let lang = loc.get();
            let waiting = by_hand && e.delivery == Delivery::Saved && e.keeps_personal_data;
            let href = sms_href(&e.sms_to, &signup::sms_body(&e.signup, &e.department_name));
            let primary = if has_endpoint() { "btn" } else { "btn btn-primary" };
            view! {
                <p class="delivery-state"><strong>{delivery_text(lang, &e.delivery, e.position, &e.department_name, has_endpoint())}</strong></p>
                {waiting.then(|| view! {
                    <div class="actions">
                        <a class=primary href=href on:click=open_sms>{icons::sms()}<span>{text(lang, K::send_by_sms)}</span></a>
                        <button class="btn" on:click=copy>{text(lang, K::copy_text)}</button>
                        {(e.sms_opened || copied.get()).then(|| view! {
                            <button class="btn sms-sent" on:click=sms_sent>{text(lang, K::sms_sent_button)}</button>
                        })}
                    </div>
                    {(e.sms_opened && has_endpoint()).then(|| view! { <p class="hint">{text(lang, K::sms_opened_note)}</p> })}
                    {copied.get().then(|| view! { <p>{text(lang, K::text_copied)}</p> })}
                })}
            }
        })
    }
}

//! `/tak/<id>/signup`: the volunteer sign-up form. What is typed is kept as a draft on the phone;
//! errors follow the GOV.UK pattern (a summary linking to each field, plus a message at the field);
//! a valid sign-up goes to the outbox, which delivers it exactly once.

use std::sync::Arc;

use leptos::prelude::*;
use tak_core::catalog::TextField;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use tak_core::catalog::AgeGroup;
use tak_core::outbox::Entry;
use tak_core::schedule::Weekday;
use tak_core::signup::{self, FieldError, FieldId, SignupForm};

use crate::api::CatalogData;
use crate::browser;
use crate::components::cards::PlacesBadge;
use crate::components::contact::dial_string;
use crate::components::icons;
use crate::components::sms_delivery::SmsDelivery;
use crate::components::text::tx_str;
use crate::format;
use crate::i18n::{use_locale, K};
use crate::state::{use_app, AppState};
use crate::storage;

pub fn error_key(e: FieldError) -> K {
    match e {
        FieldError::NameMissing => K::err_name_missing,
        FieldError::NameTooLong => K::err_name_too_long,
        FieldError::MobileMissing => K::err_mobile_missing,
        FieldError::MobileInvalid => K::err_mobile_invalid,
        FieldError::NationalIdLength => K::err_nid_length,
        FieldError::NationalIdChecksum => K::err_nid_checksum,
        FieldError::AgeGroupMissing => K::err_age_missing,
        FieldError::NoteTooLong => K::err_note_too_long,
        FieldError::ConsentMissing => K::err_consent_missing,
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    crate::components::entry::entry_page(
        |d, id| d.index.department_by_id.get(id).copied(),
        |data, index| view! { <SignupForDepartment data index/> }.into_any(),
    )
}

/// Where a sign-up's SMS goes: the coordinator, else the programme's number.
fn sms_recipient(state: AppState, coordinator_phone: &str) -> String {
    dial_string(coordinator_phone)
        .or_else(|| dial_string(&state.config().get_untracked().sms_number))
        .unwrap_or_default()
}

#[component]
pub fn SignupForDepartment(data: Arc<CatalogData>, index: usize) -> impl IntoView {
    let loc = use_locale();
    let state = use_app();
    let query = use_query_map();
    let dep = data.catalog.x_tak_departments[index].clone();
    crate::live::refresh(state);
    // Whether the volunteer asks for the waiting list; the server's answer has the last word.
    let places_now = crate::live::places_left_untracked(&dep.id).unwrap_or(dep.places_available);
    let waiting = places_now <= 0 || query.with_untracked(|q| q.get("waiting").is_some());
    let staff = state.settings().get_untracked().staff_mode;
    let draft_key = storage::draft_key(&dep.id);
    let initial = if staff {
        None
    } else {
        storage::get_json::<SignupForm>(&draft_key).ok().flatten()
    };
    let form = RwSignal::new(initial.unwrap_or_default());
    let keep_details = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<(FieldId, FieldError)>::new());
    let submitted = RwSignal::new(None::<String>);

    // Every keystroke is kept on the phone (not at a desk, where nothing personal may stay).
    let key = StoredValue::new(draft_key);
    let save_draft = move || {
        if !state.settings().get_untracked().staff_mode {
            key.with_value(|k| state.note_storage(storage::set_json(k, &form.get_untracked())));
        }
    };
    let edit = move |f: fn(&mut SignupForm, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            form.update(|form| f(form, v));
            save_draft();
        }
    };
    let toggle_day = move |code: &'static str, on: bool| {
        form.update(|f| {
            f.days.retain(|d| d != code);
            if on {
                f.days.push(code.to_string());
            }
        });
        save_draft();
    };
    let set_consent = move |on: bool| {
        form.update(|f| f.consent = on);
        save_draft();
    };

    let dep_for_submit = StoredValue::new(dep.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let dep_for_submit = dep_for_submit.get_value();
        ev.prevent_default();
        if submitted.get_untracked().is_some() {
            return;
        }
        match signup::validate(&form.get_untracked()) {
            Err(e) => {
                errors.set(e);
                request_animation_frame(|| browser::focus("error-summary"));
            }
            Ok(valid) => {
                errors.set(Vec::new());
                let lang = loc.get_untracked();
                let id = browser::random_id();
                let s = valid.into_signup(
                    id.clone(),
                    &dep_for_submit.id,
                    lang.code(),
                    browser::iso_now(),
                    waiting,
                );
                let mut entry = Entry::new(
                    s,
                    tx_str(
                        &dep_for_submit.x_translations,
                        TextField::NAME,
                        &dep_for_submit.name,
                        lang,
                    ),
                );
                entry.keep_details =
                    keep_details.get_untracked() && !state.settings().get_untracked().staff_mode;
                entry.sms_to = sms_recipient(state, &dep_for_submit.coordinator.phone);
                state.add_signup(entry);
                let _ = storage::remove(&storage::draft_key(&dep_for_submit.id));
                form.set(SignupForm::default());
                submitted.set(Some(id));
                request_animation_frame(|| browser::focus("signup-done"));
            }
        }
    };

    // The same mobile signing up again for this department: said, not refused.
    let dep_id = StoredValue::new(dep.id.clone());
    let signed_up_before = move || {
        let Ok(mobile) = form.with(|f| signup::normalize_mobile(&f.mobile)) else {
            return false;
        };
        state
            .outbox()
            .with(|o| dep_id.with_value(|d| tak_core::outbox::signed_up_before(o, d, &mobile)))
    };
    let error_of =
        move |field: FieldId| errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, e)| *e));
    let field_class = move |field: FieldId| {
        if error_of(field).is_some() {
            "field field-error"
        } else {
            "field"
        }
    };
    let error_line = move |field: FieldId| {
        move || {
            error_of(field).map(|e| {
                view! { <p class="error-message" id=format!("{}-error", field.html_id())>{loc.t(error_key(e))}</p> }
            })
        }
    };
    let described = move |field: FieldId, hint: bool| {
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(format!("{}-hint", field.html_id()));
            }
            if error_of(field).is_some() {
                ids.push(format!("{}-error", field.html_id()));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move |field: FieldId| move || error_of(field).map(|_| "true");

    let title = {
        let dep = dep.clone();
        move || {
            let name = tx_str(&dep.x_translations, TextField::NAME, &dep.name, loc.get());
            loc.tf(
                if waiting {
                    K::waiting_title
                } else {
                    K::signup_title
                },
                &[("name", &name)],
            )
        }
    };
    let back_href = format!("/tak/{}", browser::encode(&dep.id));
    let (badge_id, badge_places, catalog_date) = (
        dep.id.to_string(),
        dep.places_available,
        data.catalog.updated.clone(),
    );

    view! {
        <A href=crate::paths::link(&back_href) attr:class="back">{icons::back()}<span>{move || loc.t(K::tak_title)}</span></A>
        <h1>{title}</h1>
        <p class="form-places"><PlacesBadge department_id=badge_id catalog_places=badge_places catalog_date/></p>
        {move || match submitted.get() {
            Some(id) => view! { <SignupDone id on_new=Callback::new(move |_| submitted.set(None))/> }.into_any(),
            None => view! {
                <ErrorSummary errors=errors.read_only()/>
                <p class="hint">{move || loc.t(if state.settings().get().staff_mode { K::draft_not_kept_desk } else if state.storage_error().get().is_some() { K::draft_not_kept } else { K::draft_kept })}</p>
                <form class="signup" novalidate on:submit=on_submit>
                    <div class=move || field_class(FieldId::FullName)>
                        <label for="signup-name">{move || loc.t(K::field_full_name)}</label>
                        {error_line(FieldId::FullName)}
                        <input id="signup-name" type="text" autocomplete="name" dir="auto" maxlength="200"
                            aria-invalid=invalid(FieldId::FullName) aria-describedby=described(FieldId::FullName, false)
                            prop:value=move || form.with(|f| f.full_name.clone()) on:input=edit(|f, v| f.full_name = v)/>
                    </div>
                    <div class=move || field_class(FieldId::Mobile)>
                        <label for="signup-mobile">{move || loc.t(K::field_mobile)}</label>
                        <p class="hint" id="signup-mobile-hint">{move || loc.t(K::hint_mobile)}</p>
                        {error_line(FieldId::Mobile)}
                        <input id="signup-mobile" type="tel" inputmode="tel" autocomplete="tel" dir="ltr" maxlength="40"
                            aria-invalid=invalid(FieldId::Mobile) aria-describedby=described(FieldId::Mobile, true)
                            prop:value=move || form.with(|f| f.mobile.clone()) on:input=edit(|f, v| f.mobile = v)/>
                        <Show when=signed_up_before>
                            <p class="notice duplicate-warning" role="status">{move || loc.t(K::duplicate_signup)}</p>
                        </Show>
                    </div>
                    <div class=move || field_class(FieldId::NationalId)>
                        <label for="signup-national-id">{move || loc.t(K::field_national_id)}" "{move || loc.t(K::optional)}</label>
                        <p class="hint" id="signup-national-id-hint">{move || loc.t(K::hint_national_id)}</p>
                        {error_line(FieldId::NationalId)}
                        <input id="signup-national-id" type="text" inputmode="numeric" autocomplete="off" dir="ltr" maxlength="20"
                            aria-invalid=invalid(FieldId::NationalId) aria-describedby=described(FieldId::NationalId, true)
                            prop:value=move || form.with(|f| f.national_id.clone()) on:input=edit(|f, v| f.national_id = v)/>
                    </div>
                    <div class=move || field_class(FieldId::AgeGroup)>
                        <label for="signup-age">{move || loc.t(K::field_age_group)}</label>
                        {error_line(FieldId::AgeGroup)}
                        <select id="signup-age" aria-invalid=invalid(FieldId::AgeGroup) aria-describedby=described(FieldId::AgeGroup, false)
                            on:change=edit(|f, v| f.age_group = v) prop:value=move || form.with(|f| f.age_group.clone())>
                            <option value="">{move || loc.t(K::choose)}</option>
                            {AgeGroup::ALL.into_iter().map(|a| view! {
                                <option value=a.code() selected=move || form.with(|f| f.age_group == a.code())>{move || format::age(loc.get(), a)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <DaysField chosen=Signal::derive(move || form.with(|f| f.days.clone()))
                        on_toggle=Callback::new(move |(code, on)| toggle_day(code, on))/>
                    <div class=move || field_class(FieldId::Note)>
                        <label for="signup-note">{move || loc.t(K::field_note)}" "{move || loc.t(K::optional)}</label>
                        {error_line(FieldId::Note)}
                        <textarea id="signup-note" dir="auto" maxlength="1000" rows="3"
                            aria-invalid=invalid(FieldId::Note) aria-describedby=described(FieldId::Note, false)
                            prop:value=move || form.with(|f| f.note.clone()) on:input=edit(|f, v| f.note = v)></textarea>
                    </div>
                    <div class=move || field_class(FieldId::Consent)>
                        {error_line(FieldId::Consent)}
                        <div class="check">
                            <input type="checkbox" id="signup-consent"
                                aria-invalid=invalid(FieldId::Consent) aria-describedby=described(FieldId::Consent, false)
                                prop:checked=move || form.with(|f| f.consent) on:change=move |ev| set_consent(event_target_checked(&ev))/>
                            <label for="signup-consent">{move || loc.t(K::field_consent)}</label>
                        </div>
                    </div>
                    <Show when=move || !state.settings().get().staff_mode>
                        <div class="check">
                            <input type="checkbox" id="signup-keep" prop:checked=move || keep_details.get() on:change=move |ev| keep_details.set(event_target_checked(&ev))/>
                            <label for="signup-keep">{move || loc.t(K::keep_details)}</label>
                        </div>
                    </Show>
                    <button type="submit" class="btn btn-primary btn-wide">{move || loc.t(K::submit)}</button>
                </form>
            }.into_any(),
        }}
    }
}

/// The list of what is wrong with the form, each a link to its field; it takes the focus when the
/// volunteer submits a form with errors.
#[component]
fn ErrorSummary(errors: ReadSignal<Vec<(FieldId, FieldError)>>) -> impl IntoView {
    let loc = use_locale();
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{move || loc.t(K::error_summary)}</h2>
                <ul>
                    {move || errors.get().into_iter().map(|(f, e)| view! {
                        <li><a href=format!("#{}", f.html_id())>{loc.t(error_key(e))}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// The days the volunteer can come, one checkbox a weekday (`chosen` holds their codes).
#[component]
fn DaysField(chosen: Signal<Vec<String>>, on_toggle: Callback<(&'static str, bool)>) -> impl IntoView {
    let loc = use_locale();
    view! {
        <fieldset class="field">
            <legend>{move || loc.t(K::field_days)}" "{move || loc.t(K::optional)}</legend>
            <div class="days">
                {Weekday::ALL.into_iter().map(|d| {
                    let id = format!("signup-day-{}", d.code());
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone()
                                prop:checked=move || chosen.with(|days| days.iter().any(|x| x == d.code()))
                                on:change=move |ev| on_toggle.run((d.code(), event_target_checked(&ev)))/>
                            <label for=id>{move || format::weekday(loc.get(), d)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn SignupDone(id: String, on_new: Callback<()>) -> impl IntoView {
    let loc = use_locale();
    let reference = signup::reference(&id);
    view! {
        <section class="success" id="signup-done" tabindex="-1" role="status">
            <h2>{move || loc.t(K::signup_done_title)}</h2>
            <p>{move || loc.tf(K::reference, &[("ref", &reference)])}</p>
            <SmsDelivery id=id.clone() by_hand=true/>
            <div class="actions">
                <button class="btn" on:click=move |_| on_new.run(())>{move || loc.t(K::new_signup)}</button>
            </div>
        </section>
    }
}

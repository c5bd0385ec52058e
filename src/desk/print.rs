//! The printable list of a session: who is expected, with a column to sign, for the first
//! meeting. Shown on screen and sent to the printer; the rest of the desk is not printed.

use leptos::prelude::*;
use tak_core::desk::{session_list, DeskSignup, Session};

use super::signups::{age_word, session_label};
use super::texts::{use_desk_text, D};
use crate::i18n::use_locale;

#[derive(Clone, Debug)]
pub struct Printing {
    pub department: String,
    /// None: everyone taking part (a department without weekly sessions).
    pub session: Option<Session>,
    pub signups: Vec<DeskSignup>,
}

#[component]
pub fn PrintList(printing: Printing, on_close: Callback<()>) -> impl IntoView {
    let dt = use_desk_text();
    let loc = use_locale();
    let Printing {
        department,
        session,
        signups,
    } = printing;
    let rows: Vec<DeskSignup> = match &session {
        Some(s) => session_list(&signups, s.day).into_iter().cloned().collect(),
        // Everyone taking part: the same rule as a session's, any day.
        None => {
            let mut all: Vec<DeskSignup> =
                signups.into_iter().filter(DeskSignup::is_active).collect();
            all.sort_by_cached_key(|s| tak_core::query::sort_key(&s.full_name));
            all
        }
    };
    let count = rows.len() as i64;
    let label = session.as_ref().map(|s| session_label(dt, s));
    let made = crate::browser::iso_now();
    // Printed once drawn; the coordinator can print again or go back.
    request_animation_frame(print_page);
    view! {
        <section class="print-sheet">
            <div class="actions no-print">
                <button class="btn btn-primary" on:click=move |_| print_page()>{move || dt.t(D::print)}</button>
                <button class="btn" on:click=move |_| on_close.run(())>{move || dt.t(D::close_print)}</button>
            </div>
            <h2><bdi>{let d = department.clone(); move || dt.tf(D::print_title, &[("department", &d)])}</bdi></h2>
            {label.map(|l| view! { <p class="print-session">{l}</p> })}
            <p class="meta">{move || dt.count(D::print_count, count)}" · "{move || dt.tf(D::print_made, &[("when", &super::signups::moment(loc.get(), &made))])}</p>
            <table class="print-table">
                <thead><tr>
                    <th>"#"</th>
                    <th>{move || dt.t(D::col_name)}</th>
                    <th>{move || dt.t(D::col_mobile)}</th>
                    <th>{move || dt.t(D::col_age)}</th>
                    <th>{move || dt.t(D::col_reference)}</th>
                    <th class="print-sign">{move || dt.t(D::col_signature)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, s)| view! {
                        <tr>
                            <td>{move || loc.num(i + 1)}</td>
                            <td><bdi>{s.full_name.clone()}</bdi></td>
                            <td><bdi dir="ltr">{s.mobile.clone()}</bdi></td>
                            <td>{let a = s.age_group.clone(); move || age_word(loc.get(), &a)}</td>
                            <td><bdi dir="ltr">{s.reference.clone()}</bdi></td>
                            <td class="print-sign"></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

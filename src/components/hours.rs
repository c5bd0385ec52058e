//! The weekly hours of a place or a department, Saturday first, in the reader's digits.

use leptos::prelude::*;
use tak_core::schedule::{Hours, Weekday};

use crate::format;
use crate::i18n::{use_locale, K};

#[component]
pub fn WeekHours(hours: Hours) -> impl IntoView {
    let loc = use_locale();
    let rows = move || {
        let lang = loc.get();
        Weekday::ALL
            .into_iter()
            .map(|d| {
                let ranges = hours.day(d.index());
                let text = if ranges.is_empty() {
                    crate::i18n::text(lang, K::closed).to_string()
                } else {
                    ranges
                        .iter()
                        .map(|&(o, c)| {
                            format!("{}–{}", format::time(lang, o), format::time(lang, c))
                        })
                        .collect::<Vec<_>>()
                        .join("، ")
                };
                view! { <tr><th scope="row">{format::weekday(lang, d)}</th><td>{text}</td></tr> }
            })
            .collect_view()
    };
    view! { <table class="hours"><tbody>{rows}</tbody></table> }
}

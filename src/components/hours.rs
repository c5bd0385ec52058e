//! The hours of a place or a department over the coming seven days, today first, in the reader's
//! digits. Dated changes (a closure for repairs, holiday hours) and a service's status win over
//! the regular week, and the reason for a change is shown on the days it covers.

use leptos::prelude::*;
use tak_core::schedule::{Hours, IranTime};

use crate::format;
use crate::i18n::{text, use_locale, K};

#[component]
pub fn WeekHours(hours: Hours) -> impl IntoView {
    let loc = use_locale();
    let clock = crate::clock::use_clock();
    let rows = move || {
        let lang = loc.get();
        let today = clock.now().day;
        (today..today + 7)
            .map(|day| {
                let weekday = IranTime { day, minute: 0 }.weekday();
                let ranges = hours.ranges_on(day);
                let times = if ranges.is_empty() {
                    text(lang, K::closed).to_string()
                } else {
                    ranges
                        .iter()
                        .map(|&(o, c)| {
                            format!("{}–{}", format::time(lang, o), format::time(lang, c))
                        })
                        .collect::<Vec<_>>()
                        .join(lang.list_separator())
                };
                // The catalog gives the reason in Persian only.
                let change = hours.change_on(day).map(|why| {
                    if why.is_empty() {
                        view! { <span class="hours-change">{text(lang, K::hours_changed)}</span> }.into_any()
                    } else {
                        let in_persian = (lang != tak_core::Lang::Fa).then_some("fa");
                        view! { <span class="hours-change" lang=in_persian>{why.to_string()}</span> }.into_any()
                    }
                });
                let class = if day == today { "today" } else { "" };
                view! {
                    <tr class=class>
                        <th scope="row">{format::weekday(lang, weekday)}</th>
                        <td>{times}{change}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! { <table class="hours"><tbody>{rows}</tbody></table> }
}

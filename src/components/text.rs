//! Catalog text on screen: isolated with `<bdi>` so hostile or mixed-direction text cannot reorder
//! what surrounds it, and marked with `lang` when it fell back to Persian so screen readers
//! pronounce it right.

use leptos::prelude::*;
use tak_core::catalog::{localize, TextField, Translations};
use tak_core::Lang;

/// One localized field of a catalog entry (`TextField::NAME`, …).
pub fn tx(tr: &Translations, field: TextField, base: &str, reader: Lang) -> impl IntoView + use<> {
    let l = localize(tr, field, base, reader);
    let lang = (l.lang != reader).then(|| l.lang.code());
    // Numbers inside Persian or Arabic text are read in the reader's digits ("خیابان ۱۲").
    let text = if l.lang.is_rtl() && reader.is_rtl() {
        reader.digits(l.text)
    } else {
        l.text.to_string()
    };
    view! { <bdi lang=lang>{text}</bdi> }
}

/// The plain string of one localized field (for attributes, sorting, sharing).
pub fn tx_str(tr: &Translations, field: TextField, base: &str, reader: Lang) -> String {
    localize(tr, field, base, reader).text.to_string()
}

//! A QR code drawn as SVG, for the printable department poster.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// SVG path data with one unit square per dark module (adjacent squares share a run).
pub fn qr_path(text: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut d = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if qr.get_module(x, y) {
                let start = x;
                while x < size && qr.get_module(x, y) {
                    x += 1;
                }
                d.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Some((size, d))
}

#[component]
pub fn Qr(#[prop(into)] text: String, #[prop(into)] label: String) -> impl IntoView {
    qr_path(&text).map(|(size, d)| {
        let view_box = format!("-4 -4 {} {}", size + 8, size + 8);
        view! {
            <div class="qr">
                <svg viewBox=view_box role="img" aria-label=label shape-rendering="crispEdges">
                    <rect x="-4" y="-4" width=size + 8 height=size + 8 fill="#fff"/>
                    <path d=d fill="#000"/>
                </svg>
            </div>
        }
    })
}

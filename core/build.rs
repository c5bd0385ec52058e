//! Generates the table that folds the Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC),
//! which text copied from PDFs carries, to the letters they stand for. The mapping is Unicode's
//! compatibility decomposition, taken from `unicode-normalization` here at build time, so that
//! the crate's tables never reach the phone.
//!
//! The table is small because it ships in the first-load wasm (BENCHMARKS.md): one byte per code
//! point of the two blocks (how many letters it stands for, 0 for none), and the letters, one
//! byte each (every one is in U+0601–U+06FF, or a space, written 0).

use std::fmt::Write;

use unicode_normalization::char::decompose_compatible;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::new();
    for (name, range) in [("FB50", 0xFB50u32..=0xFDFF), ("FE70", 0xFE70..=0xFEFC)] {
        let mut lens = Vec::new();
        let mut letters = Vec::new();
        for c in range {
            let mut d = Vec::new();
            if let Some(c) = char::from_u32(c) {
                decompose_compatible(c, |x| d.push(x));
                if d == [c] {
                    d.clear();
                }
            }
            lens.push(u8::try_from(d.len()).expect("a short decomposition"));
            for x in d {
                letters.push(match x as u32 {
                    0x20 => 0,
                    0x0601..=0x06FF => (x as u32 - 0x0600) as u8,
                    other => {
                        panic!("U+{c:04X} decomposes to U+{other:04X}, outside the Arabic block")
                    }
                });
            }
        }
        writeln!(code, "static LENS_{name}: [u8; {}] = {lens:?};", lens.len()).unwrap();
        writeln!(
            code,
            "static LETTERS_{name}: [u8; {}] = {letters:?};",
            letters.len()
        )
        .unwrap();
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR"))
        .join("presentation_forms.rs");
    std::fs::write(out, code).expect("write presentation_forms.rs");
}

//! Times reading a catalog file, leaving the results alive (freeing is not part of loading), in
//! one of these ways: `parse` (reading only), `load` (reading and validating the whole text),
//! `load-fa`, `load-ar` or `load-en` (the same for one reader, as the app reads it) or
//! `pieces` (`CatalogStream`: reading and validating in 64 KiB pieces, as the app does); or,
//! with `index`, times building the search index of the loaded catalog:
//! `cargo run --release -p tak-core --example load_timing -- catalog.json [parse|load|load-fa|load-ar|load-en|pieces|index] [times] [free]`
use std::time::Instant;
use tak_core::catalog::{CatalogStream, Loaded, KHUZESTAN_BOUNDS};

fn main() {
    let mut args = std::env::args().skip(1);
    let text = std::fs::read_to_string(args.next().expect("a catalog file")).unwrap();
    let way = args.next().unwrap_or_else(|| "load".into());
    if way == "index" {
        let loaded = tak_core::catalog::load(&text).unwrap();
        let mut keep = Vec::new();
        let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
        for _ in 0..times {
            let t = Instant::now();
            keep.push(tak_core::query::Index::build(&loaded.catalog));
            println!("index {:?}", t.elapsed());
        }
        std::mem::forget(keep);
        return;
    }
    let read: fn(&str) -> Loaded = match way.as_str() {
        "parse" => |text| tak_core::catalog::parse(text).unwrap(),
        "load" => |text| tak_core::catalog::load(text).unwrap(),
        "load-fa" => |text| tak_core::catalog::load_for(text, tak_core::Lang::Fa).unwrap(),
        "load-ar" => |text| tak_core::catalog::load_for(text, tak_core::Lang::Ar).unwrap(),
        "load-en" => |text| tak_core::catalog::load_for(text, tak_core::Lang::En).unwrap(),
        "pieces" => |text| {
            let mut stream = CatalogStream::new();
            for piece in text.as_bytes().chunks(64 << 10) {
                stream.push(piece);
            }
            stream
                .finish(&KHUZESTAN_BOUNDS, None)
                .expect("read in pieces")
        },
        _ => panic!("parse, load, load-fa, load-ar, load-en or pieces"),
    };
    // With `free`, each result is freed before the next read, as criterion does: the allocator
    // then reuses memory, as an app that reads the catalog again does.
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let free = args.next().is_some_and(|a| a == "free");
    let mut keep = Vec::new();
    let mut took = Vec::new();
    for _ in 0..times {
        let t = Instant::now();
        let loaded = read(&text);
        took.push(t.elapsed());
        println!("{way} {:?}", t.elapsed());
        if !free {
            keep.push(loaded);
        }
    }
    took.sort();
    println!(
        "median {:?}, range {:?}–{:?}",
        took[times / 2],
        took[0],
        took[times - 1]
    );
    std::mem::forget(keep);
}

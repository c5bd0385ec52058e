//! Any bytes as a catalog: loading must return a catalog or an error, never panic, and whatever it
//! keeps must satisfy the validator's promises. Read in pieces, as the app reads a download, a
//! document reads exactly as it does whole; and what serde's plain reading of a `Catalog` reads,
//! the lenient reader reads the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tak_core::catalog::{
    allowed_link, load, load_for, parse, phone_ok, Catalog, CatalogStream, KHUZESTAN_BOUNDS,
};
use tak_core::query::{Index, ServiceFilter};
use tak_core::schedule::IranTime;
use tak_core::Lang;

/// `data` read in pieces of `size` bytes, for `reader` (everything with `None`).
fn in_pieces(data: &[u8], size: usize, reader: Option<Lang>) -> CatalogStream {
    let mut stream = reader.map_or_else(CatalogStream::new, CatalogStream::for_reader);
    for piece in data.chunks(size) {
        if !stream.push(piece) {
            break;
        }
    }
    stream
}

fuzz_target!(|data: &[u8]| {
    // A browser decodes broken UTF-8 as `String::from_utf8_lossy` does; so does the reader.
    let text = String::from_utf8_lossy(data);
    let whole = load(&text);
    // Pieces of a few bytes for a small document; larger for a large one, whose entries would
    // otherwise be read again at every piece.
    let size = 1 + data.first().map_or(0, |&b| b as usize % 97) * (1 + data.len() / 4096);
    let streamed = in_pieces(data, size, None).finish(&KHUZESTAN_BOUNDS, None);
    assert_eq!(streamed, whole);
    // And read for one reader, as the app reads: the same both ways too.
    let reader = [Lang::Fa, Lang::Ar, Lang::En][data.get(1).map_or(0, |&b| b as usize % 3)];
    let streamed = in_pieces(data, size, Some(reader)).finish(&KHUZESTAN_BOUNDS, None);
    assert_eq!(streamed, load_for(&text, reader));
    if let Ok(plain) = serde_json::from_str::<Catalog>(&text) {
        let read = parse(&text).expect("what serde reads is a catalog").catalog;
        assert_eq!(read.organizations, plain.organizations);
        assert_eq!(read.locations, plain.locations);
        assert_eq!(read.services, plain.services);
        assert_eq!(read.x_tak_departments, plain.x_tak_departments);
    }
    let Ok(loaded) = whole else { return };
    let c = &loaded.catalog;
    for l in &c.locations {
        assert!((KHUZESTAN_BOUNDS.lat_min..=KHUZESTAN_BOUNDS.lat_max).contains(&l.latitude));
    }
    for s in &c.services {
        assert!(s.url.is_empty() || allowed_link(&s.url));
        assert!(s.phones.iter().all(|p| phone_ok(&p.number)));
    }
    for d in &c.x_tak_departments {
        assert!(d.capacity >= 0 && d.places_available >= 0);
    }
    let index = Index::build(c);
    let now = IranTime::local(2026, 11, 28, 10, 0);
    let _ = ServiceFilter {
        q: text.chars().take(20).collect(),
        open_now: true,
        ..Default::default()
    }
    .apply(c, &index, now, Some((31.3, 48.7)));
});

//! Any bytes as a catalog: loading must return a catalog or an error, never panic, and whatever it
//! keeps must satisfy the validator's promises. Read in pieces, as the app reads a download, a
//! document must either be handed back to the whole-text reader or read exactly as that reads it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tak_core::catalog::{allowed_link, load, load_for, phone_ok, CatalogStream, KHUZESTAN_BOUNDS};
use tak_core::query::{Index, ServiceFilter};
use tak_core::schedule::IranTime;
use tak_core::Lang;

fuzz_target!(|data: &[u8]| {
    // The app decodes a download as `String::from_utf8_lossy` does before reading it whole.
    let text = String::from_utf8_lossy(data);
    let whole = load(&text);
    // Pieces of a few bytes for a small document; larger for a large one, whose entries would
    // otherwise be read again at every piece.
    let size = 1 + data.first().map_or(0, |&b| b as usize % 97) * (1 + data.len() / 4096);
    let mut stream = CatalogStream::new();
    for piece in data.chunks(size) {
        if !stream.push(piece) {
            break;
        }
    }
    if let Some(streamed) = stream.finish(&KHUZESTAN_BOUNDS, None) {
        assert_eq!(Ok(&streamed), whole.as_ref());
    }
    // And read for one reader, as the app reads: the same both ways too.
    let reader = [Lang::Fa, Lang::Ar, Lang::En][data.get(1).map_or(0, |&b| b as usize % 3)];
    let mut stream = CatalogStream::for_reader(reader);
    for piece in data.chunks(size) {
        if !stream.push(piece) {
            break;
        }
    }
    if let Some(streamed) = stream.finish(&KHUZESTAN_BOUNDS, None) {
        assert_eq!(Ok(streamed), load_for(&text, reader));
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

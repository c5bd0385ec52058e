//! Any bytes as a catalog: loading must return a catalog or an error, never panic, and whatever it
//! keeps must satisfy the validator's promises.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tak_core::catalog::{allowed_link, load, phone_ok, KHUZESTAN_BOUNDS};
use tak_core::query::{Index, ServiceFilter};
use tak_core::schedule::IranTime;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = load(text) else { return };
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

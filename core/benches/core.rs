//! Pure-logic benchmarks on a deterministic 10,000-service, 500-department catalog (issue 8):
//! parse + validate, one search + filter + sort query, and open-now over every place.
//! Run with `cargo bench -p tak-core` (or `make bench`, which records the figures).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use tak_core::catalog::{load, load_for};
use tak_core::geo::CountyShapes;
use tak_core::query::{DepartmentFilter, Index, ServiceFilter, SortBy};
use tak_core::schedule::IranTime;
use tak_core::synth::{generate, Spec};
use tak_core::Lang;

fn big_catalog() -> String {
    let shapes =
        CountyShapes::from_geojson(include_str!("../../data/khuzestan-counties.geojson")).unwrap();
    let spec = Spec {
        seed: 7,
        services: 10_000,
        departments: 500,
        pilot_only: false,
        sample: false,
    };
    serde_json::to_string(&generate(&spec, &shapes)).unwrap()
}

fn benches(c: &mut Criterion) {
    let text = big_catalog();
    eprintln!("catalog: {} bytes", text.len());
    // Each catalog is freed, untimed, before the next read: freeing is not part of reading.
    // (`iter_with_large_drop` kept a batch of six catalogs alive, 400 MB of fresh memory to
    // fault in, which no reader does: the app holds at most two.)
    c.bench_function("parse + validate 10k services", |b| {
        b.iter_batched(
            || (),
            |()| load(black_box(&text)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    // What the app reads: every language's names, the other texts in the reader's language only.
    for (lang, reader) in [
        (Lang::Fa, "a Persian"),
        (Lang::Ar, "an Arabic"),
        (Lang::En, "an English"),
    ] {
        c.bench_function(
            &format!("parse + validate 10k services for {reader} reader"),
            |b| {
                b.iter_batched(
                    || (),
                    |()| load_for(black_box(&text), lang).unwrap(),
                    BatchSize::PerIteration,
                )
            },
        );
    }
    let loaded = load(&text).unwrap();
    let catalog = loaded.catalog;
    c.bench_function("build search index", |b| {
        b.iter(|| black_box(Index::build(black_box(&catalog))))
    });
    let index = Index::build(&catalog);
    let now = IranTime::local(2026, 11, 28, 10, 30);
    let query = ServiceFilter {
        q: "كتابخانه اهواز".into(),
        open_now: true,
        free_only: true,
        sort: SortBy::Distance,
        ..Default::default()
    };
    c.bench_function("search + filter + sort services", |b| {
        b.iter(|| black_box(query.apply(&catalog, &index, now, Some((31.32, 48.68)))))
    });
    // The list as first shown, and after the search box is cleared: every service, by name.
    let everything = ServiceFilter::default();
    c.bench_function("all services by name", |b| {
        b.iter(|| black_box(everything.apply(&catalog, &index, now, None)))
    });
    let dq = DepartmentFilter {
        q: "نجوم".into(),
        has_places: true,
        ..Default::default()
    };
    c.bench_function("search + filter departments", |b| {
        b.iter(|| black_box(dq.apply(&catalog, &index, None)))
    });
    c.bench_function("open now over all places", |b| {
        b.iter(|| black_box(index.place_hours.iter().filter(|h| h.is_open(now)).count()))
    });
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(core);

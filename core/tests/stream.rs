//! Reading a catalog piece by piece (`CatalogStream`, what the app does as the catalog downloads)
//! gives the same catalog and problems as reading the whole text (`load`), however the document
//! is cut; and anything it does not read itself, it hands back for `load` to read and report.

use tak_core::catalog::{
    load, load_for, localize, CatalogStream, LoadError, Loaded, Phone, ProblemKind, TextField,
    TrValue, KHUZESTAN_BOUNDS,
};
use tak_core::geo::CountyShapes;
use tak_core::synth::{generate, Spec};
use tak_core::Lang;

const SAMPLE: &str = include_str!("../../public/catalog.json");
const GEOJSON: &str = include_str!("../../data/khuzestan-counties.geojson");

/// Reads `doc` in pieces of `size` bytes; `None` when the reader hands the document back.
fn streamed(doc: &[u8], size: usize) -> Option<Loaded> {
    let mut stream = CatalogStream::new();
    for piece in doc.chunks(size) {
        if !stream.push(piece) {
            break;
        }
    }
    stream.finish(&KHUZESTAN_BOUNDS, None)
}

/// Ways of cutting a small document: byte by byte, across multi-byte letters and escapes, and
/// whole. (A cut entry is read again when its next piece comes, so pieces far smaller than an
/// entry cost time: the network's are kilobytes.)
const SIZES: [usize; 9] = [1, 2, 3, 5, 7, 64, 1000, 65536, usize::MAX];

/// Ways of cutting a catalog: odd sizes cut letters and numbers too.
const CATALOG_SIZES: [usize; 5] = [333, 1001, 4096, 65536, usize::MAX];

fn same_as_whole(doc: &str) -> Loaded {
    same_as_whole_in(doc, &SIZES)
}

fn same_as_whole_in(doc: &str, sizes: &[usize]) -> Loaded {
    let whole = load(doc).expect("a catalog");
    for &size in sizes {
        let pieces = streamed(doc.as_bytes(), size)
            .unwrap_or_else(|| panic!("read in pieces of {size}: {doc:.200}"));
        assert_eq!(pieces, whole, "pieces of {size}");
    }
    whole
}

fn handed_back(doc: &str) {
    for size in SIZES {
        assert!(
            streamed(doc.as_bytes(), size).is_none(),
            "pieces of {size} should be handed back: {doc:.200}"
        );
    }
}

#[test]
fn the_sample_reads_the_same_in_any_pieces() {
    let loaded = same_as_whole_in(SAMPLE, &CATALOG_SIZES);
    assert!(loaded.catalog.services.len() >= 40);
    assert_eq!(loaded.problems, vec![]);
}

#[test]
fn a_synthetic_catalog_with_problems_reads_the_same() {
    let shapes = CountyShapes::from_geojson(GEOJSON).unwrap();
    let spec = Spec {
        seed: 3,
        services: 300,
        departments: 30,
        pilot_only: false,
        sample: false,
    };
    let mut catalog = generate(&spec, &shapes);
    // Problems that validation (not reading) finds, which both readers must report alike.
    catalog.services[4].organization_id = "org-missing".into();
    catalog.locations[2].latitude = 51.0;
    // And faults in entries' own fields, which each reader checks as it reads the entry.
    catalog.services[5].phones = vec![Phone {
        number: "call us".into(),
        description: String::new(),
    }];
    catalog.service_at_locations[3].schedules[0].closes_at = "05:00".into();
    catalog.x_tak_departments[1].coordinator.phone = "ring".into();
    let doc = serde_json::to_string_pretty(&catalog).unwrap();
    let whole = same_as_whole_in(&doc, &CATALOG_SIZES);
    assert!(whole.problems.len() >= 5, "{:?}", whole.problems);
    assert!(whole.skipped >= 1);
}

#[test]
fn text_that_looks_like_structure_stays_text() {
    let doc = r#"{"format_version": 1.2, "x_sample": true, "updated": "2026-11-30",
        "x_unknown": {"a": [1, 2, {"b": "]}"}], "c": null},
        "organizations": [{"id": "org-1", "name": "a \"quoted\" name \\ with ]} and \u062A"}],
        "programs": null, "services": [], "locations": [ ]
    }"#;
    let loaded = same_as_whole(doc);
    assert_eq!(
        loaded.catalog.organizations[0].name,
        "a \"quoted\" name \\ with ]} and \u{062A}"
    );
    assert_eq!(loaded.catalog.format_version, "1.2");
    assert!(loaded.catalog.x_sample);
}

#[test]
fn a_byte_order_mark_and_whitespace_are_read() {
    same_as_whole("\u{FEFF} \n{\"services\": []}\n\n");
    same_as_whole("{\"x_counties\":[]}");
}

#[test]
fn what_only_the_whole_text_reader_reports_is_handed_back() {
    // A broken entry: `load` skips just that one and names it.
    let broken = r#"{"organizations": [{"id": "org-1", "name": 5}, {"id": "org-2", "name": "b"}]}"#;
    handed_back(broken);
    let loaded = load(broken).unwrap();
    assert_eq!(loaded.skipped, 1);
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.path == "$.organizations[0]" && matches!(p.kind, ProblemKind::InvalidEntry(_))));
    assert_eq!(loaded.catalog.organizations.len(), 1);

    // A list that is not a list.
    handed_back(r#"{"services": {"id": "svc-1"}, "organizations": []}"#);
    // Cut off, bad JSON, trailing text, not an object, nothing at all.
    handed_back(r#"{"services": [{"id": "svc-1""#);
    handed_back(r#"{"services": [{"id": "svc-1",}]}"#);
    handed_back(r#"{"services": []} x"#);
    handed_back(r#"{"services": [],}"#);
    handed_back(r#"[{"services": []}]"#);
    handed_back("");
    handed_back("   ");
    assert_eq!(load(""), Err(LoadError::Empty));
    // A key written with escapes, the same list twice, a cut byte-order mark.
    handed_back(r#"{"serv\u0069ces": []}"#);
    handed_back(r#"{"services": [], "services": []}"#);
    handed_back("\u{FEFF}\u{FEFF}{\"services\": []}");
    handed_back(&String::from_utf8_lossy(b"\xEF\xBB{\"services\": []}"));
    // JSON, but not a catalog.
    handed_back(r#"{"hello": "world"}"#);
    assert_eq!(load(r#"{"hello": "world"}"#), Err(LoadError::NotACatalog));
}

#[test]
fn invalid_utf8_in_an_entry_is_handed_back() {
    let mut doc = br#"{"organizations": [{"id": "org-1", "name": "a"#.to_vec();
    doc.extend_from_slice(b"\xFF\"}]}");
    for size in SIZES {
        assert!(streamed(&doc, size).is_none());
    }
}

#[test]
fn numbers_cut_anywhere_read_whole() {
    // Read and skipped numbers (an unknown field) both: serde_json reports a number cut after its
    // `.` differently in each.
    same_as_whole(
        r#"{"format_version": 1.25e+0, "x_unknown": [-12.5e-3, 0.5],
        "locations": [{"id": "loc-1", "name": "n", "latitude": 31.3183, "longitude": 48.6706,
        "x_extra": -1.5E+2}]}"#,
    );
}

#[test]
fn read_for_one_reader_keeps_their_language_and_every_name() {
    for reader in [Lang::Fa, Lang::Ar, Lang::En] {
        let whole = load_for(SAMPLE, reader).unwrap();
        for size in CATALOG_SIZES {
            let mut stream = CatalogStream::for_reader(reader);
            for piece in SAMPLE.as_bytes().chunks(size) {
                assert!(stream.push(piece));
            }
            assert_eq!(
                stream.finish(&KHUZESTAN_BOUNDS, None).as_ref(),
                Some(&whole)
            );
        }
        // Nothing is missing for this reader: the sample is complete in every language.
        assert_eq!(whole.problems, vec![], "{reader:?}");
        let everything = load(SAMPLE).unwrap();
        assert_eq!(
            whole.catalog.services.len(),
            everything.catalog.services.len()
        );
        for (kept, all) in whole
            .catalog
            .services
            .iter()
            .zip(&everything.catalog.services)
        {
            for lang in ["ar", "en"] {
                // Every language's name, for search.
                assert_eq!(
                    kept.x_translations.get(lang, "name"),
                    all.x_translations.get(lang, "name")
                );
                // The other texts: none in another language than the reader's.
                if lang != reader.code() {
                    let description = kept.x_translations.get(lang, "description");
                    assert_eq!(description, None, "{reader:?} keeps no {lang} description");
                }
            }
            // The reader's text, in place of the Persian one (which only a Persian reader sees).
            let shown = localize(
                &kept.x_translations,
                TextField::DESCRIPTION,
                &kept.description,
                reader,
            );
            let expected = localize(
                &all.x_translations,
                TextField::DESCRIPTION,
                &all.description,
                reader,
            );
            assert_eq!(shown, expected, "{reader:?}");
            assert_eq!(shown.lang, reader);
            if reader != Lang::Fa {
                assert_eq!(kept.description, shown.text);
                assert!(
                    !matches!(all.x_translations.get(reader.code(), "description"), Some(TrValue::One(t)) if t.is_empty())
                );
            }
        }
    }
}

//! Reading a catalog piece by piece (`CatalogStream`, what the app does as the catalog downloads)
//! gives the same catalog, problems and errors as reading the whole text at once (`load`),
//! however the document is cut; a document that serde's own reading of a `Catalog` reads gives
//! that catalog; and what is wrong is reported where it is, as serde_json would place it.

use tak_core::catalog::{
    load, load_for, localize, parse, Catalog, CatalogStream, LoadError, Loaded, Phone, ProblemKind,
    TextField, TrValue, KHUZESTAN_BOUNDS,
};
use tak_core::geo::CountyShapes;
use tak_core::synth::{generate, Spec};
use tak_core::Lang;

const SAMPLE: &str = include_str!("../../public/catalog.json");
const GEOJSON: &str = include_str!("../../data/khuzestan-counties.geojson");

/// Reads `doc` in pieces of `size` bytes.
fn streamed(doc: &[u8], size: usize) -> Result<Loaded, LoadError> {
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

/// What `doc` reads as, the same in pieces of every size.
fn read_alike(doc: &[u8]) -> Result<Loaded, LoadError> {
    read_alike_in(doc, &SIZES)
}

fn read_alike_in(doc: &[u8], sizes: &[usize]) -> Result<Loaded, LoadError> {
    let whole = streamed(doc, usize::MAX);
    for &size in sizes {
        let pieces = streamed(doc, size);
        assert_eq!(
            pieces,
            whole,
            "pieces of {size}: {:.200}",
            String::from_utf8_lossy(doc)
        );
    }
    if let Ok(text) = std::str::from_utf8(doc) {
        assert_eq!(load(text), whole);
        same_as_serde(text);
    }
    whole
}

/// A catalog as `load` reads it, the same in any pieces.
fn same_as_whole(doc: &str) -> Loaded {
    same_as_whole_in(doc, &SIZES)
}

fn same_as_whole_in(doc: &str, sizes: &[usize]) -> Loaded {
    read_alike_in(doc.as_bytes(), sizes).expect("a catalog")
}

/// When serde's plain reading of a `Catalog` (no leniency) reads `doc`, the reader's lists are
/// exactly those.
fn same_as_serde(doc: &str) {
    let Ok(plain) = serde_json::from_str::<Catalog>(doc) else {
        return;
    };
    let read = parse(doc).expect("what serde reads is a catalog").catalog;
    assert_eq!(read.organizations, plain.organizations);
    assert_eq!(read.programs, plain.programs);
    assert_eq!(read.taxonomy_terms, plain.taxonomy_terms);
    assert_eq!(read.x_counties, plain.x_counties);
    assert_eq!(read.locations, plain.locations);
    assert_eq!(read.services, plain.services);
    assert_eq!(read.service_at_locations, plain.service_at_locations);
    assert_eq!(read.x_tak_departments, plain.x_tak_departments);
}

/// `doc` is not JSON: the reader says so where serde_json does, in any pieces.
fn not_json_where_serde_says(doc: &str) {
    let serde = serde_json::from_str::<serde::de::IgnoredAny>(doc).unwrap_err();
    assert_eq!(
        read_alike(doc.as_bytes()),
        Err(LoadError::NotJson {
            line: serde.line(),
            column: serde.column()
        }),
        "{doc}"
    );
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
fn a_broken_entry_is_named_and_skipped_however_the_document_is_cut() {
    let broken =
        r#"{"organizations": [{"id": "org-1", "name": 5}, 7, {"id": "org-2", "name": "b"}]}"#;
    let loaded = read_alike(broken.as_bytes()).unwrap();
    assert_eq!(loaded.skipped, 2);
    let invalid: Vec<&str> = loaded
        .problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::InvalidEntry(_)))
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(invalid, ["$.organizations[0]", "$.organizations[1]"]);
    assert_eq!(loaded.catalog.organizations.len(), 1);
    assert_eq!(loaded.catalog.organizations[0].id, "org-2");
    // A problem found later names the entry's place in the document, not in what was kept.
    let dangling = r#"{"organizations": [{"id": "o", "name": 5}, {"id": "o2", "name": "b"}],
        "services": [{"id": "s", "name": 1}, {"id": "s2", "name": "n", "organization_id": "gone"}]}"#;
    let loaded = read_alike(dangling.as_bytes()).unwrap();
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.path == "$.services[1].organization_id"));
}

#[test]
fn what_is_not_a_catalog_is_told_apart_from_what_is_not_json() {
    for doc in [
        r#"{"services": [{"id": "svc-1""#,
        r#"{"services": [{"id": "svc-1",}]}"#,
        r#"{"services": []} x"#,
        r#"{"services": [],}"#,
        "{\n  \"services\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\" \"name\": 1}\n  ]\n}",
        "{\"services\":\n [],\n \"organizations\": [1 2]}",
        "<html><body>Server error</body></html>",
        "{\"services\": [], \"x\": tru}",
        "{\"services\" []}",
        "{\"services\": [] \"organizations\": []}",
        "{\"services\": [],\n",
    ] {
        not_json_where_serde_says(doc);
    }
    for doc in ["", "   ", "\n\t", "\u{FEFF}"] {
        assert_eq!(read_alike(doc.as_bytes()), Err(LoadError::Empty), "{doc:?}");
    }
    for doc in [
        r#"[{"services": []}]"#,
        r#""a text""#,
        "12",
        r#"{"hello": "world"}"#,
    ] {
        assert_eq!(
            read_alike(doc.as_bytes()),
            Err(LoadError::NotACatalog),
            "{doc}"
        );
    }
    // Programmes alone are not a catalog: one of the main lists must be there.
    assert_eq!(
        read_alike(br#"{"programs": [], "taxonomy_terms": []}"#),
        Err(LoadError::NotACatalog)
    );
}

#[test]
fn a_list_that_is_not_a_list_or_given_twice_is_reported() {
    let loaded = read_alike(br#"{"services": {"id": "svc-1"}, "organizations": []}"#).unwrap();
    assert_eq!(loaded.problems[1].path, "$.services");
    assert_eq!(loaded.problems[1].kind, ProblemKind::NotAList);
    assert!(loaded.problems[1].message(Lang::Fa).contains("فهرست"));
    // `null` is no list at all.
    let loaded = read_alike(br#"{"format_version": "1.0", "services": null, "locations": []}"#);
    assert_eq!(loaded.unwrap().problems, vec![]);
    let twice = r#"{"format_version": "1.0", "organizations": [{"id": "a", "name": "A"}],
        "organizations": [{"id": "b", "name": "B"}], "format_version": "9"}"#;
    let loaded = read_alike(twice.as_bytes()).unwrap();
    let paths: Vec<(&str, &ProblemKind)> = loaded
        .problems
        .iter()
        .map(|p| (p.path.as_str(), &p.kind))
        .collect();
    assert_eq!(
        paths[..2],
        [
            ("$.organizations", &ProblemKind::GivenTwice),
            ("$.format_version", &ProblemKind::GivenTwice)
        ]
    );
    assert_eq!(loaded.catalog.organizations[0].id, "a");
    assert_eq!(loaded.catalog.organizations.len(), 1);
    assert_eq!(loaded.catalog.format_version, "1.0");
}

#[test]
fn escaped_keys_byte_order_marks_and_broken_letters_are_read() {
    let loaded = read_alike(br#"{"serv\u0069ces": [{"id": "s", "name": "n"}]}"#).unwrap();
    assert_eq!(loaded.catalog.services.len(), 1);
    read_alike("\u{FEFF}\u{FEFF}{\"services\": []}".as_bytes()).unwrap();
    // Broken UTF-8 is read as a browser reads a response's text: each bad byte replaced.
    let mut doc = br#"{"organizations": [{"id": "org-1", "name": "a"#.to_vec();
    doc.extend_from_slice(b"\xFF\xC3\"}]}");
    let loaded = read_alike(&doc).unwrap();
    assert_eq!(loaded.catalog.organizations[0].name, "a\u{FFFD}\u{FFFD}");
    // A byte-order mark cut short is no JSON.
    assert_eq!(
        read_alike(b"\xEF\xBB{\"services\": []}"),
        Err(LoadError::NotJson { line: 1, column: 1 })
    );
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
            assert_eq!(stream.finish(&KHUZESTAN_BOUNDS, None).as_ref(), Ok(&whole));
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

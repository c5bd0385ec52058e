//! The catalog contract: the sample is clean, every fault is reported where it is, the app keeps
//! going without the bad entry, and the JSON Schema agrees with the Rust types.

use serde_json::{json, Value};
use tak_core::catalog::{load, load_with, LoadError, ProblemKind, Severity, KHUZESTAN_BOUNDS};
use tak_core::geo::CountyShapes;
use tak_core::query::Index;

const SAMPLE: &str = include_str!("../../public/catalog.json");
const SCHEMA: &str = include_str!("../../docs/catalog.schema.json");
const GEOJSON: &str = include_str!("../../data/khuzestan-counties.geojson");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).unwrap()
}

/// Loads `doc` and returns (path, kind) of every problem.
fn problems(doc: &Value) -> Vec<(String, ProblemKind, Severity)> {
    load(&doc.to_string())
        .unwrap()
        .problems
        .into_iter()
        .map(|p| (p.path, p.kind, p.severity))
        .collect()
}

#[test]
fn the_sample_is_clean_and_big_enough() {
    let shapes = CountyShapes::from_geojson(GEOJSON).unwrap();
    let check = |county: &str, lat: f64, lon: f64| shapes.get(county).map(|c| c.contains(lat, lon));
    let loaded = load_with(SAMPLE, &KHUZESTAN_BOUNDS, Some(&check)).unwrap();
    assert_eq!(
        loaded.problems,
        vec![],
        "the sample has no problems, not even warnings"
    );
    let c = &loaded.catalog;
    let ix = Index::build(c);
    assert!(c.x_sample);
    assert!(c.x_tak_departments.len() >= 12);
    assert!(c.services.len() >= 40);
    assert!(c.service_at_locations.len() >= 80);
    let pilot = ["ahvaz", "bavi", "hamidiyeh", "karun"];
    for county in pilot {
        assert!(
            c.locations.iter().any(|l| l.x_county_id == county),
            "places in {county}"
        );
        assert!(
            c.x_tak_departments.iter().any(|d| ix
                .location(c, &d.location_id)
                .is_some_and(|l| l.x_county_id == county)),
            "departments in {county}"
        );
    }
    assert!(
        c.locations
            .iter()
            .all(|l| pilot.contains(&l.x_county_id.as_str())),
        "sample places are in the pilot counties"
    );
    assert!(
        c.services
            .iter()
            .filter(|s| !s.x_coming_to.is_empty())
            .count()
            >= 2,
        "some services come to next-phase counties"
    );
    let hosts: Vec<_> = c
        .x_tak_departments
        .iter()
        .filter_map(|d| ix.organization(c, &d.host_organization_id))
        .map(|o| o.x_kind)
        .collect();
    assert!(
        hosts.contains(&tak_core::catalog::OrgKind::PublicLibrary)
            && hosts.contains(&tak_core::catalog::OrgKind::Kanoon)
    );
    assert_eq!(c.x_counties.len(), 30);
}

#[test]
fn the_sample_validates_against_the_json_schema() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sample())
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn schema_and_types_reject_the_same_broken_entries() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let cases = [
        ("/x_tak_departments/0/field", json!("musical")),
        ("/x_tak_departments/0/capacity", json!("ten")),
        ("/locations/0/latitude", json!("31.3")),
        ("/services/0/x_benefit/kind", json!("cashback")),
    ];
    for (pointer, value) in cases {
        let mut doc = sample();
        *doc.pointer_mut(pointer).unwrap() = value.clone();
        assert!(
            !validator.is_valid(&doc),
            "schema rejects {pointer} = {value}"
        );
        let loaded = load(&doc.to_string()).unwrap();
        assert!(
            loaded
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error),
            "the types reject {pointer} = {value} too"
        );
    }
}

#[test]
fn each_fault_is_reported_with_its_path_and_the_rest_still_loads() {
    let base = sample();
    let n_services = base["services"].as_array().unwrap().len();

    // Duplicate id.
    let mut doc = base.clone();
    let dup = doc["services"][0].clone();
    doc["services"].as_array_mut().unwrap().push(dup);
    let p = problems(&doc);
    assert!(
        p.iter().any(
            |(path, k, _)| path == &format!("$.services[{n_services}].id")
                && matches!(k, ProblemKind::DuplicateId(id) if id == "svc-1")
        ),
        "{p:?}"
    );

    // Dangling reference.
    let mut doc = base.clone();
    doc["service_at_locations"][0]["location_id"] = json!("nowhere");
    let p = problems(&doc);
    assert!(p.iter().any(
        |(path, k, _)| path == "$.service_at_locations[0].location_id"
            && matches!(k, ProblemKind::DanglingReference { id, .. } if id == "nowhere")
    ));

    // Coordinates outside Khuzestan (Tehran).
    let mut doc = base.clone();
    doc["locations"][0]["latitude"] = json!(35.7);
    doc["locations"][0]["longitude"] = json!(51.4);
    let loaded = load(&doc.to_string()).unwrap();
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.path == "$.locations[0]"
            && matches!(p.kind, ProblemKind::OutsideKhuzestan { .. })));
    assert!(
        Index::build(&loaded.catalog)
            .location(&loaded.catalog, "loc-1")
            .is_none(),
        "the location is left out"
    );
    assert!(loaded.skipped >= 1);

    // Bad phone number: reported, removed, entry kept.
    let mut doc = base.clone();
    doc["services"][0]["phones"][0]["number"] = json!("call us");
    let loaded = load(&doc.to_string()).unwrap();
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.path == "$.services[0].phones[0].number"
            && matches!(p.kind, ProblemKind::BadPhone(_))));
    assert!(Index::build(&loaded.catalog)
        .service(&loaded.catalog, "svc-1")
        .unwrap()
        .phones
        .is_empty());

    // A javascript: link.
    let mut doc = base.clone();
    doc["services"][0]["url"] = json!("javascript:alert(1)");
    let loaded = load(&doc.to_string()).unwrap();
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.path == "$.services[0].url" && matches!(p.kind, ProblemKind::BadLink(_))));
    assert_eq!(
        Index::build(&loaded.catalog)
            .service(&loaded.catalog, "svc-1")
            .unwrap()
            .url,
        ""
    );

    // Impossible schedule.
    let mut doc = base.clone();
    doc["service_at_locations"][0]["schedules"][0]["closes_at"] = json!("06:00");
    let p = problems(&doc);
    assert!(p.iter().any(
        |(path, k, _)| path == "$.service_at_locations[0].schedules[0]"
            && matches!(k, ProblemKind::BadSchedule(m) if m.contains("closes before"))
    ));

    // Missing translation: a warning, the entry stays.
    let mut doc = base.clone();
    doc["services"][0]["x_translations"]["en"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    let p = problems(&doc);
    assert!(p.iter().any(
        |(path, k, sev)| path == "$.services[0].x_translations.en.name"
            && matches!(k, ProblemKind::MissingTranslation { lang: "en", .. })
            && *sev == Severity::Warning
    ));

    // Negative capacity.
    let mut doc = base.clone();
    doc["x_tak_departments"][0]["capacity"] = json!(-3);
    let loaded = load(&doc.to_string()).unwrap();
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.path == "$.x_tak_departments[0].capacity"
            && matches!(p.kind, ProblemKind::Negative { value: -3, .. })));
    assert!(Index::build(&loaded.catalog)
        .department(&loaded.catalog, "tak-1")
        .is_none());
    assert_eq!(
        loaded.catalog.x_tak_departments.len(),
        base["x_tak_departments"].as_array().unwrap().len() - 1
    );

    // A missing required field and a wrong type: that entry only.
    let mut doc = base.clone();
    doc["services"][2].as_object_mut().unwrap().remove("name");
    doc["services"][3]["status"] = json!(42);
    let loaded = load(&doc.to_string()).unwrap();
    let invalid: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::InvalidEntry(_)))
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(invalid, vec!["$.services[2]", "$.services[3]"]);
    assert_eq!(loaded.catalog.services.len(), n_services - 2);
    // Their places now point at nothing and are left out too, with the right paths.
    assert!(loaded
        .problems
        .iter()
        .any(|p| matches!(&p.kind, ProblemKind::DanglingReference { id, .. } if id == "svc-3")));
}

#[test]
fn newer_format_is_reported_and_unknown_fields_ignored() {
    let mut doc = sample();
    doc["format_version"] = json!("2.1");
    doc["something_new"] = json!({"a": 1});
    doc["services"][0]["x_future"] = json!([1, 2, 3]);
    let loaded = load(&doc.to_string()).unwrap();
    assert!(loaded
        .problems
        .iter()
        .any(|p| matches!(&p.kind, ProblemKind::NewerFormat { found } if found == "2.1")));
    assert_eq!(
        loaded.catalog.services.len(),
        sample()["services"].as_array().unwrap().len()
    );
    let msg = loaded
        .problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::NewerFormat { .. }))
        .unwrap()
        .message(tak_core::Lang::Fa);
    assert!(msg.contains("به‌روز"), "{msg}");
}

#[test]
fn unreadable_documents_are_errors_not_panics() {
    assert_eq!(load(""), Err(LoadError::Empty));
    assert_eq!(load("   \n"), Err(LoadError::Empty));
    assert!(matches!(
        load("{\"services\": [1, 2"),
        Err(LoadError::NotJson { .. })
    ));
    assert_eq!(
        load("<html><body>Server error</body></html>").unwrap_err(),
        LoadError::NotJson { line: 1, column: 1 }
    );
    assert_eq!(load("[1,2,3]"), Err(LoadError::NotACatalog));
    assert_eq!(load("{\"hello\": 1}"), Err(LoadError::NotACatalog));
    let wrong = load("{\"format_version\": \"1.0\", \"services\": {\"not\": \"a list\"}}").unwrap();
    assert!(wrong.problems.iter().any(|p| p.path == "$.services"));
}

#[test]
fn the_large_synthetic_catalog_loads_cleanly() {
    let shapes = CountyShapes::from_geojson(GEOJSON).unwrap();
    let spec = tak_core::synth::Spec {
        seed: 7,
        services: 2_000,
        departments: 100,
        pilot_only: false,
        sample: false,
    };
    let text = serde_json::to_string(&tak_core::synth::generate(&spec, &shapes)).unwrap();
    let loaded = load(&text).unwrap();
    assert_eq!(loaded.skipped, 0);
    assert_eq!(loaded.catalog.services.len(), 2_000);
    assert!(
        loaded
            .problems
            .iter()
            .all(|p| p.severity == Severity::Warning),
        "{:?}",
        loaded
            .problems
            .iter()
            .find(|p| p.severity == Severity::Error)
    );
}

/// A clean catalog is read in one pass; one broken entry sends the reader to the entry-by-entry
/// path. Both must give the reader the same catalog, less the broken entry.
#[test]
fn one_broken_entry_costs_only_that_entry() {
    let clean = load(SAMPLE).unwrap();
    assert_eq!(clean.skipped, 0);
    for (list, broken) in [
        ("services", json!({"id": 5})),
        (
            "locations",
            json!({"id": "loc-x", "name": "x", "latitude": "north"}),
        ),
        ("x_tak_departments", json!(["not", "an", "entry"])),
    ] {
        let mut doc = sample();
        let n = doc[list].as_array().unwrap().len();
        doc[list].as_array_mut().unwrap().push(broken);
        let loaded = load(&doc.to_string()).unwrap();
        assert_eq!(loaded.skipped, 1, "{list}");
        assert_eq!(loaded.catalog, clean.catalog, "{list}");
        let errors: Vec<_> = loaded
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.path.clone())
            .collect();
        assert_eq!(errors, vec![format!("$.{list}[{n}]")], "{list}");
    }
    // `null` where a list belongs reads as no entries, in one pass or in two.
    for extra in [None, Some(json!({"id": 5}))] {
        let mut doc = sample();
        doc["programs"] = Value::Null;
        if let Some(e) = &extra {
            doc["organizations"].as_array_mut().unwrap().push(e.clone());
        }
        let loaded = load(&doc.to_string()).unwrap();
        assert!(loaded.catalog.programs.is_empty());
        assert!(!loaded.problems.iter().any(|p| p.path == "$.programs"));
    }
}

/// Each entry's own fields (phones, links, dates, opening hours) are checked as it is read; the
/// validator then reports and removes what is wrong. Both readers (the one-pass reader of a
/// well-formed document, and the entry-by-entry one a broken entry sends the document to) must
/// report the same problems and keep the same entries.
#[test]
fn an_entrys_own_faults_are_reported_alike_by_both_readers() {
    let mut doc = sample();
    doc["services"][0]["phones"][0]["number"] = json!("call us");
    doc["services"][1]["url"] = json!("javascript:alert(1)");
    doc["services"][2]["assured_date"] = json!("tomorrow");
    doc["organizations"][0]["url"] = json!("data:text/html,x");
    doc["service_at_locations"][0]["schedules"][0]["closes_at"] = json!("06:00");
    doc["service_at_locations"][1]["phones"] = json!([{"number": "12"}]);
    doc["x_tak_departments"][0]["coordinator"]["phone"] = json!("ring");
    doc["x_tak_departments"][1]["schedules"][0]["byday"] = json!("XX");
    let one_pass = load(&doc.to_string()).unwrap();
    let expected = [
        "$.organizations[0].url",
        "$.services[0].phones[0].number",
        "$.services[1].url",
        "$.services[2].assured_date",
        "$.service_at_locations[0].schedules[0]",
        "$.service_at_locations[1].phones[0].number",
        "$.x_tak_departments[0].coordinator.phone",
        "$.x_tak_departments[1].schedules[0]",
    ];
    let paths: Vec<&str> = one_pass.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, expected);
    let c = &one_pass.catalog;
    assert!(c.services[0].phones.is_empty() && c.services[1].url.is_empty());
    assert_eq!(c.x_tak_departments[0].coordinator.phone, "");

    // A broken entry at the end sends the document to the entry-by-entry reader.
    doc["services"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": 5}));
    let by_entry = load(&doc.to_string()).unwrap();
    assert_eq!(by_entry.catalog, one_pass.catalog);
    let n = doc["services"].as_array().unwrap().len() - 1;
    let broken = format!("$.services[{n}]");
    let paths: Vec<&str> = by_entry
        .problems
        .iter()
        .map(|p| p.path.as_str())
        .filter(|p| *p != broken)
        .collect();
    assert_eq!(paths, expected);
}

/// The sample's Arabic texts spell place names as Arabic does: no Persian-only letters (ی, ک,
/// ۀ) in any Arabic translation, and every county has an Arabic name.
#[test]
fn the_sample_writes_arabic_in_arabic_letters() {
    fn arabic_texts<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(ar)) = m.get("x_translations").and_then(|t| t.get("ar")) {
                    for t in ar.values() {
                        match t {
                            Value::String(s) => out.push(s),
                            Value::Array(a) => out.extend(a.iter().filter_map(Value::as_str)),
                            _ => {}
                        }
                    }
                }
                m.values().for_each(|x| arabic_texts(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| arabic_texts(x, out)),
            _ => {}
        }
    }
    let sample = sample();
    let mut texts = Vec::new();
    arabic_texts(&sample, &mut texts);
    assert!(texts.len() > 100);
    let persian: Vec<&&str> = texts
        .iter()
        .filter(|t| t.contains(['ی', 'ک', 'ۀ']))
        .collect();
    assert!(persian.is_empty(), "{persian:?}");
    for county in sample["x_counties"].as_array().unwrap() {
        let ar = county["x_translations"]["ar"]["name"]
            .as_str()
            .unwrap_or("");
        assert!(!ar.is_empty(), "{county}");
    }
}

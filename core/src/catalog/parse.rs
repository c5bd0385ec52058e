//! Reading the catalog leniently: one bad entry is reported and skipped, never fatal.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::draft::{fresh, Draft, Indexed, Lists, OwnFields};
use super::gather::Gather;
use super::problem::{Problem, ProblemKind};
use super::translations::{keeping, reader_kept_for};
use super::types::*;
use super::validate::{validate, Bounds, CountyCheck, KHUZESTAN_BOUNDS};
use crate::lang::Lang;

/// The major `format_version` this build reads.
pub const SUPPORTED_MAJOR: u64 = 1;

/// Why no catalog could be read at all. The app shows a translated message for each.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    Empty,
    /// Not JSON (or cut off): where the reader stopped.
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON, but not an object with the catalog's arrays (an HTML page, a list, a string).
    NotACatalog,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Empty => write!(f, "the catalog is empty"),
            LoadError::NotJson { line, column } => {
                write!(f, "not valid JSON (line {line}, column {column})")
            }
            LoadError::NotACatalog => write!(f, "JSON, but not a catalog object"),
        }
    }
}

/// A catalog ready to show, with what was wrong in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub catalog: Catalog,
    pub problems: Vec<super::Problem>,
    /// Entries left out because of errors.
    pub skipped: usize,
}

/// The top level, with each entry of each list kept as raw JSON text so that every entry is read
/// on its own: one bad entry is skipped, the rest are kept. The whole document is scanned once
/// here; each entry is then read once. (Reading through `serde_json::Value` instead doubled the
/// deserialisation code in the wasm; scanning the document, then the root, then each list cost
/// a third of the load time on a 10,000-service catalog.)
#[derive(Deserialize)]
struct Root<'a> {
    #[serde(default, borrow)]
    format_version: Option<&'a RawValue>,
    #[serde(default, borrow)]
    updated: Option<&'a RawValue>,
    #[serde(default, borrow)]
    x_sample: Option<&'a RawValue>,
    #[serde(default, borrow)]
    organizations: Option<Items<'a>>,
    #[serde(default, borrow)]
    programs: Option<Items<'a>>,
    #[serde(default, borrow)]
    taxonomy_terms: Option<Items<'a>>,
    #[serde(default, borrow)]
    x_counties: Option<Items<'a>>,
    #[serde(default, borrow)]
    locations: Option<Items<'a>>,
    #[serde(default, borrow)]
    services: Option<Items<'a>>,
    #[serde(default, borrow)]
    service_at_locations: Option<Items<'a>>,
    #[serde(default, borrow)]
    x_tak_departments: Option<Items<'a>>,
}

/// One of the catalog's lists: its entries unread, or `NotAList` when the value is something else.
enum Items<'a> {
    List(Vec<&'a RawValue>),
    NotAList,
}

impl<'de: 'a, 'a> Deserialize<'de> for Items<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Items<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(
                self,
                mut seq: S,
            ) -> Result<Items<'a>, S::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<&'de RawValue>()? {
                    items.push(item);
                }
                Ok(Items::List(items))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Items<'a>, M::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Items::NotAList)
            }
            fn visit_str<E>(self, _: &str) -> Result<Items<'a>, E> {
                Ok(Items::NotAList)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Items<'a>, E> {
                Ok(Items::NotAList)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Items<'a>, E> {
                Ok(Items::NotAList)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Items<'a>, E> {
                Ok(Items::NotAList)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Items<'a>, E> {
                Ok(Items::NotAList)
            }
            fn visit_unit<E>(self) -> Result<Items<'a>, E> {
                Ok(Items::NotAList)
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

/// The whole document read in one pass, every entry straight into its type. This is the usual
/// case (the office checks its catalog with `catalog-check`) and reads a 10,000-service catalog
/// in about half the time of [`Root`]'s two passes. Any error at all, in any entry, sends the
/// reader back to [`Root`], which finds and skips just the broken entries.
#[derive(Deserialize)]
struct Whole<'a> {
    #[serde(default, borrow)]
    format_version: Option<&'a RawValue>,
    #[serde(default, borrow)]
    updated: Option<&'a RawValue>,
    #[serde(default, borrow)]
    x_sample: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "list")]
    organizations: Option<Gather<Organization>>,
    #[serde(default, deserialize_with = "list")]
    programs: Option<Gather<Program>>,
    #[serde(default, deserialize_with = "list")]
    taxonomy_terms: Option<Gather<TaxonomyTerm>>,
    #[serde(default, deserialize_with = "list")]
    x_counties: Option<Gather<County>>,
    #[serde(default, deserialize_with = "list")]
    locations: Option<Gather<Location>>,
    #[serde(default, deserialize_with = "list")]
    services: Option<Gather<Service>>,
    #[serde(default, deserialize_with = "list")]
    service_at_locations: Option<Gather<ServiceAtLocation>>,
    #[serde(default, deserialize_with = "list")]
    x_tak_departments: Option<Gather<Department>>,
}

/// A list of entries, or `null` for none (as [`Root`] reads it); anything else is
/// an error here, so that [`Root`] reports it.
fn list<'de, D, T>(d: D) -> Result<Option<Gather<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + ForReader + OwnFields,
{
    struct Visit<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de> + ForReader + OwnFields> serde::de::Visitor<'de> for Visit<T> {
        type Value = Option<Gather<T>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<S: serde::de::SeqAccess<'de>>(
            self,
            mut seq: S,
        ) -> Result<Self::Value, S::Error> {
            let mut items = Gather::default();
            let reader = reader_kept_for();
            while let Some(mut item) = seq.next_element::<T>()? {
                let passed = fresh(&mut item, reader);
                items.push(item, passed);
            }
            items.close();
            Ok(Some(items))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(Visit(std::marker::PhantomData))
}

fn entries<T: DeserializeOwned + ForReader + OwnFields>(
    raw: Option<Items<'_>>,
    key: &str,
    problems: &mut Vec<Problem>,
    skipped: &mut usize,
) -> Indexed<T> {
    let items = match raw {
        None => return Indexed::default(),
        Some(Items::NotAList) => {
            problems.push(Problem::error(
                format!("$.{key}"),
                ProblemKind::InvalidEntry("expected a list".into()),
            ));
            return Indexed::default();
        }
        Some(Items::List(items)) => items,
    };
    let mut out = Indexed {
        items: Vec::with_capacity(items.len()),
        at: Vec::with_capacity(items.len()),
        passed: Vec::with_capacity(items.len()),
    };
    let reader = reader_kept_for();
    for (i, item) in items.into_iter().enumerate() {
        match serde_json::from_str::<T>(item.get()) {
            Ok(mut v) => {
                out.passed.push(fresh(&mut v, reader));
                out.items.push(v);
                out.at.push(i);
            }
            Err(e) => {
                *skipped += 1;
                // serde's message names the field and type; its position is within the entry.
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                problems.push(Problem::error(
                    format!("$.{key}[{i}]"),
                    ProblemKind::InvalidEntry(msg),
                ));
            }
        }
    }
    out
}

fn read(json: &str) -> Result<(Draft, Vec<Problem>, usize), LoadError> {
    let trimmed = json.trim_start_matches('\u{FEFF}').trim();
    if trimmed.is_empty() {
        return Err(LoadError::Empty);
    }
    if !trimmed.starts_with('{') {
        // Not an object: a list, a string, an HTML page... or not JSON at all.
        return Err(unreadable(trimmed));
    }
    if let Ok(whole) = serde_json::from_str::<Whole>(trimmed) {
        let w = &whole;
        if !names_a_catalog([
            w.organizations.is_some(),
            w.x_counties.is_some(),
            w.locations.is_some(),
            w.services.is_some(),
            w.x_tak_departments.is_some(),
        ]) {
            return Err(LoadError::NotACatalog);
        }
        let mut problems = Vec::new();
        let (format_version, updated, x_sample) = head(
            whole.format_version.map(RawValue::get),
            whole.updated.map(RawValue::get),
            whole.x_sample.map(RawValue::get),
            &mut problems,
        );
        let lists = Lists {
            organizations: whole.organizations.unwrap_or_default(),
            programs: whole.programs.unwrap_or_default(),
            taxonomy_terms: whole.taxonomy_terms.unwrap_or_default(),
            x_counties: whole.x_counties.unwrap_or_default(),
            locations: whole.locations.unwrap_or_default(),
            services: whole.services.unwrap_or_default(),
            service_at_locations: whole.service_at_locations.unwrap_or_default(),
            x_tak_departments: whole.x_tak_departments.unwrap_or_default(),
        };
        return Ok((
            lists.into_draft(format_version, updated, x_sample),
            problems,
            0,
        ));
    }
    // Something in the document is wrong: was it broken JSON, or JSON of the wrong shape?
    let root: Root = serde_json::from_str(trimmed).map_err(|_| unreadable(trimmed))?;
    if !names_a_catalog([
        root.organizations.is_some(),
        root.x_counties.is_some(),
        root.locations.is_some(),
        root.services.is_some(),
        root.x_tak_departments.is_some(),
    ]) {
        return Err(LoadError::NotACatalog);
    }
    let mut problems = Vec::new();
    let mut skipped = 0;
    let (format_version, updated, x_sample) = head(
        root.format_version.map(RawValue::get),
        root.updated.map(RawValue::get),
        root.x_sample.map(RawValue::get),
        &mut problems,
    );
    let draft = Draft {
        format_version,
        updated,
        x_sample,
        organizations: entries(
            root.organizations,
            "organizations",
            &mut problems,
            &mut skipped,
        ),
        programs: entries(root.programs, "programs", &mut problems, &mut skipped),
        taxonomy_terms: entries(
            root.taxonomy_terms,
            "taxonomy_terms",
            &mut problems,
            &mut skipped,
        ),
        x_counties: entries(root.x_counties, "x_counties", &mut problems, &mut skipped),
        locations: entries(root.locations, "locations", &mut problems, &mut skipped),
        services: entries(root.services, "services", &mut problems, &mut skipped),
        service_at_locations: entries(
            root.service_at_locations,
            "service_at_locations",
            &mut problems,
            &mut skipped,
        ),
        x_tak_departments: entries(
            root.x_tak_departments,
            "x_tak_departments",
            &mut problems,
            &mut skipped,
        ),
    };
    Ok((draft, problems, skipped))
}

/// Why a text that is no catalog cannot be read: JSON of another shape, or not JSON (and where).
fn unreadable(text: &str) -> LoadError {
    match serde_json::from_str::<&RawValue>(text) {
        Ok(_) => LoadError::NotACatalog,
        Err(e) => LoadError::NotJson {
            line: e.line(),
            column: e.column(),
        },
    }
}

/// Whether a JSON object is a catalog at all: it has at least one of the main lists
/// (organisations, counties, places, services, departments), in either reader's view of them.
pub(super) fn names_a_catalog(main_lists: [bool; 5]) -> bool {
    main_lists.contains(&true)
}

/// The document's own fields: its format version (warning when missing or newer than this build
/// reads), when it was updated, and whether it is the bundled sample.
pub(super) fn head(
    format_version: Option<&str>,
    updated: Option<&str>,
    x_sample: Option<&str>,
    problems: &mut Vec<Problem>,
) -> (String, String, bool) {
    let version_text = format_version.map(|r| r.trim().trim_matches('"').to_string());
    let format_version = match version_text {
        Some(v) if !v.is_empty() && v != "null" && !v.starts_with(['{', '[']) => v,
        _ => {
            problems.push(Problem::warning(
                "$.format_version",
                ProblemKind::MissingFormatVersion,
            ));
            "1.0".to_string()
        }
    };
    let major = format_version
        .split('.')
        .next()
        .and_then(|m| m.trim().parse::<u64>().ok());
    if major.is_some_and(|m| m > SUPPORTED_MAJOR) {
        problems.push(Problem::warning(
            "$.format_version",
            ProblemKind::NewerFormat {
                found: format_version.clone(),
            },
        ));
    }
    let updated = updated
        .and_then(|r| serde_json::from_str::<String>(r).ok())
        .unwrap_or_default();
    let x_sample = x_sample.is_some_and(|r| r.trim() == "true");
    (format_version, updated, x_sample)
}

/// Parses without validating: entries that cannot be read are skipped and reported.
pub fn parse(json: &str) -> Result<Loaded, LoadError> {
    let (draft, problems, skipped) = read(json)?;
    Ok(Loaded {
        catalog: draft.into_catalog(),
        problems,
        skipped,
    })
}

/// Parses and validates with Khuzestan's bounds: what the app calls on the fetched text.
pub fn load(json: &str) -> Result<Loaded, LoadError> {
    load_with(json, &KHUZESTAN_BOUNDS, None)
}

/// [`load`] with a finer location check: `in_county(county_id, lat, lon)` answers whether the
/// point lies in that county (`None` when the county's shape is unknown). `catalog-check` passes
/// the county polygons; the app does not carry them.
pub fn load_with(
    json: &str,
    bounds: &Bounds,
    in_county: Option<&CountyCheck<'_>>,
) -> Result<Loaded, LoadError> {
    let (draft, problems, skipped) = read(json)?;
    Ok(finish(draft, problems, skipped, bounds, in_county, None))
}

/// [`load`] for a reader of `reader`'s language, as the app reads: of the translations, it keeps
/// every language's names (search finds an entry by any of them) and the other fields only in
/// `reader`'s language. A reader who changes language has the catalog read again.
pub fn load_for(json: &str, reader: Lang) -> Result<Loaded, LoadError> {
    let (draft, problems, skipped) = keeping(Some(reader), || read(json))?;
    Ok(finish(
        draft,
        problems,
        skipped,
        &KHUZESTAN_BOUNDS,
        None,
        Some(reader),
    ))
}

/// Validates what was read and hands over the catalog with every problem found.
pub(super) fn finish(
    mut draft: Draft,
    mut problems: Vec<Problem>,
    mut skipped: usize,
    bounds: &Bounds,
    in_county: Option<&CountyCheck<'_>>,
    reader: Option<Lang>,
) -> Loaded {
    let (more, dropped) = validate(&mut draft, bounds, in_county, reader);
    problems.extend(more);
    skipped += dropped;
    Loaded {
        catalog: draft.into_catalog(),
        problems,
        skipped,
    }
}

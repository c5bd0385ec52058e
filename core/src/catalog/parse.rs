//! Reading the catalog leniently: one bad entry is reported and skipped, never fatal.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::problem::{Problem, ProblemKind};
use super::types::*;
use super::validate::{validate, Bounds, CountyCheck, KHUZESTAN_BOUNDS};

/// The major `format_version` this build reads.
pub const SUPPORTED_MAJOR: u64 = 1;

/// Why no catalog could be read at all. The app shows a translated message for each.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    Empty,
    /// Not JSON (or cut off): where the reader stopped.
    NotJson { line: usize, column: usize },
    /// JSON, but not an object with the catalog's arrays (an HTML page, a list, a string).
    NotACatalog,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Empty => write!(f, "the catalog is empty"),
            LoadError::NotJson { line, column } => write!(f, "not valid JSON (line {line}, column {column})"),
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

/// Entries paired with their index in the document, so problems name the right `[i]` even after
/// earlier entries were skipped.
pub(super) type Indexed<T> = Vec<(usize, T)>;

/// The catalog between reading and validation.
#[derive(Default)]
pub(super) struct Draft {
    pub format_version: String,
    pub updated: String,
    pub x_sample: bool,
    pub organizations: Indexed<Organization>,
    pub programs: Indexed<Program>,
    pub taxonomy_terms: Indexed<TaxonomyTerm>,
    pub x_counties: Indexed<County>,
    pub locations: Indexed<Location>,
    pub services: Indexed<Service>,
    pub service_at_locations: Indexed<ServiceAtLocation>,
    pub x_tak_departments: Indexed<Department>,
}

fn strip<T>(v: Indexed<T>) -> Vec<T> {
    v.into_iter().map(|(_, t)| t).collect()
}

impl Draft {
    fn into_catalog(self) -> Catalog {
        Catalog {
            format_version: self.format_version,
            updated: self.updated,
            x_sample: self.x_sample,
            organizations: strip(self.organizations),
            programs: strip(self.programs),
            taxonomy_terms: strip(self.taxonomy_terms),
            x_counties: strip(self.x_counties),
            locations: strip(self.locations),
            services: strip(self.services),
            service_at_locations: strip(self.service_at_locations),
            x_tak_departments: strip(self.x_tak_departments),
        }
    }
}

fn entries<T: DeserializeOwned>(
    root: &mut Map<String, Value>,
    key: &str,
    problems: &mut Vec<Problem>,
    skipped: &mut usize,
) -> Indexed<T> {
    let Some(value) = root.remove(key) else { return Vec::new() };
    let Value::Array(items) = value else {
        problems.push(Problem::error(format!("$.{key}"), ProblemKind::InvalidEntry("expected a list".into())));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match serde_json::from_value::<T>(item) {
            Ok(v) => out.push((i, v)),
            Err(e) => {
                *skipped += 1;
                problems.push(Problem::error(format!("$.{key}[{i}]"), ProblemKind::InvalidEntry(e.to_string())));
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
    let value: Value = serde_json::from_str(trimmed)
        .map_err(|e| LoadError::NotJson { line: e.line(), column: e.column() })?;
    let Value::Object(mut root) = value else { return Err(LoadError::NotACatalog) };
    let known = ["services", "x_tak_departments", "locations", "organizations", "x_counties"];
    if !known.iter().any(|k| root.contains_key(*k)) {
        return Err(LoadError::NotACatalog);
    }
    let mut problems = Vec::new();
    let mut skipped = 0;
    let format_version = match root.get("format_version") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            problems.push(Problem::warning("$.format_version", ProblemKind::MissingFormatVersion));
            "1.0".to_string()
        }
    };
    let major = format_version.split('.').next().and_then(|m| m.trim().parse::<u64>().ok());
    if major.is_some_and(|m| m > SUPPORTED_MAJOR) {
        problems.push(Problem::warning(
            "$.format_version",
            ProblemKind::NewerFormat { found: format_version.clone() },
        ));
    }
    let text = |root: &Map<String, Value>, k: &str| root.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let draft = Draft {
        updated: text(&root, "updated"),
        x_sample: root.get("x_sample").and_then(Value::as_bool).unwrap_or(false),
        organizations: entries(&mut root, "organizations", &mut problems, &mut skipped),
        programs: entries(&mut root, "programs", &mut problems, &mut skipped),
        taxonomy_terms: entries(&mut root, "taxonomy_terms", &mut problems, &mut skipped),
        x_counties: entries(&mut root, "x_counties", &mut problems, &mut skipped),
        locations: entries(&mut root, "locations", &mut problems, &mut skipped),
        services: entries(&mut root, "services", &mut problems, &mut skipped),
        service_at_locations: entries(&mut root, "service_at_locations", &mut problems, &mut skipped),
        x_tak_departments: entries(&mut root, "x_tak_departments", &mut problems, &mut skipped),
        format_version,
    };
    Ok((draft, problems, skipped))
}

/// Parses without validating: entries that cannot be read are skipped and reported.
pub fn parse(json: &str) -> Result<Loaded, LoadError> {
    let (draft, problems, skipped) = read(json)?;
    Ok(Loaded { catalog: draft.into_catalog(), problems, skipped })
}

/// Parses and validates with Khuzestan's bounds: what the app calls on the fetched text.
pub fn load(json: &str) -> Result<Loaded, LoadError> {
    load_with(json, &KHUZESTAN_BOUNDS, None)
}

/// [`load`] with a finer location check: `in_county(county_id, lat, lon)` answers whether the
/// point lies in that county (`None` when the county's shape is unknown). `catalog-check` passes
/// the county polygons; the app does not carry them.
pub fn load_with(json: &str, bounds: &Bounds, in_county: Option<&CountyCheck<'_>>) -> Result<Loaded, LoadError> {
    let (mut draft, mut problems, mut skipped) = read(json)?;
    let (more, dropped) = validate(&mut draft, bounds, in_county);
    problems.extend(more);
    skipped += dropped;
    Ok(Loaded { catalog: draft.into_catalog(), problems, skipped })
}

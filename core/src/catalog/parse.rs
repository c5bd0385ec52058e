//! Reading a catalog's text: what the app, `catalog-check` and the server call. Each reads the
//! text with the one reader, [`CatalogStream`], as a single piece; one bad entry is reported and
//! skipped, never fatal.

use super::draft::Draft;
use super::problem::{Problem, ProblemKind};
use super::stream::CatalogStream;
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

/// Reads `json` whole, as one piece, for `reader` (everything with `None`).
fn read(json: &str, reader: Option<Lang>) -> CatalogStream {
    let mut stream = match reader {
        Some(reader) => CatalogStream::for_reader(reader),
        None => CatalogStream::new(),
    };
    stream.read_whole(json);
    stream
}

/// Parses without validating: entries that cannot be read are skipped and reported.
pub fn parse(json: &str) -> Result<Loaded, LoadError> {
    let (draft, problems, skipped) = read(json, None).into_read()?;
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
    read(json, None).finish(bounds, in_county)
}

/// [`load`] for a reader of `reader`'s language, as the app reads: of the translations, it keeps
/// every language's names (search finds an entry by any of them) and the other fields only in
/// `reader`'s language. A reader who changes language has the catalog read again.
pub fn load_for(json: &str, reader: Lang) -> Result<Loaded, LoadError> {
    read(json, Some(reader)).finish(&KHUZESTAN_BOUNDS, None)
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

//! The catalog: one JSON document with everything the app shows.
//!
//! Field names follow Open Referral HSDS 3.0 where HSDS has the concept; what HSDS lacks carries an
//! `x_` prefix (TAK departments, the card's benefit, county rollout phases, translations).
//! See `docs/catalog.md` for the format and `docs/catalog.schema.json` for the schema.

mod draft;
mod gather;
mod parse;
mod problem;
mod stream;
mod translations;
mod types;
mod validate;

pub use parse::{load, load_for, load_with, parse, LoadError, Loaded, SUPPORTED_MAJOR};
pub use problem::{Problem, ProblemKind, Severity};
pub use stream::CatalogStream;
pub use translations::TextField;
pub use types::*;
pub use validate::{allowed_link, phone_ok, Bounds, CountyCheck, KHUZESTAN_BOUNDS};

//! Pure logic of the Khuzestan TAK & Welfare Card app.
//!
//! Nothing here touches the browser: the app crate calls these functions from its components,
//! and the command-line tools (`catalog-check`, `catalog-gen`, `map-gen`) call them natively.
//! That keeps the rules testable in milliseconds with plain `cargo test`.

pub mod catalog;
pub mod desk;
pub mod geo;
pub mod ics;
pub mod lang;
pub mod map_view;
pub mod outbox;
pub mod query;
pub mod schedule;
pub mod signup;
/// Synthetic catalogs for benchmarks and tests (`catalog-gen`): never part of the app.
#[cfg(feature = "cli")]
pub mod synth;
pub mod text;

pub use lang::Lang;

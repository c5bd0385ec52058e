//! Any address that is not a route (the router's fallback). Entry pages show the same notice for
//! an id the catalog no longer has, so it lives in `crate::components::not_found`.

pub use crate::components::not_found::NotFound;

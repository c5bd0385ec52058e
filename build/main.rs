//! Code generated from the project's data files before the app compiles:
//! - `i18n.rs` and `desk_i18n.rs` from the translation files (`i18n/*.json`, `i18n/desk/*.json`):
//!   see `i18n.rs`;
//! - `pages.rs` from the route table (`src/routes.json`): see `routes.rs`;
//! - `home.rs` from the home page's template (`web/home.html`): see `home.rs`.

mod home;
mod i18n;
mod routes;

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let keys = i18n::generate(&out_dir, &i18n::APP);
    i18n::generate(&out_dir, &i18n::DESK);
    home::generate(&out_dir, &keys);
    routes::generate(&out_dir);
}

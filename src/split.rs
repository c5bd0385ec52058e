//! Split points: functions whose code goes into a wasm module of its own, fetched the first time
//! one of them is called (`scripts/build-wasm.sh` cuts the wasm with `wasm-split-cli`).
//!
//! `split_point!` declares such a function as `async`. In the release build (`--cfg wasm_split`,
//! set by build-wasm.sh) it becomes a `#[wasm_split]` point whose module is fetched on the first
//! call; everywhere else (native checks, the wasm component tests, a plain `cargo build`) it is an
//! ordinary async function, because an unsplit wasm cannot resolve the loader imports.
//! The function returns `Result<_, ModuleUnavailable>`: a module that cannot be fetched is an
//! error to show, never a panic.

use leptos::wasm_split::SplitLoaderError;

/// A wasm module could not be fetched (offline before the service worker has it, a server error).
pub struct ModuleUnavailable;

impl From<SplitLoaderError> for ModuleUnavailable {
    fn from(_: SplitLoaderError) -> Self {
        ModuleUnavailable
    }
}

macro_rules! split_point {
    ($(#[$attr:meta])* $module:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(wasm_split)]
        $(#[$attr])*
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(wasm_split))]
        $(#[$attr])*
        async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use split_point;

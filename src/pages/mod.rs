//! One file per page. The list of pages, their paths and the wasm module each one's code is
//! fetched in are `src/routes.json`; build.rs turns it into the module declarations and the
//! `page_routes!` table below (`$OUT_DIR/pages.rs`). A page imports no other page: what two pages
//! share lives in `crate::components`.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

/// Makes `PageRoutes`, the router's table, from the generated list: `name "path" => file::Page`
/// for a page in the first-load wasm, `... in module via load` for one fetched on demand (its
/// route view `name` waits for the split point `load`, whose code is in `module`: `crate::on_demand`).
macro_rules! page_routes {
    (
        fallback $fallback_file:ident::$fallback:ident;
        $($name:ident $path:tt => $file:ident::$page:ident $(in $module:ident via $load:ident)?;)*
    ) => {
        $(page_routes!(@view $name $file::$page $(in $module via $load)?);)*

        /// Every page's route (`src/routes.json`).
        #[component]
        pub fn PageRoutes() -> impl IntoView {
            view! {
                <Routes fallback=|| view! { <$fallback_file::$fallback/> }>
                    $(<Route path=path!($path) view=$name/>)*
                </Routes>
            }
        }
    };
    (@view $name:ident $file:ident::$page:ident) => {
        use $file::$page as $name;
    };
    (@view $name:ident $file:ident::$page:ident in $module:ident via $load:ident) => {
        crate::split::split_point!($module, fn $load() -> crate::on_demand::PageResult {
            Ok(view! { <$file::$page/> }.into_any())
        });

        fn $name() -> impl IntoView {
            crate::on_demand::on_demand(stringify!($module), $load)
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/pages.rs"));

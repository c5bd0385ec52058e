//! The frame of a page that shows one catalog entry named in its path (`/tak/<id>`,
//! `/services/<id>`): the id read from the route, the catalog waited for, and "not found" for an
//! id the catalog does not have.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::CatalogData;
use crate::components::gate::CatalogGate;
use crate::components::not_found::NotFound;

/// The route's id, decoded (links encode ids so any catalog id makes a valid path).
pub fn route_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| {
        let raw = params.with(|p| p.get("id").unwrap_or_default());
        js_sys::decode_uri_component(&raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or(raw)
    })
}

/// The page of the catalog entry named in the route: `find` looks the id up, `render` draws it;
/// an unknown id is the not-found page.
pub fn entry_page(
    find: fn(&CatalogData, &str) -> Option<usize>,
    render: fn(Arc<CatalogData>, usize) -> AnyView,
) -> impl IntoView {
    let id = route_id();
    view! {
        <CatalogGate let:data>
            {move || match find(&data, &id.get()) {
                Some(i) => render(data.clone(), i),
                None => view! { <NotFound/> }.into_any(),
            }}
        </CatalogGate>
    }
}

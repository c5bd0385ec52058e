//! The map's geometry, prebuilt by `map-gen` into `map/counties.json` and fetched only when the map
//! (or "you are in …") needs it. Point-in-county works in the map's projected space.

use std::sync::Arc;

use leptos::prelude::*;
use serde::Deserialize;
use tak_core::geo::{decode_path, point_in_polygon, Projection};

#[derive(Clone, Debug, Deserialize)]
pub struct MapCounty {
    pub id: String,
    pub name_fa: String,
    pub name_en: String,
    #[serde(default)]
    pub name_ar: String,
    pub seat: (f64, f64),
    pub label: (f64, f64),
    pub d: String,
    #[serde(skip)]
    pub rings: Vec<Vec<(f64, f64)>>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct MapData {
    pub attribution: String,
    pub width: f64,
    pub height: f64,
    pub projection: Projection,
    pub counties: Vec<MapCounty>,
}

impl MapData {
    /// The county whose outline holds the point, if any.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<&MapCounty> {
        let (x, y) = self.projection.project(lon, lat);
        self.counties
            .iter()
            .find(|c| point_in_polygon_any(x, y, &c.rings))
    }
}

/// Rings of several polygons: inside when inside any outer ring (holes are not used by counties).
fn point_in_polygon_any(x: f64, y: f64, rings: &[Vec<(f64, f64)>]) -> bool {
    rings
        .iter()
        .any(|r| point_in_polygon(x, y, std::slice::from_ref(r)))
}

#[derive(Clone, Debug)]
pub enum MapStatus {
    NotLoaded,
    Loading,
    Ready(Arc<MapData>),
    Failed,
}

/// The map data, shared by the pages that need it; fetched at most once per visit.
#[derive(Clone, Copy)]
pub struct MapStore {
    status: RwSignal<MapStatus>,
}

impl MapStore {
    pub fn new() -> MapStore {
        MapStore {
            status: RwSignal::new(MapStatus::NotLoaded),
        }
    }

    pub fn status(self) -> ReadSignal<MapStatus> {
        self.status.read_only()
    }

    pub fn ensure_loaded(self) {
        if matches!(
            self.status.get_untracked(),
            MapStatus::Loading | MapStatus::Ready(_)
        ) {
            return;
        }
        self.status.set(MapStatus::Loading);
        leptos::task::spawn_local(async move {
            let result = crate::api::get_text("map/counties.json", 15_000, 2 * 1024 * 1024).await;
            let parsed = result
                .ok()
                .and_then(|(text, _)| serde_json::from_str::<MapData>(&text).ok());
            self.status.set(match parsed {
                Some(mut m) => {
                    for c in &mut m.counties {
                        c.rings = decode_path(&c.d);
                    }
                    MapStatus::Ready(Arc::new(m))
                }
                None => MapStatus::Failed,
            });
        });
    }

    /// Fetches the geometry again after a failure (the reader's one "try again" after coming
    /// back online restores the catalog and the map together).
    pub fn retry_if_failed(self) {
        if matches!(self.status.get_untracked(), MapStatus::Failed) {
            self.status.set(MapStatus::NotLoaded);
            self.ensure_loaded();
        }
    }

    pub fn ready(self) -> Option<Arc<MapData>> {
        match self.status.get() {
            MapStatus::Ready(m) => Some(m),
            _ => None,
        }
    }
}

pub fn use_map() -> MapStore {
    expect_context::<MapStore>()
}

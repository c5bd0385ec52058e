//! Builds the map's geometry at build time: projects the county polygons of
//! `data/khuzestan-counties.geojson`, simplifies them to about half an SVG unit, and writes compact
//! path data to `public/map/counties.json`, which the app fetches only when the map opens.
//!
//! Usage: `map-gen [INPUT.geojson] [OUTPUT.json]`; `map-gen --check` fails when the output is stale.

use serde_json::json;
use tak_core::geo::{encode_path, simplify, CountyShapes, Projection};

const WIDTH: f64 = 1000.0;
const TOLERANCE: f64 = 0.6;
pub const ATTRIBUTION: &str =
    "Boundaries © OpenStreetMap contributors (ODbL 1.0); places: GeoNames (CC BY 4.0)";

fn build(geojson: &str) -> Result<String, String> {
    let shapes = CountyShapes::from_geojson(geojson)?;
    let (mut lon_min, mut lon_max, mut lat_min, mut lat_max) =
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in &shapes.counties {
        for ring in c.polygons.iter().flatten() {
            for &(lon, lat) in ring {
                lon_min = lon_min.min(lon);
                lon_max = lon_max.max(lon);
                lat_min = lat_min.min(lat);
                lat_max = lat_max.max(lat);
            }
        }
    }
    let projection = Projection::fit(lon_min, lon_max, lat_min, lat_max, WIDTH);
    let height = projection.project(lon_min, lat_min).1.ceil();
    let round = |(x, y): (f64, f64)| (x.round() as i64, y.round() as i64);
    let counties: Vec<_> = shapes
        .counties
        .iter()
        .map(|c| {
            let rings: Vec<Vec<(i64, i64)>> = c
                .polygons
                .iter()
                .flatten()
                .map(|ring| {
                    let projected: Vec<(f64, f64)> = ring
                        .iter()
                        .map(|&(lon, lat)| projection.project(lon, lat))
                        .collect();
                    let mut r: Vec<(i64, i64)> = simplify(&projected, TOLERANCE)
                        .into_iter()
                        .map(round)
                        .collect();
                    r.dedup();
                    r
                })
                .filter(|r| r.len() >= 4)
                .collect();
            let (sx, sy) = round(projection.project(c.seat.1, c.seat.0));
            let (lx, ly) = round(projection.project(c.label.1, c.label.0));
            json!({
                "id": c.id, "name_fa": c.name_fa, "name_en": c.name_en, "name_ar": c.name_ar,
                "seat_fa": c.seat_fa, "seat_en": c.seat_en,
                "seat": [sx, sy], "label": [lx, ly], "d": encode_path(&rings),
            })
        })
        .collect();
    let doc = json!({
        "attribution": ATTRIBUTION,
        "width": WIDTH, "height": height,
        "projection": projection,
        "counties": counties,
    });
    Ok(serde_json::to_string(&doc).map_err(|e| e.to_string())? + "\n")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let input = paths
        .first()
        .map(|s| s.as_str())
        .unwrap_or("data/khuzestan-counties.geojson");
    let output = paths
        .get(1)
        .map(|s| s.as_str())
        .unwrap_or("public/map/counties.json");
    let result = std::fs::read_to_string(input)
        .map_err(|e| format!("{input}: {e}"))
        .and_then(|t| build(&t));
    let text = match result {
        Ok(t) => t,
        Err(e) => {
            eprintln!("map-gen: {e}");
            std::process::exit(2);
        }
    };
    if check {
        if std::fs::read_to_string(output).ok().as_deref() != Some(text.as_str()) {
            eprintln!("map-gen: {output} is stale; run `cargo run -p tak-core --bin map-gen`");
            std::process::exit(1);
        }
        println!("map-gen: {output} is up to date");
        return;
    }
    if let Some(dir) = std::path::Path::new(output).parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(output, &text) {
        eprintln!("map-gen: {output}: {e}");
        std::process::exit(2);
    }
    println!("map-gen: wrote {output} ({} bytes)", text.len());
}

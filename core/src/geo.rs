//! Geometry for the map and "near me": great-circle distance, point in polygon, the map's
//! projection and line simplification. Map-gen runs the projection at build time; the app uses the
//! same projection to place the reader's position on the prebuilt map.

use serde::{Deserialize, Serialize};

const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Even-odd point-in-polygon test on one ring of (x, y) points.
pub fn point_in_ring(x: f64, y: f64, ring: &[(f64, f64)]) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// A polygon with holes: the first ring is the outline, the others are holes.
pub fn point_in_polygon(x: f64, y: f64, rings: &[Vec<(f64, f64)>]) -> bool {
    match rings.split_first() {
        Some((outer, holes)) => {
            point_in_ring(x, y, outer) && !holes.iter().any(|h| point_in_ring(x, y, h))
        }
        None => false,
    }
}

/// The map's projection: equirectangular, scaled by the cosine of the middle latitude, which
/// distorts Khuzestan (29.9°–33°N) by under 3 %, with y growing downwards as SVG expects.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub lon_min: f64,
    pub lat_max: f64,
    pub cos_lat: f64,
    /// SVG units per degree of longitude at the equator.
    pub scale: f64,
}

impl Projection {
    /// A projection that fits the lon/lat box into `width` SVG units.
    pub fn fit(lon_min: f64, lon_max: f64, lat_min: f64, lat_max: f64, width: f64) -> Projection {
        let cos_lat = ((lat_min + lat_max) / 2.0).to_radians().cos();
        Projection {
            lon_min,
            lat_max,
            cos_lat,
            scale: width / ((lon_max - lon_min) * cos_lat),
        }
    }
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.lon_min) * self.cos_lat * self.scale,
            (self.lat_max - lat) * self.scale,
        )
    }
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (
            x / (self.cos_lat * self.scale) + self.lon_min,
            self.lat_max - y / self.scale,
        )
    }
}

fn perpendicular_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt();
    }
    ((dy * p.0 - dx * p.1 + b.0 * a.1 - b.1 * a.0).abs()) / len2.sqrt()
}

/// Douglas–Peucker simplification of an open line; the ends are kept.
pub fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0usize, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let mut best = (0.0, 0usize);
        for i in first + 1..last {
            let d = perpendicular_distance(points[i], points[first], points[last]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance {
            keep[best.1] = true;
            stack.push((first, best.1));
            stack.push((best.1, last));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ahvaz_to_abadan_is_about_120_km() {
        let d = distance_km(31.31901, 48.68420, 30.33920, 48.30430);
        assert!((d - 114.0).abs() < 5.0, "{d}");
        assert_eq!(distance_km(31.0, 48.0, 31.0, 48.0), 0.0);
    }

    #[test]
    fn point_in_square_with_hole() {
        let outer = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let hole = vec![(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0)];
        let poly = vec![outer, hole];
        assert!(point_in_polygon(1.0, 1.0, &poly));
        assert!(!point_in_polygon(5.0, 5.0, &poly));
        assert!(!point_in_polygon(11.0, 5.0, &poly));
    }

    #[test]
    fn projection_round_trips_and_points_down() {
        let p = Projection::fit(47.6, 50.6, 29.9, 33.1, 1000.0);
        let (x, y) = p.project(48.68, 31.32);
        let (lon, lat) = p.unproject(x, y);
        assert!((lon - 48.68).abs() < 1e-9 && (lat - 31.32).abs() < 1e-9);
        assert!(
            p.project(48.0, 33.0).1 < p.project(48.0, 30.0).1,
            "north is up"
        );
        assert!((p.project(50.6, 31.0).0 - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn simplify_drops_collinear_points() {
        let line = vec![(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 5.0)];
        assert_eq!(
            simplify(&line, 0.1),
            vec![(0.0, 0.0), (2.0, 0.0), (3.0, 5.0)]
        );
    }
}

/// County outlines read from the project's GeoJSON (`data/khuzestan-counties.geojson`), in lon/lat.
#[derive(Clone, Debug, Default)]
pub struct CountyShapes {
    pub counties: Vec<CountyShape>,
}

#[derive(Clone, Debug, Default)]
pub struct CountyShape {
    pub id: String,
    pub name_fa: String,
    pub name_en: String,
    pub name_ar: String,
    pub seat: (f64, f64),
    pub seat_fa: String,
    pub seat_en: String,
    pub label: (f64, f64),
    /// Polygons, each a list of rings of (lon, lat); the first ring is the outline.
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

impl CountyShape {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        self.polygons.iter().any(|p| point_in_polygon(lon, lat, p))
    }
}

impl CountyShapes {
    pub fn from_geojson(text: &str) -> Result<CountyShapes, String> {
        use serde_json::Value;
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let features = v
            .get("features")
            .and_then(Value::as_array)
            .ok_or("no features")?;
        let ring = |r: &Value| -> Vec<(f64, f64)> {
            r.as_array()
                .map(|pts| {
                    pts.iter()
                        .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let poly = |p: &Value| -> Vec<Vec<(f64, f64)>> {
            p.as_array()
                .map(|rs| rs.iter().map(ring).collect())
                .unwrap_or_default()
        };
        let mut counties = Vec::new();
        for f in features {
            let p = &f["properties"];
            if p["kind"] != "county" {
                continue;
            }
            let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
            let n = |k: &str| p[k].as_f64().unwrap_or(0.0);
            let g = &f["geometry"];
            let polygons = match g["type"].as_str() {
                Some("Polygon") => vec![poly(&g["coordinates"])],
                Some("MultiPolygon") => g["coordinates"]
                    .as_array()
                    .map(|ps| ps.iter().map(poly).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            counties.push(CountyShape {
                id: s("id"),
                name_fa: s("name_fa"),
                name_en: s("name_en"),
                name_ar: match s("name_ar") {
                    ar if ar.is_empty() => arabic_county_name(&s("id")).to_string(),
                    ar => ar,
                },
                seat: (n("seat_lat"), n("seat_lon")),
                seat_fa: s("seat_fa"),
                seat_en: s("seat_en"),
                label: (n("label_lat"), n("label_lon")),
                polygons,
            });
        }
        Ok(CountyShapes { counties })
    }

    pub fn get(&self, id: &str) -> Option<&CountyShape> {
        self.counties.iter().find(|c| c.id == id)
    }

    /// The county a point lies in.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<&CountyShape> {
        self.counties.iter().find(|c| c.contains(lat, lon))
    }
}

/// Writes rings as compact SVG path data: an absolute move, then whole-unit relative lines.
pub fn encode_path(rings: &[Vec<(i64, i64)>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let Some(&(x0, y0)) = ring.first() else {
            continue;
        };
        d.push_str(&format!("M{x0} {y0}"));
        let (mut px, mut py) = (x0, y0);
        let mut first = true;
        for &(x, y) in &ring[1..] {
            let (dx, dy) = (x - px, y - py);
            if dx == 0 && dy == 0 {
                continue;
            }
            d.push(if first { 'l' } else { ' ' });
            first = false;
            d.push_str(&format!("{dx} {dy}"));
            (px, py) = (x, y);
        }
        d.push('z');
    }
    d
}

/// Reads path data written by [`encode_path`] back into rings (for point-in-county on the map).
pub fn decode_path(d: &str) -> Vec<Vec<(f64, f64)>> {
    let mut rings = Vec::new();
    let mut ring: Vec<(f64, f64)> = Vec::new();
    let mut relative = false;
    let mut nums: Vec<f64> = Vec::new();
    let mut num = String::new();
    let flush_num = |num: &mut String, nums: &mut Vec<f64>| {
        if !num.is_empty() {
            if let Ok(v) = num.parse() {
                nums.push(v);
            }
            num.clear();
        }
    };
    let flush_points = |nums: &mut Vec<f64>, ring: &mut Vec<(f64, f64)>, relative: bool| {
        for pair in nums.chunks_exact(2) {
            let (mut x, mut y) = (pair[0], pair[1]);
            if relative {
                if let Some(&(px, py)) = ring.last() {
                    x += px;
                    y += py;
                }
            }
            ring.push((x, y));
        }
        nums.clear();
    };
    for ch in d.chars() {
        match ch {
            'M' | 'l' | 'z' | 'Z' => {
                flush_num(&mut num, &mut nums);
                flush_points(&mut nums, &mut ring, relative);
                if matches!(ch, 'z' | 'Z') {
                    rings.push(std::mem::take(&mut ring));
                }
                relative = ch == 'l';
            }
            ' ' | ',' => flush_num(&mut num, &mut nums),
            '-' => {
                flush_num(&mut num, &mut nums);
                num.push('-');
            }
            _ => num.push(ch),
        }
    }
    flush_num(&mut num, &mut nums);
    flush_points(&mut nums, &mut ring, relative);
    if !ring.is_empty() {
        rings.push(ring);
    }
    rings
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn path_round_trip() {
        let rings = vec![
            vec![(10, 20), (15, 20), (15, 26), (10, 20)],
            vec![(100, 100), (90, 105), (95, 80)],
        ];
        let d = encode_path(&rings);
        assert_eq!(d, "M10 20l5 0 0 6 -5 -6zM100 100l-10 5 5 -25z");
        let back = decode_path(&d);
        assert_eq!(back.len(), 2);
        assert_eq!(
            back[0],
            vec![(10.0, 20.0), (15.0, 20.0), (15.0, 26.0), (10.0, 20.0)]
        );
        assert_eq!(back[1][2], (95.0, 80.0));
    }

    #[test]
    fn the_project_geojson_has_thirty_counties_and_seats_inside_them() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/khuzestan-counties.geojson"
        ))
        .unwrap();
        let shapes = CountyShapes::from_geojson(&text).unwrap();
        assert_eq!(shapes.counties.len(), 30);
        for c in &shapes.counties {
            assert!(c.contains(c.seat.0, c.seat.1), "{} seat outside", c.id);
        }
        assert_eq!(
            shapes.locate(31.319, 48.684).map(|c| c.id.as_str()),
            Some("ahvaz")
        );
        assert_eq!(
            shapes.locate(35.7, 51.4).map(|c| c.id.as_str()),
            None,
            "Tehran is not in Khuzestan"
        );
    }
}

/// The counties' names as Arabic writes them (Arabic letters: ي, ك; "گ" as ك), for the counties
/// whose OpenStreetMap entry has no Arabic name. The sample catalog's Arabic texts and the map's
/// Arabic labels take them from here.
const ARABIC_COUNTY_NAMES: [(&str, &str); 26] = [
    ("aghajari", "آغاجاري"),
    ("andika", "أنديكا"),
    ("andimeshk", "أنديمشك"),
    ("bagh-e-malek", "باغ ملك"),
    ("bavi", "باوي"),
    ("dasht-e-azadegan", "دشت آزادكان"),
    ("dezful", "دزفول"),
    ("dezpart", "دزبارت"),
    ("gotvand", "كتوند"),
    ("haftkel", "هفتكل"),
    ("hamidiyeh", "الحميدية"),
    ("hendijan", "هنديجان"),
    ("hoveyzeh", "الحويزة"),
    ("karkheh", "الكرخة"),
    ("karun", "كارون"),
    ("khorramshahr", "خرمشهر"),
    ("lali", "لالي"),
    ("mahshahr", "بندر ماهشهر"),
    ("masjed-soleyman", "مسجد سليمان"),
    ("omidiyeh", "الأميدية"),
    ("ramhormoz", "رامهرمز"),
    ("ramshir", "رامشير"),
    ("seydun", "صيدون"),
    ("shadegan", "شادكان"),
    ("shush", "شوش"),
    ("shushtar", "شوشتر"),
];

fn arabic_county_name(id: &str) -> &'static str {
    ARABIC_COUNTY_NAMES
        .iter()
        .find(|(k, _)| *k == id)
        .map_or("", |(_, name)| name)
}

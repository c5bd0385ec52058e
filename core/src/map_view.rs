//! The map page's geometry, in the SVG units of the county map: which markers share a group,
//! and how the visible box moves when the reader pans, pinches, scrolls or opens the map around
//! some places. The page (src/pages/map.rs) turns pointer events into these calls.

use std::collections::HashMap;

/// A place on the map, in SVG units, with the services offered there (their indices).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub x: f64,
    pub y: f64,
    pub services: Vec<usize>,
}

/// Groups the places that fall in one `cell`-sized square: each group sits at the mean of its
/// places, weighted by how many services each has, and lists all their services. Groups come
/// top to bottom, then left to right (the order they are drawn and read in).
pub fn cluster(places: &[Place], cell: f64) -> Vec<Place> {
    let mut groups: HashMap<(i64, i64), Place> = HashMap::new();
    for p in places {
        let key = ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
        let g = groups.entry(key).or_insert_with(|| Place {
            x: 0.0,
            y: 0.0,
            services: Vec::new(),
        });
        let n = g.services.len() as f64;
        let m = p.services.len() as f64;
        if n + m > 0.0 {
            g.x = (g.x * n + p.x * m) / (n + m);
            g.y = (g.y * n + p.y * m) / (n + m);
        }
        g.services.extend(&p.services);
    }
    let mut out: Vec<Place> = groups.into_values().collect();
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    out
}

/// The part of the map on screen: its top-left corner and size, in SVG units. It always keeps
/// the map's proportions, shows at least a quarter of its width of map at each side's edge, and
/// zooms between the whole map and a fortieth of its width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl ViewBox {
    /// The whole map, `width` × `height`.
    pub fn whole(width: f64, height: f64) -> ViewBox {
        ViewBox {
            x: 0.0,
            y: 0.0,
            width,
            height,
        }
    }

    /// Zoomed by `factor` (above 1: closer) around the point (`cx`, `cy`), which stays where it
    /// is on screen; `map` is the whole map's box.
    pub fn zoomed(self, factor: f64, cx: f64, cy: f64, map: ViewBox) -> ViewBox {
        let width = (self.width / factor).clamp(map.width / 40.0, map.width);
        let height = width * map.height / map.width;
        let x = cx - (cx - self.x) * width / self.width;
        let y = cy - (cy - self.y) * height / self.height;
        ViewBox {
            x,
            y,
            width,
            height,
        }
        .kept_on(map)
    }

    /// Moved by (`dx`, `dy`) SVG units (a drag moves the map the other way).
    pub fn panned(self, dx: f64, dy: f64, map: ViewBox) -> ViewBox {
        ViewBox {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
        .kept_on(map)
    }

    /// The box around `points`, with a margin, never closer than an eighth of the map's width;
    /// `None` without points.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>, map: ViewBox) -> Option<ViewBox> {
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        let mut any = false;
        for (x, y) in points {
            any = true;
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
        if !any {
            return None;
        }
        let width = ((x1 - x0).max((y1 - y0) * map.width / map.height) * 1.6)
            .clamp(map.width / 8.0, map.width);
        let height = width * map.height / map.width;
        Some(ViewBox {
            x: (x0 + x1 - width) / 2.0,
            y: (y0 + y1 - height) / 2.0,
            width,
            height,
        })
    }

    /// Kept so that at least a quarter of the box shows map.
    fn kept_on(self, map: ViewBox) -> ViewBox {
        ViewBox {
            x: self
                .x
                .clamp(-map.width * 0.25, map.width - self.width * 0.75),
            y: self
                .y
                .clamp(-map.height * 0.25, map.height - self.height * 0.75),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(x: f64, y: f64, services: &[usize]) -> Place {
        Place {
            x,
            y,
            services: services.to_vec(),
        }
    }

    #[test]
    fn places_in_one_cell_share_a_group_at_their_weighted_mean() {
        let groups = cluster(&[place(1.0, 1.0, &[0]), place(4.0, 1.0, &[1, 2, 3])], 10.0);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].services, vec![0, 1, 2, 3]);
        assert!((groups[0].x - 3.25).abs() < 1e-9, "{}", groups[0].x);
        assert!((groups[0].y - 1.0).abs() < 1e-9);
    }

    #[test]
    fn places_a_cell_apart_stay_apart_top_to_bottom() {
        let groups = cluster(
            &[
                place(50.0, 30.0, &[0]),
                place(5.0, 30.0, &[1]),
                place(5.0, 5.0, &[2]),
            ],
            10.0,
        );
        let services: Vec<_> = groups.iter().map(|g| g.services.clone()).collect();
        assert_eq!(services, vec![vec![2], vec![1], vec![0]]);
        // A smaller cell on screen (zoomed out) merges what a larger one kept apart.
        assert_eq!(
            cluster(&[place(5.0, 5.0, &[0]), place(15.0, 5.0, &[1])], 40.0).len(),
            1
        );
        assert!(cluster(&[], 10.0).is_empty());
    }

    #[test]
    fn zooming_keeps_the_point_under_the_fingers() {
        let map = ViewBox::whole(400.0, 300.0);
        let zoomed = map.zoomed(2.0, 100.0, 150.0, map);
        assert_eq!(zoomed.width, 200.0);
        assert_eq!(zoomed.height, 150.0);
        // (100, 150) was a quarter across and half down; it still is.
        assert!(((100.0 - zoomed.x) / zoomed.width - 0.25).abs() < 1e-9);
        assert!(((150.0 - zoomed.y) / zoomed.height - 0.5).abs() < 1e-9);
    }

    #[test]
    fn zoom_stops_at_the_whole_map_and_at_a_fortieth_of_it() {
        let map = ViewBox::whole(400.0, 300.0);
        assert_eq!(map.zoomed(0.5, 200.0, 150.0, map).width, 400.0);
        let mut close = map;
        for _ in 0..20 {
            close = close.zoomed(2.0, 200.0, 150.0, map);
        }
        assert_eq!(close.width, 10.0);
        assert_eq!(close.height, 7.5);
    }

    #[test]
    fn a_drag_cannot_lose_the_map() {
        let map = ViewBox::whole(400.0, 300.0);
        let far = map.panned(10_000.0, -10_000.0, map);
        assert_eq!(far.x, 100.0);
        assert_eq!(far.y, -75.0);
        assert_eq!(far.width, 400.0);
    }

    #[test]
    fn a_service_opens_the_map_around_its_places() {
        let map = ViewBox::whole(400.0, 300.0);
        assert_eq!(ViewBox::around([], map), None);
        let one = ViewBox::around([(200.0, 150.0)], map).unwrap();
        assert_eq!(one.width, 50.0, "never closer than an eighth of the map");
        assert_eq!(
            (one.x + one.width / 2.0, one.y + one.height / 2.0),
            (200.0, 150.0)
        );
        let spread = ViewBox::around([(100.0, 100.0), (200.0, 120.0)], map).unwrap();
        assert!((spread.width - 160.0).abs() < 1e-9, "{}", spread.width);
        assert!(spread.x < 100.0 && spread.x + spread.width > 200.0);
    }
}

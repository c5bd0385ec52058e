//! The lists' order: by name in the Persian alphabet's order, or by distance with equally far
//! services by name, whatever the filters.

use tak_core::catalog::load;
use tak_core::query::{sort_key, DepartmentFilter, Index, ServiceFilter, SortBy};
use tak_core::schedule::IranTime;

const SAMPLE: &str = include_str!("../../public/catalog.json");

fn is_sorted_by_name<'a>(names: impl Iterator<Item = &'a str>) -> bool {
    let keys: Vec<Vec<u32>> = names.map(sort_key).collect();
    keys.windows(2).all(|w| w[0] <= w[1])
}

#[test]
fn services_are_listed_by_name_or_by_distance_then_name() {
    let c = load(SAMPLE).unwrap().catalog;
    let ix = Index::build(&c);
    let now = IranTime::local(2026, 11, 28, 10, 30);
    let all = ServiceFilter::default().apply(&c, &ix, now, None);
    assert_eq!(all.len(), c.services.len());
    assert!(is_sorted_by_name(
        all.iter().map(|(i, _)| c.services[*i].name.as_str())
    ));

    let free = ServiceFilter {
        free_only: true,
        ..Default::default()
    }
    .apply(&c, &ix, now, None);
    assert!(!free.is_empty() && free.len() < all.len());
    assert!(is_sorted_by_name(
        free.iter().map(|(i, _)| c.services[*i].name.as_str())
    ));

    let near = ServiceFilter {
        sort: SortBy::Distance,
        ..Default::default()
    }
    .apply(&c, &ix, now, Some((31.32, 48.68)));
    assert_eq!(near.len(), all.len());
    let far = |d: Option<f64>| d.unwrap_or(f64::INFINITY);
    for w in near.windows(2) {
        assert!(far(w[0].1) <= far(w[1].1), "{w:?}");
        if far(w[0].1) == far(w[1].1) {
            let (a, b) = (&c.services[w[0].0].name, &c.services[w[1].0].name);
            assert!(sort_key(a) <= sort_key(b), "{a} before {b}");
        }
    }
    // Without a position, "by distance" falls back to by name.
    let unplaced = ServiceFilter {
        sort: SortBy::Distance,
        ..Default::default()
    }
    .apply(&c, &ix, now, None);
    assert_eq!(unplaced, all);
}

#[test]
fn departments_are_listed_by_name() {
    let c = load(SAMPLE).unwrap().catalog;
    let ix = Index::build(&c);
    let ids =
        |rows: Vec<(usize, Option<f64>)>| rows.into_iter().map(|(i, _)| i).collect::<Vec<_>>();
    let all = ids(DepartmentFilter::default().apply(&c, &ix, None));
    assert_eq!(all.len(), c.x_tak_departments.len());
    assert!(is_sorted_by_name(
        all.iter().map(|&i| c.x_tak_departments[i].name.as_str())
    ));
    let with_places = ids(DepartmentFilter {
        has_places: true,
        ..Default::default()
    }
    .apply(&c, &ix, None));
    assert!(!with_places.is_empty() && with_places.len() < all.len());
    let kept: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| c.x_tak_departments[i].places_available > 0)
        .collect();
    assert_eq!(with_places, kept);
}

/// A service is found by its own name and by the names it shares with others (its counties,
/// organisation and category), in any of the three languages, and a query's words may come from
/// different ones.
#[test]
fn services_are_found_by_their_names_and_by_where_and_who() {
    let c = load(SAMPLE).unwrap().catalog;
    let ix = Index::build(&c);
    let now = IranTime::local(2026, 11, 28, 10, 30);
    let find = |q: &str| -> Vec<usize> {
        ServiceFilter {
            q: q.into(),
            ..Default::default()
        }
        .apply(&c, &ix, now, None)
        .into_iter()
        .map(|(i, _)| i)
        .collect()
    };
    let en = |tr: &tak_core::catalog::Translations| match tr.get("en", "name") {
        Some(tak_core::catalog::TrValue::One(t)) => t.clone(),
        _ => panic!("an English name"),
    };
    let s = &c.services[0];
    let first_word = s.name.split(' ').next().unwrap();
    assert!(find(first_word).contains(&0), "{first_word}");
    assert!(find(&en(&s.x_translations)).contains(&0));

    let org = c
        .organizations
        .iter()
        .find(|o| o.id == s.organization_id)
        .unwrap();
    let by_org = find(&en(&org.x_translations));
    assert!(by_org.contains(&0));
    assert!(by_org
        .iter()
        .all(|&i| c.services[i].organization_id == org.id));

    let term = c
        .taxonomy_terms
        .iter()
        .find(|t| t.id == s.x_category)
        .unwrap();
    assert!(find(&term.name).contains(&0));

    let county = c.x_counties.iter().find(|k| k.id == "ahvaz").unwrap();
    let in_ahvaz = find(&county.name);
    assert!(!in_ahvaz.is_empty());
    let both = find(&format!("{} {}", term.name, en(&county.x_translations)));
    assert!(!both.is_empty());
    assert!(both
        .iter()
        .all(|i| in_ahvaz.contains(i) && c.services[*i].x_category == term.id));
    assert!(find("zzzz nothing").is_empty());
}

#[test]
fn a_temporarily_closed_service_is_never_open_now() {
    let mut c = load(SAMPLE).unwrap().catalog;
    let now = IranTime::local(2026, 11, 28, 10, 30);
    let open_now = ServiceFilter {
        open_now: true,
        ..Default::default()
    };
    let ix = Index::build(&c);
    let (open, _) = open_now.apply(&c, &ix, now, None)[0];
    assert!(ix.service_state(open, now) != tak_core::schedule::OpenState::Closed);
    c.services[open].status = tak_core::catalog::Status::TemporarilyClosed;
    let ix = Index::build(&c);
    assert!(open_now
        .apply(&c, &ix, now, None)
        .iter()
        .all(|(i, _)| *i != open));
    assert_eq!(
        ix.service_state(open, now),
        tak_core::schedule::OpenState::Closed
    );
    for &p in &ix.places_of_service[open] {
        assert!(ix.place_hours[p].is_suspended());
    }
}

/// "Near me" means nearest first: once the position is known, both lists are sorted by distance
/// unless the reader chose the name order.
#[test]
fn a_known_position_sorts_nearest_first_unless_name_was_chosen() {
    let c = load(SAMPLE).unwrap().catalog;
    let ix = Index::build(&c);
    let now = IranTime::local(2026, 11, 28, 10, 30);
    let here = Some((32.38, 48.40)); // Dezful, far from the Ahvaz-heavy name order
    let far = |d: Option<f64>| d.unwrap_or(f64::INFINITY);
    let nearest =
        |rows: &[(usize, Option<f64>)]| rows.windows(2).all(|w| far(w[0].1) <= far(w[1].1));
    let services = ServiceFilter::default().apply(&c, &ix, now, here);
    assert!(nearest(&services) && services[0].1.is_some());
    let departments = DepartmentFilter::default().apply(&c, &ix, here);
    assert!(nearest(&departments) && departments[0].1.is_some());
    let by_name = DepartmentFilter {
        sort: SortBy::Name,
        ..Default::default()
    };
    let named = by_name.apply(&c, &ix, here);
    assert!(is_sorted_by_name(
        named
            .iter()
            .map(|(i, _)| c.x_tak_departments[*i].name.as_str())
    ));
    assert!(
        !nearest(&named),
        "the sample's name order is not its distance order from Dezful"
    );
    // The reader's choice is kept in the address; the automatic order is not written there.
    assert_eq!(by_name.to_query(), vec![("sort", "name".to_string())]);
    assert!(DepartmentFilter::default().to_query().is_empty());
    assert_eq!(
        DepartmentFilter::from_query(|k| (k == "sort").then(|| "name".to_string())).sort,
        SortBy::Name
    );
}

/// The map's "show these as a list": only the services with a place in the box on screen.
#[test]
fn an_area_keeps_the_services_with_a_place_inside_it() {
    let c = load(SAMPLE).unwrap().catalog;
    let ix = Index::build(&c);
    let now = IranTime::local(2026, 11, 28, 10, 30);
    let area = tak_core::query::Area::parse("31.0,48.3,31.7,49.0").expect("a box");
    let f = ServiceFilter {
        area: Some(area),
        ..Default::default()
    };
    let inside = f.apply(&c, &ix, now, None);
    let all = ServiceFilter::default().apply(&c, &ix, now, None);
    assert!(!inside.is_empty() && inside.len() < all.len());
    for (si, _) in &inside {
        assert!(ix.places_of_service[*si].iter().any(|&p| {
            let l = &c.locations[ix.place_location(p).unwrap()];
            area.contains(l.latitude, l.longitude)
        }));
    }
    let back = ServiceFilter::from_query(|k| {
        f.to_query()
            .into_iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v)
    });
    assert_eq!(back.area, Some(area));
    assert_eq!(tak_core::query::Area::parse("1,2,0,3"), None);
    assert_eq!(tak_core::query::Area::parse("a,b"), None);
}

/// The sample's rollout: the pilot's three months, then the next phase from December 2026.
#[test]
fn the_phase_running_on_a_date() {
    use tak_core::catalog::Phase;
    let c = load(SAMPLE).unwrap().catalog;
    assert_eq!(
        c.phase_span(Phase::Pilot),
        Some(("2026-09-01", "2026-11-30"))
    );
    assert_eq!(c.phase_on("2026-10-15"), Some(Phase::Pilot));
    assert_eq!(c.phase_on("2026-12-01"), Some(Phase::Next));
    assert_eq!(c.phase_on("2020-01-01"), None);
}

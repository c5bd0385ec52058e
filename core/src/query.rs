//! Search, filters and sorting for the two lists, over an index built once per catalog.
//! Filters round-trip through the URL's query string so a filtered list can be shared.

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::{
    AgeGroup, BenefitKind, Catalog, County, Department, Field, Location, OrgKind, Organization,
    Phase, Service, ShortText, TaxonomyTerm, TrValue, Translations,
};
use crate::geo::distance_km;
use crate::schedule::{Hours, IranTime, OpenState, Weekday};
use crate::text::{normalize, normalize_into, Query};

/// Appends the normalised `base` text and its translations; returns where the base text ends.
fn push_texts(out: &mut String, base: &str, tr: &Translations, field: &str) -> usize {
    // Room for all of it at once: normalising rarely lengthens a text.
    let room = base.len()
        + 1
        + tr.all_of(field)
            .map(|v| match v {
                TrValue::One(t) => t.len() + 1,
                TrValue::Many(_) => 0,
            })
            .sum::<usize>();
    out.reserve(room);
    normalize_into(out, base);
    let base_end = out.len();
    out.push(' ');
    for value in tr.all_of(field) {
        if let TrValue::One(t) = value {
            normalize_into(out, t);
            out.push(' ');
        }
    }
    base_end
}

/// Lookups and precomputed search text for one catalog. Built once when the catalog arrives.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub org_by_id: HashMap<ShortText, usize>,
    pub loc_by_id: HashMap<ShortText, usize>,
    pub county_by_id: HashMap<ShortText, usize>,
    pub service_by_id: HashMap<ShortText, usize>,
    pub department_by_id: HashMap<ShortText, usize>,
    pub term_by_id: HashMap<ShortText, usize>,
    /// Per service: indices into `service_at_locations`.
    pub places_of_service: Vec<Vec<usize>>,
    /// Per service-at-location: compiled opening hours.
    pub place_hours: Vec<Hours>,
    /// Per department: compiled session times.
    pub department_hours: Vec<Hours>,
    department_text: Vec<String>,
    /// Per service: its own names, normalised. The names it shares with many others (its
    /// counties, organisation and category) are in `shared_text`, searched once per query.
    service_text: Vec<String>,
    /// Normalised names of the counties, then the organisations, then the categories.
    shared_text: Vec<String>,
    /// Per service: indices into `shared_text` (`shared_start[i]..shared_start[i + 1]`).
    shared_of_service: Vec<u32>,
    shared_start: Vec<u32>,
    /// Per service: the counties it has locations in, then the ones it is coming to.
    service_counties: Vec<Vec<ShortText>>,
    /// Per service-at-location: its location's index, when the location exists.
    location_of_place: Vec<Option<usize>>,
    /// Services and departments in the lists' order (by name, see [`sort_key`]): a list sorted by
    /// name is these filtered, with no sorting per keystroke (which, for 10,000 services,
    /// normalised and compared every name again each time a letter was typed).
    services_by_name: Vec<usize>,
    departments_by_name: Vec<usize>,
}

/// Indices `0..len` ordered by each one's name, given already normalised (ties keep catalog
/// order): the order of [`sort_key`] without normalising or allocating again.
fn by_name<'a>(len: usize, normalized_name: impl Fn(usize) -> &'a str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp_names(normalized_name(a), normalized_name(b)));
    order
}

/// [`sort_key`]'s order of two normalised names, without building the keys: the letters they
/// share compare equal, so only the first letter where they differ is ranked. (Comparing every
/// letter's rank was a fifth of the time it took to index a 10,000-service catalog.)
fn cmp_names(a: &str, b: &str) -> std::cmp::Ordering {
    let mut same = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // The bytes so far are equal, so both texts have their letters' boundaries in the same
    // places: step back to the start of the letter they differ in.
    while !a.is_char_boundary(same) {
        same -= 1;
    }
    let rank = |s: &str| s[same..].chars().next().map(letter_rank);
    rank(a).cmp(&rank(b))
}

impl Index {
    /// The organisation `id` of `c` (the catalog this index was built for).
    pub fn organization<'c>(&self, c: &'c Catalog, id: &str) -> Option<&'c Organization> {
        self.org_by_id.get(id).map(|&i| &c.organizations[i])
    }
    pub fn location<'c>(&self, c: &'c Catalog, id: &str) -> Option<&'c Location> {
        self.loc_by_id.get(id).map(|&i| &c.locations[i])
    }
    pub fn county<'c>(&self, c: &'c Catalog, id: &str) -> Option<&'c County> {
        self.county_by_id.get(id).map(|&i| &c.x_counties[i])
    }
    pub fn service<'c>(&self, c: &'c Catalog, id: &str) -> Option<&'c Service> {
        self.service_by_id.get(id).map(|&i| &c.services[i])
    }
    pub fn department<'c>(&self, c: &'c Catalog, id: &str) -> Option<&'c Department> {
        self.department_by_id
            .get(id)
            .map(|&i| &c.x_tak_departments[i])
    }
    pub fn term<'c>(&self, c: &'c Catalog, id: &str) -> Option<&'c TaxonomyTerm> {
        self.term_by_id.get(id).map(|&i| &c.taxonomy_terms[i])
    }

    pub fn build(c: &Catalog) -> Index {
        let ids = |v: Vec<&ShortText>| {
            v.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect::<HashMap<_, _>>()
        };
        let mut ix = Index {
            org_by_id: ids(c.organizations.iter().map(|o| &o.id).collect()),
            loc_by_id: ids(c.locations.iter().map(|o| &o.id).collect()),
            county_by_id: ids(c.x_counties.iter().map(|o| &o.id).collect()),
            service_by_id: ids(c.services.iter().map(|o| &o.id).collect()),
            department_by_id: ids(c.x_tak_departments.iter().map(|o| &o.id).collect()),
            term_by_id: ids(c.taxonomy_terms.iter().map(|o| &o.id).collect()),
            places_of_service: vec![Vec::new(); c.services.len()],
            place_hours: c
                .service_at_locations
                .iter()
                .map(|s| Hours::compile(&s.schedules))
                .collect(),
            department_hours: c
                .x_tak_departments
                .iter()
                .map(|d| Hours::compile(&d.schedules))
                .collect(),
            ..Default::default()
        };
        for (i, sal) in c.service_at_locations.iter().enumerate() {
            if let Some(&s) = ix.service_by_id.get(&sal.service_id) {
                ix.places_of_service[s].push(i);
                // A service's status wins over its places' hours, in every view of them.
                if c.services[s].status != crate::catalog::Status::Active {
                    ix.place_hours[i].suspend();
                }
            }
        }
        ix.location_of_place = c
            .service_at_locations
            .iter()
            .map(|sal| ix.loc_by_id.get(&sal.location_id).copied())
            .collect();
        // Names shared by many entries (counties, organisations, categories) are normalised once
        // here, not again for every service and department that mentions them: that repetition
        // was most of the index's build time on a 10,000-service catalog.
        let names = |name: &str, tr: &Translations| {
            let mut t = String::new();
            push_texts(&mut t, name, tr, "name");
            t
        };
        let county_names: Vec<String> = c
            .x_counties
            .iter()
            .map(|x| names(&x.name, &x.x_translations))
            .collect();
        let org_names: Vec<String> = c
            .organizations
            .iter()
            .map(|x| names(&x.name, &x.x_translations))
            .collect();
        let term_names: Vec<String> = c
            .taxonomy_terms
            .iter()
            .map(|x| names(&x.name, &x.x_translations))
            .collect();
        let county_text = |id: &str, out: &mut String| {
            if let Some(&ci) = ix.county_by_id.get(id) {
                out.push_str(&county_names[ci]);
            }
        };
        let org_text = |id: &str, out: &mut String| {
            if let Some(&oi) = ix.org_by_id.get(id) {
                out.push_str(&org_names[oi]);
            }
        };
        let mut name_end = Vec::with_capacity(c.x_tak_departments.len());
        ix.department_text = c
            .x_tak_departments
            .iter()
            .map(|d| {
                let mut t = String::new();
                name_end.push(push_texts(&mut t, &d.name, &d.x_translations, "name"));
                org_text(&d.host_organization_id, &mut t);
                if let Some(&li) = ix.loc_by_id.get(&d.location_id) {
                    let l = &c.locations[li];
                    push_texts(&mut t, &l.name, &l.x_translations, "name");
                    county_text(&l.x_county_id, &mut t);
                }
                t
            })
            .collect();
        ix.departments_by_name = by_name(c.x_tak_departments.len(), |i| {
            &ix.department_text[i][..name_end[i]]
        });
        ix.service_counties = (0..c.services.len())
            .map(|si| {
                let mut counties: Vec<ShortText> = Vec::new();
                for &p in &ix.places_of_service[si] {
                    if let Some(li) = ix.location_of_place[p] {
                        let county = &c.locations[li].x_county_id;
                        if !counties.contains(county) {
                            counties.push(county.clone());
                        }
                    }
                }
                for county in &c.services[si].x_coming_to {
                    if !counties.contains(county) {
                        counties.push(county.clone());
                    }
                }
                counties
            })
            .collect();
        // Services: their own names, and which shared names (counties, organisation, category)
        // describe them. A query matches the shared names once, not once per service.
        let (n_counties, n_orgs) = (county_names.len(), org_names.len());
        ix.shared_text = [county_names, org_names, term_names].concat();
        ix.shared_start = Vec::with_capacity(c.services.len() + 1);
        let mut name_end = Vec::with_capacity(c.services.len());
        ix.service_text = c
            .services
            .iter()
            .enumerate()
            .map(|(si, s)| {
                ix.shared_start.push(ix.shared_of_service.len() as u32);
                let shared = &mut ix.shared_of_service;
                for county in &ix.service_counties[si] {
                    if let Some(&k) = ix.county_by_id.get(county) {
                        shared.push(k as u32);
                    }
                }
                if let Some(&o) = ix.org_by_id.get(&s.organization_id) {
                    shared.push((n_counties + o) as u32);
                }
                if let Some(t) = c.taxonomy_terms.iter().position(|t| t.id == s.x_category) {
                    shared.push((n_counties + n_orgs + t) as u32);
                }
                let mut t = String::new();
                name_end.push(push_texts(&mut t, &s.name, &s.x_translations, "name"));
                t.shrink_to_fit();
                t
            })
            .collect();
        ix.shared_start.push(ix.shared_of_service.len() as u32);
        ix.services_by_name = by_name(c.services.len(), |i| &ix.service_text[i][..name_end[i]]);
        ix
    }

    /// The shared names (indices into `shared_text`) that describe service `si`.
    fn shared_of(&self, si: usize) -> &[u32] {
        let (a, b) = (self.shared_start[si], self.shared_start[si + 1]);
        &self.shared_of_service[a as usize..b as usize]
    }

    /// The state of a service over all its places: open if any is open (until the latest
    /// closing), else the soonest opening.
    pub fn service_state(&self, service: usize, now: IranTime) -> OpenState {
        combine_states(
            self.places_of_service[service]
                .iter()
                .map(|&p| self.place_hours[p].state_at(now)),
        )
    }

    /// The location (an index into the catalog's locations) of a place, when it names one.
    pub fn place_location(&self, place: usize) -> Option<usize> {
        self.location_of_place.get(place).copied().flatten()
    }

    pub fn service_counties(&self, service: usize) -> &[ShortText] {
        &self.service_counties[service]
    }

    pub fn location_of_department<'a>(
        &self,
        c: &'a Catalog,
        d: usize,
    ) -> Option<&'a crate::catalog::Location> {
        self.loc_by_id
            .get(&c.x_tak_departments[d].location_id)
            .map(|&i| &c.locations[i])
    }
}

/// Open beats closed; among openings the latest closing; among closed places the soonest opening.
pub fn combine_states(states: impl Iterator<Item = OpenState>) -> OpenState {
    let mut best = OpenState::Unknown;
    for s in states {
        best = match (best, s) {
            (OpenState::OpenUntil(a), OpenState::OpenUntil(b)) => OpenState::OpenUntil(a.max(b)),
            (OpenState::OpenUntil(a), _) => OpenState::OpenUntil(a),
            (_, OpenState::OpenUntil(b)) => OpenState::OpenUntil(b),
            (
                OpenState::OpensAt {
                    days_ahead: d1,
                    minute: m1,
                    ..
                },
                OpenState::OpensAt {
                    days_ahead: d2,
                    minute: m2,
                    ..
                },
            ) => {
                if (d2, m2) < (d1, m1) {
                    s
                } else {
                    best
                }
            }
            (OpenState::OpensAt { .. }, _) => best,
            (_, OpenState::OpensAt { .. }) => s,
            (OpenState::Closed, _) | (_, OpenState::Closed) => OpenState::Closed,
            _ => OpenState::Unknown,
        };
    }
    best
}

/// Filters of the TAK departments list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DepartmentFilter {
    pub q: String,
    pub field: Option<Field>,
    pub county: Option<String>,
    pub host: Option<OrgKind>,
    pub age: Option<AgeGroup>,
    pub day: Option<Weekday>,
    pub has_places: bool,
    pub sort: SortBy,
}

fn org_kind_code(k: OrgKind) -> &'static str {
    match k {
        OrgKind::PublicLibrary => "public_library",
        OrgKind::Kanoon => "kanoon",
        OrgKind::Agency => "agency",
        OrgKind::CommunityGroup => "community_group",
        OrgKind::Other => "other",
    }
}

pub fn parse_org_kind(s: &str) -> Option<OrgKind> {
    [
        OrgKind::PublicLibrary,
        OrgKind::Kanoon,
        OrgKind::Agency,
        OrgKind::CommunityGroup,
        OrgKind::Other,
    ]
    .into_iter()
    .find(|k| org_kind_code(*k) == s)
}

pub fn org_kind_str(k: OrgKind) -> &'static str {
    org_kind_code(k)
}

fn flag(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true" | "yes"))
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl DepartmentFilter {
    /// Reads the filter from URL query parameters (unknown values are ignored).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        DepartmentFilter {
            q: get("q").unwrap_or_default(),
            field: get("field").and_then(|v| Field::parse(&v)),
            county: nonempty(get("county")),
            host: get("host").and_then(|v| parse_org_kind(&v)),
            age: get("age").and_then(|v| AgeGroup::parse(&v)),
            day: get("day").and_then(|v| Weekday::parse(&v)),
            has_places: flag(get("places")),
            sort: SortBy::from_query(get("sort")),
        }
    }

    /// The query parameters that describe this filter (defaults are left out).
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if !self.q.trim().is_empty() {
            q.push(("q", self.q.clone()));
        }
        if let Some(f) = self.field {
            q.push(("field", f.code().into()));
        }
        if let Some(c) = &self.county {
            q.push(("county", c.clone()));
        }
        if let Some(h) = self.host {
            q.push(("host", org_kind_code(h).into()));
        }
        if let Some(a) = self.age {
            q.push(("age", a.code().into()));
        }
        if let Some(d) = self.day {
            q.push(("day", d.code().into()));
        }
        if self.has_places {
            q.push(("places", "1".into()));
        }
        q.extend(self.sort.to_query());
        q
    }

    /// Matching departments with their distance (km) from `here` when known, by name or
    /// nearest first as [`SortBy`] says.
    pub fn apply(
        &self,
        c: &Catalog,
        ix: &Index,
        here: Option<(f64, f64)>,
    ) -> Vec<(usize, Option<f64>)> {
        let mut rows: Vec<(usize, Option<f64>)> = self
            .matching(c, ix)
            .into_iter()
            .map(|i| {
                let d = here.and_then(|(lat, lon)| {
                    ix.location_of_department(c, i)
                        .map(|l| distance_km(lat, lon, l.latitude, l.longitude))
                });
                (i, d)
            })
            .collect();
        if self.sort.by_distance(here.is_some()) {
            nearest_first(&mut rows);
        }
        rows
    }

    /// Matching departments, by name.
    fn matching(&self, c: &Catalog, ix: &Index) -> Vec<usize> {
        let query = Query::new(&self.q);
        ix.departments_by_name
            .iter()
            .copied()
            .filter(|&i| {
                let d = &c.x_tak_departments[i];
                if self.field.is_some_and(|f| f != d.field) {
                    return false;
                }
                if self.has_places && d.places_available <= 0 {
                    return false;
                }
                if self.age.is_some_and(|a| !d.age_groups.contains(&a)) {
                    return false;
                }
                if let Some(h) = self.host {
                    let kind = ix
                        .org_by_id
                        .get(&d.host_organization_id)
                        .map(|&o| c.organizations[o].x_kind);
                    if kind != Some(h) {
                        return false;
                    }
                }
                if let Some(county) = &self.county {
                    if ix
                        .location_of_department(c, i)
                        .map(|l| l.x_county_id.as_str())
                        != Some(county.as_str())
                    {
                        return false;
                    }
                }
                if let Some(day) = self.day {
                    if ix.department_hours[i].day(day.index()).is_empty() {
                        return false;
                    }
                }
                query.is_empty() || query.matches(&ix.department_text[i])
            })
            .collect()
    }
}

/// The order of a list. Until the reader picks one, it is nearest first once their position
/// is known ("near me" means nearest first), else by name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Auto,
    Name,
    Distance,
}

impl SortBy {
    fn from_query(v: Option<String>) -> SortBy {
        match v.as_deref() {
            Some("distance") => SortBy::Distance,
            Some("name") => SortBy::Name,
            _ => SortBy::Auto,
        }
    }

    fn to_query(self) -> Option<(&'static str, String)> {
        match self {
            SortBy::Auto => None,
            SortBy::Name => Some(("sort", "name".into())),
            SortBy::Distance => Some(("sort", "distance".into())),
        }
    }

    /// Whether the list is nearest first, given whether the reader's position is known.
    pub fn by_distance(self, position_known: bool) -> bool {
        position_known && self != SortBy::Name
    }
}

/// Sorts rows already in name order by distance (stable: equally far rows stay by name).
fn nearest_first(rows: &mut [(usize, Option<f64>)]) {
    rows.sort_by(|a, b| {
        a.1.unwrap_or(f64::INFINITY)
            .total_cmp(&b.1.unwrap_or(f64::INFINITY))
    });
}

/// Filters of the Welfare Card services list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceFilter {
    pub q: String,
    pub category: Option<String>,
    pub county: Option<String>,
    pub pilot_only: bool,
    pub free_only: bool,
    pub open_now: bool,
    pub wheelchair: bool,
    pub air_conditioned: bool,
    pub backup_power: bool,
    /// Only places inside this box: the part of the map the reader was looking at.
    pub area: Option<Area>,
    pub sort: SortBy,
}

/// A latitude/longitude box, written in the address as `south,west,north,east`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Area {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }

    /// Reads `south,west,north,east`; anything else (or an empty box) is no area.
    pub fn parse(s: &str) -> Option<Area> {
        let v: Vec<f64> = s
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .ok()?;
        let [south, west, north, east] = v[..] else {
            return None;
        };
        let a = Area {
            south,
            west,
            north,
            east,
        };
        (v.iter().all(|x| x.is_finite()) && south < north && west < east).then_some(a)
    }

    /// Three decimals: about 100 m, and a short address.
    pub fn to_query(&self) -> String {
        format!(
            "{:.3},{:.3},{:.3},{:.3}",
            self.south, self.west, self.north, self.east
        )
    }
}

impl ServiceFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        ServiceFilter {
            q: get("q").unwrap_or_default(),
            category: nonempty(get("category")),
            county: nonempty(get("county")),
            pilot_only: flag(get("pilot")),
            free_only: flag(get("free")),
            open_now: flag(get("open")),
            wheelchair: flag(get("wheelchair")),
            air_conditioned: flag(get("ac")),
            backup_power: flag(get("power")),
            area: get("in").and_then(|v| Area::parse(&v)),
            sort: SortBy::from_query(get("sort")),
        }
    }

    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if !self.q.trim().is_empty() {
            q.push(("q", self.q.clone()));
        }
        if let Some(c) = &self.category {
            q.push(("category", c.clone()));
        }
        if let Some(c) = &self.county {
            q.push(("county", c.clone()));
        }
        for (key, on) in [
            ("pilot", self.pilot_only),
            ("free", self.free_only),
            ("open", self.open_now),
            ("wheelchair", self.wheelchair),
            ("ac", self.air_conditioned),
            ("power", self.backup_power),
        ] {
            if on {
                q.push((key, "1".into()));
            }
        }
        if let Some(a) = &self.area {
            q.push(("in", a.to_query()));
        }
        q.extend(self.sort.to_query());
        q
    }

    /// Matching services with their distance (km) from `here` when known, sorted as asked.
    /// A service matches when at least one of its places passes the place filters.
    pub fn apply(
        &self,
        c: &Catalog,
        ix: &Index,
        now: IranTime,
        here: Option<(f64, f64)>,
    ) -> Vec<(usize, Option<f64>)> {
        let query = Query::new(&self.q);
        // Per query word: which shared names (counties, organisations, categories) contain it.
        let shared_hits: Vec<Vec<bool>> = query
            .words()
            .iter()
            .map(|w| {
                ix.shared_text
                    .iter()
                    .map(|t| t.contains(w.as_str()))
                    .collect()
            })
            .collect();
        let place_filters = self.open_now
            || self.wheelchair
            || self.air_conditioned
            || self.backup_power
            || self.county.is_some()
            || self.area.is_some();
        let pilot: Vec<&str> = c
            .x_counties
            .iter()
            .filter(|k| k.phase == Phase::Pilot)
            .map(|k| k.id.as_str())
            .collect();
        let mut out: Vec<(usize, Option<f64>)> = Vec::new();
        for &si in &ix.services_by_name {
            let s = &c.services[si];
            if self
                .category
                .as_ref()
                .is_some_and(|cat| *cat != s.x_category)
            {
                continue;
            }
            if self.free_only && s.x_benefit.kind != BenefitKind::Free {
                continue;
            }
            if self.pilot_only
                && !ix.service_counties[si]
                    .iter()
                    .any(|k| pilot.contains(&k.as_str()))
            {
                continue;
            }
            if !query.is_empty() {
                let (own, shared) = (&ix.service_text[si], ix.shared_of(si));
                let found = query.words().iter().zip(&shared_hits).all(|(word, hits)| {
                    shared.iter().any(|&k| hits[k as usize]) || own.contains(word.as_str())
                });
                if !found {
                    continue;
                }
            }
            let mut best: Option<f64> = None;
            let mut any_place = false;
            for &p in &ix.places_of_service[si] {
                let Some(li) = ix.location_of_place[p] else {
                    continue;
                };
                let loc = &c.locations[li];
                let f = loc.x_facilities;
                if (self.wheelchair && !f.wheelchair)
                    || (self.air_conditioned && !f.air_conditioned)
                    || (self.backup_power && !f.backup_power)
                    || self.county.as_ref().is_some_and(|k| *k != loc.x_county_id)
                    || self
                        .area
                        .is_some_and(|a| !a.contains(loc.latitude, loc.longitude))
                    || (self.open_now && !ix.place_hours[p].is_open(now))
                {
                    continue;
                }
                any_place = true;
                if let Some((lat, lon)) = here {
                    let d = distance_km(lat, lon, loc.latitude, loc.longitude);
                    best = Some(best.map_or(d, |b: f64| b.min(d)));
                }
            }
            if place_filters && !any_place {
                // A service coming to a county has no place there yet but still belongs to it.
                let coming = self
                    .county
                    .as_ref()
                    .is_some_and(|k| s.x_coming_to.iter().any(|c| c == k))
                    && !(self.open_now
                        || self.area.is_some()
                        || self.wheelchair
                        || self.air_conditioned
                        || self.backup_power);
                if !coming {
                    continue;
                }
            }
            out.push((si, best));
        }
        if self.sort.by_distance(here.is_some()) {
            nearest_first(&mut out);
        }
        out
    }
}

/// A sort key that orders Persian letters as the Persian alphabet does (پ after ب, چ after ج,
/// ژ after ز, گ after ک), which plain code-point order does not.
pub fn sort_key(s: &str) -> Vec<u32> {
    normalize(s).chars().map(letter_rank).collect()
}

/// A normalised letter's place in [`sort_key`]'s order.
fn letter_rank(ch: char) -> u32 {
    match ch {
        'پ' => ('ب' as u32) * 4 + 1,
        'چ' => ('ج' as u32) * 4 + 1,
        'ژ' => ('ز' as u32) * 4 + 1,
        'ک' => ('ك' as u32) * 4 + 1,
        'گ' => ('ك' as u32) * 4 + 2,
        'ی' => ('ي' as u32) * 4 + 1,
        _ => ch as u32 * 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_their_sort_keys_do() {
        let names = [
            "",
            "ا",
            "ب",
            "پ",
            "ت",
            "ج",
            "چ",
            "ز",
            "ژ",
            "ک",
            "گ",
            "ل",
            "ی",
            "ه",
            "a",
            "b",
            "1",
            "کتاب",
            "کتابخانه",
            "کتابخانه اهواز",
            "گلستان",
            "پارک",
            "بازار",
            "ب پ",
            "پب",
            "بپ",
        ];
        for a in names {
            for b in names {
                let (na, nb) = (normalize(a), normalize(b));
                assert_eq!(
                    cmp_names(&na, &nb),
                    sort_key(a).cmp(&sort_key(b)),
                    "{a} / {b}"
                );
            }
        }
    }

    #[test]
    fn states_combine_open_first_then_soonest() {
        let sat = Weekday::Sat;
        let a = OpenState::OpensAt {
            days_ahead: 1,
            weekday: sat,
            minute: 600,
        };
        let b = OpenState::OpensAt {
            days_ahead: 0,
            weekday: sat,
            minute: 900,
        };
        assert_eq!(combine_states([a, b].into_iter()), b);
        assert_eq!(
            combine_states([a, OpenState::OpenUntil(700), OpenState::OpenUntil(800)].into_iter()),
            OpenState::OpenUntil(800)
        );
        assert_eq!(
            combine_states([OpenState::Unknown, OpenState::Closed].into_iter()),
            OpenState::Closed
        );
        assert_eq!(combine_states(std::iter::empty()), OpenState::Unknown);
    }

    #[test]
    fn persian_alphabet_order() {
        let mut names = vec!["گل", "کتاب", "پدر", "بابا", "ژاله", "زرد"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["بابا", "پدر", "زرد", "ژاله", "کتاب", "گل"]);
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let f = DepartmentFilter {
            q: "کتاب".into(),
            field: Some(Field::Social),
            county: Some("bavi".into()),
            host: Some(OrgKind::Kanoon),
            age: Some(AgeGroup::Teens),
            day: Some(Weekday::Mon),
            has_places: true,
            sort: SortBy::Name,
        };
        let q = f.to_query();
        let back = DepartmentFilter::from_query(|k| {
            q.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone())
        });
        assert_eq!(back, f);
        let s = ServiceFilter {
            q: "x".into(),
            free_only: true,
            open_now: true,
            sort: SortBy::Distance,
            ..Default::default()
        };
        let q = s.to_query();
        assert_eq!(
            ServiceFilter::from_query(|k| q
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())),
            s
        );
        assert_eq!(
            DepartmentFilter::from_query(|_| Some("nonsense".into())).field,
            None
        );
    }
}

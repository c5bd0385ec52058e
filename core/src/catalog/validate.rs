//! Checks every entry and leaves out what residents must not see: entries that point at nothing,
//! places outside the province, impossible numbers; bad phone numbers and links are removed from
//! their entry. Every decision is reported with the JSON path of what caused it.

use rustc_hash::FxHashSet as HashSet;

use super::draft::{Draft, FieldCheck, Indexed, OwnFields};
use super::problem::{Problem, ProblemKind};
use super::translations::{kept_if_name, TextField};
use super::types::*;
use crate::lang::Lang;
use crate::schedule::{self, Schedule, ScheduleError};

/// A latitude/longitude box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub lat_min: f64,
    pub lat_max: f64,
    pub lon_min: f64,
    pub lon_max: f64,
}

/// Khuzestan's extent (29.95–33.0°N, 47.67–50.55°E) with a margin for the simplified border.
pub const KHUZESTAN_BOUNDS: Bounds = Bounds {
    lat_min: 29.8,
    lat_max: 33.1,
    lon_min: 47.6,
    lon_max: 50.7,
};

/// `(county_id, lat, lon) → Some(inside)`, or `None` when the county's shape is unknown.
pub type CountyCheck<'a> = dyn Fn(&str, f64, f64) -> Option<bool> + 'a;

/// Links the app may make clickable. Anything else (`javascript:`, `data:`, …) stays plain text.
pub fn allowed_link(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    !rest.is_empty()
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
        && ["https", "http", "tel", "sms", "mailto", "geo"].contains(&scheme.as_str())
}

/// A phone number as the catalog may write it: digits of any script, spaces, dashes, brackets, an
/// optional leading `+`; 3–5 digit short codes (hotlines) or full numbers.
pub fn phone_ok(number: &str) -> bool {
    let mut chars = number
        .chars()
        .map(|c| crate::text::ascii_digit(c).unwrap_or(c))
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .peekable();
    let international = chars.next_if_eq(&'+').is_some();
    let (mut digits, mut first) = (0, None);
    for c in chars {
        if !c.is_ascii_digit() {
            return false;
        }
        first.get_or_insert(c);
        digits += 1;
    }
    if international {
        (10..=15).contains(&digits)
    } else if first == Some('0') {
        digits == 11
    } else {
        (3..=5).contains(&digits)
    }
}

fn link_ok(url: &str) -> bool {
    url.is_empty() || allowed_link(url)
}

/// A phone number that may be left out (a coordinator's).
fn optional_phone_ok(number: &str) -> bool {
    number.is_empty() || phone_ok(number)
}

fn date_ok(date: &str) -> bool {
    date.is_empty() || schedule::parse_date(date).is_some()
}

impl OwnFields for Organization {
    fn own_fields(&mut self, check: &mut impl FieldCheck) {
        check.link("url", &mut self.url);
        check.phones(&mut self.phones);
    }
}

impl OwnFields for Service {
    fn own_fields(&mut self, check: &mut impl FieldCheck) {
        check.link("url", &mut self.url);
        check.phones(&mut self.phones);
        check.date("assured_date", &self.assured_date);
    }
}

impl OwnFields for ServiceAtLocation {
    fn own_fields(&mut self, check: &mut impl FieldCheck) {
        check.schedules(&mut self.schedules);
        check.phones(&mut self.phones);
    }
}

impl OwnFields for Department {
    fn own_fields(&mut self, check: &mut impl FieldCheck) {
        check.schedules(&mut self.schedules);
        check.optional_phone("coordinator.phone", &mut self.coordinator.phone);
    }
}

// Their checks all need other lists, or cost next to nothing.
impl OwnFields for Program {}
impl OwnFields for TaxonomyTerm {}
impl OwnFields for County {}
impl OwnFields for Location {}

/// The [`FieldCheck`] that only learns whether every check passed, changing nothing.
struct Passes(bool);

impl FieldCheck for Passes {
    fn link(&mut self, _: &'static str, url: &mut String) {
        self.0 &= link_ok(url);
    }
    fn phones(&mut self, phones: &mut Vec<Phone>) {
        self.0 &= phones.iter().all(|p| phone_ok(&p.number));
    }
    fn optional_phone(&mut self, _: &'static str, number: &mut String) {
        self.0 &= optional_phone_ok(number);
    }
    fn date(&mut self, _: &'static str, date: &str) {
        self.0 &= date_ok(date);
    }
    fn schedules(&mut self, schedules: &mut Vec<Schedule>) {
        self.0 &= schedules.iter().all(|s| schedule::check(s).is_ok());
    }
}

/// Whether an entry's own fields pass their checks: the reader asks as each entry is read, while
/// it is still in the cache, and the validator reports only for the entries that did not. (Run
/// afterwards on every entry, from memory long out of the cache, they took longer: BENCHMARKS.md.)
pub(super) fn own_fields_pass(item: &mut impl OwnFields) -> bool {
    let mut passes = Passes(true);
    item.own_fields(&mut passes);
    passes.0
}

/// The [`FieldCheck`] of the validator: reports what is wrong at the entry's path, and removes a
/// bad link or phone number from the entry.
struct Reporting<'c, 'a> {
    checker: &'c mut Checker<'a>,
    path: &'c At<'c>,
}

impl FieldCheck for Reporting<'_, '_> {
    fn link(&mut self, field: &'static str, url: &mut String) {
        if !link_ok(url) {
            self.checker.err(
                format!("{}.{field}", self.path),
                ProblemKind::BadLink(std::mem::take(url)),
            );
        }
    }

    fn phones(&mut self, phones: &mut Vec<Phone>) {
        let mut i = 0;
        phones.retain(|p| {
            let ok = phone_ok(&p.number);
            if !ok {
                self.checker.err(
                    format!("{}.phones[{i}].number", self.path),
                    ProblemKind::BadPhone(p.number.to_string()),
                );
            }
            i += 1;
            ok
        });
    }

    fn optional_phone(&mut self, field: &'static str, number: &mut String) {
        if !optional_phone_ok(number) {
            self.checker.err(
                format!("{}.{field}", self.path),
                ProblemKind::BadPhone(std::mem::take(number)),
            );
        }
    }

    fn date(&mut self, field: &'static str, date: &str) {
        self.checker.date(self.path, field, date);
    }

    fn schedules(&mut self, schedules: &mut Vec<Schedule>) {
        let mut i = 0;
        schedules.retain(|s| {
            let result = schedule::check(s);
            if let Err(e) = &result {
                self.checker.err(
                    format!("{}.schedules[{i}]", self.path),
                    ProblemKind::BadSchedule(schedule_message(e)),
                );
            }
            i += 1;
            result.is_ok()
        });
    }
}

fn schedule_message(e: &ScheduleError) -> String {
    match e {
        ScheduleError::BadTime(t) if t.is_empty() => {
            "no opening hours and not marked closed".into()
        }
        ScheduleError::BadTime(t) => format!("time \"{t}\" is not HH:MM"),
        ScheduleError::BadDay(d) => format!("day \"{d}\" is not one of SA SU MO TU WE TH FR"),
        ScheduleError::BadDate(d) => format!("date \"{d}\" is not YYYY-MM-DD"),
        ScheduleError::ClosesBeforeOpens => "closes before it opens".into(),
        ScheduleError::EndsBeforeStarts => "valid_to is before valid_from".into(),
        ScheduleError::UnsupportedFreq(f) => format!("freq \"{f}\" is not WEEKLY"),
    }
}

/// Where an entry is (`$.services[3]`), formatted only when a problem is found: most entries have
/// none, and formatting a path for each of 50,000 entries was a measurable part of loading.
#[derive(Clone, Copy)]
struct At<'k> {
    key: &'k str,
    i: usize,
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "$.{}[{}]", self.key, self.i)
    }
}

struct Checker<'a> {
    problems: Vec<Problem>,
    skipped: usize,
    bounds: &'a Bounds,
    in_county: Option<&'a CountyCheck<'a>>,
    /// The reader the catalog was read for: only their language's translations were kept.
    reader: Option<Lang>,
}

impl Checker<'_> {
    fn err(&mut self, path: String, kind: ProblemKind) {
        self.problems.push(Problem::error(path, kind));
    }
    fn warn(&mut self, path: String, kind: ProblemKind) {
        self.problems.push(Problem::warning(path, kind));
    }

    /// Keeps the first entry of each id and those `keep` accepts; counts the rest as skipped.
    /// `keep` is told whether the entry's own fields passed their checks as it was read (see
    /// [`OwnFields`]).
    fn retain<T>(
        &mut self,
        key: &str,
        items: &mut Indexed<T>,
        id: impl Fn(&T) -> &ShortText,
        mut keep: impl FnMut(&mut Self, &At, &mut T, bool) -> bool,
    ) -> HashSet<ShortText> {
        let mut seen = HashSet::with_capacity_and_hasher(items.items.len(), Default::default());
        let mut kept_at = Vec::with_capacity(items.at.len());
        let mut positions = items.at.iter();
        let mut passed = std::mem::take(&mut items.passed).into_iter();
        // In place: the entries are large, and most are kept.
        items.items.retain_mut(|item| {
            let i = positions.next().copied().unwrap_or_default();
            let own_fields_passed = passed.next().unwrap_or(false);
            let path = At { key, i };
            let full_id = id(item);
            let this_id = full_id.trim();
            if this_id.is_empty() {
                self.err(
                    format!("{path}.id"),
                    ProblemKind::InvalidEntry("empty id".into()),
                );
                self.skipped += 1;
                return false;
            }
            // One look-up for the usual case, a new id that is kept: insert first, and take
            // the id out again if the entry is not kept (a later entry may then use it).
            // A copy of the id as it is, when it needs no trimming: building one from the
            // text copies it into a buffer that is then read back in words before the copy has
            // settled, a stall on each of tens of thousands of entries (BENCHMARKS.md).
            let key = if this_id.len() == full_id.len() {
                full_id.clone()
            } else {
                ShortText::from(this_id)
            };
            if !seen.insert(key) {
                let duplicate = ProblemKind::DuplicateId(this_id.to_string());
                self.err(format!("{path}.id"), duplicate);
                self.skipped += 1;
                return false;
            }
            if keep(self, &path, item, own_fields_passed) {
                kept_at.push(i);
                true
            } else {
                seen.remove(id(item).trim());
                self.skipped += 1;
                false
            }
        });
        items.at = kept_at;
        seen
    }

    fn reference(
        &mut self,
        path: &At,
        field: &'static str,
        id: &str,
        known: &HashSet<ShortText>,
    ) -> bool {
        if id.is_empty() || known.contains(id) {
            return true;
        }
        self.err(
            format!("{path}.{field}"),
            ProblemKind::DanglingReference {
                field,
                id: id.to_string(),
            },
        );
        false
    }

    /// Runs the entry's own-field checks ([`OwnFields`]), reporting what is wrong.
    fn own_fields(&mut self, path: &At, item: &mut impl OwnFields) {
        item.own_fields(&mut Reporting {
            checker: self,
            path,
        });
    }

    fn date(&mut self, path: &At, field: &str, d: &str) {
        if !date_ok(d) {
            self.warn(
                format!("{path}.{field}"),
                ProblemKind::BadDate(d.to_string()),
            );
        }
    }

    /// Every user-visible text needs its Arabic and English translation.
    fn translations(&mut self, path: &At, tr: &Translations, fields: &[(TextField, bool)]) {
        for lang in [Lang::Ar, Lang::En] {
            for &(field, present) in fields {
                let kept = kept_if_name(self.reader, lang.code(), field == TextField::NAME);
                if present && kept && !tr.has_text(lang, field) {
                    let (lang, field) = (lang.code(), field.name());
                    self.warn(
                        format!("{path}.x_translations.{lang}.{field}"),
                        ProblemKind::MissingTranslation {
                            lang,
                            field: field.to_string(),
                        },
                    );
                }
            }
        }
    }
}

pub(super) fn validate(
    d: &mut Draft,
    bounds: &Bounds,
    in_county: Option<&CountyCheck<'_>>,
    reader: Option<Lang>,
) -> (Vec<Problem>, usize) {
    let mut c = Checker {
        problems: Vec::new(),
        skipped: 0,
        bounds,
        in_county,
        reader,
    };

    let orgs = c.retain(
        "organizations",
        &mut d.organizations,
        |o| &o.id,
        |c, path, o, passed| {
            if !passed {
                c.own_fields(path, o);
            }
            c.translations(
                path,
                &o.x_translations,
                &[
                    (TextField::NAME, true),
                    (TextField::DESCRIPTION, !o.description.is_empty()),
                ],
            );
            true
        },
    );
    let programs = c.retain(
        "programs",
        &mut d.programs,
        |p| &p.id,
        |c, path, p, _| {
            c.translations(
                path,
                &p.x_translations,
                &[
                    (TextField::NAME, true),
                    (TextField::DESCRIPTION, !p.description.is_empty()),
                ],
            );
            c.reference(path, "organization_id", &p.organization_id, &orgs)
        },
    );
    let terms = c.retain(
        "taxonomy_terms",
        &mut d.taxonomy_terms,
        |t| &t.id,
        |c, path, t, _| {
            c.translations(path, &t.x_translations, &[(TextField::NAME, true)]);
            true
        },
    );
    let counties = c.retain(
        "x_counties",
        &mut d.x_counties,
        |t| &t.id,
        |c, path, county, _| {
            c.date(path, "starts", &county.starts);
            c.date(path, "ends", &county.ends);
            c.translations(path, &county.x_translations, &[(TextField::NAME, true)]);
            true
        },
    );
    let locations = c.retain(
        "locations",
        &mut d.locations,
        |l| &l.id,
        |c, path, l, _| {
            let b = c.bounds;
            let inside = l.latitude.is_finite()
                && l.longitude.is_finite()
                && (b.lat_min..=b.lat_max).contains(&l.latitude)
                && (b.lon_min..=b.lon_max).contains(&l.longitude);
            if !inside {
                c.err(
                    path.to_string(),
                    ProblemKind::OutsideKhuzestan {
                        lat: l.latitude,
                        lon: l.longitude,
                    },
                );
                return false;
            }
            if !l.x_county_id.is_empty() {
                if !counties.is_empty() && !counties.contains(&l.x_county_id) {
                    c.warn(
                        format!("{path}.x_county_id"),
                        ProblemKind::UnknownCounty(l.x_county_id.to_string()),
                    );
                } else if let Some(false) = c
                    .in_county
                    .and_then(|f| f(&l.x_county_id, l.latitude, l.longitude))
                {
                    c.warn(
                        path.to_string(),
                        ProblemKind::OutsideCounty {
                            county: l.x_county_id.to_string(),
                        },
                    );
                }
            }
            c.translations(
                path,
                &l.x_translations,
                &[
                    (TextField::NAME, true),
                    (TextField::ADDRESS_1, !l.address.address_1.is_empty()),
                ],
            );
            true
        },
    );
    let services = c.retain(
        "services",
        &mut d.services,
        |s| &s.id,
        |c, path, s, passed| {
            if !passed {
                c.own_fields(path, s);
            }
            if !s.x_category.is_empty() && !terms.contains(&s.x_category) {
                c.warn(
                    format!("{path}.x_category"),
                    ProblemKind::DanglingReference {
                        field: "x_category",
                        id: s.x_category.to_string(),
                    },
                );
            }
            for (i, county) in s.x_coming_to.iter().enumerate() {
                if !counties.is_empty() && !counties.contains(county) {
                    c.warn(
                        format!("{path}.x_coming_to[{i}]"),
                        ProblemKind::UnknownCounty(county.to_string()),
                    );
                }
            }
            if let Some(p) = s.x_benefit.percent {
                if !(1..=100).contains(&p) {
                    c.err(
                        format!("{path}.x_benefit.percent"),
                        ProblemKind::BadPercent(p),
                    );
                    s.x_benefit.percent = None;
                }
            }
            let texts = [
                (TextField::NAME, true),
                (TextField::DESCRIPTION, !s.description.is_empty()),
                (
                    TextField::ELIGIBILITY_DESCRIPTION,
                    !s.eligibility_description.is_empty(),
                ),
                (
                    TextField::APPLICATION_PROCESS,
                    !s.application_process.is_empty(),
                ),
                (TextField::FEES_DESCRIPTION, !s.fees_description.is_empty()),
                (TextField::ALERT, !s.alert.is_empty()),
                (TextField::BENEFIT_SHOW, !s.x_benefit.show.is_empty()),
            ];
            c.translations(path, &s.x_translations, &texts);
            c.reference(path, "organization_id", &s.organization_id, &orgs)
                && c.reference(path, "program_id", &s.program_id, &programs)
        },
    );
    c.retain(
        "service_at_locations",
        &mut d.service_at_locations,
        |s| &s.id,
        |c, path, sal, passed| {
            if !passed {
                c.own_fields(path, sal);
            }
            c.reference(path, "service_id", &sal.service_id, &services)
                && c.reference(path, "location_id", &sal.location_id, &locations)
        },
    );
    c.retain(
        "x_tak_departments",
        &mut d.x_tak_departments,
        |t| &t.id,
        |c, path, dep, passed| {
            if !passed {
                c.own_fields(path, dep);
            }
            let texts = [
                (TextField::NAME, true),
                (TextField::DESCRIPTION, !dep.description.is_empty()),
                (TextField::ACTIVITIES, !dep.activities.is_empty()),
                (TextField::SKILLS_WANTED, !dep.skills_wanted.is_empty()),
            ];
            c.translations(path, &dep.x_translations, &texts);
            let mut ok = true;
            for (field, value) in [
                ("capacity", dep.capacity),
                ("places_available", dep.places_available),
            ] {
                if value < 0 {
                    c.err(
                        format!("{path}.{field}"),
                        ProblemKind::Negative { field, value },
                    );
                    ok = false;
                }
            }
            if ok && dep.capacity > 0 && dep.places_available > dep.capacity {
                c.warn(
                    format!("{path}.places_available"),
                    ProblemKind::PlacesOverCapacity {
                        places: dep.places_available,
                        capacity: dep.capacity,
                    },
                );
            }
            ok && c.reference(
                path,
                "host_organization_id",
                &dep.host_organization_id,
                &orgs,
            ) && c.reference(path, "location_id", &dep.location_id, &locations)
        },
    );
    (c.problems, c.skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_allowed_schemes_only() {
        for ok in [
            "https://example.org",
            "http://x.ir/a",
            "tel:+986112345678",
            "sms:09121234567",
            "mailto:a@b.ir",
            "geo:31.3,48.6",
        ] {
            assert!(allowed_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "ftp://x",
            "example.org",
            "https:",
            "https://a b",
        ] {
            assert!(!allowed_link(bad), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        for ok in [
            "061-3333 4444",
            "۰۹۱۲ ۱۲۳ ۴۵۶۷",
            "+98 61 3333 4444",
            "1480",
            "(061) 33334444",
        ] {
            assert!(phone_ok(ok), "{ok}");
        }
        for bad in [
            "12",
            "0612",
            "call me",
            "+98",
            "09121234567890",
            "",
            "++98 61 3333 4444",
            "0912+1234567",
        ] {
            assert!(!phone_ok(bad), "{bad}");
        }
    }
}

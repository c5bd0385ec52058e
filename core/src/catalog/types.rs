use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::schedule::Schedule;

use super::translations::TextField;
pub use super::translations::{TrValue, Translations};

/// An id, code, date, time or phone number: short text, kept inside the value itself (up to 12
/// bytes in wasm, 24 natively) instead of in an allocation of its own. A 10,000-service catalog
/// has some 360,000 of them.
pub type ShortText = compact_str::CompactString;

/// An entry's list (its phones, opening hours, languages...) read at exactly its size. Most hold
/// one or two items, and a `Vec` that grows item by item starts with room for four: for the
/// opening hours of 20,000 places, that spare room was 4 MB of a phone's memory.
fn short_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Visit<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                // Exact growth for the first few items; a long list grows as usual.
                if items.len() < 8 {
                    items.reserve_exact(1);
                }
                items.push(item);
            }
            items.shrink_to_fit();
            Ok(items)
        }
    }
    d.deserialize_seq(Visit(std::marker::PhantomData))
}

/// A text ready to show, with the language it is really in (which differs from the reader's when
/// it fell back to Persian, so the view can set `lang` on it for screen readers).
#[derive(Clone, Debug, PartialEq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub lang: Lang,
}

/// Looks `field` up in the reader's language and falls back to the base text, which is Persian
/// unless the catalog was read for this reader (then it may hold their translation already).
pub fn localize<'a>(
    tr: &'a Translations,
    field: TextField,
    base: &'a str,
    lang: Lang,
) -> Localized<'a> {
    let field = field.name();
    if lang != Lang::Fa {
        if let Some(TrValue::One(t)) = tr.get(lang.code(), field) {
            if !t.trim().is_empty() {
                return Localized { text: t, lang };
            }
        }
    }
    Localized {
        text: base,
        lang: tr.base_lang(field),
    }
}

/// The list form of [`localize`].
pub fn localize_list<'a>(
    tr: &'a Translations,
    field: TextField,
    base: &'a [String],
    lang: Lang,
) -> (&'a [String], Lang) {
    let field = field.name();
    if lang != Lang::Fa {
        if let Some(TrValue::Many(t)) = tr.get(lang.code(), field) {
            if t.len() == base.len() {
                return (t, lang);
            }
        }
    }
    (base, tr.base_lang(field))
}

/// An entry of a catalog read for one reader ([`super::load_for`]): its texts in the reader's
/// language take the place of the Persian ones, which that reader never sees. The reader does
/// this to each entry as soon as it is read: the Persian is freed before the next entry, and the
/// entry is still in the cache (a pass over the whole catalog afterwards cost more: BENCHMARKS.md).
pub(super) trait ForReader {
    fn settle_for(&mut self, reader: Lang);

    /// [`settle_for`](Self::settle_for) when the catalog is read for one reader.
    fn settle(&mut self, reader: Option<Lang>) {
        if let Some(reader) = reader {
            self.settle_for(reader);
        }
    }
}

impl ForReader for Organization {
    fn settle_for(&mut self, reader: Lang) {
        let tr = &mut self.x_translations;
        tr.move_into_base(reader, "description", &mut self.description);
        tr.shrink_to_fit();
    }
}

impl ForReader for Program {
    fn settle_for(&mut self, reader: Lang) {
        let tr = &mut self.x_translations;
        tr.move_into_base(reader, "description", &mut self.description);
        tr.shrink_to_fit();
    }
}

impl ForReader for TaxonomyTerm {
    fn settle_for(&mut self, _: Lang) {}
}

impl ForReader for County {
    fn settle_for(&mut self, _: Lang) {}
}

impl ForReader for Location {
    fn settle_for(&mut self, reader: Lang) {
        let tr = &mut self.x_translations;
        tr.move_into_base(reader, "address.address_1", &mut self.address.address_1);
        tr.shrink_to_fit();
    }
}

impl ForReader for Service {
    fn settle_for(&mut self, reader: Lang) {
        let tr = &mut self.x_translations;
        tr.move_into_base(reader, "description", &mut self.description);
        tr.move_into_base(
            reader,
            "eligibility_description",
            &mut self.eligibility_description,
        );
        tr.move_into_base(reader, "application_process", &mut self.application_process);
        tr.move_into_base(reader, "fees_description", &mut self.fees_description);
        tr.move_into_base(reader, "alert", &mut self.alert);
        tr.move_into_base(reader, "x_benefit.show", &mut self.x_benefit.show);
        tr.shrink_to_fit();
    }
}

impl ForReader for ServiceAtLocation {
    fn settle_for(&mut self, _: Lang) {}
}

impl ForReader for Department {
    fn settle_for(&mut self, reader: Lang) {
        let tr = &mut self.x_translations;
        tr.move_into_base(reader, "description", &mut self.description);
        tr.move_list_into_base(reader, "activities", &mut self.activities);
        tr.move_list_into_base(reader, "skills_wanted", &mut self.skills_wanted);
        tr.shrink_to_fit();
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Phone {
    pub number: ShortText,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    PublicLibrary,
    Kanoon,
    Agency,
    CommunityGroup,
    #[default]
    #[serde(other)]
    Other,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub x_kind: OrgKind,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub email: String,
    #[serde(default, deserialize_with = "short_list")]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub x_translations: Translations,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub organization_id: ShortText,
    #[serde(default)]
    pub x_translations: Translations,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaxonomyTerm {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub x_translations: Translations,
}

/// Where a county stands in the Welfare Card's rollout.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Pilot,
    Next,
    #[default]
    #[serde(other)]
    Planned,
}

impl Phase {
    /// The phase's name in the catalog (`pilot`, `next`, `planned`), also the app's CSS class.
    pub fn code(self) -> &'static str {
        match self {
            Phase::Pilot => "pilot",
            Phase::Next => "next",
            Phase::Planned => "planned",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct County {
    /// The county's id in the map data (`ahvaz`, `bavi`, …).
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub phase: Phase,
    /// First day of the card in this county (ISO date); empty when not yet set.
    #[serde(default)]
    pub starts: ShortText,
    #[serde(default)]
    pub ends: ShortText,
    #[serde(default)]
    pub x_translations: Translations,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub address_1: String,
    #[serde(default)]
    pub city: ShortText,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Accessibility {
    #[serde(default)]
    pub description: String,
}

/// Facts that matter in Khuzestan's heat and power cuts, as yes/no flags the list can filter on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facilities {
    #[serde(default)]
    pub wheelchair: bool,
    #[serde(default)]
    pub air_conditioned: bool,
    #[serde(default)]
    pub backup_power: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub x_county_id: ShortText,
    #[serde(default)]
    pub address: Address,
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default, deserialize_with = "short_list")]
    pub accessibility: Vec<Accessibility>,
    #[serde(default)]
    pub x_facilities: Facilities,
    #[serde(default)]
    pub x_translations: Translations,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitKind {
    #[default]
    Free,
    Discount,
}

/// What the Welfare Card gives at a service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    #[serde(default)]
    pub kind: BenefitKind,
    /// For discounts: the percentage off (0–100).
    #[serde(default)]
    pub percent: Option<i64>,
    /// What to show at the door (the card, a national ID card, …); translated as `x_benefit.show`.
    #[serde(default)]
    pub show: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LanguageRef {
    pub code: ShortText,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RequiredDocument {
    pub document: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CostOption {
    #[serde(default)]
    pub option: String,
    #[serde(default)]
    pub amount: Option<f64>,
    #[serde(default)]
    pub currency: ShortText,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Active,
    Inactive,
    Defunct,
    #[serde(rename = "temporarily closed")]
    TemporarilyClosed,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub organization_id: ShortText,
    #[serde(default)]
    pub program_id: ShortText,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub status: Status,
    /// A notice shown as a banner (closure, change of hours).
    #[serde(default)]
    pub alert: String,
    /// The day the office last checked this entry (ISO date).
    #[serde(default)]
    pub assured_date: ShortText,
    #[serde(default)]
    pub eligibility_description: String,
    #[serde(default)]
    pub application_process: String,
    #[serde(default)]
    pub fees_description: String,
    /// Taxonomy term id of the service's category.
    #[serde(default)]
    pub x_category: ShortText,
    #[serde(default, deserialize_with = "short_list")]
    pub languages: Vec<LanguageRef>,
    #[serde(default, deserialize_with = "short_list")]
    pub required_documents: Vec<RequiredDocument>,
    #[serde(default, deserialize_with = "short_list")]
    pub cost_options: Vec<CostOption>,
    #[serde(default)]
    pub x_benefit: Benefit,
    /// For services not yet in the pilot: the counties they come to next.
    #[serde(default, deserialize_with = "short_list")]
    pub x_coming_to: Vec<ShortText>,
    #[serde(default, deserialize_with = "short_list")]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub x_translations: Translations,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceAtLocation {
    pub id: ShortText,
    pub service_id: ShortText,
    pub location_id: ShortText,
    #[serde(default, deserialize_with = "short_list")]
    pub schedules: Vec<Schedule>,
    #[serde(default, deserialize_with = "short_list")]
    pub phones: Vec<Phone>,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    #[default]
    Cultural,
    Scientific,
    Social,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Cultural, Field::Scientific, Field::Social];
    pub fn code(self) -> &'static str {
        match self {
            Field::Cultural => "cultural",
            Field::Scientific => "scientific",
            Field::Social => "social",
        }
    }
    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeGroup {
    Children,
    Teens,
    Adults,
    Seniors,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 4] = [
        AgeGroup::Children,
        AgeGroup::Teens,
        AgeGroup::Adults,
        AgeGroup::Seniors,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AgeGroup::Children => "children",
            AgeGroup::Teens => "teens",
            AgeGroup::Adults => "adults",
            AgeGroup::Seniors => "seniors",
        }
    }
    pub fn parse(s: &str) -> Option<AgeGroup> {
        AgeGroup::ALL.into_iter().find(|f| f.code() == s)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coordinator {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
}

/// A TAK department: a group hosted by a public library or a Kanoon centre that volunteers join.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub field: Field,
    pub host_organization_id: ShortText,
    pub location_id: ShortText,
    #[serde(default, deserialize_with = "short_list")]
    pub schedules: Vec<Schedule>,
    #[serde(default, deserialize_with = "short_list")]
    pub age_groups: Vec<AgeGroup>,
    #[serde(default, deserialize_with = "short_list")]
    pub activities: Vec<String>,
    #[serde(default, deserialize_with = "short_list")]
    pub skills_wanted: Vec<String>,
    #[serde(default)]
    pub capacity: i64,
    #[serde(default)]
    pub places_available: i64,
    #[serde(default)]
    pub coordinator: Coordinator,
    #[serde(default)]
    pub x_translations: Translations,
}

/// The whole catalog after parsing. Entries that could not be read are already left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub format_version: String,
    #[serde(default)]
    pub updated: String,
    /// True for the bundled demonstration data, which the app labels as such.
    #[serde(default)]
    pub x_sample: bool,
    #[serde(default)]
    pub organizations: Vec<Organization>,
    #[serde(default)]
    pub programs: Vec<Program>,
    #[serde(default)]
    pub taxonomy_terms: Vec<TaxonomyTerm>,
    #[serde(default)]
    pub x_counties: Vec<County>,
    #[serde(default)]
    pub locations: Vec<Location>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(default)]
    pub x_tak_departments: Vec<Department>,
}

impl Catalog {
    /// When a rollout phase runs: its counties' earliest start and latest end (ISO dates, empty
    /// when no county gives one); `None` when no county is in that phase.
    pub fn phase_span(&self, phase: Phase) -> Option<(&str, &str)> {
        let mut counties = self
            .x_counties
            .iter()
            .filter(|c| c.phase == phase)
            .peekable();
        counties.peek()?;
        let (mut from, mut to): (Option<&str>, &str) = (None, "");
        for c in counties {
            if !c.starts.is_empty() && from.is_none_or(|f| c.starts.as_str() < f) {
                from = Some(&c.starts);
            }
            to = to.max(&c.ends);
        }
        Some((from.unwrap_or(""), to))
    }
    /// The rollout phase running on `date` (ISO), if any.
    pub fn phase_on(&self, date: &str) -> Option<Phase> {
        [Phase::Pilot, Phase::Next, Phase::Planned]
            .into_iter()
            .find(|&p| {
                self.phase_span(p)
                    .is_some_and(|(from, to)| !from.is_empty() && from <= date && date <= to)
            })
    }
}

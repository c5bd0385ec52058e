//! The catalog between reading and validation, which both the reader (stream.rs) and
//! the validator (validate.rs) work on: each list's entries with where they stood in the document,
//! and whether each passed its own checks as it was read.

use super::gather::{Gather, Parts};
use super::types::*;
use crate::schedule::Schedule;

/// The checks of an entry that need nothing but the entry itself: its links, phone numbers,
/// dates and opening hours. Each kind of entry names its fields and their checks once, in
/// [`own_fields`](Self::own_fields); what a check does is the [`FieldCheck`]'s. The reader runs
/// them as each entry is read, only to learn whether all passed (`validate::own_fields_pass`);
/// the validator runs them again, reporting and removing what is wrong, only for an entry that
/// failed. (The implementations are in validate.rs, beside the checks.)
pub(super) trait OwnFields {
    fn own_fields(&mut self, _check: &mut impl FieldCheck) {}
}

/// What is done with each field [`OwnFields`] names.
pub(super) trait FieldCheck {
    fn link(&mut self, field: &'static str, url: &mut String);
    /// The entry's `phones`.
    fn phones(&mut self, phones: &mut Vec<Phone>);
    /// A phone number that may be left out (a coordinator's).
    fn optional_phone(&mut self, field: &'static str, number: &mut String);
    fn date(&mut self, field: &'static str, date: &str);
    /// The entry's `schedules`.
    fn schedules(&mut self, schedules: &mut Vec<Schedule>);
}

/// Entries with their index in the document, so problems name the right `[i]` even after
/// earlier entries were skipped. Separate vectors rather than one of tuples, so that the entries
/// become the catalog's lists without being moved again.
pub(super) struct Indexed<T> {
    pub items: Vec<T>,
    pub at: Vec<usize>,
    /// For each entry, whether its own fields passed their checks as it was read (see
    /// [`OwnFields`]); an entry with none here is checked in full.
    pub passed: Vec<bool>,
}

impl<T> Default for Indexed<T> {
    fn default() -> Self {
        Indexed {
            items: Vec::new(),
            at: Vec::new(),
            passed: Vec::new(),
        }
    }
}

impl<T> Indexed<T> {
    /// The entries read of the document's list.
    pub(super) fn read(list: Gather<T>) -> Self {
        let Parts { items, passed, at } = list.into_parts();
        Indexed { items, at, passed }
    }
}

/// The catalog between reading and validation.
#[derive(Default)]
pub(super) struct Draft {
    pub format_version: String,
    pub updated: String,
    pub x_sample: bool,
    pub organizations: Indexed<Organization>,
    pub programs: Indexed<Program>,
    pub taxonomy_terms: Indexed<TaxonomyTerm>,
    pub x_counties: Indexed<County>,
    pub locations: Indexed<Location>,
    pub services: Indexed<Service>,
    pub service_at_locations: Indexed<ServiceAtLocation>,
    pub x_tak_departments: Indexed<Department>,
}

/// A document's lists as they are read: the catalog before validation.
#[derive(Default)]
pub(super) struct Lists {
    pub organizations: Gather<Organization>,
    pub programs: Gather<Program>,
    pub taxonomy_terms: Gather<TaxonomyTerm>,
    pub x_counties: Gather<County>,
    pub locations: Gather<Location>,
    pub services: Gather<Service>,
    pub service_at_locations: Gather<ServiceAtLocation>,
    pub x_tak_departments: Gather<Department>,
}

impl Lists {
    /// How many entries could not be read, in all the lists.
    pub(super) fn skipped(&self) -> usize {
        self.organizations.skipped()
            + self.programs.skipped()
            + self.taxonomy_terms.skipped()
            + self.x_counties.skipped()
            + self.locations.skipped()
            + self.services.skipped()
            + self.service_at_locations.skipped()
            + self.x_tak_departments.skipped()
    }

    pub(super) fn into_draft(
        self,
        format_version: String,
        updated: String,
        x_sample: bool,
    ) -> Draft {
        Draft {
            format_version,
            updated,
            x_sample,
            organizations: Indexed::read(self.organizations),
            programs: Indexed::read(self.programs),
            taxonomy_terms: Indexed::read(self.taxonomy_terms),
            x_counties: Indexed::read(self.x_counties),
            locations: Indexed::read(self.locations),
            services: Indexed::read(self.services),
            service_at_locations: Indexed::read(self.service_at_locations),
            x_tak_departments: Indexed::read(self.x_tak_departments),
        }
    }
}

impl Draft {
    pub(super) fn into_catalog(self) -> Catalog {
        Catalog {
            format_version: self.format_version,
            updated: self.updated,
            x_sample: self.x_sample,
            organizations: self.organizations.items,
            programs: self.programs.items,
            taxonomy_terms: self.taxonomy_terms.items,
            x_counties: self.x_counties.items,
            locations: self.locations.items,
            services: self.services.items,
            service_at_locations: self.service_at_locations.items,
            x_tak_departments: self.x_tak_departments.items,
        }
    }
}

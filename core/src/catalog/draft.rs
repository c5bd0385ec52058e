//! The catalog between reading and validation, which both the readers (parse.rs, stream.rs) and
//! the validator (validate.rs) work on: each list's entries with where they stood in the document,
//! and whether each passed its own checks as it was read.

use super::gather::Gather;
use super::types::*;
use crate::lang::Lang;

/// The checks of an entry that need nothing but the entry itself: its links, phone numbers,
/// dates and opening hours. The readers run them as each entry is read (see [`fresh`]);
/// `validate` runs them again, reporting and removing what is wrong, only for an entry that
/// failed them. So each must pass exactly when `validate`'s own check of the same field
/// would report nothing. (The implementations are in validate.rs, beside those checks.)
pub(super) trait OwnFields {
    fn own_fields_pass(&self) -> bool {
        true
    }
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
    /// Every entry of the document's list, none skipped.
    pub(super) fn all(list: Gather<T>) -> Self {
        let (items, passed) = list.into_parts();
        let at = (0..items.len()).collect();
        Indexed { items, at, passed }
    }
}

/// What every reader does to an entry as soon as it is read, while it is still in the cache:
/// settles it for the reader (see [`ForReader`]), then runs the checks that need nothing but the
/// entry. Whether those passed goes with the entry to [`validate`], which then runs them again,
/// reporting, only for the entries that failed. (Run afterwards on every entry, from memory long
/// out of the cache, they took longer: BENCHMARKS.md.)
pub(super) fn fresh<T: ForReader + OwnFields>(item: &mut T, reader: Option<Lang>) -> bool {
    item.settle(reader);
    item.own_fields_pass()
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

/// A document's lists, every entry read: the catalog before validation, from either reader.
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
            organizations: Indexed::all(self.organizations),
            programs: Indexed::all(self.programs),
            taxonomy_terms: Indexed::all(self.taxonomy_terms),
            x_counties: Indexed::all(self.x_counties),
            locations: Indexed::all(self.locations),
            services: Indexed::all(self.services),
            service_at_locations: Indexed::all(self.service_at_locations),
            x_tak_departments: Indexed::all(self.x_tak_departments),
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

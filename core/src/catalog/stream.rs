//! Reading a catalog piece by piece, as its bytes arrive from the network.
//!
//! The app's catalog can be tens of megabytes. Read whole, its text and the catalog parsed from it
//! are in the wasm heap at once, and a wasm heap never shrinks: with the 10,000-service benchmark
//! catalog the text alone was over a third of the heap (BENCHMARKS.md). Read here, each entry of each list is
//! parsed as soon as its last byte has come, and only the entry being read is held as text.
//! Reading also overlaps the download instead of waiting for its end.
//!
//! This reader only takes the common road: a well-formed catalog whose every entry reads. At the
//! first thing it does not expect (a broken entry, bad JSON, a key written with escapes, the same
//! list twice) it gives up, and the caller reads the whole text with [`super::load`], which finds
//! and reports every problem. Both roads give the same catalog for any document this one accepts;
//! a test and the fuzz target check that.

use memchr::memchr2;
use serde::de::DeserializeOwned;

use super::draft::{fresh, Lists, OwnFields};
use super::gather::Gather;
use super::parse::{finish, head, names_a_catalog, Loaded};
use super::translations::keeping;
use super::types::ForReader;
use super::validate::{Bounds, CountyCheck};
use crate::lang::Lang;

/// The catalog's lists, by name (`as usize`: a slot of the per-list arrays below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    Organizations,
    Programs,
    TaxonomyTerms,
    Counties,
    Locations,
    Services,
    ServiceAtLocations,
    Departments,
}

impl List {
    const ALL: [List; 8] = [
        List::Organizations,
        List::Programs,
        List::TaxonomyTerms,
        List::Counties,
        List::Locations,
        List::Services,
        List::ServiceAtLocations,
        List::Departments,
    ];

    /// Its key in the catalog's root object.
    fn key(self) -> &'static [u8] {
        match self {
            List::Organizations => b"organizations",
            List::Programs => b"programs",
            List::TaxonomyTerms => b"taxonomy_terms",
            List::Counties => b"x_counties",
            List::Locations => b"locations",
            List::Services => b"services",
            List::ServiceAtLocations => b"service_at_locations",
            List::Departments => b"x_tak_departments",
        }
    }
}

/// The members of the root object this reader tells apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Member {
    FormatVersion,
    Updated,
    XSample,
    List(List),
    Other,
}

impl Member {
    fn of(key: &[u8]) -> Member {
        match key {
            b"format_version" => Member::FormatVersion,
            b"updated" => Member::Updated,
            b"x_sample" => Member::XSample,
            _ => List::ALL
                .into_iter()
                .find(|l| l.key() == key)
                .map_or(Member::Other, Member::List),
        }
    }

    /// A slot in [`CatalogStream::seen`] for the members read more than once is an error for.
    fn slot(self) -> Option<usize> {
        match self {
            Member::FormatVersion => Some(8),
            Member::Updated => Some(9),
            Member::XSample => Some(10),
            Member::List(l) => Some(l as usize),
            Member::Other => None,
        }
    }
}

/// Where the reader is in the document's outer structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Before the root's `{` (a byte-order mark and whitespace are allowed).
    Start,
    /// After `{` (`first`) or after a `,` between members: a key comes next.
    Key {
        first: bool,
    },
    Colon,
    /// Between the `:` and a member's value.
    Value,
    /// After a member's value: `,` or the root's `}`.
    AfterValue,
    /// After a list's `[` (`first`) or a `,` between its entries.
    Entry {
        first: bool,
    },
    AfterEntry,
    /// After the root's `}`: only whitespace may follow.
    Done,
}

/// What reading the next value found.
enum Next<T> {
    /// The value, and how many bytes it took.
    Value(T, usize),
    /// The text ends inside the value, or right after it (a number may go on): wait for the
    /// next piece.
    Cut,
    /// Not what was expected.
    Wrong,
}

/// Reads one JSON value of type `T` at the start of `text`, which may end anywhere.
fn next_value<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Next<T> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
    match values.next() {
        // A document never ends with a value: `}` closes it. So a value running to the end of
        // the text may be a number the piece cut, `1` of `1.2`.
        Some(Ok(_)) if values.byte_offset() == text.len() => Next::Cut,
        Some(Ok(value)) => Next::Value(value, values.byte_offset()),
        Some(Err(e)) if e.is_eof() || at_end(text, e.line(), e.column()) => Next::Cut,
        None => Next::Cut,
        Some(Err(_)) => Next::Wrong,
    }
}

/// Whether serde_json's error position (line and column, both from 1) is the end of `text`: a
/// number cut after its `.` or `e` is a syntax error there when serde_json skips it, not an
/// end-of-input one.
fn at_end(text: &str, line: usize, column: usize) -> bool {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let last = text.rfind('\n').map_or(text.len(), |n| text.len() - n - 1);
    line == lines && column == last
}

/// The lists as they fill.
impl Lists {
    /// Reads the entry of list `list` at the start of `text`: `Value((), its length)`.
    fn push(&mut self, list: List, text: &str, reader: Option<Lang>) -> Next<()> {
        fn read<T: DeserializeOwned + ForReader + OwnFields>(
            into: &mut Gather<T>,
            text: &str,
            reader: Option<Lang>,
        ) -> Next<()> {
            match next_value::<T>(text) {
                Next::Value(mut v, len) => {
                    // As soon as the entry is read, so that the Persian texts a reader of
                    // another language never sees are freed before the next entry.
                    let passed = fresh(&mut v, reader);
                    into.push(v, passed);
                    Next::Value((), len)
                }
                Next::Cut => Next::Cut,
                Next::Wrong => Next::Wrong,
            }
        }
        match list {
            List::Organizations => read(&mut self.organizations, text, reader),
            List::Programs => read(&mut self.programs, text, reader),
            List::TaxonomyTerms => read(&mut self.taxonomy_terms, text, reader),
            List::Counties => read(&mut self.x_counties, text, reader),
            List::Locations => read(&mut self.locations, text, reader),
            List::Services => read(&mut self.services, text, reader),
            List::ServiceAtLocations => read(&mut self.service_at_locations, text, reader),
            List::Departments => read(&mut self.x_tak_departments, text, reader),
        }
    }
}

impl Lists {
    /// Joins list `list` at its end (see [`Gather::close`]).
    fn close(&mut self, list: List) {
        match list {
            List::Organizations => self.organizations.close(),
            List::Programs => self.programs.close(),
            List::TaxonomyTerms => self.taxonomy_terms.close(),
            List::Counties => self.x_counties.close(),
            List::Locations => self.locations.close(),
            List::Services => self.services.close(),
            List::ServiceAtLocations => self.service_at_locations.close(),
            List::Departments => self.x_tak_departments.close(),
        }
    }
}

/// A catalog being read piece by piece: [`push`](Self::push) each piece of the document in
/// order, then [`finish`](Self::finish).
pub struct CatalogStream {
    step: Step,
    /// Whether nothing has been read yet (a byte-order mark may come).
    at_start: bool,
    member: Member,
    /// The bytes after the last whole token or entry of the pieces so far: the start of an
    /// entry (or a key, a letter) that the end of a piece cut.
    carry: Vec<u8>,
    /// Which of the lists and the document's own fields have been met (a second one is an error).
    seen: [bool; 11],
    /// Which lists were given as lists (`null` counts as absent, as in [`super::load`]).
    present: [bool; 8],
    format_version: Option<String>,
    updated: Option<String>,
    x_sample: Option<String>,
    lists: Lists,
    gave_up: bool,
    /// The reader the catalog is read for, as in [`super::load_for`]; `None` keeps everything.
    reader: Option<Lang>,
}

impl Default for CatalogStream {
    fn default() -> Self {
        CatalogStream::new()
    }
}

const BOM: &[u8] = "\u{FEFF}".as_bytes();

impl CatalogStream {
    pub fn new() -> CatalogStream {
        CatalogStream {
            step: Step::Start,
            at_start: true,
            member: Member::Other,
            carry: Vec::new(),
            seen: [false; 11],
            present: [false; 8],
            format_version: None,
            updated: None,
            x_sample: None,
            lists: Lists::default(),
            gave_up: false,
            reader: None,
        }
    }

    /// Reads for a reader of `reader`'s language, as [`super::load_for`] does.
    pub fn for_reader(reader: Lang) -> CatalogStream {
        CatalogStream {
            reader: Some(reader),
            ..CatalogStream::new()
        }
    }

    /// Reads the next piece of the document. Returns `false` once the reader has given up on it
    /// (the caller then reads the whole text with [`super::load`]); later pieces are ignored.
    pub fn push(&mut self, piece: &[u8]) -> bool {
        if self.gave_up {
            return false;
        }
        let reader = self.reader;
        let read = keeping(reader, || self.read_piece(piece));
        if read.is_err() {
            self.gave_up = true;
            // Free what was read, for the whole-text reader that comes next.
            self.lists = Lists::default();
            self.carry = Vec::new();
        }
        !self.gave_up
    }

    fn read_piece(&mut self, piece: &[u8]) -> Result<(), ()> {
        if self.carry.is_empty() {
            self.read(piece)
                .map(|used| self.carry.extend_from_slice(&piece[used..]))
        } else {
            let mut bytes = std::mem::take(&mut self.carry);
            bytes.extend_from_slice(piece);
            self.read(&bytes).map(|used| {
                bytes.drain(..used);
                self.carry = bytes;
            })
        }
    }

    /// The catalog read, validated like [`super::load_with`] (or [`super::load_for`] when read
    /// [`for_reader`](Self::for_reader)); `None` when this reader gave up or the document ended
    /// early, and the whole text should be read with [`super::load`] (or `load_for`).
    pub fn finish(self, bounds: &Bounds, in_county: Option<&CountyCheck<'_>>) -> Option<Loaded> {
        if self.gave_up || self.step != Step::Done {
            return None;
        }
        let p = self.present;
        let given = |l: List| p[l as usize];
        if !names_a_catalog([
            given(List::Organizations),
            given(List::Counties),
            given(List::Locations),
            given(List::Services),
            given(List::Departments),
        ]) {
            return None;
        }
        let mut problems = Vec::new();
        let (format_version, updated, x_sample) = head(
            self.format_version.as_deref(),
            self.updated.as_deref(),
            self.x_sample.as_deref(),
            &mut problems,
        );
        let draft = self.lists.into_draft(format_version, updated, x_sample);
        Some(finish(draft, problems, 0, bounds, in_county, self.reader))
    }

    /// Reads what it can of `bytes`: how many bytes it used. The rest (a cut entry, key or
    /// letter) waits for the next piece.
    fn read(&mut self, bytes: &[u8]) -> Result<usize, ()> {
        // serde_json reads text much faster when it need not check each string's UTF-8 itself.
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            // A letter cut by the end of the piece: read up to it.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).map_err(|_| ())?
            }
            Err(_) => return Err(()),
        };
        let mut i = 0;
        while i < text.len() {
            let b = text.as_bytes()[i];
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.at_start = false;
                i += 1;
                continue;
            }
            let rest = &text[i..];
            match (self.step, b) {
                (Step::Start, 0xEF) if self.at_start && rest.as_bytes().starts_with(BOM) => {
                    self.at_start = false;
                    i += BOM.len();
                }
                (Step::Start, b'{') => {
                    self.at_start = false;
                    self.step = Step::Key { first: true };
                    i += 1;
                }
                (Step::Key { .. }, b'"') => {
                    let Some(len) = memchr2(b'"', b'\\', &rest.as_bytes()[1..]) else {
                        return Ok(i);
                    };
                    let key = &rest.as_bytes()[1..1 + len];
                    if rest.as_bytes()[1 + len] == b'\\' {
                        return Err(());
                    }
                    self.member = Member::of(key);
                    if let Some(slot) = self.member.slot() {
                        if std::mem::replace(&mut self.seen[slot], true) {
                            return Err(());
                        }
                    }
                    self.step = Step::Colon;
                    i += len + 2;
                }
                (Step::Key { first: true }, b'}') | (Step::AfterValue, b'}') => {
                    self.step = Step::Done;
                    i += 1;
                }
                (Step::Colon, b':') => {
                    self.step = Step::Value;
                    i += 1;
                }
                (Step::Value, b'[') if matches!(self.member, Member::List(_)) => {
                    if let Member::List(l) = self.member {
                        self.present[l as usize] = true;
                    }
                    self.step = Step::Entry { first: true };
                    i += 1;
                }
                (Step::Value, _) => {
                    let raw: &serde_json::value::RawValue = match next_value(rest) {
                        Next::Value(raw, len) => {
                            i += len;
                            raw
                        }
                        Next::Cut => return Ok(i),
                        Next::Wrong => return Err(()),
                    };
                    let text = (raw.get() != "null").then(|| raw.get().to_string());
                    match self.member {
                        Member::FormatVersion => self.format_version = text,
                        Member::Updated => self.updated = text,
                        Member::XSample => self.x_sample = text,
                        // A list given as something other than a list or `null`: the
                        // whole-text reader reports it.
                        Member::List(_) if text.is_some() => return Err(()),
                        Member::List(_) | Member::Other => {}
                    }
                    self.step = Step::AfterValue;
                }
                (Step::AfterValue, b',') => {
                    self.step = Step::Key { first: false };
                    i += 1;
                }
                (Step::Entry { first: true }, b']') | (Step::AfterEntry, b']') => {
                    if let Member::List(list) = self.member {
                        self.lists.close(list);
                    }
                    self.step = Step::AfterValue;
                    i += 1;
                }
                (Step::Entry { .. }, b'{') => {
                    let Member::List(list) = self.member else {
                        return Err(());
                    };
                    match self.lists.push(list, rest, self.reader) {
                        Next::Value((), len) => i += len,
                        Next::Cut => return Ok(i),
                        Next::Wrong => return Err(()),
                    }
                    self.step = Step::AfterEntry;
                }
                (Step::AfterEntry, b',') => {
                    self.step = Step::Entry { first: false };
                    i += 1;
                }
                // A byte-order mark cut by the end of the first piece.
                (Step::Start, 0xEF) if self.at_start && BOM.starts_with(rest.as_bytes()) => {
                    return Ok(0)
                }
                _ => return Err(()),
            }
        }
        // The bytes of a cut letter, if any, wait with the rest.
        Ok(i)
    }
}

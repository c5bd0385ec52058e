//! The catalog's one reader. It reads piece by piece, as the bytes arrive from the network, and
//! leniently: an entry that cannot be read is reported and skipped, never fatal.
//!
//! Read whole, a catalog's text and the catalog parsed from it would be in the wasm heap at once,
//! and a wasm heap never shrinks: the text of a catalog at the app's 15 MiB limit is that much
//! more of a phone's memory, for good (BENCHMARKS.md). Read here, each entry of each list is
//! parsed as soon as its last byte has come, and only the entry being read is held as text.
//! Reading also overlaps the download instead of waiting for its end. [`super::load`] reads a
//! whole text as one piece.

use memchr::memchr2;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::value::RawValue;

use super::draft::{Draft, Lists, OwnFields};
use super::gather::Gather;
use super::parse::{finish, head, LoadError, Loaded};
use super::problem::{Problem, ProblemKind};
use super::translations::keeping;
use super::types::ForReader;
use super::validate::{own_fields_pass, Bounds, CountyCheck};
use crate::lang::Lang;

/// The catalog's lists, by name.
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
    fn key(self) -> &'static str {
        match self {
            List::Organizations => "organizations",
            List::Programs => "programs",
            List::TaxonomyTerms => "taxonomy_terms",
            List::Counties => "x_counties",
            List::Locations => "locations",
            List::Services => "services",
            List::ServiceAtLocations => "service_at_locations",
            List::Departments => "x_tak_departments",
        }
    }

    /// Whether a document with this list is a catalog: one of the main lists (organisations,
    /// counties, places, services, departments), not only programmes, terms or links.
    fn makes_a_catalog(self) -> bool {
        !matches!(
            self,
            List::Programs | List::TaxonomyTerms | List::ServiceAtLocations
        )
    }
}

/// The members of the root object this reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Member {
    FormatVersion,
    Updated,
    XSample,
    List(List),
    /// A member this build does not read, or one given a second time: its value is skipped.
    Other,
}

impl Member {
    fn of(key: &str) -> Member {
        match key {
            "format_version" => Member::FormatVersion,
            "updated" => Member::Updated,
            "x_sample" => Member::XSample,
            _ => List::ALL
                .into_iter()
                .find(|l| l.key() == key)
                .map_or(Member::Other, Member::List),
        }
    }

    /// Its key in the catalog's root object.
    fn key(self) -> &'static str {
        match self {
            Member::FormatVersion => "format_version",
            Member::Updated => "updated",
            Member::XSample => "x_sample",
            Member::List(l) => l.key(),
            Member::Other => "",
        }
    }
}

/// Where the reader is in the document's outer structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// In `list`, after its `[` (`first`) or a `,` between its entries.
    Entry {
        list: List,
        first: bool,
    },
    AfterEntry {
        list: List,
    },
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
    /// Not a value of this type: serde_json's reason, with its place within the text read.
    Wrong(serde_json::Error),
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
        Some(Err(e)) => Next::Wrong(e),
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

/// serde_json's reason without its place, which is within the entry, not the document.
fn reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.split(" at line ").next().unwrap_or(&msg).to_string()
}

/// Reads the entry at the start of `text` into `into`: `Value((), its length)`. An entry that
/// is JSON but not an entry of this list is reported as `$.key[i]` and skipped.
fn read_entry<T: DeserializeOwned + ForReader + OwnFields>(
    into: &mut Gather<T>,
    key: &str,
    text: &str,
    reader: Option<Lang>,
    problems: &mut Vec<Problem>,
) -> Next<()> {
    match keeping(reader, || next_value::<T>(text)) {
        Next::Value(mut entry, len) => {
            // As soon as the entry is read, while it is in the cache: the texts a reader of
            // another language never sees are freed before the next entry.
            entry.settle(reader);
            let passed = own_fields_pass(&mut entry);
            into.push(entry, passed);
            Next::Value((), len)
        }
        Next::Cut => Next::Cut,
        // Not this list's entry; but is it JSON, and where does it end?
        Next::Wrong(why) => match next_value::<IgnoredAny>(text) {
            Next::Value(IgnoredAny, len) => {
                problems.push(Problem::error(
                    format!("$.{key}[{}]", into.next_at()),
                    ProblemKind::InvalidEntry(reason(&why)),
                ));
                into.skip();
                Next::Value((), len)
            }
            Next::Cut => Next::Cut,
            Next::Wrong(e) => Next::Wrong(e),
        },
    }
}

/// The lists as they fill.
impl Lists {
    fn read(
        &mut self,
        list: List,
        text: &str,
        reader: Option<Lang>,
        problems: &mut Vec<Problem>,
    ) -> Next<()> {
        let key = list.key();
        match list {
            List::Organizations => read_entry(&mut self.organizations, key, text, reader, problems),
            List::Programs => read_entry(&mut self.programs, key, text, reader, problems),
            List::TaxonomyTerms => {
                read_entry(&mut self.taxonomy_terms, key, text, reader, problems)
            }
            List::Counties => read_entry(&mut self.x_counties, key, text, reader, problems),
            List::Locations => read_entry(&mut self.locations, key, text, reader, problems),
            List::Services => read_entry(&mut self.services, key, text, reader, problems),
            List::ServiceAtLocations => {
                read_entry(&mut self.service_at_locations, key, text, reader, problems)
            }
            List::Departments => {
                read_entry(&mut self.x_tak_departments, key, text, reader, problems)
            }
        }
    }

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

/// Where in the document the reader is, counted over everything read so far, to say where a
/// document that is not JSON goes wrong (as serde_json says it: line and column from 1, the
/// column in bytes).
#[derive(Clone, Copy, Default)]
struct Place {
    /// Bytes read before the text being read.
    offset: usize,
    /// Lines ended before it.
    lines: usize,
    /// Where the line it starts in began.
    line_start: usize,
}

impl Place {
    /// Moves past `text`, which was read.
    fn pass(&mut self, text: &str) {
        let bytes = text.as_bytes();
        if let Some(last) = memchr::memrchr(b'\n', bytes) {
            self.lines += memchr::memchr_iter(b'\n', bytes).count();
            self.line_start = self.offset + last + 1;
        }
        self.offset += bytes.len();
    }

    /// Line and column of the byte `at` of `text` (the text being read), or of its end.
    fn of(&self, text: &str, at: usize) -> (usize, usize) {
        let before = &text.as_bytes()[..at.min(text.len())];
        match memchr::memrchr(b'\n', before) {
            Some(last) => (
                1 + self.lines + memchr::memchr_iter(b'\n', before).count(),
                before.len() - last - 1,
            ),
            None => (1 + self.lines, self.offset + before.len() - self.line_start),
        }
    }

    /// Line and column of serde_json's `error` in a value that starts at byte `at` of `text`.
    fn of_error(&self, text: &str, at: usize, error: &serde_json::Error) -> (usize, usize) {
        let (line, column) = self.of(text, at);
        if error.line() <= 1 {
            (line, column + error.column())
        } else {
            (line + error.line() - 1, error.column())
        }
    }
}

/// A catalog being read piece by piece: [`push`](Self::push) each piece of the document in
/// order, then [`finish`](Self::finish).
pub struct CatalogStream {
    step: Step,
    member: Member,
    /// The bytes after the last whole token or entry of the pieces so far: the start of an
    /// entry (or a key, a letter) that the end of a piece cut.
    carry: Vec<u8>,
    place: Place,
    /// The members met so far (a second one of the same is reported and skipped).
    seen: Vec<Member>,
    /// Whether one of the main lists was given, as anything but `null`.
    a_catalog: bool,
    format_version: Option<String>,
    updated: Option<String>,
    x_sample: Option<String>,
    lists: Lists,
    problems: Vec<Problem>,
    /// Why the document cannot be read at all, once that is known; later pieces are ignored.
    failed: Option<LoadError>,
    /// The reader the catalog is read for, as in [`super::load_for`]; `None` keeps everything.
    reader: Option<Lang>,
}

impl Default for CatalogStream {
    fn default() -> Self {
        CatalogStream::new()
    }
}

const BOM: char = '\u{FEFF}';

/// Where a letter that the end of `bytes` cuts begins (`bytes.len()` when none is cut).
fn cut_letter(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let first = bytes[bytes.len() - back];
        if first & 0xC0 != 0x80 {
            let needs = match first {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            return if needs > back {
                bytes.len() - back
            } else {
                bytes.len()
            };
        }
    }
    bytes.len()
}

impl CatalogStream {
    pub fn new() -> CatalogStream {
        CatalogStream {
            step: Step::Start,
            member: Member::Other,
            carry: Vec::new(),
            place: Place::default(),
            seen: Vec::new(),
            a_catalog: false,
            format_version: None,
            updated: None,
            x_sample: None,
            lists: Lists::default(),
            problems: Vec::new(),
            failed: None,
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

    /// Reads the next piece of the document. Returns `false` once the document is known not to
    /// be a catalog ([`finish`](Self::finish) then says why); later pieces are ignored.
    pub fn push(&mut self, piece: &[u8]) -> bool {
        if self.failed.is_some() {
            return false;
        }
        let joined;
        let bytes = if self.carry.is_empty() {
            piece
        } else {
            let mut carry = std::mem::take(&mut self.carry);
            carry.extend_from_slice(piece);
            joined = carry;
            &joined[..]
        };
        let cut = cut_letter(bytes);
        // Broken UTF-8 is read as `Response::text()` would read it, each bad byte replaced. (One
        // check of each piece: serde_json reads text much faster when it need not check each
        // string's UTF-8 itself.)
        let lossy;
        let text = match std::str::from_utf8(&bytes[..cut]) {
            Ok(text) => text,
            Err(_) => {
                lossy = String::from_utf8_lossy(&bytes[..cut]).into_owned();
                &lossy
            }
        };
        self.read_text(text, &bytes[cut..])
    }

    /// Reads a whole document, known to be text, as the only piece: its UTF-8 need not be
    /// checked again, nor its lines counted unless it is cut short (no piece follows).
    pub(super) fn read_whole(&mut self, document: &str) {
        let used = self.read(document);
        if self.failed.is_none() && self.step != Step::Done {
            self.place.pass(&document[..used]);
            self.carry = document.as_bytes()[used..].to_vec();
        }
    }

    /// Reads `text`, then keeps what it could not read yet, with `cut` (the start of a letter the
    /// piece's end cut), for the next piece.
    fn read_text(&mut self, text: &str, cut: &[u8]) -> bool {
        let used = self.read(text);
        self.place.pass(&text[..used]);
        if self.failed.is_some() {
            // Free what was read: nothing of it will be shown.
            self.lists = Lists::default();
            return false;
        }
        self.carry = [&text.as_bytes()[used..], cut].concat();
        true
    }

    /// The catalog read and validated, as [`super::load_with`] gives it (or [`super::load_for`]
    /// when read [`for_reader`](Self::for_reader)), or why the document is no catalog.
    pub fn finish(
        self,
        bounds: &Bounds,
        in_county: Option<&CountyCheck<'_>>,
    ) -> Result<Loaded, LoadError> {
        let reader = self.reader;
        let (draft, problems, skipped) = self.into_read()?;
        Ok(finish(draft, problems, skipped, bounds, in_county, reader))
    }

    /// The catalog read, not validated: [`super::parse`].
    pub(super) fn into_read(mut self) -> Result<(Draft, Vec<Problem>, usize), LoadError> {
        if let Some(failed) = self.failed {
            return Err(failed);
        }
        match self.step {
            Step::Start if self.carry.is_empty() => return Err(LoadError::Empty),
            Step::Done => {}
            // The document ends early.
            _ => {
                let text = String::from_utf8_lossy(&self.carry);
                let (line, column) = self.place.of(&text, text.len());
                return Err(LoadError::NotJson { line, column });
            }
        }
        if !self.a_catalog {
            return Err(LoadError::NotACatalog);
        }
        let mut problems = Vec::new();
        let (format_version, updated, x_sample) = head(
            self.format_version.as_deref(),
            self.updated.as_deref(),
            self.x_sample.as_deref(),
            &mut problems,
        );
        problems.append(&mut self.problems);
        let skipped = self.lists.skipped();
        let draft = self.lists.into_draft(format_version, updated, x_sample);
        Ok((draft, problems, skipped))
    }

    /// Notes that the document is not JSON at byte `at` of `text`.
    fn not_json(&mut self, text: &str, at: usize) {
        let (line, column) = self.place.of(text, at + 1);
        self.failed = Some(LoadError::NotJson { line, column });
    }

    /// Notes that the value at byte `at` of `text` is not JSON, as serde_json found.
    fn not_json_value(&mut self, text: &str, at: usize, error: &serde_json::Error) {
        let (line, column) = self.place.of_error(text, at, error);
        self.failed = Some(LoadError::NotJson { line, column });
    }

    /// The member whose key was just read: a second one of the same is reported, and skipped.
    fn meet(&mut self, key: &str) {
        let member = Member::of(key);
        self.member = member;
        if member == Member::Other {
            return;
        }
        if self.seen.contains(&member) {
            self.problems.push(Problem::error(
                format!("$.{}", member.key()),
                ProblemKind::GivenTwice,
            ));
            self.member = Member::Other;
        } else {
            self.seen.push(member);
        }
    }

    /// Reads what it can of `text`: how many bytes it used. The rest (a cut entry, key or
    /// number) waits for the next piece. Sets `failed` when the text is no catalog.
    fn read(&mut self, text: &str) -> usize {
        let mut i = 0;
        while i < text.len() {
            let b = text.as_bytes()[i];
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
                continue;
            }
            let rest = &text[i..];
            match (self.step, b) {
                (Step::Start, _) if rest.starts_with(BOM) => i += BOM.len_utf8(),
                (Step::Start, b'{') => {
                    self.step = Step::Key { first: true };
                    i += 1;
                }
                // JSON, but not an object: a list, a text, a number.
                (Step::Start, b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                    self.failed = Some(LoadError::NotACatalog);
                    return i;
                }
                (Step::Key { .. }, b'"') => {
                    let Some(len) = memchr2(b'"', b'\\', &rest.as_bytes()[1..]) else {
                        return i;
                    };
                    if rest.as_bytes()[1 + len] == b'"' {
                        self.meet(&rest[1..1 + len]);
                        i += len + 2;
                    } else {
                        // A key written with escapes.
                        match next_value::<String>(rest) {
                            Next::Value(key, len) => {
                                self.meet(&key);
                                i += len;
                            }
                            Next::Cut => return i,
                            Next::Wrong(e) => {
                                self.not_json_value(text, i, &e);
                                return i;
                            }
                        }
                    }
                    self.step = Step::Colon;
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
                    if let Member::List(list) = self.member {
                        self.a_catalog |= list.makes_a_catalog();
                        self.step = Step::Entry { list, first: true };
                    }
                    i += 1;
                }
                (Step::Value, _) => {
                    let raw: &RawValue = match next_value(rest) {
                        Next::Value(raw, len) => {
                            i += len;
                            raw
                        }
                        Next::Cut => return i,
                        Next::Wrong(e) => {
                            self.not_json_value(text, i, &e);
                            return i;
                        }
                    };
                    let value = (raw.get() != "null").then(|| raw.get().to_string());
                    match self.member {
                        Member::FormatVersion => self.format_version = value,
                        Member::Updated => self.updated = value,
                        Member::XSample => self.x_sample = value,
                        // `null` is no list, as if it were not there.
                        Member::List(l) if value.is_some() => {
                            self.a_catalog |= l.makes_a_catalog();
                            self.problems.push(Problem::error(
                                format!("$.{}", l.key()),
                                ProblemKind::NotAList,
                            ));
                        }
                        Member::List(_) | Member::Other => {}
                    }
                    self.step = Step::AfterValue;
                }
                (Step::AfterValue, b',') => {
                    self.step = Step::Key { first: false };
                    i += 1;
                }
                (Step::Entry { list, first: true }, b']') | (Step::AfterEntry { list }, b']') => {
                    self.lists.close(list);
                    self.step = Step::AfterValue;
                    i += 1;
                }
                (Step::Entry { list, .. }, _) => {
                    match self.lists.read(list, rest, self.reader, &mut self.problems) {
                        Next::Value((), len) => i += len,
                        Next::Cut => return i,
                        Next::Wrong(e) => {
                            self.not_json_value(text, i, &e);
                            return i;
                        }
                    }
                    self.step = Step::AfterEntry { list };
                }
                (Step::AfterEntry { list }, b',') => {
                    self.step = Step::Entry { list, first: false };
                    i += 1;
                }
                _ => {
                    self.not_json(text, i);
                    return i;
                }
            }
        }
        i
    }
}

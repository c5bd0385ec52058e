//! Collecting a list whose length is not known until its end (JSON gives no count).
//!
//! A `Vec` that doubles as it fills copies its big entries (a service is 520 bytes natively, about
//! half that in wasm) about twice over, and ends with up to twice the room it needs; in wasm that
//! room stays taken, because a wasm heap never shrinks. Gathering in chunks that never move, then
//! joining them once, copies each entry once and ends at exactly the list's length.

/// Entries gathered in chunks, joined by [`into_parts`](Self::into_parts), each with whether its
/// own fields passed their checks as it was read (see `draft::OwnFields`).
pub(super) struct Gather<T> {
    full: Vec<Vec<T>>,
    current: Vec<T>,
    passed: Vec<bool>,
    /// Where the document's entries that could not be read were, in the list: rare, so the
    /// others' places are worked out from these at the end rather than kept one by one.
    skipped_at: Vec<usize>,
}

/// A list's entries as gathered: each with whether its own fields passed their checks, and its
/// place in the document's list (which differs once an entry before it was skipped).
pub(super) struct Parts<T> {
    pub items: Vec<T>,
    pub passed: Vec<bool>,
    pub at: Vec<usize>,
}

/// The first chunk's room, in entries; each next chunk has twice the room, up to [`LARGEST`].
const FIRST: usize = 8;
const LARGEST: usize = 1024;

impl<T> Default for Gather<T> {
    fn default() -> Self {
        Gather {
            full: Vec::new(),
            current: Vec::new(),
            passed: Vec::new(),
            skipped_at: Vec::new(),
        }
    }
}

impl<T> Gather<T> {
    /// How many of the document's entries have come, read or skipped: the next one's place.
    pub fn next_at(&self) -> usize {
        self.passed.len() + self.skipped_at.len()
    }

    /// How many of the document's entries could not be read.
    pub fn skipped(&self) -> usize {
        self.skipped_at.len()
    }

    /// Notes that the document's next entry could not be read.
    pub fn skip(&mut self) {
        self.skipped_at.push(self.next_at());
    }

    pub fn push(&mut self, item: T, passed: bool) {
        self.passed.push(passed);
        if self.current.len() == self.current.capacity() {
            let room = (self.current.capacity() * 2).clamp(FIRST, LARGEST);
            let full = std::mem::replace(&mut self.current, Vec::with_capacity(room));
            if !full.is_empty() {
                self.full.push(full);
            }
        }
        self.current.push(item);
    }

    /// Joins the chunks now, at the list's end: the room they free is then reused by the next
    /// list while it is still in the cache, rather than all at the document's end.
    pub fn close(&mut self) {
        let Gather {
            full,
            current,
            passed,
            skipped_at,
        } = std::mem::take(self);
        *self = Gather {
            full: Vec::new(),
            current: join(full, current),
            passed,
            skipped_at,
        };
    }

    /// The entries in the order they came, in a list with room for exactly them.
    pub fn into_parts(self) -> Parts<T> {
        let Gather {
            full,
            current,
            passed,
            skipped_at,
        } = self;
        let mut skipped = skipped_at.iter().peekable();
        let at = (0..passed.len() + skipped_at.len())
            .filter(|i| skipped.next_if_eq(&i).is_none())
            .collect();
        Parts {
            items: join(full, current),
            passed,
            at,
        }
    }
}

/// The chunks and the last one as one list with room for exactly them.
fn join<T>(full: Vec<Vec<T>>, mut current: Vec<T>) -> Vec<T> {
    if full.is_empty() {
        // Cutting the end off a block is done in place, without a copy.
        current.shrink_to_fit();
        return current;
    }
    let len = full.iter().map(Vec::len).sum::<usize>() + current.len();
    let mut all = Vec::with_capacity(len);
    for chunk in full {
        // Each chunk is freed as soon as it is copied.
        all.extend(chunk);
    }
    all.extend(current);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_ends_at_exactly_the_length() {
        for n in [0, 1, 7, 8, 9, 100, 1023, 1024, 5000] {
            let mut gather = Gather::default();
            (0..n).for_each(|i| gather.push(i.to_string(), i % 3 != 0));
            let Parts { items, passed, at } = gather.into_parts();
            assert_eq!(items, (0..n).map(|i| i.to_string()).collect::<Vec<_>>());
            assert_eq!(items.capacity(), n, "{n} entries");
            assert_eq!(passed, (0..n).map(|i| i % 3 != 0).collect::<Vec<_>>());
            assert_eq!(at, (0..n).collect::<Vec<_>>());
            let mut closed = Gather::default();
            (0..n).for_each(|i| closed.push(i, true));
            closed.close();
            closed.push(n, false);
            let Parts { items, passed, .. } = closed.into_parts();
            assert_eq!(items, (0..=n).collect::<Vec<_>>());
            assert_eq!(passed, (0..=n).map(|i| i != n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn entries_after_a_skipped_one_keep_their_place_in_the_document() {
        let mut gather = Gather::default();
        gather.skip();
        gather.push("b", true);
        gather.push("c", true);
        assert_eq!(gather.next_at(), 3);
        gather.skip();
        gather.skip();
        gather.close();
        gather.push("f", false);
        let Parts { items, passed, at } = gather.into_parts();
        assert_eq!(items, ["b", "c", "f"]);
        assert_eq!(passed, [true, true, false]);
        assert_eq!(at, [1, 2, 5]);
    }
}

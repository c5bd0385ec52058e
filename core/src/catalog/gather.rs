//! Collecting a list whose length is not known until its end (JSON gives no count).
//!
//! A `Vec` that doubles as it fills copies its big entries (a service is 520 bytes natively, about
//! half that in wasm) about twice over, and ends with up to twice the room it needs; in wasm that
//! room stays taken, because a wasm heap never shrinks. Gathering in chunks that never move, then
//! joining them once, copies each entry once and ends at exactly the list's length.

/// Entries gathered in chunks, joined by [`into_parts`](Self::into_parts), each with whether its
/// own fields passed their checks as it was read (see `validate::OwnFields`).
pub(super) struct Gather<T> {
    full: Vec<Vec<T>>,
    current: Vec<T>,
    passed: Vec<bool>,
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
        }
    }
}

impl<T> Gather<T> {
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
        let (all, passed) = std::mem::take(self).into_parts();
        *self = Gather {
            full: Vec::new(),
            current: all,
            passed,
        };
    }

    /// The entries in the order they came, in a list with room for exactly them, and whether
    /// each one's own fields passed their checks.
    pub fn into_parts(self) -> (Vec<T>, Vec<bool>) {
        let Gather {
            full,
            mut current,
            passed,
        } = self;
        if full.is_empty() {
            // Cutting the end off a block is done in place, without a copy.
            current.shrink_to_fit();
            return (current, passed);
        }
        let len = full.iter().map(Vec::len).sum::<usize>() + current.len();
        let mut all = Vec::with_capacity(len);
        for chunk in full {
            // Each chunk is freed as soon as it is copied.
            all.extend(chunk);
        }
        all.extend(current);
        (all, passed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_ends_at_exactly_the_length() {
        for n in [0, 1, 7, 8, 9, 100, 1023, 1024, 5000] {
            let mut gather = Gather::default();
            (0..n).for_each(|i| gather.push(i.to_string(), i % 3 != 0));
            let (all, passed) = gather.into_parts();
            assert_eq!(all, (0..n).map(|i| i.to_string()).collect::<Vec<_>>());
            assert_eq!(all.capacity(), n, "{n} entries");
            assert_eq!(passed, (0..n).map(|i| i % 3 != 0).collect::<Vec<_>>());
            let mut closed = Gather::default();
            (0..n).for_each(|i| closed.push(i, true));
            closed.close();
            closed.push(n, false);
            let (all, passed) = closed.into_parts();
            assert_eq!(all, (0..=n).collect::<Vec<_>>());
            assert_eq!(passed, (0..=n).map(|i| i != n).collect::<Vec<_>>());
        }
    }
}

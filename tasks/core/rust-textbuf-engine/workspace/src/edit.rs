//! The unit of change: replace the chars at `start..start + removed` by `inserted`.

use crate::utf8;

/// Which public operation produced an edit; only `Insert` and `Delete` edits take part in
/// undo grouping (SPEC.md rules 5.4-5.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Insert,
    Delete,
    Replace,
}

/// One primitive change to the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Char index where the change happens.
    pub start: usize,
    /// The text that was there before.
    pub removed: String,
    /// The text that is there after.
    pub inserted: String,
    /// The operation that made the edit.
    pub origin: Origin,
}

impl Edit {
    /// A pure insertion.
    pub fn insert(start: usize, text: &str) -> Edit {
        Edit { start, removed: String::new(), inserted: text.to_string(), origin: Origin::Insert }
    }

    /// A pure deletion of `removed` at `start`.
    pub fn delete(start: usize, removed: String) -> Edit {
        Edit { start, removed, inserted: String::new(), origin: Origin::Delete }
    }

    /// A replacement.
    pub fn replace(start: usize, removed: String, inserted: &str) -> Edit {
        Edit { start, removed, inserted: inserted.to_string(), origin: Origin::Replace }
    }

    /// Chars removed.
    pub fn removed_chars(&self) -> usize {
        utf8::char_len(&self.removed)
    }

    /// Chars inserted.
    pub fn inserted_chars(&self) -> usize {
        utf8::char_len(&self.inserted)
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        Edit {
            start: self.start,
            removed: self.inserted.clone(),
            inserted: self.removed.clone(),
            origin: self.origin,
        }
    }

    /// The single char of a one-char insertion.
    pub fn typed_char(&self) -> Option<char> {
        if self.origin != Origin::Insert || !self.removed.is_empty() {
            return None;
        }
        let mut it = self.inserted.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }

    /// True for a deletion of exactly one char.
    pub fn is_single_delete(&self) -> bool {
        self.origin == Origin::Delete && self.inserted.is_empty() && self.removed_chars() == 1
    }
}

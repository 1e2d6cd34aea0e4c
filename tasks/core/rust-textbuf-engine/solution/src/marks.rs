//! Marks: char positions that move with the text (SPEC.md section 6).

use crate::error::{Error, Result};

/// Which way a mark goes when text is inserted exactly at its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gravity {
    /// Stay before the inserted text.
    Left,
    /// Move after the inserted text.
    Right,
}

/// Identifies a mark.  Ids count up from 0 and are never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MarkId(pub usize);

impl std::fmt::Display for MarkId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    pos: usize,
    gravity: Gravity,
}

/// All marks of a buffer.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    slots: Vec<Option<Slot>>,
}

impl Marks {
    pub fn new() -> Marks {
        Marks::default()
    }

    /// Add a mark; the caller has checked `pos`.
    pub fn add(&mut self, pos: usize, gravity: Gravity) -> MarkId {
        self.slots.push(Some(Slot { pos, gravity }));
        MarkId(self.slots.len() - 1)
    }

    fn slot(&self, id: MarkId) -> Result<&Slot> {
        self.slots.get(id.0).and_then(|s| s.as_ref()).ok_or(Error::UnknownMark(id.0))
    }

    /// Position of a mark.
    pub fn get(&self, id: MarkId) -> Result<usize> {
        Ok(self.slot(id)?.pos)
    }

    /// Gravity of a mark.
    pub fn gravity(&self, id: MarkId) -> Result<Gravity> {
        Ok(self.slot(id)?.gravity)
    }

    /// Move a mark; the caller has checked `pos`.
    pub fn set(&mut self, id: MarkId, pos: usize) -> Result<()> {
        self.slot(id)?;
        if let Some(Some(s)) = self.slots.get_mut(id.0) {
            s.pos = pos;
        }
        Ok(())
    }

    /// Remove a mark.
    pub fn remove(&mut self, id: MarkId) -> Result<()> {
        self.slot(id)?;
        self.slots[id.0] = None;
        Ok(())
    }

    /// Ids of the live marks, in increasing order.
    pub fn ids(&self) -> Vec<MarkId> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some())
            .map(|(i, _)| MarkId(i))
            .collect()
    }

    /// Move every mark for an edit that replaced `removed` chars at `start` by `inserted`
    /// chars: first as for deleting the range, then as for inserting at `start` (rule 6.5).
    pub fn adjust(&mut self, start: usize, removed: usize, inserted: usize) {
        let end = start + removed;
        for s in self.slots.iter_mut().flatten() {
            let mut p = s.pos;
            if p >= end {
                p -= removed;
            } else if p > start {
                p = start;
            }
            if inserted > 0 && (p > start || (p == start && s.gravity == Gravity::Right)) {
                p += inserted;
            }
            s.pos = p;
        }
    }
}

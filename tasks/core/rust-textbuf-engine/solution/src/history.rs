//! Undo/redo history with grouping (SPEC.md section 5).

use crate::edit::Edit;
use crate::utf8;

/// Maximum number of undo groups kept (SPEC.md rule 5.11).
pub const MAX_GROUPS: usize = 1000;

/// A group of edits undone and redone together, in the order they were applied.
#[derive(Clone, Debug, Default)]
pub struct Group {
    pub edits: Vec<Edit>,
}

/// The undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Group>,
    redo: Vec<Group>,
    /// Whether the newest undo group may still take more edits.
    open: bool,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Number of groups that can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Number of groups that can be redone.
    pub fn redo_depth(&self) -> usize {
        self.redo.len()
    }

    /// Close the open group: the next edit starts a new one.
    pub fn close_group(&mut self) {
        self.open = false;
    }

    /// Record an edit that has just been applied.
    pub fn record(&mut self, edit: Edit) {
        self.redo.clear();
        if self.open {
            if let Some(g) = self.undo.last_mut() {
                if let Some(last) = g.edits.last() {
                    if merges(last, &edit) {
                        g.edits.push(edit);
                        return;
                    }
                }
            }
        }
        self.push_group(Group { edits: vec![edit] });
        self.open = true;
    }

    /// Record several edits, already applied in order, as one closed group.
    pub fn record_group(&mut self, edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        self.redo.clear();
        self.push_group(Group { edits });
        self.open = false;
    }

    fn push_group(&mut self, g: Group) {
        self.undo.push(g);
        if self.undo.len() > MAX_GROUPS {
            self.undo.remove(0);
        }
    }

    /// Take the newest group for undoing; returns the edits to apply, in order.
    pub fn undo(&mut self) -> Option<Vec<Edit>> {
        let g = self.undo.pop()?;
        self.open = false;
        let edits = g.edits.iter().rev().map(|e| e.inverse()).collect();
        self.redo.push(g);
        Some(edits)
    }

    /// Take the newest undone group for redoing; returns the edits to apply, in order.
    pub fn redo(&mut self) -> Option<Vec<Edit>> {
        let g = self.redo.pop()?;
        self.open = false;
        let edits = g.edits.clone();
        self.undo.push(g);
        Some(edits)
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open = false;
    }
}

/// Whether `next` joins the group whose newest edit is `last` (SPEC.md rules 5.5-5.8).
fn merges(last: &Edit, next: &Edit) -> bool {
    if let (Some(a), Some(b)) = (last.typed_char(), next.typed_char()) {
        if utf8::is_break_char(a) || utf8::is_break_char(b) {
            return false;
        }
        if next.start != last.start + 1 {
            return false;
        }
        // A word boundary: typing a non-space right after a space starts a new group.
        if utf8::is_space(a) && !utf8::is_space(b) {
            return false;
        }
        return true;
    }
    if last.is_single_delete() && next.is_single_delete() {
        return next.start + 1 == last.start || next.start == last.start;
    }
    false
}

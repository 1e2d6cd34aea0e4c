//! `textbuf`: the text buffer engine behind a small editor.
//!
//! A [`Buffer`] holds UTF-8 text in a rope, addressed by char index (a Unicode scalar value
//! count, never bytes).  It converts between char indices and line/column positions, keeps an
//! undo/redo history with grouping, moves marks along with edits and searches for plain
//! text.  SPEC.md in the crate root is the contract for every public function here.

pub mod edit;
pub mod error;
pub mod history;
pub mod lines;
pub mod marks;
pub mod position;
pub mod rope;
pub mod search;
pub mod utf8;
pub mod words;

pub use error::{Error, Result};
pub use marks::{Gravity, MarkId};
pub use position::Position;
pub use words::CharClass;

use edit::Edit;
use history::History;
use marks::Marks;
use rope::Rope;

/// An editable text buffer.
#[derive(Clone, Debug, Default)]
pub struct Buffer {
    rope: Rope,
    history: History,
    marks: Marks,
}

impl Buffer {
    /// An empty buffer.
    pub fn new() -> Buffer {
        Buffer::default()
    }

    /// A buffer holding `text`, with an empty history and no marks.
    pub fn from_text(text: &str) -> Buffer {
        Buffer { rope: Rope::from_text(text), history: History::new(), marks: Marks::new() }
    }

    // ----- reading -------------------------------------------------------------------------

    /// Number of chars.
    pub fn len_chars(&self) -> usize {
        self.rope.len_chars()
    }

    /// Number of bytes of the UTF-8 text.
    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// True when the buffer holds no text.
    pub fn is_empty(&self) -> bool {
        self.rope.len_chars() == 0
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.rope.to_text()
    }

    fn check_index(&self, index: usize) -> Result<()> {
        let len = self.len_chars();
        if index > len {
            return Err(Error::IndexOutOfRange { index, len });
        }
        Ok(())
    }

    fn check_range(&self, start: usize, end: usize) -> Result<()> {
        if start > end {
            return Err(Error::InvalidRange { start, end });
        }
        self.check_index(end)
    }

    /// The text between char indices `start` and `end`.
    pub fn slice(&self, start: usize, end: usize) -> Result<String> {
        self.check_range(start, end)?;
        Ok(self.rope.slice(start, end))
    }

    /// The char at `index`.
    pub fn char_at(&self, index: usize) -> Result<char> {
        self.rope.char_at(index).ok_or(Error::IndexOutOfRange { index, len: self.len_chars() })
    }

    // ----- lines ---------------------------------------------------------------------------

    /// Number of lines: line breaks + 1.
    pub fn line_count(&self) -> usize {
        self.rope.line_count()
    }

    fn check_line(&self, line: usize) -> Result<()> {
        let count = self.line_count();
        if line >= count {
            return Err(Error::LineOutOfRange { line, count });
        }
        Ok(())
    }

    /// Char index where `line` starts.
    pub fn line_start(&self, line: usize) -> Result<usize> {
        self.check_line(line)?;
        Ok(lines::line_start(&self.rope, line).expect("line checked"))
    }

    /// Char index just after the content of `line` (before its line break).
    pub fn line_end(&self, line: usize) -> Result<usize> {
        self.check_line(line)?;
        Ok(lines::line_content_end(&self.rope, line).expect("line checked"))
    }

    /// Length of `line` in chars, without its line break.
    pub fn line_len(&self, line: usize) -> Result<usize> {
        Ok(self.line_end(line)? - self.line_start(line)?)
    }

    /// The content of `line`, without its line break.
    pub fn line(&self, line: usize) -> Result<String> {
        let s = self.line_start(line)?;
        let e = self.line_end(line)?;
        Ok(self.rope.slice(s, e))
    }

    /// The line break ending `line`: `"\n"`, `"\r\n"`, `"\r"`, or `""` for the last line.
    pub fn line_ending(&self, line: usize) -> Result<&'static str> {
        self.check_line(line)?;
        let e = lines::line_content_end(&self.rope, line).expect("line checked");
        Ok(match lines::break_len(&self.rope, line) {
            0 => "",
            2 => "\r\n",
            _ => {
                if self.rope.char_at(e) == Some('\r') {
                    "\r"
                } else {
                    "\n"
                }
            }
        })
    }

    /// The line holding char index `index` (`index <= len_chars()`).
    pub fn char_to_line(&self, index: usize) -> Result<usize> {
        self.check_index(index)?;
        Ok(lines::line_of(&self.rope, index))
    }

    /// The line/column position of char index `index`.
    pub fn char_to_position(&self, index: usize) -> Result<Position> {
        let line = self.char_to_line(index)?;
        let start = lines::line_start(&self.rope, line).expect("line exists");
        Ok(Position { line, column: index - start })
    }

    /// The char index of a line/column position.
    pub fn position_to_char(&self, pos: Position) -> Result<usize> {
        let start = self.line_start(pos.line)?;
        let len = self.line_len(pos.line)?;
        if pos.column > len {
            return Err(Error::ColumnOutOfRange { line: pos.line, column: pos.column, len });
        }
        Ok(start + pos.column)
    }

    // ----- words ---------------------------------------------------------------------------

    /// Start of the first word that starts after `index` (SPEC.md rule 4.3).
    pub fn next_word_start(&self, index: usize) -> Result<usize> {
        self.check_index(index)?;
        Ok(words::next_word_start(&self.rope, index))
    }

    /// Start of the last word that starts before `index` (SPEC.md rule 4.4).
    pub fn prev_word_start(&self, index: usize) -> Result<usize> {
        self.check_index(index)?;
        Ok(words::prev_word_start(&self.rope, index))
    }

    /// The word holding the char at `index` (SPEC.md rule 4.5).
    pub fn word_at(&self, index: usize) -> Result<Option<(usize, usize)>> {
        if index >= self.len_chars() {
            return Err(Error::IndexOutOfRange { index, len: self.len_chars() });
        }
        Ok(words::word_at(&self.rope, index))
    }

    // ----- editing -------------------------------------------------------------------------

    /// Apply an edit to the text and the marks (no history).
    fn apply(&mut self, e: &Edit) {
        let removed = e.removed_chars();
        if removed > 0 {
            self.rope.remove(e.start, e.start + removed);
        }
        self.rope.insert(e.start, &e.inserted);
        self.marks.adjust(e.start, removed, e.inserted_chars());
    }

    /// Insert `text` before char index `index`.
    pub fn insert(&mut self, index: usize, text: &str) -> Result<()> {
        self.check_index(index)?;
        if text.is_empty() {
            return Ok(());
        }
        let e = Edit::insert(index, text);
        self.apply(&e);
        self.history.record(e);
        Ok(())
    }

    /// Delete the chars `start..end`.
    pub fn delete(&mut self, start: usize, end: usize) -> Result<()> {
        self.check_range(start, end)?;
        if start == end {
            return Ok(());
        }
        let e = Edit::delete(start, self.rope.slice(start, end));
        self.apply(&e);
        self.history.record(e);
        Ok(())
    }

    /// Replace the chars `start..end` by `text`, as one edit.
    pub fn replace(&mut self, start: usize, end: usize, text: &str) -> Result<()> {
        self.check_range(start, end)?;
        if start == end && text.is_empty() {
            return Ok(());
        }
        let e = Edit::replace(start, self.rope.slice(start, end), text);
        self.apply(&e);
        self.history.record(e);
        Ok(())
    }

    // ----- history -------------------------------------------------------------------------

    /// Undo the newest group; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.history.undo() {
            None => false,
            Some(edits) => {
                for e in &edits {
                    self.apply(e);
                }
                true
            }
        }
    }

    /// Redo the newest undone group; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        match self.history.redo() {
            None => false,
            Some(edits) => {
                for e in &edits {
                    self.apply(e);
                }
                true
            }
        }
    }

    /// True when `undo` would do something.
    pub fn can_undo(&self) -> bool {
        self.history.undo_depth() > 0
    }

    /// True when `redo` would do something.
    pub fn can_redo(&self) -> bool {
        self.history.redo_depth() > 0
    }

    /// Number of groups `undo` can take back.
    pub fn undo_depth(&self) -> usize {
        self.history.undo_depth()
    }

    /// End the current undo group: the next edit starts a new one.
    pub fn break_group(&mut self) {
        self.history.close_group();
    }

    /// Drop all undo and redo history.
    pub fn clear_history(&mut self) {
        self.history.clear();
    }

    // ----- marks ---------------------------------------------------------------------------

    /// Add a mark at `index`.
    pub fn add_mark(&mut self, index: usize, gravity: Gravity) -> Result<MarkId> {
        self.check_index(index)?;
        Ok(self.marks.add(index, gravity))
    }

    /// Where a mark is.
    pub fn mark(&self, id: MarkId) -> Result<usize> {
        self.marks.get(id)
    }

    /// A mark's gravity.
    pub fn mark_gravity(&self, id: MarkId) -> Result<Gravity> {
        self.marks.gravity(id)
    }

    /// Move a mark to `index`.
    pub fn set_mark(&mut self, id: MarkId, index: usize) -> Result<()> {
        self.marks.get(id)?;
        self.check_index(index)?;
        self.marks.set(id, index)
    }

    /// Remove a mark.
    pub fn remove_mark(&mut self, id: MarkId) -> Result<()> {
        self.marks.remove(id)
    }

    /// Ids of all live marks, in increasing order.
    pub fn mark_ids(&self) -> Vec<MarkId> {
        self.marks.ids()
    }

    // ----- search --------------------------------------------------------------------------

    /// First match of `pattern` starting at or after `from`.
    pub fn find(&self, pattern: &str, from: usize) -> Result<Option<usize>> {
        if pattern.is_empty() {
            return Err(Error::EmptyPattern);
        }
        self.check_index(from)?;
        Ok(search::find(&self.rope, pattern, from))
    }

    /// Last match of `pattern` lying entirely before `before`.
    pub fn rfind(&self, pattern: &str, before: usize) -> Result<Option<usize>> {
        if pattern.is_empty() {
            return Err(Error::EmptyPattern);
        }
        self.check_index(before)?;
        Ok(search::rfind(&self.rope, pattern, before))
    }

    /// Every non-overlapping match of `pattern`, left to right.
    pub fn find_all(&self, pattern: &str) -> Result<Vec<usize>> {
        if pattern.is_empty() {
            return Err(Error::EmptyPattern);
        }
        Ok(search::find_all(&self.rope, pattern))
    }

    /// Replace every non-overlapping match of `pattern` by `with`, as one undo group.
    /// Returns the number of replacements.
    pub fn replace_all(&mut self, pattern: &str, with: &str) -> Result<usize> {
        let found = self.find_all(pattern)?;
        if found.is_empty() {
            return Ok(0);
        }
        let plen = utf8::char_len(pattern);
        let wlen = utf8::char_len(with);
        let mut edits = Vec::with_capacity(found.len());
        for (k, &s) in found.iter().enumerate() {
            // Earlier replacements have shifted this match.
            let at = (s - k * plen) + k * wlen;
            let e = Edit::replace(at, self.rope.slice(at, at + plen), with);
            self.apply(&e);
            edits.push(e);
        }
        self.history.record_group(edits);
        Ok(found.len())
    }
}

//! The text store: a rope of short chunks with cached char and line-break counts.
//!
//! The rope is a flat sequence of [`Chunk`]s.  Every chunk is non-empty, holds at most
//! [`chunk::MAX_CHUNK_BYTES`] bytes (except transiently during an edit), and is addressed by
//! char index.  Locating a char index walks the chunk summaries, never the text itself.

pub mod chunk;
pub mod iter;

use crate::utf8;
use chunk::{split_text, Chunk};
pub use iter::{ChunkStrs, Chars};

/// A rope of text chunks.
#[derive(Clone, Debug, Default)]
pub struct Rope {
    chunks: Vec<Chunk>,
    chars: usize,
    bytes: usize,
}

impl Rope {
    /// An empty rope.
    pub fn new() -> Rope {
        Rope::default()
    }

    /// A rope holding `s`.
    pub fn from_text(s: &str) -> Rope {
        let chunks: Vec<Chunk> = split_text(s).into_iter().map(Chunk::new).collect();
        let mut r = Rope { chunks, chars: 0, bytes: 0 };
        r.recount();
        r
    }

    fn recount(&mut self) {
        self.chars = self.chunks.iter().map(|c| c.chars()).sum();
        self.bytes = self.chunks.iter().map(|c| c.bytes()).sum();
    }

    /// Number of chars.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// Number of bytes of the UTF-8 text.
    pub fn len_bytes(&self) -> usize {
        self.bytes
    }

    /// The chunks, in order.
    pub fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// The chunks' texts, in order.
    pub fn chunk_strs(&self) -> ChunkStrs<'_> {
        ChunkStrs::new(&self.chunks)
    }

    /// Number of line breaks in the whole text (SPEC.md rule 2.1).
    pub fn breaks(&self) -> usize {
        self.chunks.iter().map(|c| c.breaks()).sum()
    }

    /// Number of lines: one more than the number of line breaks.
    pub fn line_count(&self) -> usize {
        self.breaks() + 1
    }

    /// The chunk holding char index `ci` and the local index within it.  An index on a chunk
    /// boundary resolves to the end of the earlier chunk; `len_chars()` resolves to the end of
    /// the last chunk.  An empty rope gives `(0, 0)`.
    pub fn locate(&self, ci: usize) -> (usize, usize) {
        let mut base = 0;
        for (i, c) in self.chunks.iter().enumerate() {
            if ci <= base + c.chars() {
                return (i, ci - base);
            }
            base += c.chars();
        }
        (self.chunks.len().saturating_sub(1), self.chunks.last().map(|c| c.chars()).unwrap_or(0))
    }

    /// Like [`Rope::locate`], but an index on a chunk boundary resolves to the start of the
    /// later chunk, so that the char at `ci` (if any) is inside the returned chunk.
    pub fn locate_char(&self, ci: usize) -> (usize, usize) {
        let mut base = 0;
        for (i, c) in self.chunks.iter().enumerate() {
            if ci < base + c.chars() {
                return (i, ci - base);
            }
            base += c.chars();
        }
        (self.chunks.len(), 0)
    }

    /// Char index where chunk `i` starts.
    pub fn chunk_start(&self, i: usize) -> usize {
        self.chunks[..i].iter().map(|c| c.chars()).sum()
    }

    /// The char at index `ci`, if any.
    pub fn char_at(&self, ci: usize) -> Option<char> {
        let (i, local) = self.locate_char(ci);
        let chunk = self.chunks.get(i)?;
        chunk.as_str()[chunk.byte_of(local)..].chars().next()
    }

    /// Chars from index `ci` to the end.
    pub fn chars_from(&self, ci: usize) -> Chars<'_> {
        let (i, local) = self.locate_char(ci);
        Chars::new(&self.chunks, i, local)
    }

    /// All chars.
    pub fn chars(&self) -> Chars<'_> {
        Chars::new(&self.chunks, 0, 0)
    }

    /// The text between char indices `start` and `end` (`start <= end <= len_chars()`).
    pub fn slice(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        if start >= end {
            return out;
        }
        let (mut i, mut local) = self.locate_char(start);
        let mut left = end - start;
        while left > 0 && i < self.chunks.len() {
            let c = &self.chunks[i];
            let take = (c.chars() - local).min(left);
            out.push_str(utf8::char_slice(c.as_str(), local, local + take));
            left -= take;
            i += 1;
            local = 0;
        }
        out
    }

    /// The whole text.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.bytes);
        for c in &self.chunks {
            out.push_str(c.as_str());
        }
        out
    }

    /// Insert `s` before char index `ci` (`ci <= len_chars()`).
    pub fn insert(&mut self, ci: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.chunks.is_empty() {
            *self = Rope::from_text(s);
            return;
        }
        let (i, local) = self.locate(ci);
        self.chars += utf8::char_len(s);
        self.bytes += s.len();
        if s.len() > chunk::MAX_CHUNK_BYTES {
            // Large insert: cut the target chunk at the insertion point and splice in
            // freshly cut pieces.
            let mut text = std::mem::take(&mut self.chunks[i]).into_string();
            let b = utf8::byte_of_char(&text, local);
            let tail = text.split_off(b);
            text.push_str(s);
            text.push_str(&tail);
            let pieces: Vec<Chunk> = split_text(&text).into_iter().map(Chunk::new).collect();
            let n = pieces.len();
            self.chunks.splice(i..i + 1, pieces);
            let _ = n;
            return;
        }
        self.chunks[i].insert(local, s);
        if self.chunks[i].is_oversized() {
            let text = std::mem::take(&mut self.chunks[i]).into_string();
            let pieces: Vec<Chunk> = split_text(&text).into_iter().map(Chunk::new).collect();
            self.chunks.splice(i..i + 1, pieces);
        }
    }

    /// Remove chars `start..end` (`start <= end <= len_chars()`), returning the removed text.
    pub fn remove(&mut self, start: usize, end: usize) -> String {
        if start >= end {
            return String::new();
        }
        let (i, local) = self.locate_char(start);
        let mut removed = String::new();
        let mut left = end - start;
        let mut j = i;
        let mut local = local;
        while left > 0 && j < self.chunks.len() {
            let avail = self.chunks[j].chars() - local;
            let take = avail.min(left);
            removed.push_str(&self.chunks[j].remove(local, local + take));
            left -= take;
            local = 0;
            j += 1;
        }
        self.chars -= end - start;
        self.bytes -= removed.len();
        // Drop chunks that became empty.
        let mut k = i;
        while k < j.min(self.chunks.len()) {
            if self.chunks[k].is_empty() {
                self.chunks.remove(k);
                j -= 1;
            } else {
                k += 1;
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_and_remove() {
        let mut r = Rope::new();
        r.insert(0, "hello");
        r.insert(5, " world");
        r.insert(0, "é");
        assert_eq!(r.to_text(), "éhello world");
        assert_eq!(r.remove(0, 1), "é");
        assert_eq!(r.to_text(), "hello world");
        assert_eq!(r.len_chars(), 11);
    }

    #[test]
    fn big_text_is_chunked() {
        let s = "abc\n".repeat(1000);
        let r = Rope::from_text(&s);
        assert!(r.chunks().len() > 5);
        assert_eq!(r.to_text(), s);
        assert_eq!(r.line_count(), 1001);
    }
}

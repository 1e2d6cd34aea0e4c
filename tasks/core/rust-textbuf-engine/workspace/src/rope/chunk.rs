//! A chunk: one leaf of the rope, a short string with cached counts.

use crate::utf8;

/// Chunks are split when they grow past this many bytes.
pub const MAX_CHUNK_BYTES: usize = 1024;
/// Size of the pieces produced when text is cut into chunks.
pub const TARGET_CHUNK_BYTES: usize = 512;

/// A piece of the buffer's text together with its char count and its number of line breaks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chunk {
    text: String,
    chars: usize,
    breaks: usize,
}

impl Chunk {
    /// A chunk holding `text`.
    pub fn new(text: String) -> Chunk {
        let mut c = Chunk { text, chars: 0, breaks: 0 };
        c.recount();
        c
    }

    fn recount(&mut self) {
        self.chars = utf8::char_len(&self.text);
        self.breaks = count_breaks(&self.text);
    }

    /// The chunk's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of chars in the chunk.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Number of bytes in the chunk.
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    /// Number of line breaks in the chunk, counted as if the chunk were the whole text.
    pub fn breaks(&self) -> usize {
        self.breaks
    }

    /// True when the chunk holds no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// True when the chunk's first char is `\n`.
    pub fn starts_with_lf(&self) -> bool {
        self.text.as_bytes().first() == Some(&b'\n')
    }

    /// True when the chunk's last char is `\r`.
    pub fn ends_with_cr(&self) -> bool {
        self.text.as_bytes().last() == Some(&b'\r')
    }

    /// Byte offset of local char index `ci`.
    pub fn byte_of(&self, ci: usize) -> usize {
        utf8::byte_of_char(&self.text, ci)
    }

    /// Insert `s` before local char index `ci`.
    pub fn insert(&mut self, ci: usize, s: &str) {
        let b = self.byte_of(ci);
        self.text.insert_str(b, s);
        self.recount();
    }

    /// Remove local chars `start..end`, returning the removed text.
    pub fn remove(&mut self, start: usize, end: usize) -> String {
        let b0 = self.byte_of(start);
        let b1 = b0 + utf8::byte_of_char(&self.text[b0..], end - start);
        let removed: String = self.text[b0..b1].to_string();
        self.text.replace_range(b0..b1, "");
        self.recount();
        removed
    }

    /// Take the first char (which must exist) off the chunk.
    pub fn pop_front(&mut self) -> char {
        let c = self.text.chars().next().expect("pop_front on empty chunk");
        self.text.replace_range(..c.len_utf8(), "");
        self.recount();
        c
    }

    /// Append one char.
    pub fn push(&mut self, c: char) {
        self.text.push(c);
        self.recount();
    }

    /// True when the chunk has grown past [`MAX_CHUNK_BYTES`].
    pub fn is_oversized(&self) -> bool {
        self.text.len() > MAX_CHUNK_BYTES
    }

    /// Consume the chunk, returning its text.
    pub fn into_string(self) -> String {
        self.text
    }
}

/// Number of line breaks in `s`: every `\n`, and every `\r` not directly followed by `\n`
/// (SPEC.md rule 2.1).  A `\r` at the very end of `s` counts as a break.
pub fn count_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    for i in 0..b.len() {
        match b[i] {
            b'\n' => n += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    n
}

/// Cut `s` into pieces of about [`TARGET_CHUNK_BYTES`] bytes, each ending on a char boundary.
pub fn split_text(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while rest.len() > TARGET_CHUNK_BYTES {
        let mut cut = utf8::floor_boundary(rest, TARGET_CHUNK_BYTES);
        if cut == 0 {
            cut = rest.chars().next().map(|c| c.len_utf8()).unwrap_or(rest.len());
        }
        out.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks() {
        assert_eq!(count_breaks(""), 0);
        assert_eq!(count_breaks("a\nb"), 1);
        assert_eq!(count_breaks("a\r\nb"), 1);
        assert_eq!(count_breaks("\r\r\n\n"), 3);
        assert_eq!(count_breaks("x\r"), 1);
    }

    #[test]
    fn split_sizes() {
        let s = "é".repeat(1000);
        let parts = split_text(&s);
        assert!(parts.iter().all(|p| p.len() <= TARGET_CHUNK_BYTES + 1));
        assert_eq!(parts.concat(), s);
    }
}

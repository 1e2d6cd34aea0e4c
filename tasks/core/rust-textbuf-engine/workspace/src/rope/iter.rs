//! Iterators over the rope's text.

use super::chunk::Chunk;

/// Chars of a rope from a given char index to the end.
pub struct Chars<'a> {
    chunks: &'a [Chunk],
    next_chunk: usize,
    current: std::str::Chars<'a>,
}

impl<'a> Chars<'a> {
    pub(crate) fn new(chunks: &'a [Chunk], chunk: usize, local: usize) -> Chars<'a> {
        if chunk >= chunks.len() {
            return Chars { chunks, next_chunk: chunks.len(), current: "".chars() };
        }
        let s = chunks[chunk].as_str();
        let b = chunks[chunk].byte_of(local);
        Chars { chunks, next_chunk: chunk + 1, current: s[b..].chars() }
    }
}

impl<'a> Iterator for Chars<'a> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.current.next() {
                return Some(c);
            }
            if self.next_chunk >= self.chunks.len() {
                return None;
            }
            self.current = self.chunks[self.next_chunk].as_str().chars();
            self.next_chunk += 1;
        }
    }
}

/// The rope's chunks as string slices, in order.
pub struct ChunkStrs<'a> {
    inner: std::slice::Iter<'a, Chunk>,
}

impl<'a> ChunkStrs<'a> {
    pub(crate) fn new(chunks: &'a [Chunk]) -> ChunkStrs<'a> {
        ChunkStrs { inner: chunks.iter() }
    }
}

impl<'a> Iterator for ChunkStrs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.inner.next().map(|c| c.as_str())
    }
}

//! Word motions (SPEC.md section 4).
//!
//! A *word* is a maximal run of word chars, or a maximal run of punctuation chars.  Spaces
//! and line-break chars are never part of a word.

use crate::rope::Rope;

/// The class of a char for word motions (SPEC.md rule 4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// Letters and digits of any script, and `_`.
    Word,
    /// Whitespace other than the line-break chars.
    Space,
    /// `\n` and `\r`.
    Break,
    /// Everything else.
    Punct,
}

/// Class of `c`.
pub fn class_of(c: char) -> CharClass {
    if c == '\n' || c == '\r' {
        CharClass::Break
    } else if c.is_whitespace() {
        CharClass::Space
    } else if c.is_alphanumeric() || c == '_' {
        CharClass::Word
    } else {
        CharClass::Punct
    }
}

fn is_wordish(k: CharClass) -> bool {
    k == CharClass::Word || k == CharClass::Punct
}

/// Whether a word starts at char index `i`, given the classes of the chars before and at `i`.
fn starts_word(prev: Option<CharClass>, cur: CharClass) -> bool {
    is_wordish(cur) && prev != Some(cur)
}

/// Start of the first word that starts after `idx`, or the length of the text.
pub fn next_word_start(rope: &Rope, idx: usize) -> usize {
    let len = rope.len_chars();
    if idx >= len {
        return len;
    }
    let mut prev = Some(class_of(rope.char_at(idx).expect("idx < len")));
    let mut pos = idx + 1;
    for c in rope.chars_from(idx + 1) {
        let k = class_of(c);
        if starts_word(prev, k) {
            return pos;
        }
        prev = Some(k);
        pos += 1;
    }
    len
}

/// Start of the last word that starts before `idx`, or 0.
pub fn prev_word_start(rope: &Rope, idx: usize) -> usize {
    // Walk backwards over a bounded window at a time so that long texts are not copied.
    let mut end = idx;
    while end > 0 {
        let lo = end.saturating_sub(256);
        let window: Vec<char> = rope.slice(lo, end + usize::from(end < rope.len_chars())).chars().collect();
        // window[j] is the char at lo + j.
        let upto = end - lo;
        for j in (0..upto).rev() {
            let cur = class_of(window[j]);
            let prev = if j > 0 {
                Some(class_of(window[j - 1]))
            } else if lo > 0 {
                rope.char_at(lo - 1).map(class_of)
            } else {
                None
            };
            if starts_word(prev, cur) {
                return lo + j;
            }
        }
        end = lo;
    }
    0
}

/// The word holding the char at `idx`, as a char range, or `None` when that char is a space
/// or a line-break char.
pub fn word_at(rope: &Rope, idx: usize) -> Option<(usize, usize)> {
    let k = class_of(rope.char_at(idx)?);
    if !is_wordish(k) {
        return None;
    }
    let mut start = idx;
    while start > 0 && rope.char_at(start - 1).map(class_of) == Some(k) {
        start -= 1;
    }
    let mut end = idx + 1;
    for c in rope.chars_from(idx + 1) {
        if class_of(c) != k {
            break;
        }
        end += 1;
    }
    Some((start, end))
}

//! Line bookkeeping: line numbers, line starts and line/column positions (SPEC.md section 2-3).
//!
//! These functions walk the text char by char from the start.

use crate::rope::Rope;

/// Number of the line holding char index `idx` (`idx <= len_chars()`).
pub fn line_of(rope: &Rope, idx: usize) -> usize {
    let mut line = 0;
    let mut prev = '\0';
    for (k, ch) in rope.chars().enumerate() {
        if k >= idx {
            break;
        }
        match ch {
            '\r' => line += 1,
            '\n' if prev != '\r' => line += 1,
            _ => {}
        }
        prev = ch;
    }
    line
}

/// Char index where line `line` starts, or `None` when there is no such line.
pub fn line_start(rope: &Rope, line: usize) -> Option<usize> {
    if line == 0 {
        return Some(0);
    }
    let mut seen = 0;
    let mut it = rope.chars().enumerate().peekable();
    while let Some((k, ch)) = it.next() {
        let ends_break = match ch {
            '\n' => true,
            '\r' => it.peek().map(|&(_, c)| c) != Some('\n'),
            _ => false,
        };
        if ends_break {
            seen += 1;
            if seen == line {
                return Some(k + 1);
            }
        }
    }
    None
}

/// Length in chars of the line break that ends line `line` (0 for the last line).
pub fn break_len(rope: &Rope, line: usize) -> usize {
    match line_start(rope, line + 1) {
        None => 0,
        Some(next) => {
            if next >= 2 && rope.char_at(next - 1) == Some('\n') && rope.char_at(next - 2) == Some('\r') {
                2
            } else {
                1
            }
        }
    }
}

/// Char index just past the content of line `line` (before its break), or `None`.
pub fn line_content_end(rope: &Rope, line: usize) -> Option<usize> {
    line_start(rope, line)?;
    Some(match line_start(rope, line + 1) {
        None => rope.len_chars(),
        Some(next) => next - break_len(rope, line),
    })
}

//! Line bookkeeping: line numbers, line starts and line/column positions (SPEC.md section 2-3).
//!
//! Lines are found through the rope's per-chunk break counts: whole chunks are skipped by
//! their summary and only the chunk holding the answer is scanned.  This relies on the rope
//! keeping every `\r\n` pair inside one chunk.

use crate::rope::Rope;

/// Number of line breaks that end at or before char index `idx` (`idx <= len_chars()`), i.e.
/// the number of the line holding `idx`.
pub fn line_of(rope: &Rope, idx: usize) -> usize {
    let mut base = 0;
    let mut line = 0;
    for c in rope.chunks() {
        if idx >= base + c.chars() {
            base += c.chars();
            line += c.breaks();
            continue;
        }
        let local = idx - base;
        let mut prev_cr = false;
        for (k, ch) in c.as_str().chars().enumerate() {
            if k >= local {
                // A `\r` right before `idx` followed by `\n` at `idx` is half a `\r\n`: its
                // break ends after the `\n`.
                if prev_cr && ch != '\n' {
                    line += 1;
                }
                return line;
            }
            if prev_cr && ch != '\n' {
                line += 1;
            }
            match ch {
                '\n' => line += 1,
                _ => {}
            }
            prev_cr = ch == '\r';
        }
        unreachable!("index inside chunk");
    }
    line
}

/// Char index where line `line` starts, or `None` when there is no such line.
pub fn line_start(rope: &Rope, line: usize) -> Option<usize> {
    if line == 0 {
        return Some(0);
    }
    let mut base = 0;
    let mut seen = 0;
    for c in rope.chunks() {
        if seen + c.breaks() < line {
            seen += c.breaks();
            base += c.chars();
            continue;
        }
        let chars: Vec<char> = c.as_str().chars().collect();
        for k in 0..chars.len() {
            let ends_break = match chars[k] {
                '\n' => true,
                '\r' => chars.get(k + 1) != Some(&'\n'),
                _ => false,
            };
            if ends_break {
                seen += 1;
                if seen == line {
                    return Some(base + k + 1);
                }
            }
        }
        unreachable!("break count of chunk is wrong");
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

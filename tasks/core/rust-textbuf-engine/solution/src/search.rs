//! Plain-text search over the rope (SPEC.md section 8).
//!
//! Patterns are compared char by char; matches may cross chunk boundaries and line breaks.

use crate::rope::Rope;

/// Knuth-Morris-Pratt failure table of `pat`.
fn failure(pat: &[char]) -> Vec<usize> {
    let mut f = vec![0; pat.len()];
    let mut k = 0;
    for i in 1..pat.len() {
        while k > 0 && pat[i] != pat[k] {
            k = f[k - 1];
        }
        if pat[i] == pat[k] {
            k += 1;
        }
        f[i] = k;
    }
    f
}

/// Call `found(start)` for every match (overlapping ones included) that starts at or after
/// `from` and ends at or before `limit`, left to right, until `found` returns false.
fn scan(rope: &Rope, pat: &[char], from: usize, limit: usize, mut found: impl FnMut(usize) -> bool) {
    let f = failure(pat);
    let mut k = 0;
    let mut pos = from;
    for c in rope.chars_from(from) {
        if pos >= limit {
            break;
        }
        while k > 0 && c != pat[k] {
            k = f[k - 1];
        }
        if c == pat[k] {
            k += 1;
        }
        pos += 1;
        if k == pat.len() {
            if !found(pos - pat.len()) {
                return;
            }
            k = f[k - 1];
        }
    }
}

/// First match starting at or after `from`.
pub fn find(rope: &Rope, pat: &str, from: usize) -> Option<usize> {
    let p: Vec<char> = pat.chars().collect();
    let mut out = None;
    scan(rope, &p, from, rope.len_chars(), |s| {
        out = Some(s);
        false
    });
    out
}

/// Last match lying entirely before `before`.
pub fn rfind(rope: &Rope, pat: &str, before: usize) -> Option<usize> {
    let p: Vec<char> = pat.chars().collect();
    let mut out = None;
    scan(rope, &p, 0, before, |s| {
        out = Some(s);
        true
    });
    out
}

/// Start of every non-overlapping match, left to right.
pub fn find_all(rope: &Rope, pat: &str) -> Vec<usize> {
    let p: Vec<char> = pat.chars().collect();
    let m = p.len();
    let mut out: Vec<usize> = Vec::new();
    scan(rope, &p, 0, rope.len_chars(), |s| {
        if out.last().map_or(true, |&l| s >= l + m) {
            out.push(s);
        }
        true
    });
    out
}

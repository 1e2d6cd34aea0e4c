//! Plain-text search over the rope (SPEC.md section 8).

use crate::rope::Rope;

/// Start of every match of `pat`, overlapping ones included, chunk by chunk.
fn matches(rope: &Rope, pat: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut base = 0;
    for chunk in rope.chunks() {
        let s = chunk.as_str();
        let mut off = 0;
        while let Some(b) = s[off..].find(pat) {
            out.push(base + off + b);
            off += b + s[off + b..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
        }
        base += chunk.chars();
    }
    out
}

/// First match starting at or after `from`.
pub fn find(rope: &Rope, pat: &str, from: usize) -> Option<usize> {
    matches(rope, pat).into_iter().find(|&s| s >= from)
}

/// Last match lying entirely before `before`.
pub fn rfind(rope: &Rope, pat: &str, before: usize) -> Option<usize> {
    matches(rope, pat).into_iter().filter(|&s| s < before).last()
}

/// Start of every non-overlapping match, left to right.
pub fn find_all(rope: &Rope, pat: &str) -> Vec<usize> {
    let m = pat.chars().count();
    let mut out: Vec<usize> = Vec::new();
    for s in matches(rope, pat) {
        if out.last().map_or(true, |&l| s >= l + m) {
            out.push(s);
        }
    }
    out
}

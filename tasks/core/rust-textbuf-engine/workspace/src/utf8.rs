//! Small helpers for working with UTF-8 text by char index.

/// Byte offset of the char with index `ci` in `s` (or `s.len()` when `ci` is the char count).
///
/// Panics if `ci` is greater than the number of chars in `s`.
pub fn byte_of_char(s: &str, ci: usize) -> usize {
    if ci == 0 {
        return 0;
    }
    match s.char_indices().nth(ci) {
        Some((b, _)) => b,
        None => {
            let n = s.chars().count();
            assert!(ci == n, "char index {} past end of {} chars", ci, n);
            s.len()
        }
    }
}

/// Number of chars in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The sub-string of `s` between char indices `start` and `end`.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let b0 = byte_of_char(s, start);
    let b1 = b0 + byte_of_char(&s[b0..], end - start);
    &s[b0..b1]
}

/// The largest char boundary of `s` that is at most `b`.
pub fn floor_boundary(s: &str, mut b: usize) -> usize {
    if b >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// True for the two chars that can form a line break (SPEC.md rule 2.1).
pub fn is_break_char(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Whitespace as used by the undo grouping rules (SPEC.md rule 5.6): Unicode White_Space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets() {
        let s = "aé€😀b";
        assert_eq!(byte_of_char(s, 0), 0);
        assert_eq!(byte_of_char(s, 1), 1);
        assert_eq!(byte_of_char(s, 2), 3);
        assert_eq!(byte_of_char(s, 3), 6);
        assert_eq!(byte_of_char(s, 4), 10);
        assert_eq!(byte_of_char(s, 5), 11);
        assert_eq!(char_slice(s, 1, 3), "é€");
    }

    #[test]
    fn floor() {
        let s = "aé";
        assert_eq!(floor_boundary(s, 2), 1);
        assert_eq!(floor_boundary(s, 3), 3);
    }
}

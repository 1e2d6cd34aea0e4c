// Regression tests for the reports in the issue tracker.

use textbuf::{Buffer, Error, Position};

/// A Windows-style file long enough to be stored in many chunks.
fn crlf_file(lines: usize) -> String {
    let mut s = String::new();
    for i in 0..lines {
        s.push_str(&format!("{:05} the quick brown fox jumps over the lazy dog\r\n", i));
    }
    s
}

#[test]
fn crlf_file_line_count() {
    let s = crlf_file(2000);
    let b = Buffer::from_text(&s);
    assert_eq!(b.line_count(), 2001);
    assert_eq!(b.line(1999), Ok("01999 the quick brown fox jumps over the lazy dog".to_string()));
    assert_eq!(b.line(2000), Ok(String::new()));
    assert_eq!(b.line(2001), Err(Error::LineOutOfRange { line: 2001, count: 2001 }));
}

#[test]
fn crlf_positions() {
    let b = Buffer::from_text(&crlf_file(10));
    let i = b.line_start(3).unwrap();
    assert_eq!(b.char_to_position(i + 5), Ok(Position::new(3, 5)));
    assert_eq!(b.position_to_char(Position::new(3, 5)), Ok(i + 5));
}

#[test]
fn typing_after_undo_is_undone_alone() {
    let mut b = Buffer::new();
    for (i, c) in "hello".chars().enumerate() {
        b.insert(i, &c.to_string()).unwrap();
    }
    b.break_group();
    b.insert(5, "!").unwrap();
    assert!(b.undo());
    assert_eq!(b.text(), "hello");
    b.insert(5, "?").unwrap();
    assert!(b.undo());
    assert_eq!(b.text(), "hello");
}

#[test]
fn many_edits_on_a_big_file() {
    // The editor does this on every keystroke: edit, then find the cursor's line.
    let text = crlf_file(3000);
    let mut b = Buffer::from_text(&text);
    let mut line = 0;
    for k in 0..20_000 {
        let at = (k * 7919) % b.len_chars();
        b.insert(at, "x").unwrap();
        line = b.char_to_line(at).unwrap();
        let _ = b.line_start(line).unwrap();
    }
    assert!(line < b.line_count());
    assert_eq!(b.len_chars(), text.len() + 20_000);
}

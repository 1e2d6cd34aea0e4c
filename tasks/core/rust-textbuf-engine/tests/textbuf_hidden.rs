mod support;

use support::{Model, Origin, Rng};
use textbuf::{Buffer, Error, Gravity, MarkId, Position};

fn typed(b: &mut Buffer, at: usize, s: &str) {
    for (k, c) in s.chars().enumerate() {
        b.insert(at + k, &c.to_string()).unwrap();
    }
}

fn check_lines(b: &Buffer, m: &Model, ctx: &str) {
    assert_eq!(b.text(), m.text(), "{}: text", ctx);
    assert_eq!(b.len_chars(), m.t.len(), "{}: len_chars", ctx);
    let st = m.starts();
    assert_eq!(b.line_count(), st.len(), "{}: line_count", ctx);
    for (l, &s) in st.iter().enumerate() {
        assert_eq!(b.line_start(l), Ok(s), "{}: line_start({})", ctx, l);
        assert_eq!(b.line_len(l), Ok(m.line_end(l) - s), "{}: line_len({})", ctx, l);
    }
    assert_eq!(b.line_start(st.len()), Err(Error::LineOutOfRange { line: st.len(), count: st.len() }));
    for i in 0..=m.t.len() {
        let l = m.char_to_line(i);
        assert_eq!(b.char_to_line(i), Ok(l), "{}: char_to_line({})", ctx, i);
        assert_eq!(b.char_to_position(i), Ok(Position::new(l, i - st[l])), "{}: char_to_position({})", ctx, i);
    }
}

// ----- errors (SPEC 7) --------------------------------------------------------------------

#[test]
fn error_texts() {
    assert_eq!(Error::IndexOutOfRange { index: 7, len: 3 }.to_string(), "char index 7 out of range (length 3)");
    assert_eq!(Error::InvalidRange { start: 4, end: 2 }.to_string(), "invalid range 4..2");
    assert_eq!(Error::LineOutOfRange { line: 5, count: 2 }.to_string(), "line 5 out of range (2 lines)");
    assert_eq!(
        Error::ColumnOutOfRange { line: 1, column: 9, len: 3 }.to_string(),
        "column 9 out of range on line 1 (length 3)"
    );
    assert_eq!(Error::EmptyPattern.to_string(), "empty search pattern");
    assert_eq!(Error::UnknownMark(4).to_string(), "unknown mark 4");
}

#[test]
fn range_errors_and_their_order() {
    let mut b = Buffer::from_text("héllo");
    assert_eq!(b.delete(3, 1), Err(Error::InvalidRange { start: 3, end: 1 }));
    assert_eq!(b.delete(9, 8), Err(Error::InvalidRange { start: 9, end: 8 }));
    assert_eq!(b.slice(9, 8), Err(Error::InvalidRange { start: 9, end: 8 }));
    assert_eq!(b.replace(7, 2, "x"), Err(Error::InvalidRange { start: 7, end: 2 }));
    assert_eq!(b.delete(2, 6), Err(Error::IndexOutOfRange { index: 6, len: 5 }));
    assert_eq!(b.slice(0, 6), Err(Error::IndexOutOfRange { index: 6, len: 5 }));
    assert_eq!(b.insert(6, "x"), Err(Error::IndexOutOfRange { index: 6, len: 5 }));
    assert_eq!(b.char_at(5), Err(Error::IndexOutOfRange { index: 5, len: 5 }));
    assert_eq!(b.char_to_line(6), Err(Error::IndexOutOfRange { index: 6, len: 5 }));
    assert_eq!(b.char_at(1), Ok('é'));
    assert_eq!(b.slice(1, 3), Ok("él".to_string()));
    assert_eq!((b.len_chars(), b.len_bytes(), b.is_empty()), (5, 6, false));
    assert_eq!(Position::new(0, 0).to_string(), "1:1");
    assert_eq!(Position::new(4, 9).to_string(), "5:10");
    assert_eq!(b.text(), "héllo");
    assert!(!b.can_undo());
}

// ----- lines (SPEC 2, 3) ------------------------------------------------------------------

#[test]
fn empty_buffer_has_one_empty_line() {
    let b = Buffer::new();
    assert_eq!(b.line_count(), 1);
    assert_eq!(b.line(0), Ok(String::new()));
    assert_eq!(b.line_ending(0), Ok(""));
    assert_eq!(b.line_start(1), Err(Error::LineOutOfRange { line: 1, count: 1 }));
    assert_eq!(b.char_to_position(0), Ok(Position::new(0, 0)));
    assert_eq!(b.position_to_char(Position::new(0, 0)), Ok(0));
    assert_eq!(b.position_to_char(Position::new(0, 1)), Err(Error::ColumnOutOfRange { line: 0, column: 1, len: 0 }));
}

#[test]
fn mixed_line_endings() {
    let b = Buffer::from_text("a\nbé\r\nc\rd\r\r\n\n");
    assert_eq!(b.line_count(), 7);
    let lines: Vec<String> = (0..7).map(|l| b.line(l).unwrap()).collect();
    assert_eq!(lines, ["a", "bé", "c", "d", "", "", ""]);
    let ends: Vec<&str> = (0..7).map(|l| b.line_ending(l).unwrap()).collect();
    assert_eq!(ends, ["\n", "\r\n", "\r", "\r", "\r\n", "\n", ""]);
    assert_eq!(b.line_start(2), Ok(6));
    assert_eq!(b.line_end(1), Ok(4));
    assert_eq!(b.line_len(1), Ok(2));
}

#[test]
fn index_between_cr_and_lf_belongs_to_the_earlier_line() {
    let b = Buffer::from_text("ab\r\ncd");
    assert_eq!(b.char_to_line(3), Ok(0));
    assert_eq!(b.char_to_position(3), Ok(Position::new(0, 3)));
    assert_eq!(b.char_to_position(2), Ok(Position::new(0, 2)));
    assert_eq!(b.char_to_position(4), Ok(Position::new(1, 0)));
    assert_eq!(b.char_to_position(6), Ok(Position::new(1, 2)));
    let c = Buffer::from_text("x\ry");
    assert_eq!(c.char_to_position(2), Ok(Position::new(1, 0)));
    assert_eq!(c.char_to_position(1), Ok(Position::new(0, 1)));
}

#[test]
fn position_to_char_rejects_columns_in_or_past_the_break() {
    let b = Buffer::from_text("ab\r\ncd\nef");
    assert_eq!(b.position_to_char(Position::new(0, 2)), Ok(2));
    assert_eq!(b.position_to_char(Position::new(0, 3)), Err(Error::ColumnOutOfRange { line: 0, column: 3, len: 2 }));
    assert_eq!(b.position_to_char(Position::new(0, 4)), Err(Error::ColumnOutOfRange { line: 0, column: 4, len: 2 }));
    assert_eq!(b.position_to_char(Position::new(1, 3)), Err(Error::ColumnOutOfRange { line: 1, column: 3, len: 2 }));
    assert_eq!(b.position_to_char(Position::new(2, 2)), Ok(9));
    assert_eq!(b.position_to_char(Position::new(3, 0)), Err(Error::LineOutOfRange { line: 3, count: 3 }));
    assert_eq!(b.position_to_char(Position::new(3, 99)), Err(Error::LineOutOfRange { line: 3, count: 3 }));
}

#[test]
fn edits_that_join_or_split_crlf() {
    let mut b = Buffer::from_text("a\rb\n");
    assert_eq!(b.line_count(), 3);
    b.delete(2, 3).unwrap();
    assert_eq!(b.text(), "a\r\n");
    assert_eq!(b.line_count(), 2);
    assert_eq!(b.line_ending(0), Ok("\r\n"));
    b.insert(2, "x").unwrap();
    assert_eq!(b.line_count(), 3);
    b.undo();
    assert_eq!(b.line_count(), 2);
    let mut c = Buffer::from_text("q\r");
    c.insert(2, "\n").unwrap();
    assert_eq!(c.line_count(), 2);
    assert_eq!(c.line(0), Ok("q".to_string()));
}

#[test]
fn long_crlf_text_lines() {
    for off in 0..7 {
        let mut s = "é".repeat(off);
        for i in 0..900 {
            s.push_str(&"x".repeat(i % 13));
            s.push_str(["\r\n", "\n", "\r"][i % 3]);
            if i % 5 == 0 {
                s.push_str("\r\n");
            }
        }
        let b = Buffer::from_text(&s);
        let m = Model::new(&s);
        assert_eq!(b.line_count(), m.line_count(), "offset {}", off);
        let st = m.starts();
        for l in (0..st.len()).step_by(7) {
            assert_eq!(b.line_start(l), Ok(st[l]));
            assert_eq!(b.line_len(l), Ok(m.line_end(l) - st[l]));
        }
    }
}

#[test]
fn crlf_only_file_built_by_edits() {
    let mut b = Buffer::new();
    let mut m = Model::new("");
    for i in 0..3000 {
        let at = b.len_chars();
        let piece = if i % 2 == 0 { "row é\r" } else { "\n" };
        b.insert(at, piece).unwrap();
        m.edit(at, at, piece, Origin::Insert);
    }
    assert_eq!(b.line_count(), 1501);
    check_lines(&b, &m, "crlf-built");
}

fn random_text(r: &mut Rng, n: usize) -> String {
    let parts = ["a", "b", "é", "€", "😀", "\n", "\r", "\r\n", " ", "xy", "\r\r\n"];
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(r.pick(&parts));
    }
    s
}

fn lines_differential(seed: u64, steps: usize) {
    let mut r = Rng(seed);
    let init = random_text(&mut r, 3000);
    let mut b = Buffer::from_text(&init);
    let mut m = Model::new(&init);
    for step in 0..steps {
        let len = m.t.len();
        match r.below(6) {
            0 | 1 => {
                let at = r.below(len + 1);
                let n = if r.below(10) == 0 { 800 } else { 4 };
                let s = { let k = 1 + r.below(n); random_text(&mut r, k) };
                b.insert(at, &s).unwrap();
                m.edit(at, at, &s, Origin::Insert);
            }
            2 | 3 => {
                let a = r.below(len + 1);
                let lim = if r.below(10) == 0 { 900 } else { 5 };
                let e = (a + r.below(lim)).min(len);
                b.delete(a, e).unwrap();
                m.edit(a, e, "", Origin::Delete);
            }
            4 => {
                let a = r.below(len + 1);
                let e = (a + r.below(6)).min(len);
                let s = { let k = r.below(4); random_text(&mut r, k) };
                b.replace(a, e, &s).unwrap();
                m.edit(a, e, &s, Origin::Replace);
            }
            _ => {
                if r.below(2) == 0 {
                    b.undo();
                    m.undo();
                } else {
                    b.redo();
                    m.redo();
                }
            }
        }
        let st = m.starts();
        assert_eq!(b.line_count(), st.len(), "seed {} step {}: line_count", seed, step);
        for _ in 0..4 {
            let i = r.below(m.t.len() + 1);
            let l = m.char_to_line(i);
            assert_eq!(b.char_to_position(i), Ok(Position::new(l, i - st[l])), "seed {} step {}: char_to_position({})", seed, step, i);
            let l = r.below(st.len());
            assert_eq!(b.line_start(l), Ok(st[l]), "seed {} step {}: line_start({})", seed, step, l);
            assert_eq!(b.line_end(l), Ok(m.line_end(l)), "seed {} step {}: line_end({})", seed, step, l);
        }
    }
    check_lines(&b, &m, &format!("seed {}", seed));
}

#[test]
fn lines_differential_seed_1() {
    lines_differential(0x1234_5678_9abc_def1, 700);
}

#[test]
fn lines_differential_seed_2() {
    lines_differential(0xdead_beef_cafe_f00d, 700);
}

#[test]
fn lines_differential_seed_3() {
    lines_differential(42, 700);
}

// ----- history (SPEC 5) -------------------------------------------------------------------

#[test]
fn typing_run_is_one_group() {
    let mut b = Buffer::new();
    typed(&mut b, 0, "hello");
    assert_eq!(b.undo_depth(), 1);
    assert!(b.undo());
    assert_eq!(b.text(), "");
    assert!(!b.undo());
    assert!(b.redo());
    assert_eq!(b.text(), "hello");
    assert!(!b.redo());
}

#[test]
fn word_boundary_splits_typing() {
    let mut b = Buffer::new();
    typed(&mut b, 0, "ab  cd e");
    assert_eq!(b.undo_depth(), 3);
    b.undo();
    assert_eq!(b.text(), "ab  cd ");
    b.undo();
    assert_eq!(b.text(), "ab  ");
    b.undo();
    assert_eq!(b.text(), "");
}

#[test]
fn line_breaks_and_jumps_split_typing() {
    let mut b = Buffer::new();
    typed(&mut b, 0, "ab\ncd");
    assert_eq!(b.undo_depth(), 3);
    b.undo();
    assert_eq!(b.text(), "ab\n");
    b.undo();
    assert_eq!(b.text(), "ab");
    let mut c = Buffer::from_text("xyz");
    c.insert(0, "a").unwrap();
    c.insert(1, "b").unwrap();
    c.insert(3, "c").unwrap(); // not adjacent
    c.insert(2, "\r").unwrap();
    assert_eq!(c.undo_depth(), 3);
    c.undo();
    c.undo();
    assert_eq!(c.text(), "abxyz");
}

#[test]
fn multi_char_inserts_and_replaces_never_merge() {
    let mut b = Buffer::new();
    b.insert(0, "ab").unwrap();
    b.insert(2, "c").unwrap();
    b.insert(3, "d").unwrap();
    assert_eq!(b.undo_depth(), 2);
    b.replace(4, 4, "e").unwrap();
    b.insert(5, "f").unwrap();
    b.replace(6, 6, "g").unwrap();
    assert_eq!(b.undo_depth(), 5);
    b.undo();
    assert_eq!(b.text(), "abcdef");
    b.undo();
    assert_eq!(b.text(), "abcde");
    b.undo();
    assert_eq!(b.text(), "abcd");
    b.undo();
    assert_eq!(b.text(), "ab");
}

#[test]
fn backspace_and_forward_delete_runs() {
    let mut b = Buffer::from_text("abcdef");
    b.delete(5, 6).unwrap();
    b.delete(4, 5).unwrap();
    b.delete(3, 4).unwrap();
    assert_eq!(b.undo_depth(), 1);
    b.delete(0, 1).unwrap(); // not adjacent: new group
    b.delete(0, 1).unwrap(); // forward delete: same group
    assert_eq!(b.text(), "c");
    assert_eq!(b.undo_depth(), 2);
    b.delete(0, 1).unwrap();
    assert_eq!(b.undo_depth(), 2);
    b.undo();
    assert_eq!(b.text(), "abc");
    b.undo();
    assert_eq!(b.text(), "abcdef");
    let mut c = Buffer::from_text("abcdef");
    c.delete(4, 6).unwrap();
    c.delete(3, 4).unwrap();
    assert_eq!(c.undo_depth(), 2);
    let mut d = Buffer::from_text("abc");
    typed(&mut d, 3, "x");
    d.delete(3, 4).unwrap();
    assert_eq!(d.undo_depth(), 2);
}

#[test]
fn break_group_splits_a_run() {
    let mut b = Buffer::new();
    typed(&mut b, 0, "ab");
    b.break_group();
    typed(&mut b, 2, "cd");
    assert_eq!(b.undo_depth(), 2);
    b.undo();
    assert_eq!(b.text(), "ab");
}

#[test]
fn undo_ends_the_open_group() {
    let mut b = Buffer::new();
    typed(&mut b, 0, "ab");
    b.break_group();
    typed(&mut b, 2, "cd");
    assert!(b.undo());
    assert_eq!(b.text(), "ab");
    typed(&mut b, 2, "x");
    assert_eq!(b.undo_depth(), 2);
    assert!(b.undo());
    assert_eq!(b.text(), "ab");
    assert!(b.undo());
    assert_eq!(b.text(), "");
}

#[test]
fn redo_ends_the_open_group() {
    let mut b = Buffer::new();
    typed(&mut b, 0, "ab");
    b.break_group();
    typed(&mut b, 2, "cd");
    b.undo();
    b.redo();
    typed(&mut b, 4, "e");
    assert_eq!(b.undo_depth(), 3);
    b.undo();
    assert_eq!(b.text(), "abcd");
}

#[test]
fn new_edit_discards_redo() {
    let mut b = Buffer::new();
    b.insert(0, "one ").unwrap();
    b.insert(4, "two").unwrap();
    b.undo();
    assert!(b.can_redo());
    b.insert(4, "2").unwrap();
    assert!(!b.can_redo());
    assert!(!b.redo());
    assert_eq!(b.text(), "one 2");
}

#[test]
fn no_op_edits_record_nothing() {
    let mut b = Buffer::from_text("abc");
    b.insert(0, "X").unwrap();
    b.undo();
    b.insert(1, "").unwrap();
    b.delete(2, 2).unwrap();
    b.replace(3, 3, "").unwrap();
    assert!(b.can_redo());
    assert_eq!(b.undo_depth(), 0);
    assert!(b.redo());
    assert_eq!(b.text(), "Xabc");
    typed(&mut b, 4, "d");
    b.insert(5, "").unwrap();
    typed(&mut b, 5, "e");
    assert_eq!(b.undo_depth(), 2);
}

#[test]
fn history_keeps_at_most_1000_groups() {
    let mut b = Buffer::new();
    for i in 0..1005 {
        b.insert(b.len_chars(), &format!("{},", i)).unwrap();
    }
    assert_eq!(b.undo_depth(), 1000);
    let mut n = 0;
    while b.undo() {
        n += 1;
    }
    assert_eq!(n, 1000);
    assert_eq!(b.text(), "0,1,2,3,4,");
}

#[test]
fn undo_of_replace_restores_text() {
    let mut b = Buffer::from_text("héllo wörld");
    b.replace(1, 5, "ey").unwrap();
    assert_eq!(b.text(), "hey wörld");
    b.undo();
    assert_eq!(b.text(), "héllo wörld");
    b.redo();
    assert_eq!(b.text(), "hey wörld");
}

// ----- marks (SPEC 6) ---------------------------------------------------------------------

#[test]
fn insert_at_mark_follows_gravity() {
    let mut b = Buffer::from_text("abcd");
    let l = b.add_mark(2, Gravity::Left).unwrap();
    let r = b.add_mark(2, Gravity::Right).unwrap();
    let after = b.add_mark(3, Gravity::Left).unwrap();
    let before = b.add_mark(1, Gravity::Right).unwrap();
    b.insert(2, "XYé").unwrap();
    assert_eq!(b.mark(l), Ok(2));
    assert_eq!(b.mark(r), Ok(5));
    assert_eq!(b.mark(after), Ok(6));
    assert_eq!(b.mark(before), Ok(1));
}

#[test]
fn delete_moves_marks() {
    let mut b = Buffer::from_text("0123456789");
    let ids: Vec<MarkId> = (0..=10).map(|i| b.add_mark(i, if i % 2 == 0 { Gravity::Left } else { Gravity::Right }).unwrap()).collect();
    b.delete(3, 7).unwrap();
    let pos: Vec<usize> = ids.iter().map(|&id| b.mark(id).unwrap()).collect();
    assert_eq!(pos, [0, 1, 2, 3, 3, 3, 3, 3, 4, 5, 6]);
}

#[test]
fn replace_moves_marks_as_delete_then_insert() {
    let mut b = Buffer::from_text("0123456789");
    let ll = b.add_mark(3, Gravity::Left).unwrap();
    let lr = b.add_mark(3, Gravity::Right).unwrap();
    let il = b.add_mark(5, Gravity::Left).unwrap();
    let ir = b.add_mark(5, Gravity::Right).unwrap();
    let el = b.add_mark(7, Gravity::Left).unwrap();
    let er = b.add_mark(7, Gravity::Right).unwrap();
    let past = b.add_mark(8, Gravity::Left).unwrap();
    b.replace(3, 7, "ab").unwrap();
    assert_eq!(b.text(), "012ab789");
    assert_eq!(b.mark(ll), Ok(3));
    assert_eq!(b.mark(lr), Ok(5));
    assert_eq!(b.mark(il), Ok(3));
    assert_eq!(b.mark(ir), Ok(5));
    assert_eq!(b.mark(el), Ok(3));
    assert_eq!(b.mark(er), Ok(5));
    assert_eq!(b.mark(past), Ok(6));
    let mut c = Buffer::from_text("abc");
    let l = c.add_mark(1, Gravity::Left).unwrap();
    let r = c.add_mark(1, Gravity::Right).unwrap();
    c.replace(1, 1, "XY").unwrap();
    assert_eq!((c.mark(l), c.mark(r)), (Ok(1), Ok(3)));
}

#[test]
fn undo_moves_marks_like_the_inverse_edit() {
    let mut b = Buffer::from_text("abcdef");
    let l = b.add_mark(4, Gravity::Left).unwrap();
    let r = b.add_mark(4, Gravity::Right).unwrap();
    b.delete(2, 5).unwrap();
    assert_eq!((b.mark(l), b.mark(r)), (Ok(2), Ok(2)));
    b.undo();
    assert_eq!(b.text(), "abcdef");
    assert_eq!((b.mark(l), b.mark(r)), (Ok(2), Ok(5)));
    b.redo();
    assert_eq!((b.mark(l), b.mark(r)), (Ok(2), Ok(2)));
}

#[test]
fn mark_ids_errors_and_no_reuse() {
    let mut b = Buffer::from_text("abc");
    let a = b.add_mark(0, Gravity::Left).unwrap();
    let c = b.add_mark(3, Gravity::Right).unwrap();
    assert_eq!((a, c), (MarkId(0), MarkId(1)));
    assert_eq!(b.add_mark(4, Gravity::Left), Err(Error::IndexOutOfRange { index: 4, len: 3 }));
    b.remove_mark(a).unwrap();
    assert_eq!(b.mark(a), Err(Error::UnknownMark(0)));
    assert_eq!(b.remove_mark(a), Err(Error::UnknownMark(0)));
    assert_eq!(b.set_mark(a, 1), Err(Error::UnknownMark(0)));
    assert_eq!(b.set_mark(a, 99), Err(Error::UnknownMark(0)));
    assert_eq!(b.mark(MarkId(7)), Err(Error::UnknownMark(7)));
    let d = b.add_mark(1, Gravity::Left).unwrap();
    assert_eq!(d, MarkId(2));
    assert_eq!(b.mark_ids(), vec![MarkId(1), MarkId(2)]);
    assert_eq!(b.set_mark(d, 4), Err(Error::IndexOutOfRange { index: 4, len: 3 }));
    b.set_mark(d, 3).unwrap();
    assert_eq!(b.mark(d), Ok(3));
    assert_eq!(b.mark_gravity(c), Ok(Gravity::Right));
}

// ----- search (SPEC 8) --------------------------------------------------------------------

#[test]
fn find_returns_char_indices() {
    let b = Buffer::from_text("ééé€ abc 😀abc");
    assert_eq!(b.find("abc", 0), Ok(Some(5)));
    assert_eq!(b.find("abc", 6), Ok(Some(10)));
    assert_eq!(b.find("abc", 11), Ok(None));
    assert_eq!(b.find("😀a", 0), Ok(Some(9)));
    assert_eq!(b.find("abc", 13), Ok(None));
    assert_eq!(b.find("abc", 14), Err(Error::IndexOutOfRange { index: 14, len: 13 }));
    assert_eq!(b.find("", 99), Err(Error::EmptyPattern));
    assert_eq!(b.rfind("", 99), Err(Error::EmptyPattern));
    assert_eq!(b.find_all(""), Err(Error::EmptyPattern));
}

#[test]
fn search_across_chunks_and_lines() {
    let mut s = String::new();
    for i in 0..400 {
        s.push_str(&format!("é{}line\r\n", i % 10));
    }
    let b = Buffer::from_text(&s);
    let m = Model::new(&s);
    for p in ["line\r\né", "\r\n", "\né9", "e\r", "5line\r\né6"] {
        assert_eq!(b.find_all(p), Ok(m.find_all(p)), "find_all {:?}", p);
        assert_eq!(b.find(p, 1000), Ok(m.find(p, 1000)), "find {:?}", p);
        assert_eq!(b.rfind(p, 2000), Ok(m.rfind(p, 2000)), "rfind {:?}", p);
    }
}

#[test]
fn rfind_needs_the_whole_match_before_the_limit() {
    let b = Buffer::from_text("abcabcab");
    assert_eq!(b.rfind("abc", 8), Ok(Some(3)));
    assert_eq!(b.rfind("abc", 7), Ok(Some(3)));
    assert_eq!(b.rfind("abc", 5), Ok(Some(0)));
    assert_eq!(b.rfind("abc", 2), Ok(None));
    assert_eq!(b.rfind("abc", 9), Err(Error::IndexOutOfRange { index: 9, len: 8 }));
    let c = Buffer::from_text("aaaa");
    assert_eq!(c.rfind("aa", 4), Ok(Some(2)));
    assert_eq!(c.rfind("aa", 3), Ok(Some(1)));
    assert_eq!(c.find_all("aa"), Ok(vec![0, 2]));
    assert_eq!(c.find_all("aaa"), Ok(vec![0]));
}

#[test]
fn replace_all_is_one_group() {
    let mut b = Buffer::from_text("a-b-c-d");
    let m = b.add_mark(3, Gravity::Right).unwrap();
    assert_eq!(b.replace_all("-", "=="), Ok(3));
    assert_eq!(b.text(), "a==b==c==d");
    assert_eq!(b.mark(m), Ok(6));
    assert_eq!(b.undo_depth(), 1);
    b.undo();
    assert_eq!(b.text(), "a-b-c-d");
    assert_eq!(b.replace_all("x", "y"), Ok(0));
    assert!(b.can_redo());
    assert_eq!(b.replace_all("", "y"), Err(Error::EmptyPattern));
    assert_eq!(b.replace_all("-b-", ""), Ok(1));
    assert_eq!(b.text(), "ac-d");
    assert!(!b.can_redo());
}

fn history_differential(seed: u64, steps: usize) {
    let mut r = Rng(seed);
    let init = random_text(&mut r, 60);
    let mut b = Buffer::from_text(&init);
    let mut m = Model::new(&init);
    let mut ids = vec![];
    let one = ["a", "b", " ", "é", "\n", "\r", "x"];
    let mut cursor = 0usize;
    for step in 0..steps {
        let len = m.t.len();
        cursor = cursor.min(len);
        let ctx = format!("seed {} step {}", seed, step);
        match r.below(14) {
            0..=3 => {
                let c = r.pick(&one);
                b.insert(cursor, c).unwrap();
                m.edit(cursor, cursor, c, Origin::Insert);
                cursor += 1;
            }
            4 | 5 => {
                if cursor > 0 {
                    b.delete(cursor - 1, cursor).unwrap();
                    m.edit(cursor - 1, cursor, "", Origin::Delete);
                    cursor -= 1;
                }
            }
            6 => {
                if cursor < len {
                    b.delete(cursor, cursor + 1).unwrap();
                    m.edit(cursor, cursor + 1, "", Origin::Delete);
                }
            }
            7 => {
                cursor = r.below(len + 1);
            }
            8 => {
                let e = (cursor + r.below(4)).min(len);
                let s = { let k = r.below(3); random_text(&mut r, k) };
                b.replace(cursor, e, &s).unwrap();
                m.edit(cursor, e, &s, Origin::Replace);
            }
            9 => {
                assert_eq!(b.undo(), m.undo(), "{}: undo", ctx);
            }
            10 => {
                assert_eq!(b.redo(), m.redo(), "{}: redo", ctx);
            }
            11 => {
                let p = r.below(len + 1);
                let g = if r.below(2) == 0 { Gravity::Left } else { Gravity::Right };
                ids.push(b.add_mark(p, g).unwrap());
                m.marks.push(Some((p, g)));
            }
            12 => {
                let p = r.pick(&["a", "b ", "é", "\r\n", "ab"]);
                let w = r.pick(&["", "Q", "é\r", "abab"]);
                assert_eq!(b.replace_all(p, w), Ok(m.replace_all(p, w)), "{}: replace_all", ctx);
            }
            _ => {
                if r.below(3) == 0 {
                    b.break_group();
                    m.break_group();
                } else {
                    let s = { let k = 1 + r.below(3); random_text(&mut r, k) };
                    b.insert(cursor, &s).unwrap();
                    m.edit(cursor, cursor, &s, Origin::Insert);
                }
            }
        }
        assert_eq!(b.text(), m.text(), "{}: text", ctx);
        assert_eq!(b.can_undo(), m.clone().undo(), "{}: can_undo", ctx);
        assert_eq!(b.can_redo(), m.clone().redo(), "{}: can_redo", ctx);
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(b.mark(*id), Ok(m.marks[k].unwrap().0), "{}: mark {}", ctx, k);
        }
    }
    // unwind everything and check each state
    loop {
        let (x, y) = (b.undo(), m.undo());
        assert_eq!(x, y);
        assert_eq!(b.text(), m.text());
        if !x {
            break;
        }
    }
}

#[test]
fn history_differential_seed_1() {
    history_differential(7, 1500);
}

#[test]
fn history_differential_seed_2() {
    history_differential(0x5eed_0000_0000_0002, 1500);
}

#[test]
fn history_differential_seed_3() {
    history_differential(0xfeed_face_0bad_cafe, 1500);
}

// ----- words (SPEC 4) ---------------------------------------------------------------------

#[test]
fn word_motions() {
    let b = Buffer::from_text("foo_bar, héllo--wörld\r\n  42€x");
    // words: foo_bar(0..7) ,(7..8) héllo(9..14) --(14..16) wörld(16..21) 42(25..27) €(27..28) x(28..29)
    assert_eq!(b.next_word_start(0), Ok(7));
    assert_eq!(b.next_word_start(7), Ok(9));
    assert_eq!(b.next_word_start(10), Ok(14));
    assert_eq!(b.next_word_start(16), Ok(25));
    assert_eq!(b.next_word_start(21), Ok(25));
    assert_eq!(b.next_word_start(27), Ok(28));
    assert_eq!(b.next_word_start(28), Ok(29));
    assert_eq!(b.next_word_start(29), Ok(29));
    assert_eq!(b.next_word_start(30), Err(Error::IndexOutOfRange { index: 30, len: 29 }));
    assert_eq!(b.prev_word_start(29), Ok(28));
    assert_eq!(b.prev_word_start(25), Ok(16));
    assert_eq!(b.prev_word_start(12), Ok(9));
    assert_eq!(b.prev_word_start(9), Ok(7));
    assert_eq!(b.prev_word_start(3), Ok(0));
    assert_eq!(b.prev_word_start(0), Ok(0));
    assert_eq!(b.word_at(11), Ok(Some((9, 14))));
    assert_eq!(b.word_at(3), Ok(Some((0, 7))));
    assert_eq!(b.word_at(15), Ok(Some((14, 16))));
    assert_eq!(b.word_at(8), Ok(None));
    assert_eq!(b.word_at(21), Ok(None));
    assert_eq!(b.word_at(29), Err(Error::IndexOutOfRange { index: 29, len: 29 }));
}

#[test]
fn words_differential() {
    let mut r = Rng(0x77);
    let parts = ["a", "Z", "é", "ж", "7", "_", " ", "\t", "\n", "\r\n", ".", "-", "😀", "€", "\u{a0}"];
    for round in 0..40 {
        let mut s = String::new();
        for _ in 0..(20 + r.below(600)) {
            s.push_str(r.pick(&parts));
        }
        let b = Buffer::from_text(&s);
        let m = Model::new(&s);
        let ws = m.word_starts();
        for i in 0..=m.t.len() {
            let next = ws.iter().copied().find(|&w| w > i).unwrap_or(m.t.len());
            let prev = ws.iter().copied().filter(|&w| w < i).last().unwrap_or(0);
            assert_eq!(b.next_word_start(i), Ok(next), "round {} next_word_start({})", round, i);
            assert_eq!(b.prev_word_start(i), Ok(prev), "round {} prev_word_start({})", round, i);
            if i < m.t.len() {
                assert_eq!(b.word_at(i), Ok(m.word_at(i)), "round {} word_at({})", round, i);
            }
        }
    }
}

#[test]
fn search_differential_repetitive_patterns() {
    let mut r = Rng(0xab);
    for round in 0..60 {
        let mut s = String::new();
        for _ in 0..(10 + r.below(400)) {
            s.push_str(r.pick(&["a", "b", "é", "\r\n"]));
        }
        let b = Buffer::from_text(&s);
        let m = Model::new(&s);
        for p in ["aab", "abab", "aaba", "abaab", "éaé", "aa", "ba\r\n", "bbab"] {
            assert_eq!(b.find_all(p), Ok(m.find_all(p)), "round {} find_all {:?}", round, p);
            let from = r.below(m.t.len() + 1);
            assert_eq!(b.find(p, from), Ok(m.find(p, from)), "round {} find {:?} {}", round, p, from);
            let before = r.below(m.t.len() + 1);
            assert_eq!(b.rfind(p, before), Ok(m.rfind(p, before)), "round {} rfind {:?} {}", round, p, before);
        }
    }
}

use textwrap_lite::{fill, wrap};

fn w(text: &str, width: usize) -> Vec<String> {
    wrap(text, width)
}

#[test]
fn empty_text() {
    assert!(w("", 10).is_empty());
    assert_eq!(fill("", 10), "");
}

#[test]
fn whitespace_only_text() {
    assert!(w("   \n\t\n \r\n  ", 5).is_empty());
}

#[test]
fn exact_fit_stays_on_one_line() {
    assert_eq!(w("abcd efghi", 10), vec!["abcd efghi"]);
    assert_eq!(w("abcd efghij", 10), vec!["abcd", "efghij"]);
}

#[test]
fn word_exactly_width_not_split() {
    assert_eq!(w("abcdefghij", 10), vec!["abcdefghij"]);
    assert_eq!(w("x abcdefghij y", 10), vec!["x", "abcdefghij", "y"]);
}

#[test]
fn collapses_whitespace_and_tabs() {
    assert_eq!(w("  a \t  b\t\tc   ", 80), vec!["a b c"]);
}

#[test]
fn single_newlines_are_spaces() {
    assert_eq!(w("one\ntwo\nthree", 80), vec!["one two three"]);
    assert_eq!(w("one\r\ntwo", 80), vec!["one two"]);
}

#[test]
fn leading_and_trailing_blank_lines_ignored() {
    assert_eq!(w("\n\n  \nhello\n\n\n", 10), vec!["hello"]);
}

#[test]
fn many_blank_lines_give_one_separator() {
    assert_eq!(w("a\n\n\n\n\nb\n \t \nc", 10), vec!["a", "", "b", "", "c"]);
}

#[test]
fn crlf_blank_lines_separate_paragraphs() {
    assert_eq!(w("a\r\n\r\nb", 10), vec!["a", "", "b"]);
}

#[test]
fn paragraph_wrapping_is_independent() {
    assert_eq!(
        w("aaa bbb ccc\n\nddd eee", 7),
        vec!["aaa bbb", "ccc", "", "ddd eee"]
    );
}

#[test]
fn long_word_at_start_of_line() {
    assert_eq!(w("abcdefghijk", 4), vec!["abcd", "efgh", "ijk"]);
}

#[test]
fn long_word_multiple_of_width() {
    assert_eq!(w("abcdefgh", 4), vec!["abcd", "efgh"]);
    assert_eq!(w("abcdefgh xy", 4), vec!["abcd", "efgh", "xy"]);
}

#[test]
fn long_word_after_text_starts_new_line() {
    assert_eq!(w("hi abcdefghijk", 5), vec!["hi", "abcde", "fghij", "k"]);
}

#[test]
fn words_join_last_piece_of_long_word() {
    assert_eq!(w("abcdefg hi there", 5), vec!["abcde", "fg hi", "there"]);
}

#[test]
fn width_one() {
    assert_eq!(w("ab c", 1), vec!["a", "b", "c"]);
}

#[test]
fn width_zero_is_one() {
    assert_eq!(w("ab c", 0), vec!["a", "b", "c"]);
}

#[test]
fn unicode_counts_chars_not_bytes() {
    assert_eq!(w("héllo wörld", 11), vec!["héllo wörld"]);
    assert_eq!(w("日本語 テキスト", 8), vec!["日本語 テキスト"]);
    assert_eq!(w("日本語 テキスト", 7), vec!["日本語", "テキスト"]);
    assert_eq!(w("日本語テキスト", 3), vec!["日本語", "テキス", "ト"]);
    assert_eq!(w("ééééé é", 5), vec!["ééééé", "é"]);
}

#[test]
fn unicode_whitespace_separates_words() {
    // no-break space U+00A0 and em space U+2003 are whitespace for char::is_whitespace
    assert_eq!(w("a\u{00A0}b\u{2003}c", 80), vec!["a b c"]);
}

#[test]
fn no_line_exceeds_width_and_no_word_lost() {
    let text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
                tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam";
    for width in 1..40 {
        let lines = w(text, width);
        for l in &lines {
            assert!(l.chars().count() <= width, "width {}: {:?}", width, l);
            assert!(!l.is_empty() && !l.starts_with(' ') && !l.ends_with(' '));
        }
        let rejoined: String = lines.concat().split_whitespace().collect();
        let orig: String = text.split_whitespace().collect();
        assert_eq!(rejoined, orig, "width {}", width);
    }
}

#[test]
fn greedy_not_balanced() {
    assert_eq!(w("aa bb cc dd ee", 8), vec!["aa bb cc", "dd ee"]);
    assert_eq!(w("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
}

#[test]
fn fill_paragraphs() {
    assert_eq!(fill("aaa bbb\n\nccc", 3), "aaa\nbbb\n\nccc");
    assert!(!fill("aaa\n\n", 10).ends_with('\n'));
}

use textwrap_lite::{fill, wrap};

#[test]
fn short_text_is_one_line() {
    assert_eq!(wrap("hello world", 20), vec!["hello world"]);
}

#[test]
fn greedy_breaks() {
    assert_eq!(wrap("The quick brown fox", 10), vec!["The quick", "brown fox"]);
}

#[test]
fn long_word_is_split() {
    assert_eq!(
        wrap("abcdefghijklmnopqrstuvwxy z", 10),
        vec!["abcdefghij", "klmnopqrst", "uvwxy z"]
    );
}

#[test]
fn paragraphs() {
    assert_eq!(wrap("a b\n\n  \n\nc", 10), vec!["a b", "", "c"]);
}

#[test]
fn fill_joins_lines() {
    assert_eq!(fill("The quick brown fox", 10), "The quick\nbrown fox");
}

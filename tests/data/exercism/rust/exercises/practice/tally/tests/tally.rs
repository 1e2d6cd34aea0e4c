use tally::tally;

#[test]
fn counts_distinct_words() {
    assert_eq!(tally(&["a", "b", "a"]), 2);
}

use std::collections::HashSet;

pub fn tally(words: &[&str]) -> usize {
    words.iter().collect::<HashSet<_>>().len()
}

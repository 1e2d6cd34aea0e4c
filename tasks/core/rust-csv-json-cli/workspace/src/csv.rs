//! CSV reading.

/// Splits CSV text into records of fields.
pub fn parse(input: &str) -> Vec<Vec<String>> {
    input
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(|f| f.to_string()).collect())
        .collect()
}

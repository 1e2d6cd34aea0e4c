//! JSON output.

/// A JSON string literal.
pub fn string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\\\""))
}

/// A compact JSON object with string values, keys in the given order.
pub fn object(pairs: &[(&str, &str)]) -> String {
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}:{}", string(k), string(v))).collect();
    format!("{{{}}}", body.join(","))
}

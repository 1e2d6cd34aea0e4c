use crate::UNITS;

/// Formats a number of seconds as its non-zero day/hour/minute/second parts, e.g. `1d 1h 1m 1s`.
pub fn format_duration(secs: u64) -> String {
    if secs == 0 {
        return "0s".to_string();
    }
    let mut parts = Vec::new();
    for (i, (name, size)) in UNITS.iter().enumerate() {
        // The largest unit takes everything; smaller ones take what is left of the next one up.
        let amount = if i == 0 { secs / size } else { secs / size % (UNITS[i - 1].1 / size) };
        if amount > 0 {
            parts.push(format!("{}{}", amount, name));
        }
    }
    parts.join(" ")
}

//! Parse and format compact human durations such as `1h30m` or `2d 4h`.

mod format;
mod parse;

pub use format::format_duration;
pub use parse::{parse_duration, ParseError};

/// Seconds per unit.
pub(crate) const UNITS: [(&str, u64); 4] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)];

use crate::UNITS;
use std::fmt;

/// Why a duration could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The input is empty or only whitespace.
    Empty,
    /// A malformed number, or something other than a number where one was expected.
    InvalidNumber(String),
    /// A unit other than d, h, m or s (as written in the input).
    UnknownUnit(String),
    /// A number with no unit after it.
    MissingUnit,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty duration"),
            ParseError::InvalidNumber(t) => write!(f, "invalid number '{}'", t),
            ParseError::UnknownUnit(u) => write!(f, "unknown unit '{}'", u),
            ParseError::MissingUnit => write!(f, "number without a unit"),
        }
    }
}

impl std::error::Error for ParseError {}

fn unit_seconds(unit: &str) -> Option<u64> {
    UNITS.iter().find(|(name, _)| name.eq_ignore_ascii_case(unit)).map(|(_, s)| *s)
}

/// Parses a number of the form `digits` or `digits.digits`.
fn parse_number(text: &str) -> Result<f64, ParseError> {
    let bad = || ParseError::InvalidNumber(text.to_string());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
    }
    text.parse::<f64>().map_err(|_| bad())
}

/// Parses a duration such as `1h30m`, `2d 4h` or `1.5h` into whole seconds.
pub fn parse_duration(s: &str) -> Result<u64, ParseError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut total = 0.0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            return Err(ParseError::InvalidNumber(rest[..end].to_string()));
        }
        let value = parse_number(&rest[..num_len])?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if unit_len == 0 {
            return Err(ParseError::MissingUnit);
        }
        let unit = &rest[..unit_len];
        let secs = unit_seconds(unit).ok_or_else(|| ParseError::UnknownUnit(unit.to_string()))?;
        total += value * secs as f64;
        rest = rest[unit_len..].trim_start();
    }
    // Round the total to the nearest second, halves up.
    Ok((total + 0.5).floor() as u64)
}

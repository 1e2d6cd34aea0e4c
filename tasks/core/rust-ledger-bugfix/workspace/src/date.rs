//! Calendar dates: `YYYY-MM-DD` or `YYYY/MM/DD`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

pub fn is_leap_year(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap_year(year) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Date {
    /// Parses `YYYY-MM-DD` or `YYYY/MM/DD` (one separator style throughout, exactly 4, 2 and 2
    /// digits). Returns `None` for anything else, including dates not in the calendar.
    pub fn parse(s: &str) -> Option<Date> {
        if s.len() != 10 || !s.is_ascii() {
            return None;
        }
        let sep = s.as_bytes()[4];
        if sep != b'-' && sep != b'/' {
            return None;
        }
        if s.as_bytes()[7] != sep {
            return None;
        }
        let year = digits(&s[0..4])?;
        let month = digits(&s[5..7])?;
        let day = digits(&s[8..10])?;
        if year == 0 || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_separators() {
        assert_eq!(Date::parse("2024-03-01"), Some(Date { year: 2024, month: 3, day: 1 }));
        assert_eq!(Date::parse("2024/03/01"), Some(Date { year: 2024, month: 3, day: 1 }));
        assert_eq!(Date::parse("2024-03/01"), None);
    }
}

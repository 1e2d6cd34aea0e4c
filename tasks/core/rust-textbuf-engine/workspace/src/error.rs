//! Errors returned by [`crate::Buffer`] operations (SPEC.md section 7).

use std::fmt;

/// Every fallible buffer operation returns one of these.  The `Display` text of each
/// variant is part of the contract (SPEC.md, rule 7.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// A char index past the end of the buffer.
    IndexOutOfRange { index: usize, len: usize },
    /// A range whose start lies after its end.
    InvalidRange { start: usize, end: usize },
    /// A line number at or past the number of lines.
    LineOutOfRange { line: usize, count: usize },
    /// A column past the end of the line's content.
    ColumnOutOfRange { line: usize, column: usize, len: usize },
    /// A search for the empty string.
    EmptyPattern,
    /// A mark id that was never issued or has been removed.
    UnknownMark(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::IndexOutOfRange { index, len } => {
                write!(f, "char index {} out of range (length {})", index, len)
            }
            Error::InvalidRange { start, end } => write!(f, "invalid range {}..{}", start, end),
            Error::LineOutOfRange { line, count } => {
                write!(f, "line {} out of range ({} lines)", line, count)
            }
            Error::ColumnOutOfRange { line, column, len } => write!(
                f,
                "column {} out of range on line {} (length {})",
                column, line, len
            ),
            Error::EmptyPattern => write!(f, "empty search pattern"),
            Error::UnknownMark(id) => write!(f, "unknown mark {}", id),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;

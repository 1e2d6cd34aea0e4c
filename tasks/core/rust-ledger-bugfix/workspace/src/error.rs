//! Error type shared by every layer.
//!
//! Journal errors carry the line they were found on; `main` prints them as
//! `ledger: FILE:LINE: MESSAGE` and exits with status 1. Usage errors exit with status 2.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A problem in the journal file, at a 1-based line number.
    Journal { line: usize, message: String },
    /// The file could not be read.
    Io { path: String, message: String },
    /// Bad command line.
    Usage(String),
}

impl Error {
    pub fn at(line: usize, message: impl Into<String>) -> Error {
        Error::Journal { line, message: message.into() }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// The one line printed on stderr, without the trailing newline.
    pub fn render(&self, file: &str) -> String {
        match self {
            Error::Journal { line, message } => format!("ledger: {}:{}: {}", file, line, message),
            Error::Io { path, message } => format!("ledger: cannot read {}: {}", path, message),
            Error::Usage(m) => format!("ledger: usage: {}", m),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Journal { line, message } => write!(f, "line {}: {}", line, message),
            Error::Io { path, message } => write!(f, "cannot read {}: {}", path, message),
            Error::Usage(m) => write!(f, "usage: {}", m),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

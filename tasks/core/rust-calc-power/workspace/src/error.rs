use std::fmt;

/// Everything that can go wrong while evaluating an expression. Positions are byte offsets
/// into the source text.
#[derive(Debug, Clone, PartialEq)]
pub enum CalcError {
    /// A character that starts no token.
    UnexpectedChar { ch: char, pos: usize },
    /// The input ended where more was expected (including empty input).
    UnexpectedEnd,
    /// A token that cannot appear here; `pos` is where the token starts.
    UnexpectedToken { pos: usize },
    /// Division by zero.
    DivisionByZero,
}

impl fmt::Display for CalcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalcError::UnexpectedChar { ch, pos } => write!(f, "unexpected character {:?} at {}", ch, pos),
            CalcError::UnexpectedEnd => write!(f, "unexpected end of input"),
            CalcError::UnexpectedToken { pos } => write!(f, "unexpected token at {}", pos),
            CalcError::DivisionByZero => write!(f, "division by zero"),
        }
    }
}

impl std::error::Error for CalcError {}

//! A small calculator for arithmetic expressions over f64.
//!
//! `evaluate("1 + 2 * (3 - 4) / 5")` tokenizes (lexer.rs), parses into an AST (parser.rs) and
//! evaluates it (eval.rs).

mod error;
mod eval;
mod lexer;
mod parser;

pub use error::CalcError;

/// Evaluates an arithmetic expression.
pub fn evaluate(src: &str) -> Result<f64, CalcError> {
    let tokens = lexer::tokenize(src)?;
    let ast = parser::parse(&tokens, src.len())?;
    eval::eval(&ast)
}

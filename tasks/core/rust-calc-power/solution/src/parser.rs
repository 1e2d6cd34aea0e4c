//! Recursive-descent parser.
//!
//! ```text
//! expr    := term (('+' | '-') term)*
//! term    := unary (('*' | '/') unary)*
//! unary   := '-' unary | power
//! power   := primary ('^' unary)?
//! primary := number | ident | ident '(' expr (',' expr)* ')' | '(' expr ')'
//! ```

use crate::lexer::Token;
use crate::CalcError;

#[derive(Debug, Clone, PartialEq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Var(String),
    Call(String, Vec<Expr>),
}

struct Parser<'a> {
    tokens: &'a [(Token, usize)],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn next(&mut self) -> Option<&'a (Token, usize)> {
        let t = self.tokens.get(self.pos);
        self.pos += 1;
        t
    }

    fn unexpected(&self) -> CalcError {
        match self.tokens.get(self.pos) {
            Some((_, pos)) => CalcError::UnexpectedToken { pos: *pos },
            None => CalcError::UnexpectedEnd,
        }
    }

    fn expr(&mut self) -> Result<Expr, CalcError> {
        let mut lhs = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Token::Plus) => BinOp::Add,
                Some(Token::Minus) => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.next();
            let rhs = self.term()?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn term(&mut self) -> Result<Expr, CalcError> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Token::Star) => BinOp::Mul,
                Some(Token::Slash) => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.next();
            let rhs = self.unary()?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn unary(&mut self) -> Result<Expr, CalcError> {
        if let Some(Token::Minus) = self.peek() {
            self.next();
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, CalcError> {
        let base = self.primary()?;
        if let Some(Token::Caret) = self.peek() {
            self.next();
            let exp = self.unary()?;
            return Ok(Expr::Bin(BinOp::Pow, Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn expect_rparen(&mut self) -> Result<(), CalcError> {
        match self.peek() {
            Some(Token::RParen) => {
                self.next();
                Ok(())
            }
            _ => Err(self.unexpected()),
        }
    }

    fn primary(&mut self) -> Result<Expr, CalcError> {
        match self.peek() {
            Some(Token::Num(v)) => {
                let v = *v;
                self.next();
                Ok(Expr::Num(v))
            }
            Some(Token::Ident(name)) => {
                let name = name.clone();
                self.next();
                if let Some(Token::LParen) = self.peek() {
                    self.next();
                    let mut args = Vec::new();
                    if let Some(Token::RParen) = self.peek() {
                        self.next();
                        return Ok(Expr::Call(name, args));
                    }
                    loop {
                        args.push(self.expr()?);
                        match self.peek() {
                            Some(Token::Comma) => {
                                self.next();
                            }
                            _ => break,
                        }
                    }
                    self.expect_rparen()?;
                    return Ok(Expr::Call(name, args));
                }
                Ok(Expr::Var(name))
            }
            Some(Token::LParen) => {
                self.next();
                let e = self.expr()?;
                match self.peek() {
                    Some(Token::RParen) => {
                        self.next();
                        Ok(e)
                    }
                    _ => Err(self.unexpected()),
                }
            }
            _ => Err(self.unexpected()),
        }
    }
}

/// Parses a whole token stream; anything left over is an error.
pub fn parse(tokens: &[(Token, usize)], _src_len: usize) -> Result<Expr, CalcError> {
    let mut p = Parser { tokens, pos: 0 };
    let e = p.expr()?;
    if p.pos < tokens.len() {
        return Err(p.unexpected());
    }
    Ok(e)
}

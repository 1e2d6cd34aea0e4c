use crate::CalcError;

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Num(f64),
    Plus,
    Minus,
    Star,
    Slash,
    LParen,
    RParen,
}

/// Splits the source into tokens, each with the byte offset where it starts.
pub fn tokenize(src: &str) -> Result<Vec<(Token, usize)>, CalcError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut chars = src.char_indices().peekable();
    while let Some(&(pos, ch)) = chars.peek() {
        let tok = match ch {
            c if c.is_whitespace() => {
                chars.next();
                continue;
            }
            '0'..='9' | '.' => {
                let mut end = pos;
                while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                    end += 1;
                }
                let text = &src[pos..end];
                let value: f64 = text
                    .parse()
                    .map_err(|_| CalcError::UnexpectedChar { ch, pos })?;
                while chars.peek().map_or(false, |&(i, _)| i < end) {
                    chars.next();
                }
                out.push((Token::Num(value), pos));
                continue;
            }
            '+' => Token::Plus,
            '-' => Token::Minus,
            '*' => Token::Star,
            '/' => Token::Slash,
            '(' => Token::LParen,
            ')' => Token::RParen,
            other => return Err(CalcError::UnexpectedChar { ch: other, pos }),
        };
        chars.next();
        out.push((tok, pos));
    }
    Ok(out)
}

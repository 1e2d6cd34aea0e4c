//! RFC 4180 style CSV reading.

/// A record and the 1-based line number where it starts.
pub type Record = (usize, Vec<String>);

#[derive(Debug)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

/// Splits `input` into records. Fields may be quoted with `"`; inside quotes `""` is a
/// quote and delimiters and line breaks are literal. Records end at `\n` or `\r\n`.
/// Completely empty lines are skipped.
pub fn parse(input: &str, delim: char) -> Result<Vec<Record>, CsvError> {
    let mut records = Vec::new();
    let mut chars = input.chars().peekable();
    let mut line = 1usize;
    let mut field = String::new();
    let mut fields: Vec<String> = Vec::new();
    let mut start_line = 1usize;
    let mut at_field_start = true;
    let mut record_empty = true;
    loop {
        let c = chars.next();
        match c {
            None => {
                if !record_empty {
                    fields.push(std::mem::take(&mut field));
                    records.push((start_line, std::mem::take(&mut fields)));
                }
                return Ok(records);
            }
            Some('"') if at_field_start => {
                let quote_line = line;
                record_empty = false;
                at_field_start = false;
                loop {
                    match chars.next() {
                        None => {
                            return Err(CsvError {
                                line: quote_line,
                                message: "unterminated quoted field".to_string(),
                            })
                        }
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                field.push('"');
                            } else {
                                break;
                            }
                        }
                        Some('\n') => {
                            line += 1;
                            field.push('\n');
                        }
                        Some(ch) => field.push(ch),
                    }
                }
                // after the closing quote: a delimiter, a line end or the end of input
                match chars.peek() {
                    None | Some('\n') | Some('\r') => {}
                    Some(&ch) if ch == delim => {}
                    Some(_) => {
                        return Err(CsvError {
                            line,
                            message: "unexpected character after closing quote".to_string(),
                        })
                    }
                }
            }
            Some('\r') if chars.peek() == Some(&'\n') => {}
            Some('\n') => {
                if !record_empty {
                    fields.push(std::mem::take(&mut field));
                    records.push((start_line, std::mem::take(&mut fields)));
                }
                line += 1;
                start_line = line;
                at_field_start = true;
                record_empty = true;
            }
            Some(ch) if ch == delim => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
                record_empty = false;
            }
            Some(ch) => {
                field.push(ch);
                at_field_start = false;
                record_empty = false;
            }
        }
    }
}

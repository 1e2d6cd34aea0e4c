//! Phase 1: reading the journal text into raw transactions.
//!
//! This layer checks syntax only (dates, amounts, account names, directives). Whether a
//! transaction balances is decided later, in `journal::finalize`.

use crate::account;
use crate::amount::Amount;
use crate::date::Date;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unmarked,
    Pending,
    Cleared,
}

#[derive(Debug, Clone)]
pub struct RawPosting {
    pub line: usize,
    pub account: String,
    pub amount: Option<Amount>,
}

#[derive(Debug, Clone)]
pub struct RawTransaction {
    pub line: usize,
    pub date: Date,
    pub status: Status,
    pub description: String,
    pub postings: Vec<RawPosting>,
}

#[derive(Debug, Clone)]
pub struct AccountDecl {
    pub line: usize,
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct RawJournal {
    pub transactions: Vec<RawTransaction>,
    pub declared: Vec<AccountDecl>,
}

fn is_indented(line: &str) -> bool {
    line.starts_with(' ') || line.starts_with('\t')
}

fn strip_comment(s: &str) -> &str {
    match s.find(';') {
        Some(i) => &s[..i],
        None => s,
    }
}

/// Splits a posting body into account and amount text at the first run of two spaces or a tab.
fn split_posting(body: &str) -> (&str, Option<&str>) {
    let bytes = body.as_bytes();
    for i in 0..bytes.len() {
        let two_spaces = bytes[i] == b' ' && i + 1 < bytes.len() && bytes[i + 1] == b' ';
        if bytes[i] == b'\t' || two_spaces {
            let rest = body[i..].trim();
            let acct = &body[..i];
            return if rest.is_empty() { (acct, None) } else { (acct, Some(rest)) };
        }
    }
    (body, None)
}

fn parse_header(line_no: usize, line: &str) -> Result<RawTransaction> {
    let line = strip_comment(line).trim_end();
    let (date_text, rest) = match line.find(|c: char| c == ' ' || c == '\t') {
        Some(i) => (&line[..i], line[i..].trim_start()),
        None => (line, ""),
    };
    let date = Date::parse(date_text)
        .ok_or_else(|| Error::at(line_no, format!("invalid date \"{}\"", date_text)))?;
    let (status, rest) = if let Some(r) = rest.strip_prefix('*') {
        (Status::Cleared, r.trim_start())
    } else if let Some(r) = rest.strip_prefix('!') {
        (Status::Pending, r.trim_start())
    } else {
        (Status::Unmarked, rest)
    };
    Ok(RawTransaction {
        line: line_no,
        date,
        status,
        description: rest.trim().to_string(),
        postings: Vec::new(),
    })
}

fn parse_posting(line_no: usize, line: &str) -> Result<RawPosting> {
    let body = strip_comment(line.trim_start()).trim_end();
    let (acct, amount_text) = split_posting(body);
    if !account::is_valid(acct) {
        return Err(Error::at(line_no, format!("invalid account name \"{}\"", acct)));
    }
    let amount = match amount_text {
        Some(t) => Some(
            Amount::parse(t).map_err(|_| Error::at(line_no, format!("invalid amount \"{}\"", t)))?,
        ),
        None => None,
    };
    Ok(RawPosting { line: line_no, account: acct.to_string(), amount })
}

/// Reads the whole journal. The first syntax error, in file order, is returned.
pub fn parse(text: &str) -> Result<RawJournal> {
    let mut journal = RawJournal::default();
    let mut current: Option<RawTransaction> = None;
    for (idx, line) in text.lines().enumerate() {
        let line_no = idx + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if let Some(t) = current.take() {
                journal.transactions.push(t);
            }
            continue;
        }
        if is_indented(line) {
            let body = line.trim_start();
            if body.starts_with(';') {
                continue;
            }
            match current.as_mut() {
                Some(t) => t.postings.push(parse_posting(line_no, line)?),
                None => return Err(Error::at(line_no, "unexpected indented line")),
            }
            continue;
        }
        if let Some(t) = current.take() {
            journal.transactions.push(t);
        }
        if line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        if line.as_bytes()[0].is_ascii_digit() {
            current = Some(parse_header(line_no, line)?);
            continue;
        }
        if let Some(rest) = line.strip_prefix("account ") {
            let name = strip_comment(rest).trim();
            if !account::is_valid(name) {
                return Err(Error::at(line_no, format!("invalid account name \"{}\"", name)));
            }
            journal.declared.push(AccountDecl { line: line_no, name: name.to_string() });
            continue;
        }
        return Err(Error::at(line_no, "unrecognised line"));
    }
    if let Some(t) = current.take() {
        journal.transactions.push(t);
    }
    Ok(journal)
}

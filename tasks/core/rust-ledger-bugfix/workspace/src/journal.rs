//! Phase 2: turning raw transactions into a checked journal.
//!
//! Every transaction must balance: for each commodity the quantities of its postings sum to
//! zero. One posting may omit its amount; it then takes whatever makes the transaction balance.

use std::collections::BTreeSet;

use crate::amount::Amount;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::mixed::{Mixed, Precisions};
use crate::parser::{RawJournal, RawPosting, RawTransaction, Status};

#[derive(Debug, Clone)]
pub struct Posting {
    pub line: usize,
    pub account: String,
    pub amount: Amount,
    /// True when the amount was inferred rather than written.
    pub inferred: bool,
}

#[derive(Debug, Clone)]
pub struct Transaction {
    pub line: usize,
    pub date: Date,
    pub status: Status,
    pub description: String,
    pub postings: Vec<Posting>,
}

#[derive(Debug, Clone, Default)]
pub struct Journal {
    /// Ordered by date; transactions on the same date keep their file order.
    pub transactions: Vec<Transaction>,
    pub precisions: Precisions,
    /// Every account declared or posted to.
    pub accounts: BTreeSet<String>,
    /// Accounts posted to (a subset of `accounts`).
    pub used_accounts: BTreeSet<String>,
}

impl Journal {
    pub fn posting_count(&self) -> usize {
        self.transactions.iter().map(|t| t.postings.len()).sum()
    }
}

fn collect_precisions(raw: &RawJournal) -> Precisions {
    let mut p = Precisions::new();
    for t in &raw.transactions {
        for posting in &t.postings {
            if let Some(a) = &posting.amount {
                p.observe(a);
            }
        }
    }
    p
}

/// The sum of the written amounts of a transaction.
fn written_sum(postings: &[RawPosting]) -> Mixed {
    let mut sum = Mixed::new();
    for p in postings {
        if let Some(a) = &p.amount {
            sum.add_amount(a);
        }
    }
    sum
}

fn balance_transaction(
    raw: &RawTransaction,
    declared: &BTreeSet<String>,
    strict: bool,
    precisions: &Precisions,
) -> Result<Transaction> {
    if raw.postings.len() < 2 {
        return Err(Error::at(raw.line, "transaction has fewer than two postings"));
    }
    if strict {
        for p in &raw.postings {
            if !declared.contains(&p.account) {
                return Err(Error::at(p.line, format!("undeclared account \"{}\"", p.account)));
            }
        }
    }
    let mut elided: Option<usize> = None;
    for (i, p) in raw.postings.iter().enumerate() {
        if p.amount.is_none() {
            if elided.is_some() {
                return Err(Error::at(p.line, "more than one posting without an amount"));
            }
            elided = Some(i);
        }
    }
    let residual = written_sum(&raw.postings);
    let mut postings = Vec::new();
    for p in &raw.postings {
        match &p.amount {
            Some(a) => postings.push(Posting {
                line: p.line,
                account: p.account.clone(),
                amount: a.clone(),
                inferred: false,
            }),
            None => {
                let fill = residual
                    .negated()
                    .amounts()
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Amount::new("", 0));
                postings.push(Posting {
                    line: p.line,
                    account: p.account.clone(),
                    amount: fill,
                    inferred: true,
                });
            }
        }
    }
    let mut check = Mixed::new();
    for p in &postings {
        check.add_amount(&p.amount);
    }
    if !check.is_zero() {
        return Err(Error::at(
            raw.line,
            format!("transaction does not balance: off by {}", check.format_inline(precisions)),
        ));
    }
    Ok(Transaction {
        line: raw.line,
        date: raw.date,
        status: raw.status,
        description: raw.description.clone(),
        postings,
    })
}

/// Checks and completes every transaction, in file order; the first error is returned.
pub fn finalize(raw: RawJournal, strict: bool) -> Result<Journal> {
    let precisions = collect_precisions(&raw);
    let declared: BTreeSet<String> = raw.declared.iter().map(|d| d.name.clone()).collect();
    let mut transactions = Vec::with_capacity(raw.transactions.len());
    for t in &raw.transactions {
        transactions.push(balance_transaction(t, &declared, strict, &precisions)?);
    }
    transactions.sort_by(|a, b| a.date.cmp(&b.date));
    let mut used_accounts = BTreeSet::new();
    for t in &transactions {
        for p in &t.postings {
            used_accounts.insert(p.account.clone());
        }
    }
    let mut accounts = declared;
    accounts.extend(used_accounts.iter().cloned());
    Ok(Journal { transactions, precisions, accounts, used_accounts })
}

/// Parses and checks a journal text.
pub fn load(text: &str, strict: bool) -> Result<Journal> {
    let raw = crate::parser::parse(text)?;
    finalize(raw, strict)
}

//! Which postings a report looks at: account patterns and a date range.

use crate::date::Date;
use crate::journal::{Posting, Transaction};

#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Case-insensitive substrings of the full account name; a posting matches if any does.
    /// No patterns match every posting.
    pub patterns: Vec<String>,
    /// First date included.
    pub begin: Option<Date>,
    /// First date no longer included.
    pub end: Option<Date>,
}

impl Query {
    pub fn matches_date(&self, date: Date) -> bool {
        if let Some(b) = self.begin {
            if date < b {
                return false;
            }
        }
        if let Some(e) = self.end {
            if date > e {
                return false;
            }
        }
        true
    }

    pub fn matches_account(&self, account: &str) -> bool {
        if self.patterns.is_empty() {
            return true;
        }
        let lower = account.to_lowercase();
        self.patterns.iter().any(|p| lower.contains(&p.to_lowercase()))
    }

    pub fn matches(&self, txn: &Transaction, posting: &Posting) -> bool {
        self.matches_date(txn.date) && self.matches_account(&posting.account)
    }

    /// The matching postings of the journal, in report order, with their transactions.
    pub fn select<'a>(&self, txns: &'a [Transaction]) -> Vec<(&'a Transaction, &'a Posting)> {
        let mut out = Vec::new();
        for t in txns {
            for p in &t.postings {
                if self.matches(t, p) {
                    out.push((t, p));
                }
            }
        }
        out
    }
}

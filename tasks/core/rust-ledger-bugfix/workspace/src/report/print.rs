//! `print`: the matching transactions in canonical form, with every amount written out.

use crate::journal::{Journal, Transaction};
use crate::parser::Status;
use crate::query::Query;

fn header(t: &Transaction) -> String {
    let mut s = t.date.to_string();
    match t.status {
        Status::Cleared => s.push_str(" *"),
        Status::Pending => s.push_str(" !"),
        Status::Unmarked => {}
    }
    if !t.description.is_empty() {
        s.push(' ');
        s.push_str(&t.description);
    }
    s
}

fn render_transaction(journal: &Journal, t: &Transaction, out: &mut String) {
    out.push_str(&header(t));
    out.push('\n');
    let width = t.postings.iter().map(|p| p.account.chars().count()).max().unwrap_or(0);
    for p in &t.postings {
        let pad = width - p.account.chars().count();
        out.push_str("    ");
        out.push_str(&p.account);
        out.push_str(&" ".repeat(pad));
        out.push_str("  ");
        out.push_str(&journal.precisions.format(&p.amount));
        out.push('\n');
    }
}

pub fn render(journal: &Journal, query: &Query) -> String {
    let mut out = String::new();
    let mut first = true;
    for t in &journal.transactions {
        if !query.matches_date(t.date) {
            continue;
        }
        if !t.postings.iter().any(|p| query.matches_account(&p.account)) {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        render_transaction(journal, t, &mut out);
    }
    out
}

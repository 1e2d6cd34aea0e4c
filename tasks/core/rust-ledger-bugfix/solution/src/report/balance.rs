//! `balance`: totals per account, as an indented tree (default) or a flat list.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::account;
use crate::journal::Journal;
use crate::mixed::{Mixed, Precisions};
use crate::query::Query;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Show accounts down to this many components; deeper ones count toward their ancestor.
    pub depth: Option<usize>,
    /// List accounts with their own totals and full names instead of a tree.
    pub flat: bool,
}

/// Orders account names component by component, so that every account is followed by its
/// subaccounts before any sibling (`a`, `a:b`, `a-c` rather than `a`, `a-c`, `a:b`).
pub fn compare_accounts(a: &str, b: &str) -> Ordering {
    a.split(':').cmp(b.split(':'))
}

struct Row {
    label: String,
    amounts: Vec<String>,
}

/// Own totals of the matching postings, per account truncated to the depth limit.
fn own_totals(journal: &Journal, query: &Query, depth: Option<usize>) -> BTreeMap<String, Mixed> {
    let mut totals: BTreeMap<String, Mixed> = BTreeMap::new();
    for (_, p) in query.select(&journal.transactions) {
        let name = match depth {
            Some(d) => account::truncate(&p.account, d),
            None => p.account.as_str(),
        };
        totals.entry(name.to_string()).or_default().add_amount(&p.amount);
    }
    totals
}

/// Totals including all subaccounts, for every account and every ancestor of one.
fn inclusive_totals(own: &BTreeMap<String, Mixed>) -> BTreeMap<String, Mixed> {
    let mut incl: BTreeMap<String, Mixed> = BTreeMap::new();
    for name in own.keys() {
        for a in account::self_and_ancestors(name) {
            incl.entry(a.to_string()).or_default();
        }
    }
    let mut names: Vec<String> = incl.keys().cloned().collect();
    names.sort_by(|a, b| account::depth(b).cmp(&account::depth(a)));
    for name in names {
        if let Some(m) = own.get(&name) {
            incl.get_mut(&name).unwrap().add_mixed(m);
        }
        if let Some(parent) = account::parent(&name) {
            let sum = incl[&name].clone();
            incl.get_mut(parent).unwrap().add_mixed(&sum);
        }
    }
    incl
}

fn tree_rows(incl: &BTreeMap<String, Mixed>, precisions: &Precisions) -> Vec<Row> {
    let mut shown: Vec<&str> = Vec::new();
    for (name, total) in incl {
        if !total.is_zero() {
            for a in account::self_and_ancestors(name) {
                if !shown.contains(&a) {
                    shown.push(a);
                }
            }
        }
    }
    shown.sort_by(|a, b| compare_accounts(a, b));
    shown
        .into_iter()
        .map(|name| Row {
            label: format!("{}{}", "  ".repeat(account::depth(name) - 1), account::leaf(name)),
            amounts: incl[name].format_lines(precisions),
        })
        .collect()
}

fn flat_rows(own: &BTreeMap<String, Mixed>, precisions: &Precisions) -> Vec<Row> {
    let mut names: Vec<&String> = own.iter().filter(|(_, m)| !m.is_zero()).map(|(n, _)| n).collect();
    names.sort_by(|a, b| compare_accounts(a, b));
    names
        .into_iter()
        .map(|name| Row { label: name.clone(), amounts: own[name].format_lines(precisions) })
        .collect()
}

fn pad_left(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        s.to_string()
    } else {
        format!("{}{}", " ".repeat(width - len), s)
    }
}

pub fn render(journal: &Journal, query: &Query, opts: &Options) -> String {
    let own = own_totals(journal, query, opts.depth);
    let rows = if opts.flat {
        flat_rows(&own, &journal.precisions)
    } else {
        tree_rows(&inclusive_totals(&own), &journal.precisions)
    };
    let mut total = Mixed::new();
    for m in own.values() {
        total.add_mixed(m);
    }
    let total_lines = total.format_lines(&journal.precisions);
    let width = rows
        .iter()
        .flat_map(|r| r.amounts.iter())
        .chain(total_lines.iter())
        .map(|s| s.chars().count())
        .max()
        .unwrap_or_default();
    let mut out = String::new();
    for row in &rows {
        let last = row.amounts.len() - 1;
        for (i, a) in row.amounts.iter().enumerate() {
            out.push_str(&pad_left(a, width));
            if i == last {
                out.push_str("  ");
                out.push_str(&row.label);
            }
            out.push('\n');
        }
    }
    out.push_str(&"-".repeat(width));
    out.push('\n');
    for t in &total_lines {
        out.push_str(&pad_left(t, width));
        out.push('\n');
    }
    out
}

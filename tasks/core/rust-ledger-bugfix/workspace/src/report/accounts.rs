//! `accounts`: the account names, one per line, sorted.

use crate::journal::Journal;
use crate::query::Query;
use crate::report::balance::compare_accounts;

pub fn render(journal: &Journal, query: &Query) -> String {
    let mut names: Vec<&String> = journal.accounts.iter().filter(|a| query.matches_account(a)).collect();
    names.sort_by(|a, b| compare_accounts(a, b));
    let mut out = String::new();
    for a in names {
        {
            out.push_str(a);
            out.push('\n');
        }
    }
    out
}

//! `check`: a one-line summary of a journal that loaded without errors.

use crate::journal::Journal;

pub fn render(journal: &Journal) -> String {
    format!(
        "ok: {} transactions, {} postings, {} accounts\n",
        journal.transactions.len(),
        journal.posting_count(),
        journal.used_accounts.len()
    )
}

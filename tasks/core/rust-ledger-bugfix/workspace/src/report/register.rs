//! `register`: one tab-separated line per matching posting, with a running total.

use crate::journal::Journal;
use crate::mixed::Mixed;
use crate::query::Query;

pub fn render(journal: &Journal, query: &Query) -> String {
    let mut out = String::new();
    let mut running = Mixed::new();
    for (t, p) in query.select(&journal.transactions) {
        running.add_amount(&p.amount);
        let line = [
            t.date.to_string(),
            t.description.clone(),
            p.account.clone(),
            journal.precisions.format(&p.amount),
            running.format_inline(&journal.precisions),
        ]
        .join("\t");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

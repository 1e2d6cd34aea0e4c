//! Summarise web-server access logs in the Common Log Format:
//!
//! ```text
//! 203.0.113.9 - alice [10/Oct/2023:13:55:36 +0000] "GET /index.html?x=1 HTTP/1.1" 200 2326
//! ```

mod parse;
mod rank;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use parse::{parse_line, Entry};

/// What `analyze` reports about a log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Well-formed request lines.
    pub total_requests: u64,
    /// Non-empty lines that could not be parsed (they are otherwise ignored).
    pub malformed_lines: u64,
    /// Number of distinct client addresses among the well-formed lines.
    pub unique_ips: usize,
    /// Requests per HTTP status code.
    pub status_counts: BTreeMap<u16, u64>,
    /// Sum of the response sizes (`-` counts as 0).
    pub bytes_total: u64,
    /// The `top_k` most requested paths (query string removed) with their counts, by count
    /// descending, then path ascending. Fewer if there are fewer distinct paths.
    pub top_paths: Vec<(String, u64)>,
}

/// Analyses a whole log (lines separated by `\n` or `\r\n`; blank lines are skipped).
pub fn analyze(log: &str, top_k: usize) -> Report {
    let mut report = Report::default();
    let mut path_counts: HashMap<&str, u64> = HashMap::new();
    let mut ips: HashSet<&str> = HashSet::new();
    for line in log.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let entry = match parse_line(line) {
            Some(e) => e,
            None => {
                report.malformed_lines += 1;
                continue;
            }
        };
        report.total_requests += 1;
        report.bytes_total += entry.bytes;
        *report.status_counts.entry(entry.status).or_insert(0) += 1;
        ips.insert(entry.ip);
        *path_counts.entry(entry.path).or_insert(0) += 1;
    }
    report.unique_ips = ips.len();
    let items = path_counts.into_iter().map(|(p, n)| (p.to_string(), n)).collect();
    report.top_paths = rank::top_k(items, top_k);
    report
}

use logstats::{analyze, parse_line, Report};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{mpsc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Heavy tests run one at a time, so that they do not skew each other's timings.
static HEAVY: Mutex<()> = Mutex::new(());

fn line(ip: &str, path: &str, status: u16, bytes: &str) -> String {
    format!("{} - - [10/Oct/2023:13:55:36 +0000] \"GET {} HTTP/1.1\" {} {}\n", ip, path, status, bytes)
}

/// A deterministic log of `n` lines with many distinct paths and addresses, and the report
/// it should give (computed independently here).
fn big_log(n: usize, paths: u64, ips: u64) -> (String, Report, usize) {
    let mut log = String::with_capacity(n * 80);
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut seen_ips = HashSet::new();
    let mut statuses = BTreeMap::new();
    let mut total_bytes = 0;
    let mut malformed = 0;
    for i in 0..n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if i % 997 == 0 {
            log.push_str("this line is not a log entry\n");
            malformed += 1;
            continue;
        }
        // skewed path distribution so the top is well defined
        let p = if seed % 5 == 0 { seed % 50 } else { seed % paths };
        let path = format!("/item/{}", p);
        let ip = format!("10.{}.{}.{}", (seed >> 8) % ips / 65536, (seed >> 8) % ips / 256 % 256, (seed >> 8) % ips % 256);
        let status = [200u16, 200, 200, 304, 404, 500][(seed >> 20) as usize % 6];
        let bytes = (seed >> 30) % 5000;
        let query = if seed % 3 == 0 { "?page=2" } else { "" };
        log.push_str(&line(&ip, &format!("{}{}", path, query), status, &bytes.to_string()));
        *counts.entry(path).or_insert(0) += 1;
        seen_ips.insert(ip);
        *statuses.entry(status).or_insert(0) += 1;
        total_bytes += bytes;
    }
    let mut top: Vec<(String, u64)> = counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let distinct = top.len();
    top.truncate(10);
    let report = Report {
        total_requests: (n - malformed) as u64,
        malformed_lines: malformed as u64,
        unique_ips: seen_ips.len(),
        status_counts: statuses,
        bytes_total: total_bytes,
        top_paths: top,
    };
    (log, report, distinct)
}

/// Runs `analyze` on another thread and fails (instead of hanging) if it takes too long.
///
/// The bound is relative, so that a busy machine does not make the test flaky: `analyze` may
/// take 10 times as long as the test took to generate the log and compute the expected report
/// (the reference takes about as long as that), plus 3 seconds. A quadratic `analyze` needs far
/// longer than that.
fn timed_analyze(log: String, k: usize, baseline: Duration) -> (Report, Duration) {
    let limit = baseline * 10 + Duration::from_secs(3);
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let start = Instant::now();
        let r = analyze(&log, k);
        let _ = tx.send((r, start.elapsed()));
    });
    match rx.recv_timeout(limit) {
        Ok(x) => x,
        Err(_) => panic!("analyze took longer than {:?} (baseline {:?})", limit, baseline),
    }
}

fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

fn timed_big_log(n: usize, paths: u64, ips: u64) -> (String, Report, usize, Duration) {
    let start = Instant::now();
    let (log, report, distinct) = big_log(n, paths, ips);
    (log, report, distinct, start.elapsed())
}

#[test]
fn big_log_many_paths_is_fast_and_correct() {
    let _g = heavy();
    let (log, expected, distinct, base) = timed_big_log(60_000, 40_000, 40_000);
    assert!(distinct > 20_000, "generator should make many distinct paths ({})", distinct);
    let (r, took) = timed_analyze(log, 10, base);
    assert_eq!(r, expected, "took {:?}", took);
}

#[test]
fn big_log_many_addresses_is_fast() {
    let _g = heavy();
    let (log, expected, _, base) = timed_big_log(60_000, 100, 200_000);
    assert!(expected.unique_ips > 30_000);
    let (r, _) = timed_analyze(log, 3, base);
    assert_eq!(r.unique_ips, expected.unique_ips);
    assert_eq!(r.total_requests, expected.total_requests);
    assert_eq!(r.top_paths, expected.top_paths[..3].to_vec());
}

#[test]
fn big_log_all_paths_ranked_is_fast() {
    let _g = heavy();
    let (log, _, distinct, base) = timed_big_log(50_000, 50_000, 100);
    let (r, _) = timed_analyze(log, usize::MAX, base);
    assert_eq!(r.top_paths.len(), distinct);
    for w in r.top_paths.windows(2) {
        assert!(w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0), "{:?}", w);
    }
}

#[test]
fn long_lines_log_is_fast() {
    // few lines but very long paths: line iteration must be linear
    let _g = heavy();
    let start = Instant::now();
    let long = "x".repeat(2000);
    let mut log = String::new();
    for i in 0..8_000 {
        log.push_str(&line("1.1.1.1", &format!("/{}/{}", long, i % 10), 200, "1"));
    }
    let (r, _) = timed_analyze(log, 1, start.elapsed());
    assert_eq!(r.total_requests, 8_000);
    assert_eq!(r.top_paths[0].1, 800);
}

#[test]
fn empty_log() {
    let r = analyze("", 5);
    assert_eq!(r, Report::default());
    let r = analyze("\n\n  \n", 5);
    assert_eq!(r, Report::default());
}

#[test]
fn top_k_zero_and_larger_than_distinct() {
    let log = line("a", "/x", 200, "1") + &line("a", "/y", 200, "1") + &line("b", "/x", 200, "1");
    assert!(analyze(&log, 0).top_paths.is_empty());
    assert_eq!(
        analyze(&log, 10).top_paths,
        vec![("/x".to_string(), 2), ("/y".to_string(), 1)]
    );
}

#[test]
fn ties_sorted_by_path() {
    let mut log = String::new();
    for p in ["/c", "/a", "/b", "/a", "/c", "/b", "/d"] {
        log.push_str(&line("ip", p, 200, "-"));
    }
    assert_eq!(
        analyze(&log, 3).top_paths,
        vec![("/a".to_string(), 2), ("/b".to_string(), 2), ("/c".to_string(), 2)]
    );
}

#[test]
fn query_strings_are_merged() {
    let log = line("ip", "/s?q=1", 200, "5") + &line("ip", "/s?q=2", 200, "5") + &line("ip", "/s", 200, "5");
    let r = analyze(&log, 5);
    assert_eq!(r.top_paths, vec![("/s".to_string(), 3)]);
    assert_eq!(r.bytes_total, 15);
}

#[test]
fn crlf_lines() {
    let log = line("ip", "/a", 200, "7").replace('\n', "\r\n").repeat(3);
    let r = analyze(&log, 1);
    assert_eq!(r.total_requests, 3);
    assert_eq!(r.malformed_lines, 0);
    assert_eq!(r.bytes_total, 21);
}

#[test]
fn malformed_lines_are_counted_not_used() {
    let mut log = line("ip1", "/ok", 200, "10");
    for bad in [
        "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 20 1",
        "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 600 1",
        "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 200 x",
        "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 200",
        "1.2.3.4 - - [t] \"GET /a HTTP/1.1\" 200 1 extra",
        "1.2.3.4 - - [t] \"GET  HTTP/1.1\" 200 1",
        "1.2.3.4 - - t \"GET /a HTTP/1.1\" 200 1",
        " - - [t] \"GET /a HTTP/1.1\" 200 1",
        "just text",
    ] {
        log.push_str(bad);
        log.push('\n');
    }
    let r = analyze(&log, 5);
    assert_eq!(r.total_requests, 1);
    assert_eq!(r.malformed_lines, 9);
    assert_eq!(r.unique_ips, 1);
    assert_eq!(r.bytes_total, 10);
    assert_eq!(r.top_paths, vec![("/ok".to_string(), 1)]);
}

#[test]
fn status_counts_and_unique_ips() {
    let log = line("a", "/", 200, "1")
        + &line("b", "/", 404, "1")
        + &line("a", "/", 404, "1")
        + &line("c", "/", 500, "-");
    let r = analyze(&log, 1);
    assert_eq!(r.unique_ips, 3);
    assert_eq!(r.status_counts.get(&404), Some(&2));
    assert_eq!(r.status_counts.get(&200), Some(&1));
    assert_eq!(r.status_counts.get(&500), Some(&1));
    assert_eq!(r.status_counts.len(), 3);
}

#[test]
fn parse_line_unchanged() {
    let e = parse_line("9.9.9.9 - bob [x] \"DELETE /a?b?c HTTP/2\" 204 -").unwrap();
    assert_eq!((e.ip, e.method, e.path, e.status, e.bytes), ("9.9.9.9", "DELETE", "/a", 204, 0));
    assert!(parse_line("").is_none());
}

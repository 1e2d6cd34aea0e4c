use logstats::{analyze, parse_line, Entry};

const SAMPLE: &str = "\
203.0.113.9 - alice [10/Oct/2023:13:55:36 +0000] \"GET /index.html?x=1 HTTP/1.1\" 200 2326
198.51.100.2 - - [10/Oct/2023:13:55:40 +0000] \"GET /index.html HTTP/1.1\" 304 -
203.0.113.9 - alice [10/Oct/2023:13:56:01 +0000] \"POST /api/login HTTP/1.1\" 401 12

garbage line
198.51.100.7 - - [10/Oct/2023:13:57:00 +0000] \"GET /about HTTP/1.0\" 200 512
";

#[test]
fn sample_report() {
    let r = analyze(SAMPLE, 2);
    assert_eq!(r.total_requests, 4);
    assert_eq!(r.malformed_lines, 1);
    assert_eq!(r.unique_ips, 3);
    assert_eq!(r.bytes_total, 2326 + 12 + 512);
    assert_eq!(
        r.status_counts.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
        vec![(200, 2), (304, 1), (401, 1)]
    );
    assert_eq!(
        r.top_paths,
        vec![("/index.html".to_string(), 2), ("/about".to_string(), 1)]
    );
}

#[test]
fn parse_one_line() {
    assert_eq!(
        parse_line("1.2.3.4 - - [t] \"GET /a/b?q HTTP/1.1\" 404 -"),
        Some(Entry { ip: "1.2.3.4", method: "GET", path: "/a/b", status: 404, bytes: 0 })
    );
    assert_eq!(parse_line("1.2.3.4 - - [t] \"GET /a\" 200 1"), None);
}

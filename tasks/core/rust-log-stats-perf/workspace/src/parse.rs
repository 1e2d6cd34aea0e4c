/// One parsed log line. Borrowed from the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub ip: &'a str,
    pub method: &'a str,
    /// The request target without its query string (`/a/b?x=1` gives `/a/b`).
    pub path: &'a str,
    pub status: u16,
    pub bytes: u64,
}

/// Parses `IP IDENT USER [TIMESTAMP] "METHOD TARGET PROTOCOL" STATUS BYTES`.
/// Returns `None` for anything malformed: missing parts, a request that is not three
/// words, a status outside 100..=599, or a size that is neither digits nor `-`.
pub fn parse_line(line: &str) -> Option<Entry<'_>> {
    let line = line.trim_end_matches('\r');
    let (ip, rest) = line.split_once(' ')?;
    if ip.is_empty() {
        return None;
    }
    let open = rest.find('[')?;
    let close = open + rest[open..].find(']')?;
    let rest = rest[close + 1..].strip_prefix(" \"")?;
    let (request, rest) = rest.split_once('"')?;
    let words: Vec<&str> = request.split(' ').collect();
    if words.len() != 3 || words.iter().any(|w| w.is_empty()) {
        return None;
    }
    let target = words[1];
    let path = match target.find('?') {
        Some(q) => &target[..q],
        None => target,
    };
    let mut tail = rest.trim_start_matches(' ').split(' ');
    let status_text = tail.next()?;
    let bytes_text = tail.next()?;
    if tail.next().is_some() {
        return None;
    }
    if status_text.len() != 3 || !status_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let status: u16 = status_text.parse().ok()?;
    if !(100..=599).contains(&status) {
        return None;
    }
    let bytes = if bytes_text == "-" {
        0
    } else if !bytes_text.is_empty() && bytes_text.bytes().all(|b| b.is_ascii_digit()) {
        bytes_text.parse().ok()?
    } else {
        return None;
    };
    Some(Entry { ip, method: words[0], path, status, bytes })
}

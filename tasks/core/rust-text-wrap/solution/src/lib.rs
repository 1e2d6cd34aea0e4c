//! Greedy word wrapping. See the task description for the exact rules.

/// Wraps `text` into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !para.is_empty() {
                paragraphs.push(std::mem::take(&mut para));
            }
        } else {
            para.extend(line.split_whitespace());
        }
    }
    if !para.is_empty() {
        paragraphs.push(para);
    }
    for (i, words) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        let mut cur = String::new();
        let mut cur_len = 0usize;
        for word in words {
            let chars: Vec<char> = word.chars().collect();
            let n = chars.len();
            if cur_len > 0 && cur_len + 1 + n <= width {
                cur.push(' ');
                cur.push_str(word);
                cur_len += 1 + n;
                continue;
            }
            if cur_len > 0 {
                out.push(std::mem::take(&mut cur));
                cur_len = 0;
            }
            let mut rest = &chars[..];
            while rest.len() > width {
                out.push(rest[..width].iter().collect());
                rest = &rest[width..];
            }
            cur = rest.iter().collect();
            cur_len = rest.len();
        }
        if cur_len > 0 {
            out.push(cur);
        }
    }
    out
}

/// `wrap(text, width)` joined with newlines.
pub fn fill(text: &str, width: usize) -> String {
    wrap(text, width).join("\n")
}

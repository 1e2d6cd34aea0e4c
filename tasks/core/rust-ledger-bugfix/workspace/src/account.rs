//! Account names: colon-separated components such as `expenses:food:groceries`.

/// A valid account name has one or more components separated by `:`, no component empty,
/// no leading or trailing spaces in a component, and no tab or `;` anywhere.
pub fn is_valid(name: &str) -> bool {
    if name.is_empty() || name.contains('\t') || name.contains(';') {
        return false;
    }
    name.split(':').all(|c| !c.is_empty() && c.trim() == c)
}

/// Number of components: `assets` is 1, `assets:bank` is 2.
pub fn depth(name: &str) -> usize {
    name.split(':').count()
}

/// The parent account, or `None` for a top-level account.
pub fn parent(name: &str) -> Option<&str> {
    name.rfind(':').map(|i| &name[..i])
}

/// The last component.
pub fn leaf(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The first `n` components (the whole name when it has `n` or fewer).
pub fn truncate(name: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, c) in name.char_indices() {
        if c == ':' {
            seen += 1;
            if seen == n {
                return &name[..i];
            }
        }
    }
    name
}

/// The account itself and all its ancestors, from the account up to its top-level ancestor.
pub fn self_and_ancestors(name: &str) -> Vec<&str> {
    let mut out = vec![name];
    let mut cur = name;
    while let Some(p) = parent(cur) {
        out.push(p);
        cur = p;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure() {
        assert_eq!(depth("a:b:c"), 3);
        assert_eq!(parent("a:b:c"), Some("a:b"));
        assert_eq!(leaf("a:b:c"), "c");
        assert_eq!(truncate("a:b:c", 2), "a:b");
        assert!(!is_valid("a::b"));
    }
}

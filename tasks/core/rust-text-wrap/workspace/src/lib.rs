//! Greedy word wrapping. See the task description for the exact rules.

/// Wraps `text` into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let _ = (text, width);
    todo!("implement wrap")
}

/// `wrap(text, width)` joined with newlines.
pub fn fill(text: &str, width: usize) -> String {
    let _ = (text, width);
    todo!("implement fill")
}

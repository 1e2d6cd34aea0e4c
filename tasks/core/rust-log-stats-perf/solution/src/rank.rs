/// The `k` entries with the highest counts, by count descending, then name ascending.
pub fn top_k(mut items: Vec<(String, u64)>, k: usize) -> Vec<(String, u64)> {
    items.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    items.truncate(k);
    items
}

/// The `k` entries with the highest counts, by count descending, then name ascending.
pub fn top_k(mut items: Vec<(String, u64)>, k: usize) -> Vec<(String, u64)> {
    // Selection sort: repeatedly move the best remaining item to the front.
    for i in 0..items.len() {
        let mut best = i;
        for j in i + 1..items.len() {
            if better(&items[j], &items[best]) {
                best = j;
            }
        }
        items.swap(i, best);
    }
    items.truncate(k);
    items
}

fn better(a: &(String, u64), b: &(String, u64)) -> bool {
    a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)
}

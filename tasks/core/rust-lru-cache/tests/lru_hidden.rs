use lru_cache::LruCache;
use std::time::{Duration, Instant};

fn filled(cap: usize, keys: &[i32]) -> LruCache<i32, String> {
    let mut c = LruCache::new(cap);
    for k in keys {
        c.put(*k, format!("v{}", k));
    }
    c
}

#[test]
fn new_cache_is_empty() {
    let c: LruCache<i32, i32> = LruCache::new(3);
    assert_eq!(c.len(), 0);
    assert!(c.is_empty());
    assert_eq!(c.capacity(), 3);
    assert_eq!(c.keys_mru(), Vec::<i32>::new());
    assert_eq!(c.peek(&1), None);
    assert!(!c.contains(&1));
}

#[test]
fn put_and_get() {
    let mut c = LruCache::new(2);
    assert_eq!(c.put("a".to_string(), 1), None);
    assert_eq!(c.put("b".to_string(), 2), None);
    assert_eq!(c.get(&"a".to_string()), Some(&1));
    assert_eq!(c.get(&"b".to_string()), Some(&2));
    assert_eq!(c.get(&"c".to_string()), None);
    assert_eq!(c.len(), 2);
    assert!(!c.is_empty());
}

#[test]
fn evicts_least_recently_inserted() {
    let mut c = filled(2, &[1, 2]);
    assert_eq!(c.put(3, "v3".into()), Some((1, "v1".to_string())));
    assert_eq!(c.keys_mru(), vec![3, 2]);
    assert_eq!(c.len(), 2);
}

#[test]
fn get_refreshes_recency() {
    let mut c = filled(3, &[1, 2, 3]);
    assert_eq!(c.get(&1).map(|s| s.as_str()), Some("v1"));
    assert_eq!(c.keys_mru(), vec![1, 3, 2]);
    assert_eq!(c.put(4, "v4".into()), Some((2, "v2".to_string())));
    assert_eq!(c.keys_mru(), vec![4, 1, 3]);
}

#[test]
fn get_mut_refreshes_and_modifies() {
    let mut c = filled(2, &[1, 2]);
    c.get_mut(&1).unwrap().push_str("!");
    assert_eq!(c.put(3, "v3".into()), Some((2, "v2".to_string())));
    assert_eq!(c.peek(&1).map(|s| s.as_str()), Some("v1!"));
    assert!(c.get_mut(&42).is_none());
}

#[test]
fn get_missing_does_not_change_order() {
    let mut c = filled(3, &[1, 2, 3]);
    assert_eq!(c.get(&9), None);
    assert_eq!(c.keys_mru(), vec![3, 2, 1]);
}

#[test]
fn peek_does_not_refresh() {
    let mut c = filled(2, &[1, 2]);
    assert_eq!(c.peek(&1).map(|s| s.as_str()), Some("v1"));
    assert!(c.contains(&1));
    assert_eq!(c.keys_mru(), vec![2, 1]);
    assert_eq!(c.put(3, "v3".into()), Some((1, "v1".to_string())));
    assert!(!c.contains(&1));
}

#[test]
fn keys_mru_does_not_refresh() {
    let mut c = filled(2, &[1, 2]);
    let _ = c.keys_mru();
    assert_eq!(c.put(3, "v3".into()), Some((1, "v1".to_string())));
}

#[test]
fn update_existing_returns_old_pair_and_refreshes() {
    let mut c = filled(2, &[1, 2]);
    assert_eq!(c.put(1, "new".into()), Some((1, "v1".to_string())));
    assert_eq!(c.len(), 2);
    assert_eq!(c.keys_mru(), vec![1, 2]);
    assert_eq!(c.put(3, "v3".into()), Some((2, "v2".to_string())));
    assert_eq!(c.peek(&1).map(|s| s.as_str()), Some("new"));
}

#[test]
fn update_when_full_evicts_nothing() {
    let mut c = filled(3, &[1, 2, 3]);
    assert_eq!(c.put(2, "x".into()), Some((2, "v2".to_string())));
    assert_eq!(c.len(), 3);
    assert!(c.contains(&1) && c.contains(&2) && c.contains(&3));
    assert_eq!(c.keys_mru(), vec![2, 3, 1]);
}

#[test]
fn capacity_zero_stores_nothing() {
    let mut c: LruCache<i32, &str> = LruCache::new(0);
    assert_eq!(c.put(1, "a"), Some((1, "a")));
    assert_eq!(c.len(), 0);
    assert!(c.is_empty());
    assert_eq!(c.get(&1), None);
    assert_eq!(c.pop_lru(), None);
}

#[test]
fn capacity_one() {
    let mut c = LruCache::new(1);
    assert_eq!(c.put('a', 1), None);
    assert_eq!(c.put('b', 2), Some(('a', 1)));
    assert_eq!(c.put('b', 3), Some(('b', 2)));
    assert_eq!(c.keys_mru(), vec!['b']);
    assert_eq!(c.get(&'b'), Some(&3));
}

#[test]
fn pop_removes_entry() {
    let mut c = filled(3, &[1, 2, 3]);
    assert_eq!(c.pop(&2), Some("v2".to_string()));
    assert_eq!(c.pop(&2), None);
    assert_eq!(c.len(), 2);
    assert_eq!(c.keys_mru(), vec![3, 1]);
    // freed slot: inserting does not evict
    assert_eq!(c.put(4, "v4".into()), None);
    assert_eq!(c.put(5, "v5".into()), Some((1, "v1".to_string())));
}

#[test]
fn pop_lru_in_order() {
    let mut c = filled(4, &[1, 2, 3, 4]);
    c.get(&1);
    assert_eq!(c.pop_lru(), Some((2, "v2".to_string())));
    assert_eq!(c.pop_lru(), Some((3, "v3".to_string())));
    assert_eq!(c.pop_lru(), Some((4, "v4".to_string())));
    assert_eq!(c.pop_lru(), Some((1, "v1".to_string())));
    assert_eq!(c.pop_lru(), None);
    assert!(c.is_empty());
}

#[test]
fn resize_shrinks_evicting_lru_first() {
    let mut c = filled(5, &[1, 2, 3, 4, 5]);
    c.get(&2);
    let ev = c.resize(2);
    assert_eq!(
        ev,
        vec![(1, "v1".to_string()), (3, "v3".to_string()), (4, "v4".to_string())]
    );
    assert_eq!(c.capacity(), 2);
    assert_eq!(c.keys_mru(), vec![2, 5]);
    assert_eq!(c.put(6, "v6".into()), Some((5, "v5".to_string())));
}

#[test]
fn resize_grow_keeps_everything() {
    let mut c = filled(2, &[1, 2]);
    assert!(c.resize(4).is_empty());
    assert_eq!(c.put(3, "v3".into()), None);
    assert_eq!(c.put(4, "v4".into()), None);
    assert_eq!(c.put(5, "v5".into()), Some((1, "v1".to_string())));
    assert_eq!(c.len(), 4);
}

#[test]
fn resize_to_zero_empties() {
    let mut c = filled(3, &[7, 8, 9]);
    let ev: Vec<i32> = c.resize(0).into_iter().map(|(k, _)| k).collect();
    assert_eq!(ev, vec![7, 8, 9]);
    assert!(c.is_empty());
    assert_eq!(c.put(1, "x".into()), Some((1, "x".to_string())));
}

#[test]
fn non_clone_values_work() {
    struct NoClone(u32);
    let mut c = LruCache::new(2);
    c.put(1u8, NoClone(1));
    c.put(2u8, NoClone(2));
    let ev = c.put(3u8, NoClone(3)).unwrap();
    assert_eq!((ev.0, ev.1 .0), (1, 1));
    assert_eq!(c.get(&3).map(|v| v.0), Some(3));
}

/// Deterministic pseudo-random sequence of operations, checked against a simple model.
#[test]
fn matches_reference_model() {
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let cap = 7;
    let mut c: LruCache<u64, u64> = LruCache::new(cap);
    let mut model: Vec<(u64, u64)> = Vec::new(); // most recent last
    for step in 0..5000u64 {
        let key = next(12);
        match next(6) {
            0 | 1 => {
                let expect = match model.iter().position(|e| e.0 == key) {
                    Some(i) => {
                        let old = model.remove(i);
                        model.push((key, step));
                        Some(old)
                    }
                    None => {
                        model.push((key, step));
                        if model.len() > cap { Some(model.remove(0)) } else { None }
                    }
                };
                assert_eq!(c.put(key, step), expect, "put at step {}", step);
            }
            2 => {
                let expect = model.iter().position(|e| e.0 == key).map(|i| {
                    let e = model.remove(i);
                    model.push(e);
                    e.1
                });
                assert_eq!(c.get(&key).copied(), expect, "get at step {}", step);
            }
            3 => {
                let expect = model.iter().position(|e| e.0 == key).map(|i| model.remove(i).1);
                assert_eq!(c.pop(&key), expect, "pop at step {}", step);
            }
            4 => {
                let expect = model.iter().find(|e| e.0 == key).map(|e| e.1);
                assert_eq!(c.peek(&key).copied(), expect, "peek at step {}", step);
            }
            _ => {
                if next(10) == 0 {
                    let expect = if model.is_empty() { None } else { Some(model.remove(0)) };
                    assert_eq!(c.pop_lru(), expect, "pop_lru at step {}", step);
                }
            }
        }
        assert_eq!(c.len(), model.len());
        let keys: Vec<u64> = model.iter().rev().map(|e| e.0).collect();
        assert_eq!(c.keys_mru(), keys, "order at step {}", step);
    }
}

#[test]
fn large_cache_is_fast() {
    // The reference does this in well under a second even unoptimised; a linear scan per
    // operation needs billions of steps.
    let start = Instant::now();
    let n = 60_000u64;
    let mut c: LruCache<u64, u64> = LruCache::new(n as usize);
    for i in 0..n {
        c.put(i, i);
    }
    for i in 0..n {
        assert_eq!(c.get(&i), Some(&i));
    }
    for i in n..2 * n {
        assert_eq!(c.put(i, i), Some((i - n, i - n)));
    }
    assert_eq!(c.len(), n as usize);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "too slow: {:?}",
        start.elapsed()
    );
}

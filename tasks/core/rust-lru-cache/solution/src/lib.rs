//! A generic least-recently-used (LRU) cache. See the task description for the contract.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// A map holding at most `capacity` entries, evicting the least recently used one.
pub struct LruCache<K, V> {
    capacity: usize,
    tick: u64,
    map: HashMap<K, (V, u64)>,
    order: BTreeMap<u64, K>,
}

impl<K: Eq + Hash + Clone, V> LruCache<K, V> {
    pub fn new(capacity: usize) -> Self {
        LruCache { capacity, tick: 0, map: HashMap::new(), order: BTreeMap::new() }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn touch(&mut self, key: &K) -> bool {
        let tick = self.tick + 1;
        match self.map.get_mut(key) {
            Some(entry) => {
                let old = std::mem::replace(&mut entry.1, tick);
                self.tick = tick;
                let k = self.order.remove(&old).expect("order out of sync");
                self.order.insert(tick, k);
                true
            }
            None => false,
        }
    }

    pub fn get(&mut self, key: &K) -> Option<&V> {
        if self.touch(key) {
            self.map.get(key).map(|e| &e.0)
        } else {
            None
        }
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        if self.touch(key) {
            self.map.get_mut(key).map(|e| &mut e.0)
        } else {
            None
        }
    }

    pub fn peek(&self, key: &K) -> Option<&V> {
        self.map.get(key).map(|e| &e.0)
    }

    pub fn contains(&self, key: &K) -> bool {
        self.map.contains_key(key)
    }

    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if self.capacity == 0 {
            return Some((key, value));
        }
        if self.touch(&key) {
            let entry = self.map.get_mut(&key).unwrap();
            let old = std::mem::replace(&mut entry.0, value);
            return Some((key, old));
        }
        let evicted = if self.map.len() >= self.capacity { self.pop_lru() } else { None };
        self.tick += 1;
        self.order.insert(self.tick, key.clone());
        self.map.insert(key, (value, self.tick));
        evicted
    }

    pub fn pop(&mut self, key: &K) -> Option<V> {
        let (v, tick) = self.map.remove(key)?;
        self.order.remove(&tick);
        Some(v)
    }

    pub fn pop_lru(&mut self) -> Option<(K, V)> {
        let tick = *self.order.keys().next()?;
        let k = self.order.remove(&tick).unwrap();
        let (v, _) = self.map.remove(&k).unwrap();
        Some((k, v))
    }

    pub fn keys_mru(&self) -> Vec<K> {
        self.order.values().rev().cloned().collect()
    }

    pub fn resize(&mut self, capacity: usize) -> Vec<(K, V)> {
        self.capacity = capacity;
        let mut out = Vec::new();
        while self.map.len() > capacity {
            out.push(self.pop_lru().unwrap());
        }
        out
    }
}

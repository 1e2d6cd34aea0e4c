//! A generic least-recently-used (LRU) cache. See the task description for the contract.

use std::hash::Hash;
use std::marker::PhantomData;

/// A map holding at most `capacity` entries, evicting the least recently used one.
pub struct LruCache<K, V> {
    capacity: usize,
    // Replace with the real storage.
    _entries: PhantomData<(K, V)>,
}

impl<K: Eq + Hash + Clone, V> LruCache<K, V> {
    /// An empty cache that holds at most `capacity` entries.
    pub fn new(capacity: usize) -> Self {
        LruCache { capacity, _entries: PhantomData }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn len(&self) -> usize {
        todo!()
    }

    pub fn is_empty(&self) -> bool {
        todo!()
    }

    /// The value for `key`; marks the entry as the most recently used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let _ = key;
        todo!()
    }

    /// The value for `key`, mutably; marks the entry as the most recently used.
    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let _ = key;
        todo!()
    }

    /// The value for `key` without changing its recency.
    pub fn peek(&self, key: &K) -> Option<&V> {
        let _ = key;
        todo!()
    }

    /// Whether `key` is present, without changing its recency.
    pub fn contains(&self, key: &K) -> bool {
        let _ = key;
        todo!()
    }

    /// Inserts or updates an entry; returns the entry that left the cache, if any.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        let _ = (key, value);
        todo!()
    }

    /// Removes `key`, returning its value.
    pub fn pop(&mut self, key: &K) -> Option<V> {
        let _ = key;
        todo!()
    }

    /// Removes and returns the least recently used entry.
    pub fn pop_lru(&mut self) -> Option<(K, V)> {
        todo!()
    }

    /// All keys, most recently used first.
    pub fn keys_mru(&self) -> Vec<K> {
        todo!()
    }

    /// Changes the capacity, evicting least recently used entries (returned, LRU first).
    pub fn resize(&mut self, capacity: usize) -> Vec<(K, V)> {
        let _ = capacity;
        todo!()
    }
}

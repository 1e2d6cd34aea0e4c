// A simple reference model of SPEC.md: the text as a Vec<char>, everything recomputed.
#![allow(dead_code)]

use textbuf::Gravity;

#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Insert,
    Delete,
    Replace,
}

#[derive(Clone, Debug)]
pub struct E {
    pub start: usize,
    pub removed: Vec<char>,
    pub inserted: Vec<char>,
    pub origin: Origin,
}

#[derive(Default, Clone)]
pub struct Model {
    pub t: Vec<char>,
    undo: Vec<Vec<E>>,
    redo: Vec<Vec<E>>,
    open: bool,
    pub marks: Vec<Option<(usize, Gravity)>>,
}

fn typed(e: &E) -> Option<char> {
    if e.origin == Origin::Insert && e.removed.is_empty() && e.inserted.len() == 1 {
        Some(e.inserted[0])
    } else {
        None
    }
}

fn single_del(e: &E) -> bool {
    e.origin == Origin::Delete && e.inserted.is_empty() && e.removed.len() == 1
}

fn merges(a: &E, b: &E) -> bool {
    if let (Some(x), Some(y)) = (typed(a), typed(b)) {
        let brk = |c: char| c == '\n' || c == '\r';
        return !brk(x) && !brk(y) && b.start == a.start + 1 && !(x.is_whitespace() && !y.is_whitespace());
    }
    if single_del(a) && single_del(b) {
        return b.start + 1 == a.start || b.start == a.start;
    }
    false
}

impl Model {
    pub fn new(s: &str) -> Model {
        Model { t: s.chars().collect(), ..Default::default() }
    }

    pub fn text(&self) -> String {
        self.t.iter().collect()
    }

    /// Start of every line.
    pub fn starts(&self) -> Vec<usize> {
        let mut v = vec![0];
        let t = &self.t;
        for i in 0..t.len() {
            if t[i] == '\n' || (t[i] == '\r' && t.get(i + 1) != Some(&'\n')) {
                v.push(i + 1);
            }
        }
        v
    }

    pub fn line_count(&self) -> usize {
        self.starts().len()
    }

    pub fn line_end(&self, line: usize) -> usize {
        let st = self.starts();
        if line + 1 == st.len() {
            return self.t.len();
        }
        let n = st[line + 1];
        if n >= 2 && self.t[n - 1] == '\n' && self.t[n - 2] == '\r' {
            n - 2
        } else {
            n - 1
        }
    }

    pub fn char_to_line(&self, idx: usize) -> usize {
        self.starts().iter().filter(|&&s| s <= idx).count() - 1
    }

    fn apply(&mut self, e: &E) {
        let s = e.start;
        self.t.splice(s..s + e.removed.len(), e.inserted.iter().cloned());
        let end = s + e.removed.len();
        for m in self.marks.iter_mut().flatten() {
            let mut p = m.0;
            if p >= end {
                p -= e.removed.len();
            } else if p > s {
                p = s;
            }
            if !e.inserted.is_empty() && (p > s || (p == s && m.1 == Gravity::Right)) {
                p += e.inserted.len();
            }
            m.0 = p;
        }
    }

    fn record(&mut self, e: E) {
        self.redo.clear();
        if self.open {
            if let Some(g) = self.undo.last_mut() {
                if merges(g.last().unwrap(), &e) {
                    g.push(e);
                    return;
                }
            }
        }
        self.undo.push(vec![e]);
        if self.undo.len() > 1000 {
            self.undo.remove(0);
        }
        self.open = true;
    }

    pub fn edit(&mut self, start: usize, end: usize, ins: &str, origin: Origin) {
        let e = E { start, removed: self.t[start..end].to_vec(), inserted: ins.chars().collect(), origin };
        if e.removed.is_empty() && e.inserted.is_empty() {
            return;
        }
        self.apply(&e);
        self.record(e);
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            None => false,
            Some(g) => {
                self.open = false;
                for e in g.iter().rev() {
                    let inv = E { start: e.start, removed: e.inserted.clone(), inserted: e.removed.clone(), origin: e.origin.clone() };
                    self.apply(&inv);
                }
                self.redo.push(g);
                true
            }
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            None => false,
            Some(g) => {
                self.open = false;
                for e in g.iter() {
                    self.apply(e);
                }
                self.undo.push(g);
                true
            }
        }
    }

    pub fn break_group(&mut self) {
        self.open = false;
    }

    pub fn find_all(&self, p: &str) -> Vec<usize> {
        let p: Vec<char> = p.chars().collect();
        let mut out = vec![];
        let mut i = 0;
        while i + p.len() <= self.t.len() {
            if self.t[i..i + p.len()] == p[..] {
                out.push(i);
                i += p.len();
            } else {
                i += 1;
            }
        }
        out
    }

    pub fn find(&self, p: &str, from: usize) -> Option<usize> {
        let p: Vec<char> = p.chars().collect();
        (from..=self.t.len()).find(|&i| i + p.len() <= self.t.len() && self.t[i..i + p.len()] == p[..])
    }

    pub fn rfind(&self, p: &str, before: usize) -> Option<usize> {
        let p: Vec<char> = p.chars().collect();
        (0..=before).rev().find(|&i| i + p.len() <= before && self.t[i..i + p.len()] == p[..])
    }

    pub fn replace_all(&mut self, p: &str, w: &str) -> usize {
        let found = self.find_all(p);
        if found.is_empty() {
            return 0;
        }
        let pl = p.chars().count();
        let wl = w.chars().count();
        let mut g = vec![];
        for (k, &s) in found.iter().enumerate() {
            let at = s - k * pl + k * wl;
            let e = E { start: at, removed: self.t[at..at + pl].to_vec(), inserted: w.chars().collect(), origin: Origin::Replace };
            self.apply(&e);
            g.push(e);
        }
        self.redo.clear();
        self.undo.push(g);
        if self.undo.len() > 1000 {
            self.undo.remove(0);
        }
        self.open = false;
        found.len()
    }
}

/// xorshift64*
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

pub fn class(c: char) -> u8 {
    if c == '\n' || c == '\r' {
        2
    } else if c.is_whitespace() {
        1
    } else if c.is_alphanumeric() || c == '_' {
        0
    } else {
        3
    }
}

impl Model {
    /// Every word start.
    pub fn word_starts(&self) -> Vec<usize> {
        let mut v = vec![];
        for i in 0..self.t.len() {
            let k = class(self.t[i]);
            if (k == 0 || k == 3) && (i == 0 || class(self.t[i - 1]) != k) {
                v.push(i);
            }
        }
        v
    }
    pub fn word_at(&self, i: usize) -> Option<(usize, usize)> {
        let k = class(self.t[i]);
        if k == 1 || k == 2 {
            return None;
        }
        let mut s = i;
        while s > 0 && class(self.t[s - 1]) == k {
            s -= 1;
        }
        let mut e = i + 1;
        while e < self.t.len() && class(self.t[e]) == k {
            e += 1;
        }
        Some((s, e))
    }
}

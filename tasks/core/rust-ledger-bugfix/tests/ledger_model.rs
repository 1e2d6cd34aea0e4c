//! Randomized journals (fixed seeds) checked against an independent model of SPEC.md.

mod support;

use std::collections::BTreeMap;

use support::ok;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// Quantities are in thousandths; at most 3 decimals are ever written.
const UNIT: i64 = 1000;

#[derive(Clone)]
struct MPosting {
    account: String,
    commodity: String,
    qty: i64,
}

#[derive(Clone)]
struct MTxn {
    date: (u32, u32, u32),
    desc: String,
    postings: Vec<MPosting>,
}

struct Model {
    text: String,
    /// Transactions after inference, in report order.
    txns: Vec<MTxn>,
    precision: BTreeMap<String, u32>,
}

const COMMODITIES: &[&str] = &["EUR", "USD", "$", "", "CHF"];
const COMPONENTS: &[&str] = &["assets", "assets-old", "bank", "cash", "exp", "food", "food court", "a", "b", "x y"];

fn write_qty(rng: &mut Rng, qty: i64, decimals: u32) -> String {
    let neg = qty < 0;
    let abs = qty.unsigned_abs();
    let scale = 10u64.pow(3 - decimals);
    assert_eq!(abs % scale, 0);
    let units = abs / scale;
    let div = 10u64.pow(decimals);
    let int = units / div;
    let frac = units % div;
    let mut int_s = int.to_string();
    if int >= 1000 && rng.below(2) == 0 {
        let digits: Vec<char> = int_s.chars().collect();
        let mut out = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(*c);
        }
        int_s = out;
    }
    let sign = if neg { "-" } else if rng.below(5) == 0 { "+" } else { "" };
    if decimals == 0 {
        format!("{}{}", sign, int_s)
    } else {
        format!("{}{}.{:0width$}", sign, int_s, frac, width = decimals as usize)
    }
}

fn write_amount(rng: &mut Rng, commodity: &str, qty: i64, decimals: u32) -> String {
    let q = write_qty(rng, qty, decimals);
    if commodity.is_empty() {
        return q;
    }
    match rng.below(3) {
        0 => format!("{} {}", q, commodity),
        1 => format!("{}{}", commodity, q),
        _ => format!("{} {}", commodity, q),
    }
}

fn random_account(rng: &mut Rng) -> String {
    let depth = 1 + rng.below(4) as usize;
    let mut parts = Vec::new();
    for _ in 0..depth {
        parts.push(*rng.pick(COMPONENTS));
    }
    parts.join(":")
}

fn generate(seed: u64, ntx: usize) -> Model {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let accounts: Vec<String> = (0..12).map(|_| random_account(&mut rng)).collect();
    let mut text = String::new();
    let mut file_txns: Vec<MTxn> = Vec::new();
    let mut precision: BTreeMap<String, u32> = BTreeMap::new();
    for i in 0..ntx {
        let date = (2023 + rng.below(2) as u32, 1 + rng.below(3) as u32, 1 + rng.below(4) as u32 * 9);
        let sep = if rng.below(2) == 0 { '-' } else { '/' };
        let desc = format!("t{}", i);
        let status = *rng.pick(&["", "* ", "! "]);
        text.push_str(&format!("{:04}{}{:02}{}{:02} {}{}\n", date.0, sep, date.1, sep, date.2, status, desc));
        let n = 1 + rng.below(3) as usize;
        let mut written: Vec<(String, String, i64, u32)> = Vec::new();
        for _ in 0..n {
            let c = rng.pick(COMMODITIES).to_string();
            let d = rng.below(4) as u32;
            let scale = 10i64.pow(3 - d);
            let mut k = rng.below(4000) as i64 - 2000;
            if rng.below(4) == 0 {
                k = rng.below(20) as i64 - 10;
            }
            let qty = k * scale;
            written.push((rng.pick(&accounts).clone(), c, qty, d));
        }
        let elide = rng.below(3) != 0;
        let mut postings_text: Vec<String> = Vec::new();
        let mut postings: Vec<MPosting> = Vec::new();
        let mut sums: BTreeMap<String, (i64, u32)> = BTreeMap::new();
        for (a, c, q, d) in &written {
            let e = sums.entry(c.clone()).or_insert((0, 0));
            e.0 += q;
            e.1 = e.1.max(*d);
            postings_text.push(format!("    {}  {}", a, write_amount(&mut rng, c, *q, *d)));
            postings.push(MPosting { account: a.clone(), commodity: c.clone(), qty: *q });
            let p = precision.entry(c.clone()).or_insert(0);
            *p = (*p).max(*d);
        }
        if elide {
            let acct = rng.pick(&accounts).clone();
            let pos = rng.below(postings.len() as u64 + 1) as usize;
            let mut fill: Vec<MPosting> = sums
                .iter()
                .filter(|(_, (q, _))| *q != 0)
                .map(|(c, (q, _))| MPosting { account: acct.clone(), commodity: c.clone(), qty: -q })
                .collect();
            if fill.is_empty() {
                fill.push(MPosting { account: acct.clone(), commodity: String::new(), qty: 0 });
            }
            postings_text.insert(pos, format!("    {}", acct));
            let tail = postings.split_off(pos);
            postings.extend(fill);
            postings.extend(tail);
            if postings.len() < 2 {
                // a single written posting plus an inferred one is fine; nothing to do
            }
        } else {
            for (c, (q, d)) in &sums {
                if *q != 0 {
                    let a = rng.pick(&accounts).clone();
                    postings_text.push(format!("    {}\t{}", a, write_amount(&mut rng, c, -q, *d)));
                    postings.push(MPosting { account: a, commodity: c.clone(), qty: -q });
                }
            }
            if postings.len() < 2 {
                let a = rng.pick(&accounts).clone();
                postings_text.push(format!("    {}  0 EUR", a));
                postings.push(MPosting { account: a, commodity: "EUR".into(), qty: 0 });
                precision.entry("EUR".into()).or_insert(0);
            }
        }
        for p in postings_text {
            text.push_str(&p);
            if rng.below(6) == 0 {
                text.push_str("  ; note");
            }
            text.push('\n');
        }
        text.push('\n');
        file_txns.push(MTxn { date, desc, postings });
    }
    let mut txns = file_txns;
    txns.sort_by_key(|t| t.date);
    Model { text, txns, precision }
}

fn fmt_qty(qty: i64, decimals: u32) -> String {
    let scale = 10i64.pow(3 - decimals);
    assert_eq!(qty % scale, 0);
    let v = qty.abs() / scale;
    let div = 10i64.pow(decimals);
    let body = if decimals == 0 { v.to_string() } else { format!("{}.{:0w$}", v / div, v % div, w = decimals as usize) };
    if qty < 0 {
        format!("-{}", body)
    } else {
        body
    }
}

impl Model {
    fn fmt_one(&self, c: &str, q: i64) -> String {
        let n = fmt_qty(q, *self.precision.get(c).unwrap_or(&0));
        if c.is_empty() {
            n
        } else {
            format!("{} {}", n, c)
        }
    }
    fn fmt_lines(&self, m: &BTreeMap<String, i64>) -> Vec<String> {
        let v: Vec<String> = m.iter().filter(|(_, q)| **q != 0).map(|(c, q)| self.fmt_one(c, *q)).collect();
        if v.is_empty() {
            vec!["0".to_string()]
        } else {
            v
        }
    }
    fn selected(&self, pats: &[&str], begin: Option<(u32, u32, u32)>, end: Option<(u32, u32, u32)>) -> Vec<(&MTxn, &MPosting)> {
        let mut out = Vec::new();
        for t in &self.txns {
            if begin.map_or(false, |b| t.date < b) || end.map_or(false, |e| t.date >= e) {
                continue;
            }
            for p in &t.postings {
                let l = p.account.to_lowercase();
                if pats.is_empty() || pats.iter().any(|x| l.contains(&x.to_lowercase())) {
                    out.push((t, p));
                }
            }
        }
        out
    }
    fn register(&self, pats: &[&str], begin: Option<(u32, u32, u32)>, end: Option<(u32, u32, u32)>) -> String {
        let mut run: BTreeMap<String, i64> = BTreeMap::new();
        let mut out = String::new();
        for (t, p) in self.selected(pats, begin, end) {
            *run.entry(p.commodity.clone()).or_insert(0) += p.qty;
            out.push_str(&format!(
                "{:04}-{:02}-{:02}\t{}\t{}\t{}\t{}\n",
                t.date.0,
                t.date.1,
                t.date.2,
                t.desc,
                p.account,
                self.fmt_one(&p.commodity, p.qty),
                self.fmt_lines(&run).join(", ")
            ));
        }
        out
    }
    fn balance(&self, pats: &[&str], depth: Option<usize>, flat: bool) -> String {
        // account (as component list) -> commodity -> qty
        let mut sums: BTreeMap<Vec<String>, BTreeMap<String, i64>> = BTreeMap::new();
        let mut total: BTreeMap<String, i64> = BTreeMap::new();
        for (_, p) in self.selected(pats, None, None) {
            let mut parts: Vec<String> = p.account.split(':').map(|s| s.to_string()).collect();
            if let Some(d) = depth {
                parts.truncate(d);
            }
            *total.entry(p.commodity.clone()).or_insert(0) += p.qty;
            if flat {
                *sums.entry(parts).or_default().entry(p.commodity.clone()).or_insert(0) += p.qty;
            } else {
                for k in 1..=parts.len() {
                    *sums.entry(parts[..k].to_vec()).or_default().entry(p.commodity.clone()).or_insert(0) += p.qty;
                }
            }
        }
        let nonzero = |m: &BTreeMap<String, i64>| m.values().any(|q| *q != 0);
        let mut rows: Vec<(String, Vec<String>)> = Vec::new();
        for (name, m) in &sums {
            let show = if flat {
                nonzero(m)
            } else {
                sums.iter().any(|(n2, m2)| n2.starts_with(name) && nonzero(m2))
            };
            if !show {
                continue;
            }
            let label = if flat {
                name.join(":")
            } else {
                format!("{}{}", "  ".repeat(name.len() - 1), name[name.len() - 1])
            };
            rows.push((label, self.fmt_lines(m)));
        }
        let tl = self.fmt_lines(&total);
        let w = rows.iter().flat_map(|r| r.1.iter()).chain(tl.iter()).map(|s| s.chars().count()).max().unwrap();
        let mut out = String::new();
        for (label, lines) in &rows {
            for (i, l) in lines.iter().enumerate() {
                out.push_str(&format!("{:>w$}", l, w = w));
                if i + 1 == lines.len() {
                    out.push_str("  ");
                    out.push_str(label);
                }
                out.push('\n');
            }
        }
        out.push_str(&"-".repeat(w));
        out.push('\n');
        for l in &tl {
            out.push_str(&format!("{:>w$}\n", l, w = w));
        }
        out
    }
}

const SEEDS: std::ops::Range<u64> = 1..13;

#[test]
fn model_register_all() {
    for seed in SEEDS {
        let m = generate(seed, 6 + seed as usize);
        assert_eq!(ok(&m.text, &["register"]), m.register(&[], None, None), "seed {}\n{}", seed, m.text);
    }
}

#[test]
fn model_register_filtered() {
    for seed in SEEDS {
        let m = generate(seed + 100, 10);
        let b = (2023, 2, 10);
        let e = (2024, 2, 10);
        let got = ok(&m.text, &["register", "FOOD", "--begin", "2023-02-10", "bank", "--end", "2024/02/10"]);
        assert_eq!(got, m.register(&["FOOD", "bank"], Some(b), Some(e)), "seed {}\n{}", seed, m.text);
    }
}

#[test]
fn model_balance_tree() {
    for seed in SEEDS {
        let m = generate(seed + 200, 8);
        assert_eq!(ok(&m.text, &["balance"]), m.balance(&[], None, false), "seed {}\n{}", seed, m.text);
    }
}

#[test]
fn model_balance_tree_depth() {
    for seed in SEEDS {
        let m = generate(seed + 300, 8);
        let d = 1 + (seed as usize % 3);
        let ds = d.to_string();
        assert_eq!(ok(&m.text, &["balance", "--depth", &ds]), m.balance(&[], Some(d), false), "seed {} depth {}\n{}", seed, d, m.text);
    }
}

#[test]
fn model_balance_flat() {
    for seed in SEEDS {
        let m = generate(seed + 400, 8);
        assert_eq!(ok(&m.text, &["balance", "--flat"]), m.balance(&[], None, true), "seed {}\n{}", seed, m.text);
        let got = ok(&m.text, &["balance", "--flat", "--depth", "2", "a"]);
        assert_eq!(got, m.balance(&["a"], Some(2), true), "seed {} flat depth 2\n{}", seed, m.text);
    }
}

#[test]
fn model_check_counts() {
    for seed in SEEDS {
        let m = generate(seed + 500, 5 + seed as usize);
        let postings: usize = m.txns.iter().map(|t| t.postings.len()).sum();
        let accts: std::collections::BTreeSet<&str> =
            m.txns.iter().flat_map(|t| t.postings.iter().map(|p| p.account.as_str())).collect();
        assert_eq!(
            ok(&m.text, &["check"]),
            format!("ok: {} transactions, {} postings, {} accounts\n", m.txns.len(), postings, accts.len()),
            "seed {}\n{}",
            seed,
            m.text
        );
    }
}

//! Sums of amounts in several commodities.

use std::collections::BTreeMap;

use crate::amount::{format_quantity, Amount};

/// Display precision per commodity: the most decimal places any amount of that commodity was
/// written with anywhere in the journal.
#[derive(Debug, Clone, Default)]
pub struct Precisions {
    places: BTreeMap<String, u32>,
}

impl Precisions {
    pub fn new() -> Precisions {
        Precisions::default()
    }

    /// Records an amount as written in the journal.
    pub fn observe(&mut self, amount: &Amount) {
        self.places.entry(amount.commodity.clone()).or_insert(amount.decimals);
    }

    pub fn get(&self, commodity: &str) -> u32 {
        self.places.get(commodity).copied().unwrap_or(0)
    }

    pub fn format(&self, amount: &Amount) -> String {
        amount.format(self.get(&amount.commodity))
    }
}

/// A sum of quantities keyed by commodity. Zero quantities are never stored, so an empty map
/// is exactly zero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mixed {
    parts: BTreeMap<String, i128>,
}

impl Mixed {
    pub fn new() -> Mixed {
        Mixed::default()
    }

    pub fn add_quantity(&mut self, commodity: &str, quantity: i128) {
        let sum = self.parts.get(commodity).copied().unwrap_or(0) + quantity;
        if sum == 0 {
            self.parts.remove(commodity);
        } else {
            self.parts.insert(commodity.to_string(), sum);
        }
    }

    pub fn add_amount(&mut self, amount: &Amount) {
        self.add_quantity(&amount.commodity, amount.quantity);
    }

    pub fn add_mixed(&mut self, other: &Mixed) {
        for (c, q) in &other.parts {
            self.add_quantity(c, *q);
        }
    }

    pub fn is_zero(&self) -> bool {
        self.parts.is_empty()
    }

    /// The non-zero parts as amounts, ordered by commodity symbol.
    pub fn amounts(&self) -> Vec<Amount> {
        self.parts.iter().map(|(c, q)| Amount::new(c, *q)).collect()
    }

    pub fn negated(&self) -> Mixed {
        let mut m = Mixed::new();
        for (c, q) in &self.parts {
            m.add_quantity(c, -q);
        }
        m
    }

    /// One string per commodity, ordered by commodity symbol; `["0"]` when zero.
    pub fn format_lines(&self, precisions: &Precisions) -> Vec<String> {
        if self.is_zero() {
            return vec!["0".to_string()];
        }
        self.parts
            .iter()
            .map(|(c, q)| {
                let num = format_quantity(*q, precisions.get(c));
                if c.is_empty() {
                    num
                } else {
                    format!("{} {}", num, c)
                }
            })
            .collect()
    }

    /// The parts joined by `", "`, or `0`.
    pub fn format_inline(&self, precisions: &Precisions) -> String {
        self.format_lines(precisions).join(", ")
    }
}

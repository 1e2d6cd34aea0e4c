use std::collections::HashSet;
use units::{convert, convert_units, ConvertError, Dimension, Unit};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1e-300)
}

const SYMBOLS: [&str; 11] = ["mm", "cm", "m", "km", "in", "ft", "mi", "g", "kg", "oz", "lb"];

#[test]
fn all_units_in_declared_order() {
    assert_eq!(
        Unit::ALL,
        [
            Unit::Millimetre,
            Unit::Centimetre,
            Unit::Metre,
            Unit::Kilometre,
            Unit::Inch,
            Unit::Foot,
            Unit::Mile,
            Unit::Gram,
            Unit::Kilogram,
            Unit::Ounce,
            Unit::Pound
        ]
    );
    let set: HashSet<Unit> = Unit::ALL.iter().copied().collect();
    assert_eq!(set.len(), 11);
}

#[test]
fn symbols_and_display() {
    for (u, s) in Unit::ALL.iter().zip(SYMBOLS) {
        assert_eq!(u.symbol(), s);
        assert_eq!(u.to_string(), s);
        assert_eq!(format!("{}", u), s);
    }
}

#[test]
fn from_str_round_trips() {
    for u in Unit::ALL {
        assert_eq!(u.symbol().parse::<Unit>(), Ok(u));
    }
}

#[test]
fn from_str_rejects_unknown() {
    for bad in ["", "KM", "Km", " m", "m ", "meter", "yd", "lbs", "g/", "mg"] {
        assert_eq!(bad.parse::<Unit>(), Err(ConvertError::UnknownUnit(bad.to_string())), "{:?}", bad);
    }
}

#[test]
fn dimensions() {
    for u in &Unit::ALL[..7] {
        assert_eq!(u.dimension(), Dimension::Length, "{}", u);
    }
    for u in &Unit::ALL[7..] {
        assert_eq!(u.dimension(), Dimension::Mass, "{}", u);
    }
}

#[test]
fn base_sizes_are_exact() {
    let expected = [0.001, 0.01, 1.0, 1000.0, 0.0254, 0.3048, 1609.344, 1.0, 1000.0, 28.349523125, 453.59237];
    for (u, e) in Unit::ALL.iter().zip(expected) {
        assert_eq!(u.to_base(), e, "{}", u);
    }
}

#[test]
fn every_same_dimension_pair_converts() {
    for a in Unit::ALL {
        for b in Unit::ALL {
            if a.dimension() != b.dimension() {
                continue;
            }
            let got = convert_units(2.5, a, b).unwrap();
            let want = if a == b { 2.5 } else { 2.5 * a.to_base() / b.to_base() };
            assert!(close(got, want), "{} -> {}: {} vs {}", a, b, got, want);
            let via_str = convert(2.5, a.symbol(), b.symbol()).unwrap();
            assert!(close(via_str, want), "convert {} -> {}", a, b);
        }
    }
}

#[test]
fn previously_missing_pairs() {
    assert!(close(convert(1.0, "mi", "mm").unwrap(), 1_609_344.0));
    assert!(close(convert(1.0, "in", "mm").unwrap(), 25.4));
    assert!(close(convert(1.0, "km", "ft").unwrap(), 1000.0 / 0.3048));
    assert!(close(convert(1.0, "lb", "g").unwrap(), 453.59237));
    assert!(close(convert(1.0, "oz", "kg").unwrap(), 0.028349523125));
}

#[test]
fn same_unit_is_identity() {
    for u in Unit::ALL {
        for v in [0.0, -1.5, 1e300, f64::MIN_POSITIVE, 123.456] {
            assert_eq!(convert_units(v, u, u), Ok(v));
        }
    }
}

#[test]
fn round_trips() {
    for a in Unit::ALL {
        for b in Unit::ALL {
            if a.dimension() == b.dimension() {
                let there = convert_units(7.25, a, b).unwrap();
                let back = convert_units(there, b, a).unwrap();
                assert!(close(back, 7.25), "{} <-> {}", a, b);
            }
        }
    }
}

#[test]
fn incompatible_pairs() {
    for a in Unit::ALL {
        for b in Unit::ALL {
            if a.dimension() != b.dimension() {
                assert_eq!(convert_units(1.0, a, b), Err(ConvertError::Incompatible { from: a, to: b }));
                assert_eq!(
                    convert(1.0, a.symbol(), b.symbol()),
                    Err(format!("cannot convert {} to {}", a.symbol(), b.symbol()))
                );
            }
        }
    }
}

#[test]
fn error_display() {
    assert_eq!(ConvertError::UnknownUnit("yd".into()).to_string(), "unknown unit 'yd'");
    assert_eq!(
        ConvertError::Incompatible { from: Unit::Pound, to: Unit::Mile }.to_string(),
        "cannot convert lb to mi"
    );
    let e: Box<dyn std::error::Error> = Box::new(ConvertError::UnknownUnit("x".into()));
    assert_eq!(e.to_string(), "unknown unit 'x'");
}

#[test]
fn convert_checks_from_first() {
    assert_eq!(convert(1.0, "a", "b"), Err("unknown unit 'a'".to_string()));
    assert_eq!(convert(1.0, "kg", "b"), Err("unknown unit 'b'".to_string()));
    assert_eq!(convert(1.0, "KG", "m"), Err("unknown unit 'KG'".to_string()));
    assert_eq!(convert(1.0, "", "m"), Err("unknown unit ''".to_string()));
}

#[test]
fn negative_and_zero_values() {
    assert!(close(convert(-3.0, "ft", "in").unwrap(), -36.0));
    assert_eq!(convert(0.0, "km", "mi"), Ok(0.0));
}

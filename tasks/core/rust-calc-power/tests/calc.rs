use calc::{evaluate, CalcError};

fn ev(s: &str) -> f64 {
    evaluate(s).unwrap_or_else(|e| panic!("{:?} failed: {}", s, e))
}

#[test]
fn numbers() {
    assert_eq!(ev("42"), 42.0);
    assert_eq!(ev("3.25"), 3.25);
    assert_eq!(ev("  7  "), 7.0);
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(ev("1 + 2 * 3"), 7.0);
    assert_eq!(ev("(1 + 2) * 3"), 9.0);
    assert_eq!(ev("10 - 4 - 3"), 3.0);
    assert_eq!(ev("64 / 4 / 2"), 8.0);
    assert_eq!(ev("2 * 3 / 4"), 1.5);
}

#[test]
fn unary_minus() {
    assert_eq!(ev("-3"), -3.0);
    assert_eq!(ev("--3"), 3.0);
    assert_eq!(ev("2 * -3"), -6.0);
    assert_eq!(ev("-(1 + 2)"), -3.0);
}

#[test]
fn errors() {
    assert_eq!(evaluate(""), Err(CalcError::UnexpectedEnd));
    assert_eq!(evaluate("1 +"), Err(CalcError::UnexpectedEnd));
    assert_eq!(evaluate("(1 + 2"), Err(CalcError::UnexpectedEnd));
    assert_eq!(evaluate("1 2"), Err(CalcError::UnexpectedToken { pos: 2 }));
    assert_eq!(evaluate("1 + )"), Err(CalcError::UnexpectedToken { pos: 4 }));
    assert_eq!(evaluate("2 # 3"), Err(CalcError::UnexpectedChar { ch: '#', pos: 2 }));
    assert_eq!(evaluate("1 / 0"), Err(CalcError::DivisionByZero));
    assert_eq!(evaluate("1 / (2 - 2)"), Err(CalcError::DivisionByZero));
}

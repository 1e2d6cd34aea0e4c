use calc::{evaluate, CalcError};

fn ev(s: &str) -> f64 {
    evaluate(s).unwrap_or_else(|e| panic!("{:?} failed: {:?}", s, e))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn power_basic() {
    assert_eq!(ev("2^10"), 1024.0);
    assert_eq!(ev("9^0.5"), 3.0);
    assert_eq!(ev("2 ^ 0"), 1.0);
    assert_eq!(ev("0^0"), 1.0);
}

#[test]
fn power_is_right_associative() {
    assert_eq!(ev("2^3^2"), 512.0);
    assert_eq!(ev("(2^3)^2"), 64.0);
    assert_eq!(ev("2^2^2^2"), 65536.0);
}

#[test]
fn power_binds_tighter_than_unary_minus() {
    assert_eq!(ev("-2^2"), -4.0);
    assert_eq!(ev("(-2)^2"), 4.0);
    assert_eq!(ev("--2^2"), 4.0);
    assert_eq!(ev("0 - 2^2"), -4.0);
}

#[test]
fn power_exponent_may_be_negative() {
    assert_eq!(ev("2^-1"), 0.5);
    assert_eq!(ev("2^-2^2"), 0.0625);
    assert_eq!(ev("2^--1"), 2.0);
}

#[test]
fn power_binds_tighter_than_mul_div() {
    assert_eq!(ev("2*3^2"), 18.0);
    assert_eq!(ev("3^2*2"), 18.0);
    assert_eq!(ev("64/2^3"), 8.0);
    assert_eq!(ev("1 + 2^3 - 1"), 8.0);
    assert_eq!(ev("-3^2 * 2"), -18.0);
}

#[test]
fn power_with_parenthesised_exponent() {
    assert_eq!(ev("2^(1+2)"), 8.0);
    assert_eq!(ev("2^(3-5)"), 0.25);
}

#[test]
fn constants() {
    assert_eq!(ev("pi"), std::f64::consts::PI);
    assert_eq!(ev("e"), std::f64::consts::E);
    assert!(close(ev("2*pi"), 2.0 * std::f64::consts::PI));
    assert!(close(ev("e^2"), std::f64::consts::E.powf(2.0)));
    assert_eq!(ev("-pi"), -std::f64::consts::PI);
}

#[test]
fn functions_single_argument() {
    assert_eq!(ev("sqrt(16)"), 4.0);
    assert_eq!(ev("sqrt(0)"), 0.0);
    assert_eq!(ev("abs(-3)"), 3.0);
    assert_eq!(ev("abs(3)"), 3.0);
    assert_eq!(ev("sqrt(3*3 + 4*4)"), 5.0);
}

#[test]
fn functions_variadic() {
    assert_eq!(ev("min(3)"), 3.0);
    assert_eq!(ev("max(3)"), 3.0);
    assert_eq!(ev("min(4, 2, 8)"), 2.0);
    assert_eq!(ev("max(1, 2^3, -4)"), 8.0);
    assert_eq!(ev("min(-1, -5, 0)"), -5.0);
    assert_eq!(ev("max( 1 ,2 , 3 )"), 3.0);
}

#[test]
fn calls_are_operands() {
    assert_eq!(ev("sqrt(16)^2"), 16.0);
    assert_eq!(ev("-abs(-3)"), -3.0);
    assert_eq!(ev("2 * max(1, 5) + 1"), 11.0);
    assert_eq!(ev("max(min(1, 2), min(3, 4))"), 3.0);
    assert_eq!(ev("abs(-2)^abs(-3)"), 8.0);
    assert_eq!(ev("sqrt((2))"), 2f64.sqrt());
}

#[test]
fn identifiers_with_underscores_and_digits_are_names() {
    assert_eq!(evaluate("_x1"), Err(CalcError::UnknownIdentifier("_x1".into())));
    assert_eq!(evaluate("x2 + 1"), Err(CalcError::UnknownIdentifier("x2".into())));
}

#[test]
fn unknown_identifiers() {
    assert_eq!(evaluate("x + 1"), Err(CalcError::UnknownIdentifier("x".into())));
    assert_eq!(evaluate("PI"), Err(CalcError::UnknownIdentifier("PI".into())));
    assert_eq!(evaluate("foo(1)"), Err(CalcError::UnknownIdentifier("foo".into())));
    assert_eq!(evaluate("Sqrt(4)"), Err(CalcError::UnknownIdentifier("Sqrt".into())));
    assert_eq!(evaluate("pie"), Err(CalcError::UnknownIdentifier("pie".into())));
}

#[test]
fn wrong_arity() {
    assert_eq!(
        evaluate("sqrt(1, 2)"),
        Err(CalcError::WrongArity { name: "sqrt".into(), got: 2 })
    );
    assert_eq!(evaluate("max()"), Err(CalcError::WrongArity { name: "max".into(), got: 0 }));
    assert_eq!(evaluate("min()"), Err(CalcError::WrongArity { name: "min".into(), got: 0 }));
    assert_eq!(evaluate("abs()"), Err(CalcError::WrongArity { name: "abs".into(), got: 0 }));
    assert_eq!(
        evaluate("abs(1, 2, 3)"),
        Err(CalcError::WrongArity { name: "abs".into(), got: 3 })
    );
}

#[test]
fn domain_error() {
    assert_eq!(evaluate("sqrt(-1)"), Err(CalcError::Domain("sqrt".into())));
    assert_eq!(evaluate("1 + sqrt(0 - 4)"), Err(CalcError::Domain("sqrt".into())));
}

#[test]
fn division_by_zero_inside_calls() {
    assert_eq!(evaluate("max(1, 1/0)"), Err(CalcError::DivisionByZero));
    assert_eq!(evaluate("2^(1/0)"), Err(CalcError::DivisionByZero));
}

#[test]
fn syntax_errors() {
    assert_eq!(evaluate("max(1,)"), Err(CalcError::UnexpectedToken { pos: 6 }));
    assert_eq!(evaluate("2 ^"), Err(CalcError::UnexpectedEnd));
    assert_eq!(evaluate("2 ** 3"), Err(CalcError::UnexpectedToken { pos: 3 }));
    assert_eq!(evaluate("sqrt(4"), Err(CalcError::UnexpectedEnd));
    assert_eq!(evaluate("max(1 2)"), Err(CalcError::UnexpectedToken { pos: 6 }));
    assert_eq!(evaluate("1, 2"), Err(CalcError::UnexpectedToken { pos: 1 }));
    assert_eq!(evaluate("^2"), Err(CalcError::UnexpectedToken { pos: 0 }));
    assert_eq!(evaluate("2 $ 3"), Err(CalcError::UnexpectedChar { ch: '$', pos: 2 }));
}

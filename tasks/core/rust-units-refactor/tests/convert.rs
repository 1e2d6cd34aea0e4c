use units::convert;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn converts_lengths() {
    assert!(close(convert(1.0, "km", "m").unwrap(), 1000.0));
    assert!(close(convert(12.0, "in", "ft").unwrap(), 1.0));
    assert!(close(convert(1.0, "mi", "km").unwrap(), 1.609344));
}

#[test]
fn converts_masses() {
    assert!(close(convert(1.0, "lb", "oz").unwrap(), 16.0));
    assert!(close(convert(2500.0, "g", "kg").unwrap(), 2.5));
}

#[test]
fn same_unit() {
    assert_eq!(convert(3.5, "ft", "ft"), Ok(3.5));
}

#[test]
fn errors() {
    assert_eq!(convert(1.0, "parsec", "m"), Err("unknown unit 'parsec'".to_string()));
    assert_eq!(convert(1.0, "m", "yd"), Err("unknown unit 'yd'".to_string()));
    assert_eq!(convert(1.0, "x", "y"), Err("unknown unit 'x'".to_string()));
    assert_eq!(convert(1.0, "kg", "m"), Err("cannot convert kg to m".to_string()));
}

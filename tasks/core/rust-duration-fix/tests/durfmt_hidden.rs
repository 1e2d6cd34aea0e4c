use durfmt::{format_duration, parse_duration, ParseError};

fn p(s: &str) -> Result<u64, ParseError> {
    parse_duration(s)
}

#[test]
fn format_zero() {
    assert_eq!(format_duration(0), "0s");
}

#[test]
fn format_single_units() {
    assert_eq!(format_duration(1), "1s");
    assert_eq!(format_duration(59), "59s");
    assert_eq!(format_duration(60), "1m");
    assert_eq!(format_duration(3600), "1h");
    assert_eq!(format_duration(86_400), "1d");
}

#[test]
fn format_hours_wrap_into_days() {
    assert_eq!(format_duration(90_000), "1d 1h");
    assert_eq!(format_duration(200_000), "2d 7h 33m 20s");
    assert_eq!(format_duration(86_400 + 23 * 3600), "1d 23h");
    assert_eq!(format_duration(2 * 86_400 + 3600), "2d 1h");
}

#[test]
fn format_all_parts() {
    assert_eq!(format_duration(90_061), "1d 1h 1m 1s");
    assert_eq!(format_duration(3_661), "1h 1m 1s");
    assert_eq!(format_duration(86_399), "23h 59m 59s");
}

#[test]
fn format_skips_zero_parts() {
    assert_eq!(format_duration(86_401), "1d 1s");
    assert_eq!(format_duration(3_605), "1h 5s");
    assert_eq!(format_duration(86_460), "1d 1m");
}

#[test]
fn format_many_days() {
    assert_eq!(format_duration(400 * 86_400), "400d");
    assert_eq!(format_duration(400 * 86_400 + 7_200), "400d 2h");
}

#[test]
fn format_u64_max_does_not_panic() {
    let s = format_duration(u64::MAX);
    assert_eq!(s, "213503982334601d 7h 15s");
}

#[test]
fn parse_simple_units() {
    assert_eq!(p("5s"), Ok(5));
    assert_eq!(p("2m"), Ok(120));
    assert_eq!(p("3h"), Ok(10_800));
    assert_eq!(p("1d"), Ok(86_400));
    assert_eq!(p("0s"), Ok(0));
}

#[test]
fn parse_combined() {
    assert_eq!(p("1h30m"), Ok(5_400));
    assert_eq!(p("2d 4h"), Ok(187_200));
    assert_eq!(p("1d1h1m1s"), Ok(90_061));
    assert_eq!(p("  1h   30m  "), Ok(5_400));
    assert_eq!(p("30m 1h"), Ok(5_400));
    assert_eq!(p("1h 1h"), Ok(7_200));
}

#[test]
fn parse_units_case_insensitive() {
    assert_eq!(p("2H30M"), Ok(9_000));
    assert_eq!(p("1D"), Ok(86_400));
    assert_eq!(p("10S"), Ok(10));
    assert_eq!(p("1h30M5s"), Ok(5_405));
}

#[test]
fn parse_fraction_rounds_to_nearest() {
    assert_eq!(p("0.125m"), Ok(8));
    assert_eq!(p("2.7s"), Ok(3));
    assert_eq!(p("2.675s"), Ok(3));
    assert_eq!(p("0.29m"), Ok(17));
    assert_eq!(p("1.5h"), Ok(5_400));
    assert_eq!(p("0.3m"), Ok(18));
}

#[test]
fn parse_halves_round_up() {
    assert_eq!(p("0.5s"), Ok(1));
    assert_eq!(p("2.5s"), Ok(3));
    assert_eq!(p("0.025m"), Ok(2));
    assert_eq!(p("0.25s"), Ok(0));
    assert_eq!(p("0.49s"), Ok(0));
}

#[test]
fn parse_rounds_the_total_not_each_part() {
    assert_eq!(p("0.4s 0.4s"), Ok(1));
    assert_eq!(p("0.5s0.5s"), Ok(1));
    assert_eq!(p("0.3s 0.3s 0.3s"), Ok(1));
}

#[test]
fn parse_empty() {
    assert_eq!(p(""), Err(ParseError::Empty));
    assert_eq!(p("   \t"), Err(ParseError::Empty));
}

#[test]
fn parse_missing_unit() {
    assert_eq!(p("10"), Err(ParseError::MissingUnit));
    assert_eq!(p("1h 30"), Err(ParseError::MissingUnit));
    assert_eq!(p("5 m"), Err(ParseError::MissingUnit));
}

#[test]
fn parse_unknown_unit_keeps_spelling() {
    assert_eq!(p("5x"), Err(ParseError::UnknownUnit("x".into())));
    assert_eq!(p("2Hrs"), Err(ParseError::UnknownUnit("Hrs".into())));
    assert_eq!(p("1h 3w"), Err(ParseError::UnknownUnit("w".into())));
    assert_eq!(p("3ms"), Err(ParseError::UnknownUnit("ms".into())));
}

#[test]
fn parse_invalid_numbers() {
    assert_eq!(p("1.m"), Err(ParseError::InvalidNumber("1.".into())));
    assert_eq!(p(".5m"), Err(ParseError::InvalidNumber(".5".into())));
    assert_eq!(p("1.2.3s"), Err(ParseError::InvalidNumber("1.2.3".into())));
    assert!(matches!(p("h"), Err(ParseError::InvalidNumber(_))));
    assert!(matches!(p("-5s"), Err(ParseError::InvalidNumber(_))));
    assert!(matches!(p("1h, 2m"), Err(ParseError::InvalidNumber(_))));
}

#[test]
fn round_trip() {
    for secs in [0u64, 1, 59, 61, 3599, 3601, 86_399, 90_061, 1_000_000, 31_536_000] {
        assert_eq!(p(&format_duration(secs)), Ok(secs), "{}", secs);
    }
}

//! Unit conversion.
//!
//! Length units: mm, cm, m, km, in, ft, mi. Mass units: g, kg, oz, lb.

const KNOWN: [&str; 11] = ["mm", "cm", "m", "km", "in", "ft", "mi", "g", "kg", "oz", "lb"];

/// Converts `value` from one unit to another, both given by their symbols.
///
/// Errors: `unknown unit 'X'` for a symbol that is not known (the `from` unit is checked
/// first), `cannot convert A to B` for units that cannot be converted into each other.
pub fn convert(value: f64, from: &str, to: &str) -> Result<f64, String> {
    for u in [from, to] {
        if !KNOWN.contains(&u) {
            return Err(format!("unknown unit '{}'", u));
        }
    }
    if from == to {
        return Ok(value);
    }
    match (from, to) {
        ("m", "km") => Ok(value * 1.0 / 1000.0),
        ("km", "m") => Ok(value * 1000.0 / 1.0),
        ("m", "cm") => Ok(value * 1.0 / 0.01),
        ("cm", "m") => Ok(value * 0.01 / 1.0),
        ("m", "mm") => Ok(value * 1.0 / 0.001),
        ("mm", "m") => Ok(value * 0.001 / 1.0),
        ("cm", "mm") => Ok(value * 0.01 / 0.001),
        ("mm", "cm") => Ok(value * 0.001 / 0.01),
        ("in", "cm") => Ok(value * 0.0254 / 0.01),
        ("cm", "in") => Ok(value * 0.01 / 0.0254),
        ("ft", "m") => Ok(value * 0.3048 / 1.0),
        ("m", "ft") => Ok(value * 1.0 / 0.3048),
        ("in", "ft") => Ok(value * 0.0254 / 0.3048),
        ("ft", "in") => Ok(value * 0.3048 / 0.0254),
        ("mi", "km") => Ok(value * 1609.344 / 1000.0),
        ("km", "mi") => Ok(value * 1000.0 / 1609.344),
        ("mi", "ft") => Ok(value * 1609.344 / 0.3048),
        ("ft", "mi") => Ok(value * 0.3048 / 1609.344),
        ("g", "kg") => Ok(value * 1.0 / 1000.0),
        ("kg", "g") => Ok(value * 1000.0 / 1.0),
        ("lb", "kg") => Ok(value * 453.59237 / 1000.0),
        ("kg", "lb") => Ok(value * 1000.0 / 453.59237),
        ("oz", "g") => Ok(value * 28.349523125 / 1.0),
        ("g", "oz") => Ok(value * 1.0 / 28.349523125),
        ("lb", "oz") => Ok(value * 453.59237 / 28.349523125),
        ("oz", "lb") => Ok(value * 28.349523125 / 453.59237),
        _ => Err(format!("cannot convert {} to {}", from, to)),
    }
}

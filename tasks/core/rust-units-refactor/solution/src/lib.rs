//! Unit conversion between lengths (mm, cm, m, km, in, ft, mi) and masses (g, kg, oz, lb).

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Length,
    Mass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Millimetre,
    Centimetre,
    Metre,
    Kilometre,
    Inch,
    Foot,
    Mile,
    Gram,
    Kilogram,
    Ounce,
    Pound,
}

impl Unit {
    pub const ALL: [Unit; 11] = [
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
        Unit::Pound,
    ];

    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Millimetre => "mm",
            Unit::Centimetre => "cm",
            Unit::Metre => "m",
            Unit::Kilometre => "km",
            Unit::Inch => "in",
            Unit::Foot => "ft",
            Unit::Mile => "mi",
            Unit::Gram => "g",
            Unit::Kilogram => "kg",
            Unit::Ounce => "oz",
            Unit::Pound => "lb",
        }
    }

    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Gram | Unit::Kilogram | Unit::Ounce | Unit::Pound => Dimension::Mass,
            _ => Dimension::Length,
        }
    }

    /// Size in metres or grams.
    pub fn to_base(self) -> f64 {
        match self {
            Unit::Millimetre => 0.001,
            Unit::Centimetre => 0.01,
            Unit::Metre => 1.0,
            Unit::Kilometre => 1000.0,
            Unit::Inch => 0.0254,
            Unit::Foot => 0.3048,
            Unit::Mile => 1609.344,
            Unit::Gram => 1.0,
            Unit::Kilogram => 1000.0,
            Unit::Ounce => 28.349523125,
            Unit::Pound => 453.59237,
        }
    }
}

impl FromStr for Unit {
    type Err = ConvertError;
    fn from_str(s: &str) -> Result<Unit, ConvertError> {
        Unit::ALL
            .iter()
            .copied()
            .find(|u| u.symbol() == s)
            .ok_or_else(|| ConvertError::UnknownUnit(s.to_string()))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConvertError {
    UnknownUnit(String),
    Incompatible { from: Unit, to: Unit },
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::UnknownUnit(u) => write!(f, "unknown unit '{}'", u),
            ConvertError::Incompatible { from, to } => write!(f, "cannot convert {} to {}", from, to),
        }
    }
}

impl std::error::Error for ConvertError {}

pub fn convert_units(value: f64, from: Unit, to: Unit) -> Result<f64, ConvertError> {
    if from.dimension() != to.dimension() {
        return Err(ConvertError::Incompatible { from, to });
    }
    if from == to {
        return Ok(value);
    }
    Ok(value * from.to_base() / to.to_base())
}

/// Converts `value` between units given by their symbols.
pub fn convert(value: f64, from: &str, to: &str) -> Result<f64, String> {
    let from: Unit = from.parse().map_err(|e: ConvertError| e.to_string())?;
    let to: Unit = to.parse().map_err(|e: ConvertError| e.to_string())?;
    convert_units(value, from, to).map_err(|e| e.to_string())
}

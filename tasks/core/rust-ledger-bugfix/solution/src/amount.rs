//! Fixed-point amounts.
//!
//! A quantity is stored as an `i128` count of 10^-8 units, so every amount the journal can
//! express (at most 8 decimal places) is exact and sums never round.

/// Number of decimal places kept internally.
pub const MAX_DECIMALS: u32 = 8;
/// 10^MAX_DECIMALS.
pub const SCALE: i128 = 100_000_000;

/// One quantity of one commodity. `commodity` is empty for bare numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub commodity: String,
    pub quantity: i128,
    /// Decimal places as written in the journal (0 for amounts that were computed).
    pub decimals: u32,
}

/// Why an amount did not parse. The parser turns this into `invalid amount "..."`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError;

fn is_commodity_char(c: char) -> bool {
    c.is_alphabetic() || c == '$' || c == '€' || c == '£' || c == '_'
}

/// True when `s` is a valid commodity symbol: one or more letters, `$`, `€`, `£` or `_`.
pub fn is_commodity(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_commodity_char)
}

/// Parses the digits of a quantity: `[+-]INT[.FRAC]`, where INT is either plain digits or
/// digits grouped in threes by commas (`1,234,567`) and FRAC has 1 to 8 digits.
/// Returns the scaled quantity and the number of decimal places written.
pub fn parse_quantity(s: &str) -> Result<(i128, u32), AmountError> {
    let (negative, body) = if let Some(rest) = s.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, rest)
    } else {
        (false, s)
    };
    let (int_text, frac_text) = match body.find('.') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let whole: i128 = parse_int_part(int_text)?.parse().map_err(|_| AmountError)?;
    let mut value = whole.checked_mul(SCALE).ok_or(AmountError)?;
    let mut decimals = 0;
    if let Some(frac) = frac_text {
        if frac.is_empty() || frac.len() > MAX_DECIMALS as usize {
            return Err(AmountError);
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError);
        }
        decimals = frac.len() as u32;
        let mut f: i128 = frac.parse().map_err(|_| AmountError)?;
        f *= 10i128.pow(MAX_DECIMALS - decimals);
        value += f;
    }
    if negative {
        value = -value;
    }
    Ok((value, decimals))
}

/// Validates the integer part and returns its digits with the grouping commas removed.
fn parse_int_part(s: &str) -> Result<String, AmountError> {
    if s.is_empty() {
        return Err(AmountError);
    }
    if !s.contains(',') {
        if s.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(s.to_string());
        }
        return Err(AmountError);
    }
    let groups: Vec<&str> = s.split(',').collect();
    let first = groups[0];
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError);
    }
    for g in &groups[1..] {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError);
        }
    }
    Ok(groups.concat())
}

impl Amount {
    pub fn new(commodity: &str, quantity: i128) -> Amount {
        Amount { commodity: commodity.to_string(), quantity, decimals: 0 }
    }

    /// Parses an amount as written in a posting: `QTY`, `QTY SYM`, `SYM QTY` or `SYMQTY`
    /// (a prefix symbol may touch the number; a suffix symbol follows one space).
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        let text = text.trim();
        let first = text.chars().next().ok_or(AmountError)?;
        let (commodity, qty_text) = if is_commodity_char(first) {
            let end = text.find(|c: char| !is_commodity_char(c)).ok_or(AmountError)?;
            let sym = &text[..end];
            let rest = &text[end..];
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            (sym, rest)
        } else {
            match text.find(' ') {
                Some(i) => {
                    let sym = &text[i + 1..];
                    if !is_commodity(sym) {
                        return Err(AmountError);
                    }
                    (sym, &text[..i])
                }
                None => ("", text),
            }
        };
        let (quantity, decimals) = parse_quantity(qty_text)?;
        Ok(Amount { commodity: commodity.to_string(), quantity, decimals })
    }

    /// Formats with `decimals` places: `-1234.50 EUR`, or just the number without a commodity.
    pub fn format(&self, decimals: u32) -> String {
        let num = format_quantity(self.quantity, decimals);
        if self.commodity.is_empty() {
            num
        } else {
            format!("{} {}", num, self.commodity)
        }
    }
}

/// Formats a scaled quantity with `decimals` places. Display precisions are never smaller than
/// the places an amount was written with, so no digit is ever lost here.
pub fn format_quantity(quantity: i128, decimals: u32) -> String {
    let unit = 10i128.pow(MAX_DECIMALS - decimals);
    let negative = quantity < 0;
    let abs = quantity.abs() / unit;
    let digits = abs.to_string();
    let body = if decimals == 0 {
        digits
    } else {
        let d = decimals as usize;
        let padded = if digits.len() <= d { format!("{:0>width$}", digits, width = d + 1) } else { digits };
        let split = padded.len() - d;
        format!("{}.{}", &padded[..split], &padded[split..])
    };
    if negative && abs != 0 {
        format!("-{}", body)
    } else {
        body
    }
}

"""Parsing money amounts. Amounts are kept as integer cents everywhere else."""

import re

_AMOUNT = re.compile(r"([+-]?)([0-9]+)(?:\.([0-9]{1,2}))?")


def parse_amount(text: str) -> int:
    """Parse "12.30", "-4.5", "+3", "1,234.56" or "7" into cents (1230, -450, 300, 123456, 700).

    At most two decimals; commas are thousands separators. Raises ValueError otherwise.
    """
    cleaned = text.strip().replace(",", "")
    m = _AMOUNT.fullmatch(cleaned)
    if not m:
        raise ValueError(f"not an amount: {text!r}")
    sign, whole, frac = m.groups()
    cents = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    return -cents if sign == "-" else cents

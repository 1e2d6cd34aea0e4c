"""Parsing money amounts. Amounts are kept as integer cents everywhere else."""

import re

_AMOUNT = re.compile(r"[+-]?[0-9]+(\.[0-9]{1,2})?")


def parse_amount(text: str) -> int:
    """Parse "12.30", "-4.5", "+3", "1,234.56" or "7" into cents (1230, -450, 300, 123456, 700).

    At most two decimals; commas are thousands separators. Raises ValueError otherwise.
    """
    cleaned = text.strip().replace(",", "")
    if not _AMOUNT.fullmatch(cleaned):
        raise ValueError(f"not an amount: {text!r}")
    return int(float(cleaned) * 100)

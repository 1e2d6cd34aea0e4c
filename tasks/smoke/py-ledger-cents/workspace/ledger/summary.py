"""Per-category totals of a ledger.

A ledger is a sequence of lines "DATE CATEGORY AMOUNT" separated by whitespace, e.g.
"2024-03-01  groceries  -12.30". Blank lines and lines starting with "#" are ignored.
"""

from collections.abc import Iterable

from ledger.money import parse_amount


def format_cents(cents: int) -> str:
    """1234567 -> "12,345.67", -5 -> "-0.05"."""
    return f"{cents // 100:,}.{cents % 100:02d}"


def summarize(lines: Iterable[str]) -> dict[str, int]:
    """Total cents per category, in order of first appearance."""
    totals: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = stripped.split()
        if len(fields) != 3:
            raise ValueError(f"line {number}: expected DATE CATEGORY AMOUNT, got {line!r}")
        _date, category, amount = fields
        totals[category] = totals.get(category, 0) + parse_amount(amount)
    return totals


def render_summary(lines: Iterable[str]) -> str:
    """One "category: amount" line per category, sorted by name, then "TOTAL: amount"."""
    totals = summarize(lines)
    out = [f"{category}: {format_cents(totals[category])}" for category in sorted(totals)]
    out.append(f"TOTAL: {format_cents(sum(totals.values()))}")
    return "\n".join(out) + "\n"

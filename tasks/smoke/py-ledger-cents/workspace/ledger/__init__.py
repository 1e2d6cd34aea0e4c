"""A tiny plain-text ledger: parse amounts, total them per category, print a summary."""

from ledger.money import parse_amount
from ledger.summary import format_cents, render_summary, summarize

__all__ = ["format_cents", "parse_amount", "render_summary", "summarize"]

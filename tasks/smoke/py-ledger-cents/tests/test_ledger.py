import pytest

from ledger.money import parse_amount
from ledger.summary import format_cents, render_summary, summarize


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("0.29", 29),
        ("0.58", 58),
        ("1.15", 115),
        ("4.35", 435),
        ("12.30", 1230),
        ("-4.5", -450),
        ("+3", 300),
        ("7", 700),
        ("0.1", 10),
        ("-0.05", -5),
        ("-0.29", -29),
        ("0", 0),
        ("1,234.56", 123456),
        ("  19.99 ", 1999),
        ("98,765,432,109,876,543,210.99", 9876543210987654321099),
        ("-100000000000000000000.01", -10000000000000000000001),
    ],
)
def test_parse_amount(text, cents):
    result = parse_amount(text)
    assert type(result) is int
    assert result == cents


@pytest.mark.parametrize("text", ["1.234", ".5", "1.", "abc", "", "   ", "1.2.3", "--1", "1e3", "12 34"])
def test_parse_amount_invalid(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_parse_amount_every_cent_value_exact():
    for cents in range(0, 10000):
        text = f"{cents // 100}.{cents % 100:02d}"
        assert parse_amount(text) == cents, text
        assert parse_amount("-" + text) == -cents, "-" + text


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (-5, "-0.05"),
        (-150, "-1.50"),
        (-100, "-1.00"),
        (-99, "-0.99"),
        (100, "1.00"),
        (123456, "1,234.56"),
        (-123456, "-1,234.56"),
        (100000000, "1,000,000.00"),
        (-987654321, "-9,876,543.21"),
    ],
)
def test_format_cents(cents, text):
    assert format_cents(cents) == text


def test_format_round_trip():
    for cents in list(range(-2500, 2500, 7)) + [10**12 + 1, -(10**12) - 1]:
        assert parse_amount(format_cents(cents)) == cents


REPORTED = """\
2024-03-01  snacks  0.29
2024-03-02  snacks  0.58
"""


def test_reported_snacks():
    assert summarize(REPORTED.splitlines()) == {"snacks": 87}
    assert render_summary(REPORTED.splitlines()) == "snacks: 0.87\nTOTAL: 0.87\n"


def test_reported_small_refund():
    lines = ["2024-03-04 fees 1.00", "2024-03-05 fees -1.05", "2024-03-05 books -1.50"]
    assert render_summary(lines) == "books: -1.50\nfees: -0.05\nTOTAL: -1.55\n"


def test_full_summary():
    lines = [
        "# March",
        "",
        "2024-03-01  groceries  -12.30",
        "2024-03-01  salary     2,500",
        "2024-03-02  groceries  -1.15",
        "   ",
        "2024-03-03  rent       -1,100.00",
        "2024-03-09  groceries  0.45",
    ]
    assert summarize(lines) == {"groceries": -1300, "salary": 250000, "rent": -110000}
    assert render_summary(lines) == (
        "groceries: -13.00\nrent: -1,100.00\nsalary: 2,500.00\nTOTAL: 1,387.00\n"
    )


def test_bad_line_reports_number():
    with pytest.raises(ValueError, match="line 2"):
        summarize(["2024-03-01 a 1.00", "2024-03-02 b"])

import pytest

from durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0s", 0),
        ("1s", 1),
        ("1w", 604800),
        ("1d", 86400),
        ("1w2d3h4m5s", 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5),
        ("1w 2d 3h 4m 5s", 788645),
        ("  90s  ", 90),
        ("90m", 5400),
        ("007s", 7),
        ("2H", 7200),
        ("1D12H", 129600),
        ("1h\t5s", 3605),
        ("10w", 6048000),
        ("100000s", 100000),
    ],
)
def test_parse_valid(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "5",
        "h",
        "1.5h",
        "-5m",
        "+5m",
        "5x",
        "1h1h",
        "1m1h",
        "1s1m",
        "1 h",
        "1h,2m",
        "1hh",
        "1h 30",
        "h1",
        "1h-",
        "1e3s",
    ],
)
def test_parse_invalid(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0s"),
        (1, "1s"),
        (59, "59s"),
        (60, "1m"),
        (61, "1m1s"),
        (3600, "1h"),
        (3660, "1h1m"),
        (3601, "1h1s"),
        (86399, "23h59m59s"),
        (86400, "1d"),
        (90061, "1d1h1m1s"),
        (604799, "6d23h59m59s"),
        (1209600, "2w"),
        (694861, "1w1d1h1m1s"),
        (604800 * 100 + 5, "100w5s"),
    ],
)
def test_format(seconds, expected):
    assert format_duration(seconds) == expected


def test_format_negative():
    with pytest.raises(ValueError):
        format_duration(-1)


def test_round_trip():
    for n in list(range(0, 4000, 7)) + [86399, 86400, 604799, 604800, 10**7 + 3]:
        assert parse_duration(format_duration(n)) == n

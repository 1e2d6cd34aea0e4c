import pytest

from versions import matches, parse_version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.4.2", (1, 4, 2)),
        ("1.4", (1, 4, 0)),
        ("2", (2, 0, 0)),
        ("0", (0, 0, 0)),
        ("v1.10", (1, 10, 0)),
        ("01.2", (1, 2, 0)),
        ("  3.0.7  ", (3, 0, 7)),
        ("10.20.30", (10, 20, 30)),
    ],
)
def test_parse_version(text, expected):
    assert parse_version(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1.2.3.4", "1..2", "1.", ".1", "1.a", "-1", "1.2-beta", "1 .2", "V1.2", "vv1", "v", "1.2.3 4"],
)
def test_parse_version_invalid(text):
    with pytest.raises(ValueError):
        parse_version(text)


@pytest.mark.parametrize(
    ("version", "constraint", "expected"),
    [
        # numeric, not lexicographic
        ("1.10.0", ">=1.9, <2", True),
        ("1.9.9", ">1.10", False),
        ("1.10", ">1.9", True),
        ("2.0", ">=1.9, <2", False),
        ("10.0.0", "<9", False),
        # padding
        ("1.2", "==1.2.0", True),
        ("1.2.0", "1.2", True),
        ("1.9", "!=1.9.0", False),
        ("1.9.1", "!=1.9", True),
        # every operator, both sides of the boundary
        ("1.2.3", ">=1.2.3", True),
        ("1.2.2", ">=1.2.3", False),
        ("1.2.3", ">1.2.3", False),
        ("1.2.4", ">1.2.3", True),
        ("1.2.3", "<=1.2.3", True),
        ("1.2.4", "<=1.2.3", False),
        ("1.2.3", "<1.2.3", False),
        ("1.2.2", "<1.2.3", True),
        ("1.2.3", "==1.2.3", True),
        ("1.2.4", "==1.2.3", False),
        # tilde
        ("1.4.7", "~1.4", True),
        ("1.4.0", "~1.4", True),
        ("1.5.0", "~1.4", False),
        ("1.3.9", "~1.4", False),
        ("1.4.2", "~1.4.2", True),
        ("1.4.1", "~1.4.2", False),
        ("1.4.99", "~1.4.2", True),
        ("1.5.0", "~1.4.2", False),
        ("1.9.3", "~1", True),
        ("1.0.0", "~1", True),
        ("2.0.0", "~1", False),
        ("0.9.9", "~1", False),
        ("0.1.5", "~0.1", True),
        ("0.2.0", "~0.1", False),
        ("1.1.0", "~v1.0", False),
        # whitespace, v prefix and several clauses
        ("v2.3", "  >= 2.0 ,  < 3 , != 2.3.1 ", True),
        ("2.3.1", ">=2.0,<3,!=2.3.1", False),
        ("1.0", ">= v1", True),
        # match everything
        ("0.0.1", "", True),
        ("99.0", "   ", True),
        ("5.4.3", "*", True),
    ],
)
def test_matches(version, constraint, expected):
    assert matches(version, constraint) is expected


@pytest.mark.parametrize(
    ("version", "constraint"),
    [
        ("1.0", "=>1.0"),
        ("1.0", "=1.0"),
        ("1.0", ">="),
        ("1.0", ">=1.0,,<2"),
        ("1.0", ">=1.0,"),
        ("1.0", ",>=1.0"),
        ("1.0", ">=1.x"),
        ("1.0", "~"),
        ("1.0", ">= 1.0 2.0"),
        ("1.0", "<<2"),
        ("1.0", "**"),
        ("1.x", ">=1.0"),
        ("", "*"),
    ],
)
def test_matches_invalid(version, constraint):
    with pytest.raises(ValueError):
        matches(version, constraint)

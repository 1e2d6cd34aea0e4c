import pytest

from rangeparse import RangeNotSatisfiable, parse_range


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-99", 1000, [(0, 99)]),
        ("bytes=0-0", 1000, [(0, 0)]),
        ("bytes=999-999", 1000, [(999, 999)]),
        ("bytes=500-", 1000, [(500, 999)]),
        ("bytes=0-", 1, [(0, 0)]),
        ("bytes=-200", 1000, [(800, 999)]),
        ("bytes=-1", 1000, [(999, 999)]),
        ("bytes=-1000", 1000, [(0, 999)]),
        ("bytes=-5000", 1000, [(0, 999)]),
        ("bytes=900-2000", 1000, [(900, 999)]),
        ("bytes=0-999", 1000, [(0, 999)]),
        ("bytes=0-1000", 1000, [(0, 999)]),
        ("bytes=007-010", 100, [(7, 10)]),
        ("bytes=-007", 100, [(93, 99)]),
    ],
)
def test_single_ranges(header, size, expected):
    assert parse_range(header, size) == expected


def test_returns_list_of_int_tuples():
    result = parse_range("bytes=1-2,5-", 10)
    assert isinstance(result, list)
    assert all(type(r) is tuple and len(r) == 2 for r in result)
    assert all(type(x) is int for r in result for x in r)


@pytest.mark.parametrize("unit", ["bytes", "Bytes", "BYTES", "bYtEs"])
def test_unit_case_insensitive(unit):
    assert parse_range(f"{unit}=0-9", 100) == [(0, 9)]


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=50-59, 0-9, 10-19", 100, [(0, 19), (50, 59)]),
        ("bytes=0-4,5-9", 100, [(0, 9)]),
        ("bytes=0-4,6-9", 100, [(0, 4), (6, 9)]),
        ("bytes=0-50,10-20", 100, [(0, 50)]),
        ("bytes=10-20,0-50", 100, [(0, 50)]),
        ("bytes=0-10,5-30,25-40", 100, [(0, 40)]),
        ("bytes=0-0,1-1,2-2", 100, [(0, 2)]),
        ("bytes=-10,0-9", 100, [(0, 9), (90, 99)]),
        ("bytes=-10,80-89", 100, [(80, 99)]),
        ("bytes=-10,80-88", 100, [(80, 88), (90, 99)]),
        ("bytes=5-,-3", 100, [(5, 99)]),
        ("bytes=1-1,1-1,1-1", 100, [(1, 1)]),
        ("bytes=70-79,10-19,40-49", 100, [(10, 19), (40, 49), (70, 79)]),
    ],
)
def test_multiple_ranges_sorted_and_merged(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("  bytes=0-9  ", [(0, 9)]),
        ("\tbytes=0-9\t", [(0, 9)]),
        ("bytes= 0-9", [(0, 9)]),
        ("bytes=0-9 ,\t20-29", [(0, 9), (20, 29)]),
        ("bytes=0-9,,20-29", [(0, 9), (20, 29)]),
        ("bytes=0-9,", [(0, 9)]),
        ("bytes=,0-9", [(0, 9)]),
        ("bytes= , 0-9 , ", [(0, 9)]),
    ],
)
def test_whitespace_and_empty_elements(header, expected):
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize(
    "header",
    [
        "",
        "   ",
        "bytes",
        "bytes=",
        "bytes= ",
        "bytes=,",
        "bytes=, ,",
        "bytes 0-9",
        "bytes =0-9",
        "items=0-9",
        "byte=0-9",
        "=0-9",
        "0-9",
        "bytes=-",
        "bytes=5",
        "bytes=abc",
        "bytes=1-2-3",
        "bytes=0 -9",
        "bytes=0- 9",
        "bytes=+1-2",
        "bytes=1-+2",
        "bytes=--5",
        "bytes=-+5",
        "bytes=1_0-20",
        "bytes=0x1-2",
        "bytes=1.5-2",
        "bytes=\u0661-\u0662",
        "bytes=\uff11-\uff12",
        "bytes=0-9;10-19",
        "bytes=9-3",
        "bytes=0-9,9-3",
    ],
)
def test_malformed_raises_value_error(header):
    with pytest.raises(ValueError):
        parse_range(header, 100)


def test_backwards_range_is_malformed_even_when_beyond_size():
    with pytest.raises(ValueError):
        parse_range("bytes=500-400", 100)


def test_syntax_error_wins_over_unsatisfiable():
    with pytest.raises(ValueError):
        parse_range("bytes=500-,x", 100)


def test_negative_size_is_value_error():
    with pytest.raises(ValueError):
        parse_range("bytes=0-1", -1)


def test_not_satisfiable_is_not_value_error():
    assert not issubclass(RangeNotSatisfiable, ValueError)
    assert issubclass(RangeNotSatisfiable, Exception)


@pytest.mark.parametrize(
    ("header", "size"),
    [
        ("bytes=1000-", 1000),
        ("bytes=1000-1000", 1000),
        ("bytes=2000-3000", 1000),
        ("bytes=-0", 1000),
        ("bytes=-000", 1000),
        ("bytes=0-", 0),
        ("bytes=0-0", 0),
        ("bytes=-5", 0),
        ("bytes=-0,1000-,5000-6000", 1000),
    ],
)
def test_unsatisfiable(header, size):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, size)


def test_unsatisfiable_specs_are_dropped():
    assert parse_range("bytes=2000-,0-9,-0", 1000) == [(0, 9)]


def test_huge_numbers():
    big = 10**30
    assert parse_range(f"bytes=0-{big}", 1000) == [(0, 999)]
    assert parse_range(f"bytes=-{big}", 1000) == [(0, 999)]
    assert parse_range(f"bytes={big - 10}-", big) == [(big - 10, big - 1)]
    with pytest.raises(RangeNotSatisfiable):
        parse_range(f"bytes={big}-", 1000)


def test_many_ranges_merge_into_one():
    header = "bytes=" + ",".join(f"{i}-{i}" for i in range(999, -1, -1))
    assert parse_range(header, 1000) == [(0, 999)]


def test_many_disjoint_ranges_stay_ordered():
    header = "bytes=" + ", ".join(f"{i}-{i}" for i in range(198, -1, -2))
    assert parse_range(header, 200) == [(i, i) for i in range(0, 200, 2)]

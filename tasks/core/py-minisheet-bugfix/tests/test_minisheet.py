import pytest

from minisheet import Sheet


def value_of(formula, **cells):
    s = Sheet()
    for ref, text in cells.items():
        s.set(ref, text)
    s.set("Z99", formula)
    return s.get("Z99")


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=1+2", 3.0),
        ("=10-4-3", 3.0),
        ("=1-2+3", 2.0),
        ("=1-2-3-4", -8.0),
        ("=10-2*3", 4.0),
        ("=100/10/5", 2.0),
        ("=2*3/4", 1.5),
        ("=8/4*2", 4.0),
        ("=1+2*3-4/2", 5.0),
        ("=(1+2)*3", 9.0),
        ("=10-(4-3)", 9.0),
        ("=2^3", 8.0),
        ("=2^3^2", 512.0),
        ("=(2^3)^2", 64.0),
        ("=2^-1", 0.5),
        ("=-2^2", -4.0),
        ("=2*3^2", 18.0),
        ("=--3", 3.0),
        ("=-3--3", 0.0),
        ("=+5", 5.0),
        ("=1.5e3+.5", 1500.5),
        ("= 1 + 2 ", 3.0),
        ("=7", 7.0),
        ("=4^0.5", 2.0),
        ("=2-3^2", -7.0),
        ("=100-10-20-30", 40.0),
    ],
)
def test_arithmetic(formula, expected):
    assert value_of(formula) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=1/0", "#DIV/0!"),
        ("=1/(2-2)", "#DIV/0!"),
        ("=FOO(1)", "#NAME?"),
        ("=1+", "#ERROR!"),
        ("=(1", "#ERROR!"),
        ("=1 2", "#ERROR!"),
        ("=", "#ERROR!"),
        ("=(-8)^0.5", "#NUM!"),
        ('="a"+1', "#VALUE!"),
    ],
)
def test_errors(formula, expected):
    assert value_of(formula) == expected


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=A1+B1", 3.0),
        ("=a1*b1", 2.0),
        ("=A10*2", 20.0),
        ("=A10+A100", 110.0),
        ("=AA10-A10", 5.0),
        ("=A100/A10", 10.0),
        ("=A1-B1-A10", -11.0),
        ("=C1+1", 1.0),
    ],
)
def test_references(formula, expected):
    cells = {"A1": "1", "B1": "2", "A10": "10", "A100": "100", "AA10": "15"}
    assert value_of(formula, **cells) == pytest.approx(expected)


def test_multi_digit_rows_and_columns():
    s = Sheet()
    s.set("B12", "3")
    s.set("C123", "4")
    s.set("AB1000", "5")
    s.set("D1", "=B12+C123*AB1000")
    assert s.get("D1") == 23.0
    s.set("d2", "=b12^2")
    assert s.get("D2") == 9.0


GRID = {
    "A1": "1", "B1": "2", "C1": "3",
    "A2": "4", "B2": "5", "C2": "6",
    "A3": "7", "B3": "8", "C3": "9",
    "A4": "text", "B4": "", "C4": "10",
}  # fmt: skip


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=SUM(A1:A3)", 12.0),
        ("=SUM(A1:C1)", 6.0),
        ("=SUM(A1:C3)", 45.0),
        ("=SUM(C3:A1)", 45.0),
        ("=SUM(A3:C1)", 45.0),
        ("=SUM(B2:B2)", 5.0),
        ("=COUNT(B2:B2)", 1.0),
        ("=COUNT(A1:C4)", 10.0),
        ("=SUM(A1:C4)", 55.0),
        ("=SUM(A4:B4)", 0.0),
        ("=MIN(A1:C3)", 1.0),
        ("=MAX(A1:C3)", 9.0),
        ("=MAX(A1:C4)", 10.0),
        ("=MIN(B4:B4)", 0.0),
        ("=SUM(A1:A3, 100)", 112.0),
        ("=SUM(A1:A2, C1:C2, 1+1)", 16.0),
        ("=SUM(A1, B1, C1)", 6.0),
        ("=SUM()", 0.0),
        ("=COUNT(A4, B4, C4)", 1.0),
        ("=sum(a1:b2)", 12.0),
        ("=SUM(A1:A3)*2-SUM(C1:C3)", 6.0),
        ("=MAX(A1:A3)-MIN(A1:A3)-1", 5.0),
        ("=SUM(A1:A3)-SUM(B1:B3)-SUM(C1:C3)", -21.0),
    ],
)
def test_functions_and_ranges(formula, expected):
    assert value_of(formula, **GRID) == pytest.approx(expected)


def test_large_ranges_beyond_row_nine():
    s = Sheet()
    for row in range(1, 21):
        s.set(f"B{row}", str(row))
    s.set("C1", "=SUM(B1:B12)")
    s.set("C2", "=SUM(B1:B20)")
    s.set("C3", "=COUNT(B5:B15)")
    s.set("C4", "=MAX(B1:B20)")
    assert s.get("C1") == 78.0
    assert s.get("C2") == 210.0
    assert s.get("C3") == 11.0
    assert s.get("C4") == 20.0


def test_error_in_range_propagates():
    s = Sheet()
    s.set("A1", "1")
    s.set("A2", "=1/0")
    s.set("B1", "=SUM(A1:A2)")
    s.set("B2", "=SUM(A1:A1)")
    assert s.get("B1") == "#DIV/0!"
    assert s.get("B2") == 1.0


def test_text_and_concatenation():
    s = Sheet()
    s.set("A1", "hello")
    s.set("A2", "3")
    s.set("A3", "2.5")
    s.set("B1", '=A1&" "&A2')
    s.set("B2", "=A3&A2")
    s.set("B3", "=A1+1")
    s.set("B4", "=A9&A1")
    assert s.get("B1") == "hello 3"
    assert s.get("B2") == "2.53"
    assert s.get("B3") == "#VALUE!"
    assert s.get("B4") == "hello"


def test_cell_values():
    s = Sheet()
    s.set("A1", "12")
    s.set("A2", "-3.5")
    s.set("A3", "1e3")
    s.set("A4", "12 apples")
    s.set("A5", "=A1")
    assert s.get("A1") == 12.0 and isinstance(s.get("A1"), float)
    assert s.get("A2") == -3.5
    assert s.get("A3") == 1000.0
    assert s.get("A4") == "12 apples"
    assert s.get("A6") is None
    assert s.get("a5") == 12.0
    assert s.raw("a5") == "=A1"
    s.set("A1", "")
    assert s.get("A1") is None
    assert s.raw("A1") == ""
    assert s.get("A5") is None


def test_recalculation_through_chain():
    s = Sheet()
    s.set("A1", "5")
    s.set("B1", "=A1+1")
    s.set("C1", "=B1*2")
    assert s.get("C1") == 12.0
    s.set("A1", "10")
    assert s.get("B1") == 11.0
    assert s.get("C1") == 22.0


def test_recalculation_long_chain():
    s = Sheet()
    s.set("A1", "1")
    for row in range(2, 31):
        s.set(f"A{row}", f"=A{row - 1}+1")
    assert s.get("A30") == 30.0
    s.set("A1", "100")
    assert s.get("A30") == 129.0
    assert s.get("A15") == 114.0


def test_recalculation_through_ranges_and_diamonds():
    s = Sheet()
    s.set("A1", "1")
    s.set("A2", "2")
    s.set("B1", "=SUM(A1:A2)")
    s.set("B2", "=A1*10")
    s.set("C1", "=B1+B2")
    s.set("D1", "=C1*C1")
    assert s.get("D1") == 169.0
    s.set("A1", "2")
    assert s.get("D1") == 576.0
    s.set("A2", "")
    assert s.get("C1") == 22.0
    assert s.get("D1") == 484.0


def test_recalculation_when_formula_changes():
    s = Sheet()
    s.set("A1", "1")
    s.set("B1", "=A1")
    s.set("C1", "=B1+1")
    s.set("D1", "=C1+1")
    assert s.get("D1") == 3.0
    s.set("B1", "=A1*100")
    assert s.get("D1") == 102.0
    s.set("B1", "7")
    assert s.get("D1") == 9.0


def test_error_clears_after_fix():
    s = Sheet()
    s.set("A1", "0")
    s.set("B1", "=1/A1")
    s.set("C1", "=B1+1")
    s.set("D1", "=C1*2")
    assert s.get("D1") == "#DIV/0!"
    s.set("A1", "4")
    assert s.get("D1") == 2.5


def test_cycles():
    s = Sheet()
    s.set("A1", "=B1+1")
    s.set("B1", "=A1+1")
    s.set("C1", "=A1*2")
    s.set("D1", "=D1")
    assert s.get("A1") == "#CYCLE!"
    assert s.get("B1") == "#CYCLE!"
    assert s.get("C1") == "#CYCLE!"
    assert s.get("D1") == "#CYCLE!"
    s.set("B1", "5")
    assert s.get("A1") == 6.0
    assert s.get("C1") == 12.0


def test_cycle_through_range_and_recovery():
    s = Sheet()
    s.set("A1", "1")
    s.set("A2", "=SUM(A1:A3)")
    s.set("A3", "2")
    s.set("B1", "=A2")
    assert s.get("B1") == "#CYCLE!"
    s.set("A2", "=SUM(A1,A3)")
    assert s.get("B1") == 3.0


def test_long_chain_of_cycle():
    s = Sheet()
    for row in range(1, 11):
        s.set(f"E{row}", f"=E{row + 1}")
    s.set("E11", "=E1")
    assert s.get("E5") == "#CYCLE!"
    s.set("E11", "42")
    assert s.get("E1") == 42.0
    assert s.get("E10") == 42.0

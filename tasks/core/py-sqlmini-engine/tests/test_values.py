"""Expressions, values and functions (SPEC.md sections 3, 5 and 6)."""

import pytest
from sqlhelp import I, N, R, S, err, one

ARITH = [
    ("7 / 2", I(3)),
    ("-7 / 2", I(-3)),
    ("7 / -2", I(-3)),
    ("-7 / -2", I(3)),
    ("-7 % 2", I(-1)),
    ("7 % -2", I(1)),
    ("-7 % -2", I(-1)),
    ("-9 % 4 + (-9 / 4) * 4", I(-9)),
    ("7.0 / 2", R(3.5)),
    ("-7.5 % 2", R(-1.5)),
    ("1 + 2 * 3 - 4", I(3)),
    ("2 * 3.0", R(6.0)),
    ("0.1 + 0.2", R(0.30000000000000004)),
    ("NULL + 1", N),
    ("1 / NULL", N),
    ("'a' || 1 || 2.5 || 3.0", S("a12.53.0")),
    ("'x' || NULL", N),
    ("-(-3)", I(3)),
    ("9223372036854775807 - 1 + 1", I(9223372036854775807)),
]


@pytest.mark.parametrize(("expr", "want"), ARITH, ids=[a for a, _ in ARITH])
def test_arithmetic(expr, want):
    assert one("SELECT " + expr) == want


ARITH_ERRORS = [
    ("1 / 0", "division by zero"),
    ("5 % 0", "division by zero"),
    ("1.5 / 0.0", "division by zero"),
    ("9223372036854775807 + 1", "integer overflow"),
    ("3037000500 * 3037000500", "integer overflow"),
    ("-9223372036854775807 - 2", "integer overflow"),
    ("'x' + 1", "cannot apply '+' to TEXT and INTEGER"),
    ("2.5 * 'y'", "cannot apply '*' to REAL and TEXT"),
    ("-'a'", "cannot apply '-' to TEXT"),
    ("1e308 * 10", "real overflow"),
]


@pytest.mark.parametrize(("expr", "msg"), ARITH_ERRORS, ids=[a for a, _ in ARITH_ERRORS])
def test_arithmetic_errors(expr, msg):
    assert err("SELECT " + expr) == msg


LOGIC = [
    ("NULL AND 0", I(0)),
    ("0 AND NULL", I(0)),
    ("NULL AND 1", N),
    ("1 AND 2", I(1)),
    ("NULL OR 1", I(1)),
    ("1 OR NULL", I(1)),
    ("NULL OR 0", N),
    ("NOT NULL", N),
    ("NOT (NULL AND 0)", I(1)),
    ("0 AND 1 / 0", I(0)),
    ("1 OR 1 / 0", I(1)),
    ("NULL = NULL", N),
    ("1 = 1.0", I(1)),
    ("1 = '1'", I(0)),
    ("5 < 'a'", I(1)),
    ("'B' < 'a'", I(1)),
    ("1 IN (2, NULL)", N),
    ("1 NOT IN (2, NULL)", N),
    ("1 IN (1.0, NULL)", I(1)),
    ("3 NOT IN (1, 2)", I(1)),
    ("NULL IN (1)", N),
    ("2 BETWEEN 1 AND NULL", N),
    ("0 BETWEEN 1 AND NULL", I(0)),
    ("2 NOT BETWEEN 3 AND 5", I(1)),
    ("NULL IS NULL", I(1)),
    ("0 IS NOT NULL", I(1)),
    ("'abc' AND 1", I(0)),
    ("CASE WHEN NULL THEN 1 WHEN 0.5 THEN 2 ELSE 3 END", I(2)),
    ("CASE NULL WHEN NULL THEN 'x' ELSE 'y' END", S("y")),
    ("CASE 2 WHEN 1 THEN 'a' WHEN 2.0 THEN 'b' END", S("b")),
    ("CASE WHEN 0 THEN 1 END", N),
    ("CASE WHEN 1 THEN 'ok' ELSE 1 / 0 END", S("ok")),
    ("TRUE + FALSE", I(1)),
]


@pytest.mark.parametrize(("expr", "want"), LOGIC, ids=[a for a, _ in LOGIC])
def test_logic_and_comparison(expr, want):
    assert one("SELECT " + expr) == want


LIKE = [
    ("'a.c' LIKE 'a.c'", I(1)),
    ("'abc' LIKE 'a.c'", I(0)),
    ("'a(b' LIKE 'a(%'", I(1)),
    ("'a+b' LIKE 'a+b'", I(1)),
    ("'aab' LIKE 'a+b'", I(0)),
    ("'x[1]' LIKE 'x[_]'", I(1)),
    ("'ABC' LIKE 'abc'", I(1)),
    ("'É' LIKE 'é'", I(0)),
    ("'\u212a' LIKE 'k'", I(0)),
    ("'ab' LIKE 'a_'", I(1)),
    ("'abc' LIKE 'a_'", I(0)),
    ("'a' || char_nl || 'b' LIKE 'a%b'", I(1)),
    ("123 LIKE '1%'", I(1)),
    ("2.50 LIKE '2.5'", I(1)),
    ("'abc' NOT LIKE 'a%'", I(0)),
    ("NULL LIKE 'a'", N),
    ("'a' LIKE NULL", N),
    ("'a' LIKE 'a' ESCAPE NULL", N),
    ("'100%' LIKE '100!%' ESCAPE '!'", I(1)),
    ("'1000' LIKE '100!%' ESCAPE '!'", I(0)),
    ("'a_b' LIKE 'a\\_b' ESCAPE '\\'", I(1)),
    ("'axb' LIKE 'a\\_b' ESCAPE '\\'", I(0)),
    ("'a!b' LIKE 'a!!b' ESCAPE '!'", I(1)),
    ("'aXb' LIKE 'aXXb' ESCAPE 'X'", I(1)),
    ("'axb' LIKE 'aXXb' ESCAPE 'X'", I(1)),
    ("'ayb' LIKE 'aXXb' ESCAPE 'X'", I(0)),
    ("'%' LIKE '%'", I(1)),
    ("'' LIKE '%'", I(1)),
    ("'' LIKE '_'", I(0)),
]


@pytest.mark.parametrize(("expr", "want"), LIKE, ids=[a for a, _ in LIKE])
def test_like(expr, want):
    expr = expr.replace("char_nl", "'\n'")
    assert one("SELECT " + expr) == want


LIKE_ERRORS = [
    ("'a' LIKE 'a' ESCAPE 'ab'", "ESCAPE expression must be a single character"),
    ("'a' LIKE 'a' ESCAPE ''", "ESCAPE expression must be a single character"),
    ("'ab' LIKE 'a!b' ESCAPE '!'", "invalid escape sequence in LIKE pattern"),
    ("'a' LIKE 'a!' ESCAPE '!'", "invalid escape sequence in LIKE pattern"),
]


@pytest.mark.parametrize(("expr", "msg"), LIKE_ERRORS, ids=[a for a, _ in LIKE_ERRORS])
def test_like_errors(expr, msg):
    assert err("SELECT " + expr) == msg


FUNCS = [
    ("ROUND(2.5)", R(3.0)),
    ("ROUND(-2.5)", R(-3.0)),
    ("ROUND(0.5)", R(1.0)),
    ("ROUND(-0.5)", R(-1.0)),
    ("ROUND(0.125, 2)", R(0.13)),
    ("ROUND(2.675, 2)", R(2.68)),
    ("ROUND(7)", R(7.0)),
    ("ROUND(1234.5678, 1)", R(1234.6)),
    ("ROUND(NULL)", N),
    ("ABS(-4)", I(4)),
    ("ABS(-4.5)", R(4.5)),
    ("LENGTH('héllo')", I(5)),
    ("LENGTH(12.0)", I(4)),
    ("UPPER('straße')", S("STRASSE")),
    ("lower('ÀB')", S("àb")),
    ("SUBSTR('hello', 2)", S("ello")),
    ("SUBSTR('hello', 0, 2)", S("h")),
    ("SUBSTR('hello', 2, 3)", S("ell")),
    ("SUBSTR('hello', 9)", S("")),
    ("SUBSTR(12345, 2, 2)", S("23")),
    ("COALESCE(NULL, NULL, 3, 4)", I(3)),
    ("COALESCE(NULL)", N),
    ("NULLIF(1, 1.0)", N),
    ("NULLIF('a', 1)", S("a")),
    ("TYPEOF(1 / 2)", S("integer")),
    ("TYPEOF(1 / 2.0)", S("real")),
    ("TYPEOF(NULL || 'a')", S("null")),
]


@pytest.mark.parametrize(("expr", "want"), FUNCS, ids=[a for a, _ in FUNCS])
def test_functions(expr, want):
    assert one("SELECT " + expr) == want


FUNC_ERRORS = [
    ("FROB(1)", "no such function: FROB"),
    ("upper('a', 'b')", "wrong number of arguments to function UPPER"),
    ("ROUND(1.5, 16)", "ROUND digits must be between 0 and 15"),
    ("ROUND(1.5, 1.0)", "ROUND digits must be an INTEGER"),
    ("ROUND('x')", "cannot apply ROUND to TEXT"),
    ("ABS('x')", "cannot apply ABS to TEXT"),
    ("ABS(-9223372036854775807 - 1)", "integer overflow"),
    ("SUBSTR('abc', 1, -1)", "SUBSTR length must not be negative"),
    ("SUBSTR('abc', '1')", "SUBSTR positions must be INTEGER"),
    ("UPPER(DISTINCT 'a')", "wrong use of function UPPER"),
]


@pytest.mark.parametrize(("expr", "msg"), FUNC_ERRORS, ids=[a for a, _ in FUNC_ERRORS])
def test_function_errors(expr, msg):
    assert err("SELECT " + expr) == msg


SYNTAX = [
    ("SELECT 'abc", "unterminated string literal"),
    ("SELECT 1 #", "unexpected character '#' at position 10"),
    ("SELECT 12abc", "malformed number at position 8"),
    ("SELECT 9223372036854775808", "integer literal out of range: 9223372036854775808"),
    ("SELECT 1e999", "real literal out of range: 1e999"),
    ("SELECT 1 FROM", "syntax error at end of input"),
    ("SELECT 1 2", 'syntax error near "2"'),
    ("SELECT (1", "syntax error at end of input"),
    ("SELECT 1; SELECT 2", 'syntax error near "SELECT"'),
    ("select 1 from where", 'syntax error near "where"'),
    ('SELECT "ab', "unterminated quoted identifier"),
    ('SELECT ""', "empty quoted identifier"),
    ("SELECT 1 LIMIT -1", "LIMIT must be a non-negative integer"),
    ("SELECT 1 LIMIT 1 OFFSET 'a'", "OFFSET must be a non-negative integer"),
    ("SELECT 1 LIMIT 2.0", "LIMIT must be a non-negative integer"),
    ("SELECT *", "no tables specified"),
]


@pytest.mark.parametrize(("sql", "msg"), SYNTAX, ids=[a for a, _ in SYNTAX])
def test_syntax_errors(sql, msg):
    assert err(sql) == msg


def test_comments_keywords_and_literals():
    assert one("sElEcT -- the answer\n 'it''s' ;") == S("it's")
    assert one("SELECT .5 + 12. + 1e1") == R(22.5)
    assert one('SELECT 1 AS "Select"') == I(1)

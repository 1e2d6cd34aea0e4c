"""Queries over tables (SPEC.md sections 7 to 10)."""

import pytest
import sqlmini
from sqlhelp import I, N, R, S, err, q

EMP = (
    "id,name,dept,salary,bonus\n"
    "1,ann,eng,100,5\n"
    "2,bob,ops,80,\n"
    "3,cid,eng,120,7.5\n"
    "4,dee,,90,\n"
    "5,eve,ops,80,2\n"
    "6,fay,,70,1\n"
)
DEPT = "code,title,floor\neng,Engineering,3\nops,Operations,1\nhr,People,2\n"
ORD = "oid,emp,amount\n10,1,5\n11,3,7\n12,1,2\n13,9,4\n14,,3\n"
T = {"emp": EMP, "dept": DEPT, "ord": ORD}


def test_column_types_from_csv():
    db = sqlmini.Database()
    db.load_csv("Emp", EMP)
    assert db.tables() == ["emp"]
    assert db.columns("emp") == [
        ("id", "INTEGER"),
        ("name", "TEXT"),
        ("dept", "TEXT"),
        ("salary", "INTEGER"),
        ("bonus", "REAL"),
    ]
    assert q("SELECT bonus FROM emp WHERE id = 1", T)[1] == [[R(5.0)]]


# -- aggregates ----------------------------------------------------------------


def test_aggregates_over_all_rows():
    cols, rows = q(
        "SELECT COUNT(*), COUNT(bonus), SUM(salary), SUM(bonus), AVG(salary), "
        "MIN(dept), MAX(bonus), TOTAL(salary) FROM emp",
        T,
    )
    assert cols == [
        "COUNT(*)",
        "COUNT(bonus)",
        "SUM(salary)",
        "SUM(bonus)",
        "AVG(salary)",
        "MIN(dept)",
        "MAX(bonus)",
        "TOTAL(salary)",
    ]
    assert rows == [[I(6), I(4), I(540), R(15.5), R(90.0), S("eng"), R(7.5), R(540.0)]]


def test_aggregates_over_no_rows():
    _cols, rows = q(
        "SELECT COUNT(*), COUNT(bonus), SUM(salary), AVG(salary), MIN(name), "
        "TOTAL(bonus) FROM emp WHERE salary > 1000",
        T,
    )
    assert rows == [[I(0), I(0), N, N, N, R(0.0)]]


def test_sum_of_only_nulls_is_null():
    assert q("SELECT SUM(bonus), COUNT(bonus) FROM emp WHERE bonus IS NULL", T)[1] == [[N, I(0)]]


def test_group_by_over_no_rows_gives_no_groups():
    assert q("SELECT dept, COUNT(*) FROM emp WHERE 0 GROUP BY dept", T)[1] == []


def test_group_by_order_and_null_group():
    cols, rows = q("SELECT dept, COUNT(*) AS n, SUM(bonus) FROM emp GROUP BY dept", T)
    assert cols == ["dept", "n", "SUM(bonus)"]
    assert rows == [[S("eng"), I(2), R(12.5)], [S("ops"), I(2), R(2.0)], [N, I(2), R(1.0)]]


def test_group_by_qualified_and_parenthesised_forms():
    _cols, rows = q(
        "SELECT e.dept, salary / 10 + 1, COUNT(*) FROM emp e "
        "GROUP BY dept, (salary/10+1) HAVING COUNT(*) > 1",
        T,
    )
    assert rows == [[S("ops"), I(9), I(2)]]


def test_having_and_order_by_aggregate():
    _cols, rows = q(
        "SELECT dept, MAX(salary) AS top FROM emp GROUP BY dept HAVING MIN(salary) >= 80 ORDER BY top DESC", T
    )
    assert rows == [[S("eng"), I(120)], [S("ops"), I(80)]]


def test_count_distinct_and_numeric_equality():
    t = {"v": "x,y\n1,a\n1,A\n2,a\n,b\n2,b\n"}
    assert q("SELECT COUNT(DISTINCT x), COUNT(DISTINCT y), SUM(DISTINCT x) FROM v", t)[1] == [
        [I(2), I(3), I(3)]
    ]
    t2 = {"w": "r\n1.0\n1\n2.5\n"}
    assert q("SELECT COUNT(DISTINCT r) FROM w", t2)[1] == [[I(2)]]


def test_min_max_keep_type_and_text_order():
    t = {"m": "k,v\na,10\nb,9\nc,\n"}
    assert q("SELECT MIN(v), MAX(v), MIN(k), MAX(CASE WHEN v > 9 THEN 'z' ELSE v END) FROM m", t)[1] == [
        [I(9), I(10), S("a"), S("z")]
    ]


def test_sum_overflow_and_text():
    t = {"big": "v\n9223372036854775807\n1\n"}
    assert err("SELECT SUM(v) FROM big", t) == "integer overflow"
    assert q("SELECT TOTAL(v) FROM big", t)[1] == [[R(9.223372036854776e18)]]
    assert err("SELECT SUM(name) FROM emp", T) == "cannot apply SUM to TEXT"
    assert err("SELECT AVG(name) FROM emp", T) == "cannot apply AVG to TEXT"


AGG_ERRORS = [
    (
        "SELECT name, COUNT(*) FROM emp",
        'column "name" must appear in the GROUP BY clause or be used in an aggregate function',
    ),
    (
        "SELECT e.name FROM emp e GROUP BY dept",
        'column "e.name" must appear in the GROUP BY clause or be used in an aggregate function',
    ),
    ("SELECT COUNT(*) FROM emp WHERE SUM(salary) > 1", "aggregate functions are not allowed in WHERE"),
    ("SELECT SUM(COUNT(*)) FROM emp", "aggregate function calls cannot be nested"),
    ("SELECT 1 FROM emp GROUP BY COUNT(*)", "aggregate functions are not allowed in GROUP BY"),
    ("SELECT 1 FROM emp JOIN dept ON COUNT(*) > 0", "aggregate functions are not allowed in ON"),
    ("SELECT name FROM emp HAVING id > 1", "HAVING requires GROUP BY or an aggregate"),
    ("SELECT SUM(*) FROM emp", "SUM(*) is not allowed"),
    ("SELECT COUNT(id, name) FROM emp", "wrong number of arguments to function COUNT"),
    ("SELECT dept, COUNT(*) AS n FROM emp GROUP BY dept HAVING n > 1", "no such column: n"),
]


@pytest.mark.parametrize(("sql", "msg"), AGG_ERRORS, ids=[a for a, _ in AGG_ERRORS])
def test_grouping_errors(sql, msg):
    assert err(sql, T) == msg


# -- ORDER BY, DISTINCT, LIMIT ------------------------------------------------


def test_order_nulls_default_and_stable():
    assert q("SELECT id FROM emp ORDER BY bonus", T)[1] == [[I(2)], [I(4)], [I(6)], [I(5)], [I(1)], [I(3)]]
    assert q("SELECT id FROM emp ORDER BY bonus DESC", T)[1] == [
        [I(3)],
        [I(1)],
        [I(5)],
        [I(6)],
        [I(2)],
        [I(4)],
    ]
    assert q("SELECT id FROM emp ORDER BY salary DESC", T)[1] == [
        [I(3)],
        [I(1)],
        [I(4)],
        [I(2)],
        [I(5)],
        [I(6)],
    ]


def test_order_nulls_first_last_explicit():
    assert q("SELECT id FROM emp ORDER BY bonus DESC NULLS FIRST", T)[1] == [
        [I(2)],
        [I(4)],
        [I(3)],
        [I(1)],
        [I(5)],
        [I(6)],
    ]
    assert q("SELECT id FROM emp ORDER BY dept NULLS LAST, id DESC", T)[1] == [
        [I(3)],
        [I(1)],
        [I(5)],
        [I(2)],
        [I(6)],
        [I(4)],
    ]


def test_order_by_position_alias_and_mixed_types():
    _cols, rows = q(
        "SELECT name AS who, CASE WHEN id % 2 = 0 THEN name ELSE id END AS k FROM emp ORDER BY 2 DESC, who", T
    )
    assert rows == [
        [S("fay"), S("fay")],
        [S("dee"), S("dee")],
        [S("bob"), S("bob")],
        [S("eve"), I(5)],
        [S("cid"), I(3)],
        [S("ann"), I(1)],
    ]


def test_order_by_alias_wins_over_column():
    assert q("SELECT name AS salary, salary AS pay FROM emp ORDER BY salary DESC LIMIT 3", T)[1] == [
        [S("fay"), I(70)],
        [S("eve"), I(80)],
        [S("dee"), I(90)],
    ]
    assert q("SELECT id FROM emp ORDER BY salary, id DESC", T)[1] == [
        [I(6)],
        [I(5)],
        [I(2)],
        [I(4)],
        [I(1)],
        [I(3)],
    ]


def test_avg_is_real():
    assert q("SELECT AVG(id), AVG(salary), AVG(bonus) FROM emp WHERE id < 3", T)[1] == [
        [R(1.5), R(90.0), R(5.0)]
    ]


def test_order_by_errors():
    assert err("SELECT id FROM emp ORDER BY 2", T) == "ORDER BY position 2 is out of range"
    assert err("SELECT id FROM emp ORDER BY 0", T) == "ORDER BY position 0 is out of range"
    assert (
        err("SELECT DISTINCT dept FROM emp ORDER BY salary", T)
        == "ORDER BY term must appear in the select list when DISTINCT is used"
    )


def test_limit_offset():
    assert q("SELECT id FROM emp LIMIT 2 OFFSET 3", T)[1] == [[I(4)], [I(5)]]
    assert q("SELECT id FROM emp ORDER BY id DESC LIMIT 10 OFFSET 4", T)[1] == [[I(2)], [I(1)]]
    assert q("SELECT id FROM emp LIMIT 3 OFFSET 9", T)[1] == []
    assert q("SELECT id FROM emp LIMIT 0", T)[1] == []


def test_distinct_numeric_and_text_forms():
    t = {"d": 'a,b,c\n1,x|y,z\n1.0,x,y|z\n2,"None",\n2,,\n2.5,,"None"\n2.5,,\n'}
    _cols, rows = q("SELECT DISTINCT a FROM d", t)
    assert rows == [[R(1.0)], [R(2.0)], [R(2.5)]]
    _cols, rows = q("SELECT DISTINCT b || '', c FROM d", t)
    assert rows == [[S("x|y"), S("z")], [S("x"), S("y|z")], [S("None"), N], [N, N], [N, S("None")]]
    t2 = {"e": "i,r,c\n1,1.0,a\n1,1,b\n2,2.5,a\n"}
    assert q("SELECT DISTINCT i * 1.0, i FROM e", t2)[1] == [[R(1.0), I(1)], [R(2.0), I(2)]]
    assert q("SELECT DISTINCT CASE WHEN c = 'a' THEN i ELSE r END FROM e", t2)[1] == [[I(1)], [I(2)]]


# -- joins ---------------------------------------------------------------------


def test_inner_join_order():
    cols, rows = q("SELECT e.name, o.oid FROM emp e JOIN ord o ON o.emp = e.id", T)
    assert cols == ["name", "oid"]
    assert rows == [[S("ann"), I(10)], [S("ann"), I(12)], [S("cid"), I(11)]]


def test_left_join_pads_and_anti_join():
    _cols, rows = q("SELECT e.id, o.amount FROM emp AS e LEFT JOIN ord AS o ON e.id = o.emp", T)
    assert rows == [[I(1), I(5)], [I(1), I(2)], [I(2), N], [I(3), I(7)], [I(4), N], [I(5), N], [I(6), N]]
    assert q("SELECT e.name FROM emp e LEFT JOIN ord o ON o.emp = e.id WHERE o.oid IS NULL", T)[1] == [
        [S("bob")],
        [S("dee")],
        [S("eve")],
        [S("fay")],
    ]


def test_left_join_where_on_right_side_filters_padded_rows():
    sql = "SELECT e.name, o.oid FROM emp e LEFT JOIN ord o ON o.emp = e.id WHERE o.amount > 3"
    assert q(sql, T)[1] == [[S("ann"), I(10)], [S("cid"), I(11)]]
    sql = (
        "SELECT e.name, d.title FROM emp e LEFT JOIN dept d ON d.code = e.dept WHERE d.floor < 3 OR e.id = 6"
    )
    assert q(sql, T)[1] == [[S("bob"), S("Operations")], [S("eve"), S("Operations")], [S("fay"), N]]


def test_left_join_condition_on_right_table_only_in_on():
    sql = (
        "SELECT e.name, d.title FROM emp e LEFT JOIN dept d ON d.code = e.dept AND d.floor > 2 WHERE e.id < 4"
    )
    assert q(sql, T)[1] == [[S("ann"), S("Engineering")], [S("bob"), N], [S("cid"), S("Engineering")]]


def test_three_way_join_and_grouping():
    sql = (
        "SELECT d.title, COUNT(o.oid) AS orders, SUM(o.amount) FROM dept d "
        "LEFT JOIN emp e ON e.dept = d.code LEFT JOIN ord o ON o.emp = e.id "
        "GROUP BY d.title ORDER BY orders DESC, 1"
    )
    assert q(sql, T)[1] == [
        [S("Engineering"), I(3), I(14)],
        [S("Operations"), I(0), N],
        [S("People"), I(0), N],
    ]


def test_join_keys_null_numeric_and_text():
    t = {
        "a": "k,x\n1,a1\n,anull\n2.0,a2\n3,a3\n",
        "b": "k,y\n1.0,b1\n,bnull\n2,b2\n1,b1b\n",
        "c": "k,z\n1,c1\n3,c3\n",
    }
    assert q("SELECT x, y FROM a JOIN b ON a.k = b.k", t)[1] == [
        [S("a1"), S("b1")],
        [S("a1"), S("b1b")],
        [S("a2"), S("b2")],
    ]
    assert q("SELECT x, y FROM a LEFT JOIN b ON b.k = a.k", t)[1] == [
        [S("a1"), S("b1")],
        [S("a1"), S("b1b")],
        [S("anull"), N],
        [S("a2"), S("b2")],
        [S("a3"), N],
    ]
    t["c"] = "k,z\n1,c1\nthree,c3\n"
    assert q("SELECT x, z FROM a JOIN c ON a.k = c.k", t)[1] == []
    assert q("SELECT x, z FROM a JOIN c ON SUBSTR(a.k, 1, 1) = c.k", t)[1] == [[S("a1"), S("c1")]]
    t["d"] = "k,w\n1,d1\n01,d2\n"
    assert q("SELECT x, w FROM a JOIN d ON d.k = a.k AND d.w <> 'd2'", t)[1] == [[S("a1"), S("d1")]]


def test_join_non_equi_condition():
    sql = (
        "SELECT e.name, d.code FROM emp e JOIN dept d ON e.salary > 95 AND d.floor >= 2 "
        "OR d.code = e.dept AND e.id = 2"
    )
    assert q(sql, T)[1] == [
        [S("ann"), S("eng")],
        [S("ann"), S("hr")],
        [S("bob"), S("ops")],
        [S("cid"), S("eng")],
        [S("cid"), S("hr")],
    ]


NAME_ERRORS = [
    ("SELECT id FROM emp JOIN ord ON 1", None),
    ("SELECT x FROM emp", "no such column: x"),
    ("SELECT emp.x FROM emp", "no such column: emp.x"),
    ("SELECT z.id FROM emp", "no such column: z.id"),
    ("SELECT 1 FROM nope", "no such table: nope"),
    ("SELECT z.* FROM emp", "no such table: z"),
    ("SELECT 1 FROM emp e JOIN ord e ON 1", "duplicate table alias: e"),
    ("SELECT emp FROM emp e JOIN emp f ON e.id = f.id", "no such column: emp"),
    ("SELECT name FROM emp e JOIN emp f ON e.id = f.id", "ambiguous column name: name"),
]


@pytest.mark.parametrize(("sql", "msg"), NAME_ERRORS[1:], ids=[a for a, _ in NAME_ERRORS[1:]])
def test_name_errors(sql, msg):
    assert err(sql, T) == msg


# -- result names and output -------------------------------------------------------


def test_result_column_names():
    cols, _ = q("SELECT e.name, name AS Who, salary+1, (salary), 'a'||'b' FROM emp e", T)
    assert cols == ["name", "who", "salary+1", "(salary)", "'a'||'b'"]
    cols, _ = q("SELECT count( * ),MAX(salary)  AS  m, 1 FROM emp", T)
    assert cols == ["count( * )", "m", "1"]
    cols, rows = q("SELECT d.*, e.id FROM dept d JOIN emp e ON e.dept = d.code WHERE e.id = 2", T)
    assert cols == ["code", "title", "floor", "id"]
    assert rows == [[S("ops"), S("Operations"), I(1), I(2)]]


def test_format_result_exact():
    t = {
        "f": 'a,b,c\n1,x,3.0\n2,"",0.1\n3,NULL,1e20\n4," sp",2.5e-7\n5,"a|b",-0.0\n'
        '6,"say ""hi""",\n7,"two\nlines",100\n'
    }
    out = sqlmini.run_text('SELECT a, b, c, c * 3 AS "x|y" FROM f', t)
    assert out == (
        """a|b|c|"x|y"\n"""
        """1|x|3.0|9.0\n"""
        """2|""|0.1|0.30000000000000004\n"""
        """3|"NULL"|1e+20|3e+20\n"""
        """4|" sp"|2.5e-07|7.5e-07\n"""
        """5|"a|b"|0.0|0.0\n"""
        '''6|"say ""hi"""|NULL|NULL\n'''
        """7|"two\nlines"|100.0|300.0\n"""
        """(7 rows)\n"""
    )


def test_format_footers():
    assert sqlmini.run_text("SELECT 1 AS one") == "one\n1\n(1 row)\n"
    assert sqlmini.run_text("SELECT 1 AS one LIMIT 0") == "one\n(0 rows)\n"
    assert (
        sqlmini.run_text("SELECT 'tab\t' AS t, 12345678901234567.0 AS r")
        == 't|r\n"tab\t"|1.2345678901234568e+16\n(1 row)\n'
    )


# -- CSV -------------------------------------------------------------------------


def test_csv_quoting_nulls_and_types():
    text = '\ufeffId, Name ,Note,Num\r\n1,"a, b","",7\r\n2,"multi\r\nline",x,7.5\r\n\r\n3,,"q""uote",\r\n4,plain,,+2'
    db = sqlmini.Database()
    db.load_csv("t", text)
    assert db.columns("t") == [("id", "INTEGER"), ("name", "TEXT"), ("note", "TEXT"), ("num", "REAL")]
    _cols, rows = sqlmini.run("SELECT * FROM t", {"t": text})
    assert [[(type(v).__name__, v) for v in r] for r in rows] == [
        [I(1), S("a, b"), S(""), R(7.0)],
        [I(2), S("multi\r\nline"), S("x"), R(7.5)],
        [I(3), N, S('q"uote'), N],
        [I(4), S("plain"), N, R(2.0)],
    ]
    assert q("SELECT COUNT(note), COUNT(*) FROM t WHERE note = ''", {"t": text})[1] == [[I(1), I(1)]]


def test_csv_type_inference_edges():
    text = "a,b,c,d,e\n007,1e3,,9223372036854775808,1\n-3,.5,,1,x\n"
    db = sqlmini.Database()
    db.load_csv("t", text)
    assert db.columns("t") == [("a", "INTEGER"), ("b", "REAL"), ("c", "TEXT"), ("d", "REAL"), ("e", "TEXT")]
    assert q("SELECT a, b, d, e FROM t", {"t": text})[1] == [
        [I(7), R(1000.0), R(9.223372036854776e18), S("1")],
        [I(-3), R(0.5), R(1.0), S("x")],
    ]
    text2 = 'q\n""\n5\n'
    assert q("SELECT q, TYPEOF(q) FROM t", {"t": text2})[1] == [[S(""), S("text")], [S("5"), S("text")]]


def test_csv_lone_cr_line_endings():
    text = 'a,b\r1,x\r2,"y\rz"\r3,w'
    assert q("SELECT a, b FROM t", {"t": text})[1] == [
        [I(1), S("x")],
        [I(2), S("y\rz")],
        [I(3), S("w")],
    ]
    assert sqlmini.run("SELECT COUNT(*) FROM t", {"t": "v\r\r5\r"})[1] == [(1,)]


CSV_ERRORS = [
    ('a,b\n1,"x\n2,3\n', "t.csv: line 2: unterminated quoted field"),
    ('a,b\n1,"x"y\n', "t.csv: line 2: unexpected character after closing quote"),
    ('a,b\n1,x"y\n', "t.csv: line 2: unexpected quote in unquoted field"),
    ("a,b\n1,2\n\n3\n", "t.csv: line 4: expected 2 fields, got 1"),
    ('a,b\n"1\n2",3,4\n', "t.csv: line 2: expected 2 fields, got 3"),
    ("", "t.csv: missing header row"),
    ("a,2b\n", "t.csv: line 1: invalid column name '2b'"),
    ("a,A\n", "t.csv: line 1: duplicate column name 'a'"),
]


@pytest.mark.parametrize(("text", "msg"), CSV_ERRORS, ids=[m for _, m in CSV_ERRORS])
def test_csv_errors(text, msg):
    db = sqlmini.Database()
    with pytest.raises(sqlmini.CSVFormatError) as info:
        db.load_csv("t", text)
    assert str(info.value) == msg


def test_load_dir(tmp_path):
    (tmp_path / "People.CSV").write_text("id,n\n1,x\n", encoding="utf-8")
    (tmp_path / "z.csv").write_text("v\n1\n", encoding="utf-8")
    (tmp_path / "bad-name.csv").write_text("oops", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    db = sqlmini.Database()
    db.load_dir(str(tmp_path))
    assert db.tables() == ["people", "z"]
    (tmp_path / "y.csv").write_text('a\n"x\n', encoding="utf-8")
    with pytest.raises(sqlmini.SQLError) as info:
        sqlmini.Database().load_dir(str(tmp_path))
    assert str(info.value) == "y.csv: line 2: unterminated quoted field"

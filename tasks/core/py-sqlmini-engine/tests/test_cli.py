"""The command line (SPEC.md section 11)."""

import subprocess
from pathlib import Path

WS = Path(__file__).resolve().parent.parent


def sqlmini(*args, input_text=None):
    return subprocess.run(
        ["python3", "-m", "sqlmini", *args],
        cwd=str(WS),
        input=input_text,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_query_output(tmp_path):
    (tmp_path / "t.csv").write_text('id,name\n1,a b\n2,\n3,""\n', encoding="utf-8")
    r = sqlmini("-d", str(tmp_path), "SELECT id, name, id / 2.0 AS h FROM t ORDER BY name DESC")
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == 'id|name|h\n1|a b|0.5\n3|""|1.5\n2|NULL|1.0\n(3 rows)\n'


def test_cli_stdin_and_long_option(tmp_path):
    (tmp_path / "t.csv").write_text("v\n-7\n", encoding="utf-8")
    r = sqlmini("--data", str(tmp_path), input_text="SELECT v / 2, v % 2 FROM t")
    assert (r.returncode, r.stdout, r.stderr) == (0, "v / 2|v % 2\n-3|-1\n(1 row)\n", "")
    r = sqlmini("-d", str(tmp_path), "-", input_text="SELECT SUM(v) FROM t WHERE v > 0")
    assert (r.returncode, r.stdout) == (0, "SUM(v)\nNULL\n(1 row)\n")


def test_cli_errors(tmp_path):
    (tmp_path / "t.csv").write_text("v\n1\n", encoding="utf-8")
    r = sqlmini("-d", str(tmp_path), "SELECT nope FROM t")
    assert (r.returncode, r.stdout, r.stderr) == (1, "", "sqlmini: error: no such column: nope\n")
    r = sqlmini("-d", str(tmp_path), "SELECT 'a' LIKE 'a(' ")
    assert (r.returncode, r.stdout) == (0, "'a' LIKE 'a('\n0\n(1 row)\n")
    (tmp_path / "u.csv").write_text("a,b\n1\n", encoding="utf-8")
    r = sqlmini("-d", str(tmp_path), "SELECT 1")
    assert (r.returncode, r.stdout, r.stderr) == (
        1,
        "",
        "sqlmini: error: u.csv: line 2: expected 2 fields, got 1\n",
    )


def test_cli_usage():
    r = sqlmini("-x")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "sqlmini: unknown option -x\nusage: sqlmini [-d DIR] [QUERY]\n"
    r = sqlmini("-d")
    assert (r.returncode, r.stderr) == (
        2,
        "sqlmini: option -d needs a value\nusage: sqlmini [-d DIR] [QUERY]\n",
    )
    r = sqlmini("SELECT 1", "SELECT 2")
    assert (r.returncode, r.stderr) == (2, "sqlmini: too many arguments\nusage: sqlmini [-d DIR] [QUERY]\n")
    r = sqlmini("--help")
    assert (r.returncode, r.stdout, r.stderr) == (0, "usage: sqlmini [-d DIR] [QUERY]\n", "")

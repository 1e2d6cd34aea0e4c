import json
import subprocess
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "cfgtool.py"

BASE_INI = """\
# base settings
[server]
host = 0.0.0.0
port = 8080

[server.tls]
enabled = no
"""

PROD_JSON = {"server": {"port": 443, "tls": {"cert": "/etc/cert.pem", "enabled": True}}, "debug": False}


def run(*args, cwd=None):
    proc = subprocess.run(
        [sys.executable, str(TOOL), *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )
    return proc.returncode, proc.stdout, proc.stderr


def ok(*args, cwd=None):
    code, out, err = run(*args, cwd=cwd)
    assert code == 0, (code, out, err)
    return out


def fails(expected_code, *args, cwd=None):
    code, out, err = run(*args, cwd=cwd)
    assert code == expected_code, (code, out, err)
    assert out == ""
    assert err.strip(), "an error message is expected on stderr"
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 or err.lstrip().startswith("usage:")
    return err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "base.ini").write_text(BASE_INI)
    (tmp_path / "prod.json").write_text(json.dumps(PROD_JSON))
    return tmp_path


def test_get_ini_values_are_strings(files):
    assert ok("-f", str(files / "base.ini"), "get", "server.port") == "8080\n"
    assert ok("-f", str(files / "base.ini"), "get", "server.host") == "0.0.0.0\n"
    assert ok("-f", str(files / "base.ini"), "get", "server.tls.enabled") == "no\n"
    dumped = json.loads(ok("-f", str(files / "base.ini"), "dump"))
    assert dumped == {"server": {"host": "0.0.0.0", "port": "8080", "tls": {"enabled": "no"}}}


def test_get_json_values_keep_types(files):
    f = str(files / "prod.json")
    assert ok("-f", f, "get", "server.port") == "443\n"
    assert ok("-f", f, "get", "debug") == "false\n"
    assert ok("-f", f, "get", "server.tls.enabled") == "true\n"
    assert ok("-f", f, "get", "server.tls.cert") == "/etc/cert.pem\n"


def test_layers_override_in_order(files):
    ini, js = str(files / "base.ini"), str(files / "prod.json")
    assert ok("-f", ini, "-f", js, "get", "server.port") == "443\n"
    assert ok("-f", js, "-f", ini, "get", "server.port") == "8080\n"
    assert ok("-f", ini, "-f", js, "get", "server.host") == "0.0.0.0\n"
    assert ok("-f", js, "-f", ini, "get", "server.tls.enabled") == "no\n"


def test_set_overrides_files_and_parses_json(files):
    ini = str(files / "base.ini")
    assert ok("-f", ini, "-s", "server.port=9000", "get", "server.port") == "9000\n"
    assert json.loads(ok("-f", ini, "-s", "server.port=9000", "dump"))["server"]["port"] == 9000
    assert json.loads(ok("-s", 'a="9000"', "dump")) == {"a": "9000"}
    assert json.loads(ok("-s", "a=true", "-s", "b=null", "-s", "c=[1,2]", "-s", "d=1.5", "dump")) == {
        "a": True,
        "b": None,
        "c": [1, 2],
        "d": 1.5,
    }
    assert ok("-s", "name=web", "get", "name") == "web\n"
    assert ok("-s", "url=a=b", "get", "url") == "a=b\n"
    assert ok("-s", "empty=", "get", "empty") == "\n"
    assert ok("-s", "x=1", "-s", "x=2", "get", "x") == "2\n"
    assert ok("-s", "c=[1,2]", "get", "c") == "[1, 2]\n"


def test_set_object_value_is_a_leaf():
    assert ok("-s", 'obj={"b": 2, "a": 1}', "get", "obj") == '{"a": 1, "b": 2}\n'
    assert ok("-s", 'obj={"b": 2, "a": 1}', "keys") == "obj\n"
    code, out, err = run("-s", 'obj={"a": 1}', "get", "obj.a")
    assert code == 1


def test_get_section_prints_nested_json(files):
    ini, js = str(files / "base.ini"), str(files / "prod.json")
    out = ok("-f", ini, "-f", js, "get", "server")
    assert out == json.dumps(
        {"host": "0.0.0.0", "port": 443, "tls": {"cert": "/etc/cert.pem", "enabled": True}}, indent=2, sort_keys=True
    ) + "\n"
    assert ok("-f", ini, "get", "server.tls") == '{\n  "enabled": "no"\n}\n'


def test_get_missing_key(files):
    ini = str(files / "base.ini")
    err = fails(1, "-f", ini, "get", "server.nope")
    assert err.startswith("cfgtool: ")
    fails(1, "-f", ini, "get", "serv")
    fails(1, "-f", ini, "get", "server.port.x")
    fails(1, "get", "anything")


def test_conflicting_leaves_are_removed():
    assert json.loads(ok("-s", "a=1", "-s", "a.b=2", "dump")) == {"a": {"b": 2}}
    assert json.loads(ok("-s", "a.b=2", "-s", "a.c=3", "-s", "a=1", "dump")) == {"a": 1}
    assert json.loads(ok("-s", "a.b.c=1", "-s", "a.b=2", "-s", "a.x=3", "dump")) == {"a": {"b": 2, "x": 3}}
    assert json.loads(ok("-s", "a=1", "-s", "a.b.c=2", "dump")) == {"a": {"b": {"c": 2}}}
    assert json.loads(ok("-s", "a.b=1", "-s", "ab=2", "dump")) == {"a": {"b": 1}, "ab": 2}
    assert ok("-s", "a=1", "-s", "a.b=2", "keys") == "a.b\n"


def test_conflicts_across_files(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"db": "sqlite:///x", "log": {"level": "info"}}))
    (tmp_path / "two.ini").write_text("[db]\nurl = postgres://\n[log.level]\nvalue = debug\n")
    out = json.loads(ok("-f", str(tmp_path / "one.json"), "-f", str(tmp_path / "two.ini"), "dump"))
    assert out == {"db": {"url": "postgres://"}, "log": {"level": {"value": "debug"}}}
    out = json.loads(ok("-f", str(tmp_path / "two.ini"), "-f", str(tmp_path / "one.json"), "dump"))
    assert out == {"db": "sqlite:///x", "log": {"level": "info"}}


def test_dump_json_default_and_empty(files):
    assert ok("dump") == "{}\n"
    assert ok("dump", "--format", "json") == "{}\n"
    out = ok("-f", str(files / "prod.json"), "dump")
    assert out == json.dumps(PROD_JSON, indent=2, sort_keys=True) + "\n"


def test_dump_ini(files):
    (files / "prod2.json").write_text(json.dumps({"server": {"port": 443, "tls": {"cert": "/etc/cert.pem"}}}))
    out = ok("-f", str(files / "base.ini"), "-f", str(files / "prod2.json"), "-s", "server.host=example.org",
             "dump", "--format", "ini")
    assert out == "[server]\nhost = example.org\nport = 443\n\n[server.tls]\ncert = /etc/cert.pem\nenabled = no\n"


def test_dump_ini_values_and_order():
    out = ok("-s", "z.b=true", "-s", "z.a=[1, 2]", "-s", "a.b.c=null", "-s", "a.x=hi there", "dump", "--format", "ini")
    assert out == "[a]\nx = hi there\n\n[a.b]\nc = null\n\n[z]\na = [1, 2]\nb = true\n"


def test_dump_ini_empty():
    assert ok("dump", "--format", "ini") == ""


def test_dump_ini_top_level_leaf_fails(files):
    err = fails(1, "-f", str(files / "prod.json"), "dump", "--format", "ini")
    assert err.startswith("cfgtool: ")
    assert "debug" in err


def test_dump_ini_round_trip(tmp_path):
    out = ok("-s", "a.b.c=1", "-s", "a.d=x", "-s", "e.f=g", "dump", "--format", "ini")
    (tmp_path / "rt.ini").write_text(out)
    assert json.loads(ok("-f", str(tmp_path / "rt.ini"), "dump")) == {"a": {"b": {"c": "1"}, "d": "x"}, "e": {"f": "g"}}


def test_keys(files):
    ini, js = str(files / "base.ini"), str(files / "prod.json")
    assert ok("-f", ini, "-f", js, "keys") == "debug\nserver.host\nserver.port\nserver.tls.cert\nserver.tls.enabled\n"
    assert ok("-f", ini, "-f", js, "keys", "server.tls") == "server.tls.cert\nserver.tls.enabled\n"
    assert ok("-f", ini, "-f", js, "keys", "debug") == "debug\n"
    assert ok("-f", ini, "-f", js, "keys", "serv") == ""
    assert ok("keys") == ""
    assert ok("-s", "server.port=1", "-s", "serverless.x=2", "keys", "server") == "server.port\n"


def test_ini_case_sensitive_and_no_interpolation(tmp_path):
    (tmp_path / "c.ini").write_text("[Paths]\nHome = %(base)s/x\nhome = $HOME\nPCT = 100%\n")
    f = str(tmp_path / "c.ini")
    assert ok("-f", f, "keys") == "Paths.Home\nPaths.PCT\nPaths.home\n"
    assert ok("-f", f, "get", "Paths.Home") == "%(base)s/x\n"
    assert ok("-f", f, "get", "Paths.home") == "$HOME\n"
    assert ok("-f", f, "get", "Paths.PCT") == "100%\n"
    fails(1, "-f", f, "get", "paths.home")


def test_ini_default_section_is_ordinary(tmp_path):
    (tmp_path / "d.ini").write_text("[DEFAULT]\ntimeout = 5\n\n[web]\nport = 80\n")
    f = str(tmp_path / "d.ini")
    assert ok("-f", f, "keys") == "DEFAULT.timeout\nweb.port\n"


def test_ini_details(tmp_path):
    (tmp_path / "e.cfg").write_text("; comment\n[s]\n# another\nk1: v1\nk2 =   spaced value  \nk3 =\n")
    f = str(tmp_path / "e.cfg")
    assert json.loads(ok("-f", f, "dump")) == {"s": {"k1": "v1", "k2": "spaced value", "k3": ""}}


@pytest.mark.parametrize("ext", [".ini", ".cfg", ".conf", ".INI", ".Conf"])
def test_ini_extensions(tmp_path, ext):
    p = tmp_path / f"x{ext}"
    p.write_text("[s]\nk = v\n")
    assert ok("-f", str(p), "get", "s.k") == "v\n"


def test_json_extension_case_insensitive(tmp_path):
    p = tmp_path / "x.JSON"
    p.write_text('{"a": {"b": "c"}}')
    assert ok("-f", str(p), "get", "a.b") == "c\n"


def test_json_details(tmp_path):
    p = tmp_path / "j.json"
    p.write_text(json.dumps({"empty": {}, "list": [1, {"x": 1}], "s": "", "n": None, "u": "caf\u00e9"}))
    f = str(p)
    assert ok("-f", f, "keys") == "list\nn\ns\nu\n"
    assert ok("-f", f, "get", "list") == '[1, {"x": 1}]\n'
    assert ok("-f", f, "get", "n") == "null\n"
    assert ok("-f", f, "get", "s") == "\n"
    assert ok("-f", f, "get", "u") == "caf\u00e9\n"
    fails(1, "-f", f, "get", "empty")


def test_relative_paths_and_cwd(files):
    assert ok("-f", "base.ini", "get", "server.port", cwd=files) == "8080\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bad.json", "{not json"),
        ("list.json", "[1, 2]"),
        ("str.json", '"hello"'),
        ("nosection.ini", "key = value\n"),
        ("garbage.ini", "[s]\nthis is not a key value line\n"),
        ("dupsec.ini", "[s]\na = 1\n[s]\nb = 2\n"),
        ("dupkey.ini", "[s]\na = 1\na = 2\n"),
        ("unclosed.ini", "[s\na = 1\n"),
        ("config.yaml", "a: 1\n"),
        ("noext", "[s]\na = 1\n"),
    ],
)
def test_bad_files(tmp_path, name, content):
    p = tmp_path / name
    p.write_text(content)
    err = fails(2, "-f", str(p), "dump")
    assert err.startswith("cfgtool: ")
    assert str(p) in err


def test_missing_file(tmp_path):
    missing = str(tmp_path / "missing.json")
    err = fails(2, "-f", missing, "keys")
    assert err.startswith("cfgtool: ") and missing in err


def test_bad_file_after_good_one(files):
    fails(2, "-f", str(files / "base.ini"), "-f", str(files / "nope.ini"), "get", "server.port")


def test_directory_is_an_error(tmp_path):
    d = tmp_path / "dir.json"
    d.mkdir()
    err = fails(2, "-f", str(d), "dump")
    assert str(d) in err


def test_non_utf8_file(tmp_path):
    p = tmp_path / "latin.ini"
    p.write_bytes(b"[s]\nk = caf\xe9\n")
    err = fails(2, "-f", str(p), "dump")
    assert str(p) in err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["get"],
        ["dump", "--format", "yaml"],
        ["-s", "novalue", "dump"],
        ["-s", "=x", "dump"],
        ["--bogus", "dump"],
        ["keys", "a", "b"],
        ["-f"],
    ],
)
def test_usage_errors(args):
    code, out, err = run(*args)
    assert code == 2, (code, out, err)
    assert out == ""
    assert err.strip()
    assert "Traceback" not in err

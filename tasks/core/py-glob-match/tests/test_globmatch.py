import multiprocessing
import resource
import time

import pytest

from globmatch import filter_paths, glob_match

CASES = [
    # literals
    ("", "", True),
    ("", "a", False),
    ("a", "", False),
    ("abc", "abc", True),
    ("abc", "abcd", False),
    ("abc", "ab", False),
    ("abc", "ABC", False),
    ("a/b/c", "a/b/c", True),
    ("a/b", "a/b/c", False),
    ("a/b/c", "a/b", False),
    ("a//b", "a//b", True),
    ("a/b", "a//b", False),
    ("/etc/hosts", "/etc/hosts", True),
    ("etc/hosts", "/etc/hosts", False),
    ("d\u00e9j\u00e0/\u6587\u4ef6.txt", "d\u00e9j\u00e0/\u6587\u4ef6.txt", True),
    ("a.b", "axb", False),
    ("a+b(c)|d$^", "a+b(c)|d$^", True),
    # star
    ("*", "", True),
    ("*", "abc", True),
    ("*", "a/b", False),
    ("*.py", "main.py", True),
    ("*.py", ".py", True),
    ("*.py", "main.pyc", False),
    ("*.py", "src/main.py", False),
    ("src/*.py", "src/main.py", True),
    ("src/*.py", "src/app/main.py", False),
    ("*/*", "a/b", True),
    ("*/*", "a/b/c", False),
    ("*/*", "/b", True),
    ("a*b*c", "abc", True),
    ("a*b*c", "aXXbYYc", True),
    ("a*b*c", "aXXcYYb", False),
    ("a*a", "a", False),
    ("a*a", "aa", True),
    ("*.tar.gz", "x.tar.gz", True),
    ("*.tar.gz", "x.tar.gz.part", False),
    ("*", ".hidden", True),
    ("***", "abc", True),
    # question mark
    ("?", "a", True),
    ("?", "", False),
    ("?", "ab", False),
    ("?", "/", False),
    ("a?c", "abc", True),
    ("a?c", "a/c", False),
    ("???", "\u00e9\u00e8\u00ea", True),
    ("file?.txt", "file10.txt", False),
    # classes
    ("[abc]", "b", True),
    ("[abc]", "d", False),
    ("[abc]", "ab", False),
    ("[a-z]", "q", True),
    ("[a-z]", "Q", False),
    ("[a-z0-9_]x", "_x", True),
    ("[a-z0-9_]x", "5x", True),
    ("[a-z0-9_]x", "-x", False),
    ("[!abc]", "d", True),
    ("[!abc]", "a", False),
    ("[!a-z]", "A", True),
    ("[!a-z]", "m", False),
    ("[!.]*", ".bashrc", False),
    ("[!.]*", "bashrc", True),
    ("[]x]", "]", True),
    ("[]x]", "x", True),
    ("[]x]", "y", False),
    ("[!]]", "]", False),
    ("[!]]", "a", True),
    ("[-a]", "-", True),
    ("[-a]", "a", True),
    ("[-a]", "b", False),
    ("[a-]", "-", True),
    ("[a-]", "b", False),
    ("[*?]", "*", True),
    ("[*?]", "?", True),
    ("[*?]", "x", False),
    (r"[\]]", "]", True),
    (r"[a\-z]", "-", True),
    (r"[a\-z]", "m", False),
    ("[!/]", "/", False),
    ("a[/]b", "a/b", False),
    ("[", "[", True),
    ("[abc", "[abc", True),
    ("[abc", "a", False),
    ("a[b/c]", "a[b/c]", True),
    ("[\u00e0-\u00ff]", "\u00e9", True),
    ("[\u00e0-\u00ff]", "e", False),
    ("v[0-9][0-9]", "v42", True),
    ("v[0-9][0-9]", "v4", False),
    # globstar
    ("**", "a", True),
    ("**", "a/b/c", True),
    ("**/c", "c", True),
    ("**/c", "a/b/c", True),
    ("**/c", "a/b/cc", False),
    ("a/**/b", "a/b", True),
    ("a/**/b", "a/x/b", True),
    ("a/**/b", "a/x/y/z/b", True),
    ("a/**/b", "a/x/y/z/c", False),
    ("a/**/b", "ab", False),
    ("a/**", "a", False),
    ("a/**", "a/x", True),
    ("a/**", "a/x/y", True),
    ("a/**", "b/x", False),
    ("src/**/*.py", "src/main.py", True),
    ("src/**/*.py", "src/app/main.py", True),
    ("src/**/*.py", "src/app/deep/er/main.py", True),
    ("src/**/*.py", "src/app/main.txt", False),
    ("src/**/*.py", "lib/src/main.py", False),
    ("**/test_*.py", "test_a.py", True),
    ("**/test_*.py", "pkg/tests/test_a.py", True),
    ("**/test_*.py", "pkg/tests/a_test.py", False),
    ("a/**/b/**/c", "a/b/c", True),
    ("a/**/b/**/c", "a/x/b/y/z/c", True),
    ("a/**/b/**/c", "a/x/y/z/c", False),
    ("**/**", "a", True),
    ("**/**", "a/b", True),
    ("a**b", "axxb", True),
    ("a**b", "ax/xb", False),
    ("**.py", "x.py", True),
    ("**.py", "d/x.py", False),
    ("x/**b", "x/ab", True),
    ("x/**b", "x/a/b", False),
    # braces
    ("{a,b}", "a", True),
    ("{a,b}", "b", True),
    ("{a,b}", "c", False),
    ("{a,b}", "ab", False),
    ("docs/{api,guide}/*.md", "docs/api/x.md", True),
    ("docs/{api,guide}/*.md", "docs/guide/y.md", True),
    ("docs/{api,guide}/*.md", "docs/blog/z.md", False),
    ("*.{js,ts}", "app.ts", True),
    ("*.{js,ts}", "app.tsx", False),
    ("file{,.bak}", "file", True),
    ("file{,.bak}", "file.bak", True),
    ("file{,.bak}", "file.b", False),
    ("{src,lib/core}/**/*.py", "lib/core/x.py", True),
    ("{src,lib/core}/**/*.py", "src/a/b/x.py", True),
    ("{src,lib/core}/**/*.py", "lib/x.py", False),
    ("{a,b}{1,2}", "b1", True),
    ("{a,b}{1,2}", "a2", True),
    ("{a,b}{1,2}", "a3", False),
    ("{a,b}/{c,d}/e", "b/c/e", True),
    ("{**/x,y}", "a/b/x", True),
    ("{*.py,[A-Z]*}", "README", True),
    ("{*.py,[A-Z]*}", "readme", False),
    ("{a}", "{a}", True),
    ("{a}", "a", False),
    ("{a", "{a", True),
    ("a}", "a}", True),
    ("{}", "{}", True),
    ("{,}", "", True),
    ("x{a,b", "x{a,b", True),
    ("{a,{b,c}", "{b", True),
    ("{a,{b,c}", "c", True),
    ("{a,{b,c}", "a", True),
    ("{a,{b,c}", "b", False),
    ("{a,{b,c}}", "c}", True),
    (r"{a\,b,c}", "a,b", True),
    (r"{a\,b,c}", "c", True),
    (r"{a\,b,c}", "a", False),
    # escapes
    (r"notes\*.txt", "notes*.txt", True),
    (r"notes\*.txt", "notesX.txt", False),
    (r"\?", "?", True),
    (r"\?", "x", False),
    (r"\[abc]", "[abc]", True),
    (r"\[abc]", "a", False),
    (r"\{a,b}", "{a,b}", True),
    (r"\{a,b}", "a", False),
    (r"a\\b", "a\\b", True),
    (r"\a\b\c", "abc", True),
    (r"\*\*/x", "**/x", True),
    (r"\*\*/x", "a/x", False),
]


@pytest.mark.parametrize(("pattern", "path", "expected"), CASES)
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


@pytest.mark.parametrize("pattern", ["\\", "abc\\", "a/*\\", "{a,b}\\", "[ab]\\"])
def test_trailing_backslash_is_invalid(pattern):
    with pytest.raises(ValueError):
        glob_match(pattern, "abc")


def test_filter_paths_order_and_duplicates():
    paths = ["src/b.py", "README.md", "src/a.py", "src/x/c.py", "src/b.py", "setup.py"]
    assert filter_paths("src/**/*.py", paths) == ["src/b.py", "src/a.py", "src/x/c.py", "src/b.py"]
    assert filter_paths("*.py", iter(paths)) == ["setup.py"]
    assert filter_paths("nothing", paths) == []
    assert filter_paths("*", []) == []


def test_filter_paths_invalid_pattern_even_when_empty():
    with pytest.raises(ValueError):
        filter_paths("oops\\", [])
    with pytest.raises(ValueError):
        filter_paths("oops\\", ["a"])


# Time checks use CPU time, not wall time, so that a busy machine does not make them flaky. The
# call runs in a child process whose CPU time the kernel limits, so that exponential
# backtracking fails the test instead of hanging the whole run. The reference needs a few
# milliseconds for each of these calls.
CPU_LIMIT = 5.0
WALL_LIMIT = 120.0  # only stops code that hangs without using the CPU


def _child(conn, fn, args):
    limit = int(time.process_time() + CPU_LIMIT) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))
    start = time.process_time()
    try:
        result = fn(*args)
    except Exception as e:  # reported to the parent, which fails the test
        conn.send(("error", repr(e), 0.0))
    else:
        conn.send(("ok", result, time.process_time() - start))
    conn.close()


def _timed(fn, *args):
    """(result, CPU seconds) of fn(*args), failing the test when it needs more than CPU_LIMIT."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args))
    proc.start()
    send.close()
    try:
        if not recv.poll(WALL_LIMIT):
            pytest.fail(f"no answer within {WALL_LIMIT:.0f} s (wall clock)")
        try:
            status, result, took = recv.recv()
        except EOFError:
            proc.join()
            pytest.fail(f"used more than {CPU_LIMIT:.0f} s of CPU time without finishing (exit code {proc.exitcode})")
    finally:
        proc.kill()
        proc.join()
    if status == "error":
        pytest.fail(f"raised {result}")
    assert took < CPU_LIMIT, f"took {took:.1f} s of CPU time (limit {CPU_LIMIT:.0f} s)"
    return result, took


def test_many_stars_no_catastrophic_backtracking():
    result, _ = _timed(glob_match, "*a" * 25 + "b", "a" * 300)
    assert result is False


def test_many_stars_positive():
    result, _ = _timed(glob_match, "*a" * 25 + "b", "a" * 300 + "b")
    assert result is True


def test_many_globstars_no_catastrophic_backtracking():
    path = "/".join(["d"] * 200) + "/x"
    result, _ = _timed(glob_match, "**/d/" * 15 + "**/y", path)
    assert result is False
    result, _ = _timed(glob_match, "**/d/" * 15 + "**/x", path)
    assert result is True


def test_many_paths():
    paths = [f"pkg{i % 7}/mod{i}/file{i}.{'py' if i % 3 else 'txt'}" for i in range(3000)]
    result, _ = _timed(filter_paths, "pkg[0-3]/**/*.py", paths)
    expected = [p for i, p in enumerate(paths) if i % 7 <= 3 and i % 3]
    assert result == expected

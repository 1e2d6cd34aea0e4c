import random
import subprocess
from pathlib import Path

import pytest
from difftools import check_diff, distance, dp_distance, split
from minidiff import DiffError, PatchConflictError, PatchParseError, apply_patch, unified_diff

WORKSPACE = Path(__file__).resolve().parent.parent


def roundtrip(old, new, context=3):
    out = unified_diff(old, new, context=context)
    changes = check_diff(old, new, out, context)
    result = apply_patch(old, out)
    assert type(result) is str and result == new
    return out, changes


# -- exact output --------------------------------------------------------------------------------


EXACT = [
    ("a\nb\nc\n", "a\nB\nc\n", 3, "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
    ("a\nb\nc\n", "a\nc\n", 3, "@@ -1,3 +1,2 @@\n a\n-b\n c\n"),
    ("a\nb\nc\n", "a\nb\nc\nd\n", 1, "@@ -3 +3,2 @@\n c\n+d\n"),
    ("a\nb\nc\n", "a\nb\nc\nd\n", 0, "@@ -3,0 +4 @@\n+d\n"),
    ("a\nb\nc\n", "x\na\nb\nc\n", 0, "@@ -0,0 +1 @@\n+x\n"),
    ("a\nb\nc\n", "x\na\nb\nc\n", 2, "@@ -1,2 +1,3 @@\n+x\n a\n b\n"),
    ("", "x\ny\n", 3, "@@ -0,0 +1,2 @@\n+x\n+y\n"),
    ("x\ny\n", "", 3, "@@ -1,2 +0,0 @@\n-x\n-y\n"),
    ("x\n", "", 3, "@@ -1 +0,0 @@\n-x\n"),
    ("1\n2\n3\n4\n5\n6\n", "1\n2\n3\n6\n", 0, "@@ -4,2 +3,0 @@\n-4\n-5\n"),
    ("1\n2\n3\n4\n5\n6\n", "1\n4\n5\n6\n", 1, "@@ -1,4 +1,2 @@\n 1\n-2\n-3\n 4\n"),
    ("x", "y", 3, "@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n"),
    ("x", "x\n", 3, "@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n"),
    ("a\nx\n", "a\nx", 3, "@@ -1,2 +1,2 @@\n a\n-x\n+x\n\\ No newline at end of file\n"),
    ("a\nb", "a\nc\nb", 3, "@@ -1,2 +1,3 @@\n a\n+c\n b\n\\ No newline at end of file\n"),
    ("", "\n", 3, "@@ -0,0 +1 @@\n+\n"),
    ("k\r\nv\r\n", "k\r\nw\r\n", 3, "@@ -1,2 +1,2 @@\n k\r\n-v\r\n+w\r\n"),
    ("p\u2028q\nr\n", "p\u2028Q\nr\n", 0, "@@ -1 +1 @@\n-p\u2028q\n+p\u2028Q\n"),
    ("a\rb\nc\x0bd\n", "a\rb\nc\x0bd\ne\x0c\n", 0, "@@ -2,0 +3 @@\n+e\x0c\n"),
    ("s\x85t\n", "s\x85t\nu\x1cv\x1dw\x1ex\u2029\n", 1, "@@ -1 +1,2 @@\n s\x85t\n+u\x1cv\x1dw\x1ex\u2029\n"),
]


@pytest.mark.parametrize(
    ("old", "new", "context", "expected"), EXACT, ids=[f"case{i:02d}" for i in range(len(EXACT))]
)
def test_exact_output(old, new, context, expected):
    out = unified_diff(old, new, context=context)
    assert type(out) is str
    assert out == "--- a\n+++ b\n" + expected
    assert apply_patch(old, out) == new


def test_equal_texts_give_empty_diff():
    for text in ["", "a", "a\n", "a\r\nb\u2028"]:
        assert unified_diff(text, text) == ""
        assert apply_patch(text, "") == text


def test_labels_are_used_verbatim():
    out = unified_diff("a\n", "b\n", "old/file.txt\t2020", "new file")
    assert out == "--- old/file.txt\t2020\n+++ new file\n@@ -1 +1 @@\n-a\n+b\n"


@pytest.mark.parametrize("context", [0, 1, 2, 3, 5])
def test_merge_threshold(context):
    base = [f"l{i}\n" for i in range(40)]
    for gap in [2 * context - 1, 2 * context, 2 * context + 1, 2 * context + 2]:
        if gap < 1:
            continue
        new = list(base)
        new[10] = "X\n"
        new[11 + gap] = "Y\n"
        out = unified_diff("".join(base), "".join(new), context=context)
        check_diff("".join(base), "".join(new), out, context)
        hunks = out.count("\n@@ ")
        assert hunks == (1 if gap <= 2 * context else 2), (context, gap)


def test_context_at_both_ends():
    old = "".join(f"{i}\n" for i in range(1, 12))
    new = old.replace("\n2\n", "\ntwo\n").replace("\n10\n", "\nten\n")
    out = unified_diff(old, new, context=3)
    assert out == (
        "--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
        "@@ -7,5 +7,5 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n"
    )
    out = unified_diff(old, new, context=4)
    assert out.count("@@ -") == 1
    assert out.startswith("--- a\n+++ b\n@@ -1,11 +1,11 @@\n")
    out = unified_diff(old, new, context=0)
    assert out == "--- a\n+++ b\n@@ -2 +2 @@\n-2\n+two\n@@ -10 +10 @@\n-10\n+ten\n"


# -- shortest scripts and all format rules on random inputs -------------------------------------


def random_text(rng, n, alphabet, final_newline_prob=0.7):
    lines = [rng.choice(alphabet) + "\n" for _ in range(n)]
    text = "".join(lines)
    if text and rng.random() > final_newline_prob:
        text = text[:-1]
    return text


def mutate(rng, text, edits, alphabet):
    lines = split(text)
    for _ in range(edits):
        r = rng.random()
        p = rng.randrange(len(lines) + 1)
        if r < 0.4 and lines:
            del lines[min(p, len(lines) - 1)]
        elif r < 0.8:
            lines.insert(p, rng.choice(alphabet) + "\n")
        elif lines:
            lines[min(p, len(lines) - 1)] = rng.choice(alphabet) + "\n"
    out = "".join(lines)
    if out.endswith("\n") and rng.random() < 0.3:
        out = out[:-1]
    return out


@pytest.mark.parametrize("seed", range(8))
def test_random_small_alphabet_shortest(seed):
    rng = random.Random(seed)
    alphabet = ["a", "b", "c", "", "a\r", "b\u2028c"]
    for _ in range(120):
        old = random_text(rng, rng.randrange(0, 14), alphabet)
        new = (
            random_text(rng, rng.randrange(0, 14), alphabet)
            if rng.random() < 0.5
            else mutate(rng, old, rng.randrange(1, 5), alphabet)
        )
        context = rng.choice([0, 1, 2, 3])
        _, changes = roundtrip(old, new, context)
        assert changes == dp_distance(split(old), split(new)), (old, new)


@pytest.mark.parametrize("seed", range(6))
def test_random_medium_shortest(seed):
    rng = random.Random(100 + seed)
    alphabet = [f"w{i}" for i in range(8)] + ["{", "}", ""]
    for _ in range(20):
        old = random_text(rng, rng.randrange(50, 200), alphabet)
        new = mutate(rng, old, rng.randrange(1, 25), alphabet)
        context = rng.choice([0, 1, 3, 4])
        _, changes = roundtrip(old, new, context)
        assert changes == distance(split(old), split(new))


def test_difflib_style_heuristics_are_not_enough():
    # a case where greedy matching of the longest block is not shortest
    old = "a\nb\nc\nd\ne\nf\n" + "x\n" * 3 + "g\n"
    new = "x\n" * 3 + "a\nb\nc\nd\ne\nf\ng\n"
    _, changes = roundtrip(old, new, 3)
    assert changes == 6
    rng = random.Random(7)
    for _ in range(30):
        old = random_text(rng, 300, ["p", "q", "r", "s"])
        new = mutate(rng, old, 40, ["p", "q", "r", "s"])
        _, changes = roundtrip(old, new, 2)
        assert changes == distance(split(old), split(new))


# -- applying patches ------------------------------------------------------------------------------


def test_apply_foreign_patches():
    text = "one\ntwo\nthree\nfour\n"
    patch = "--- x\n+++ y\n@@ -2,2 +2,3 @@ some function()\n two\n-three\n+3\n+3b\n four\n"
    with pytest.raises(PatchParseError):
        apply_patch(text, patch)  # old side has 3 lines, header says 2
    patch = "--- x\n+++ y\n@@ -2,3 +2,4 @@ some function()\n two\n-three\n+3\n+3b\n four\n"
    assert apply_patch(text, patch) == "one\ntwo\n3\n3b\nfour\n"
    assert apply_patch("", "--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+a\n+b\n") == "a\nb\n"
    assert apply_patch("a\nb\n", "--- a\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n") == ""
    assert apply_patch("a\nb\nc\n", "--- a\n+++ b\n@@ -1,0 +2 @@\n+x\n") == "a\nx\nb\nc\n"
    assert apply_patch("a\nb\nc\n", "--- a\n+++ b\n@@ -3,0 +4 @@\n+x\n") == "a\nb\nc\nx\n"
    assert apply_patch("a\nb\nc\n", "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n") == "x\na\nb\nc\n"
    assert apply_patch("a\nb\nc\n", "--- a\n+++ b\n@@ -2 +1,0 @@\n-b\n") == "a\nc\n"
    two = "--- a\n+++ b\n@@ -1 +1,2 @@\n a\n+a2\n@@ -3 +4 @@\n-c\n+C\n"
    assert apply_patch("a\nb\nc\n", two) == "a\na2\nb\nC\n"


def test_apply_no_newline_markers():
    m = "\\ No newline at end of file\n"
    assert apply_patch("a\nb", f"--- a\n+++ b\n@@ -2 +2 @@\n-b\n{m}+b\n") == "a\nb\n"
    assert apply_patch("a\nb\n", f"--- a\n+++ b\n@@ -2 +2 @@\n-b\n+b\n{m}") == "a\nb"
    assert apply_patch("a\nb", f"--- a\n+++ b\n@@ -1,2 +1,3 @@\n a\n+x\n b\n{m}") == "a\nx\nb"
    with pytest.raises(PatchConflictError):
        apply_patch("a\nb\n", f"--- a\n+++ b\n@@ -2 +2 @@\n-b\n{m}+c\n")
    with pytest.raises(PatchConflictError):
        apply_patch("a\nb", "--- a\n+++ b\n@@ -2 +2 @@\n-b\n+c\n")
    with pytest.raises(PatchConflictError):
        apply_patch("a\nb\nc\n", f"--- a\n+++ b\n@@ -2 +2 @@\n-b\n+x\n{m}")


M = "\\ No newline at end of file\n"


@pytest.mark.parametrize(
    "patch",
    [
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b",
        "+++ b\n--- a\n@@ -1 +1 @@\n-a\n+b\n",
        "--- a\n+++ b\n",
        "--- a\n@@ -1 +1 @@\n-a\n+b\n",
        "garbage\n--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\ntrailing\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n+c\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n b\n+b\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n*a\n+b\n",
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n\n",
        "--- a\n+++ b\n@@ -0 +1 @@\n-a\n+b\n",
        "--- a\n+++ b\n@@ -1 +0 @@\n-a\n+b\n",
        "--- a\n+++ b\n@@ -1,0 +1,0 @@\n",
        "--- a\n+++ b\n@@ -1 +1@@\n-a\n+b\n",
        "--- a\n+++ b\n@@ -x +1 @@\n-a\n+b\n",
        "--- a\n+++ b\n@@ -1 +1 @@x\n-a\n+b\n",
        "--- a\n+++ b\n@@ -1, +1 @@\n-a\n+b\n",
        f"--- a\n+++ b\n{M}@@ -1 +1 @@\n-a\n+b\n",
        f"--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n{M}{M}",
        f"--- a\n+++ b\n@@ -1,2 +1,2 @@\n-a\n{M}-b\n+c\n+d\n",
        f"--- a\n+++ b\n@@ -1,2 +1,2 @@\n-a\n-b\n+c\n{M}+d\n",
        f"--- a\n+++ b\n@@ -1 +1 @@\n-a\n{M}+b\n@@ -3 +3 @@\n-c\n+d\n",
        f"--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n{M}@@ -3 +3 @@\n-c\n+d\n",
        "--- a\n+++ b\n@@ -3 +3 @@\n-c\n+d\n@@ -1 +1 @@\n-a\n+b\n",
        "--- a\n+++ b\n@@ -1,2 +1,2 @@\n-a\n-b\n+c\n+d\n@@ -2 +2 @@\n-b\n+e\n",
        "--- a\n+++ b\n@@ -1 +1,2 @@\n-a\n+b\n+c\n@@ -3 +3 @@\n-c\n+d\n",
        "--- a\n+++ b\n@@ -2 +3 @@\n-b\n+B\n",
    ],
    ids=[f"malformed{i:02d}" for i in range(29)],
)
def test_malformed_patches(patch):
    with pytest.raises(PatchParseError):
        apply_patch("a\nb\nc\nd\n", patch)


def test_consistent_multi_hunk_offsets_accepted():
    patch = "--- a\n+++ b\n@@ -1 +1,2 @@\n-a\n+b\n+c\n@@ -3 +4 @@\n-c\n+d\n"
    assert apply_patch("a\nb\nc\nd\n", patch) == "b\nc\nb\nd\nd\n"
    patch = "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-a\n-b\n@@ -3 +1 @@\n-c\n+z\n"
    assert apply_patch("a\nb\nc\nd\n", patch) == "z\nd\n"


@pytest.mark.parametrize(
    ("text", "patch"),
    [
        ("a\nb\n", "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n"),
        ("a\nb\n", "--- a\n+++ b\n@@ -2,3 +2,3 @@\n b\n-c\n+d\n e\n"),
        ("a\nb\n", "--- a\n+++ b\n@@ -3 +3 @@\n-c\n+d\n"),
        ("a\nb\n", "--- a\n+++ b\n@@ -4,0 +5 @@\n+z\n"),
        ("a\nb\n", "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-c\n+b\n"),
        ("a\r\nb\n", "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+x\n"),
        ("a\nb", "--- a\n+++ b\n@@ -2 +2 @@\n-b\n+c\n"),
        ("", "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n"),
    ],
    ids=[f"conflict{i}" for i in range(8)],
)
def test_conflicts(text, patch):
    with pytest.raises(PatchConflictError):
        apply_patch(text, patch)


def test_error_hierarchy_and_types():
    assert issubclass(PatchParseError, DiffError) and issubclass(PatchConflictError, DiffError)
    for bad in [None, b"a\n", 3, ["a\n"]]:
        with pytest.raises(TypeError):
            unified_diff(bad, "a\n")
        with pytest.raises(TypeError):
            unified_diff("a\n", bad)
        with pytest.raises(TypeError):
            apply_patch(bad, "")
        with pytest.raises(TypeError):
            apply_patch("a\n", bad)
    with pytest.raises(TypeError):
        unified_diff("a", "b", old_label=None)
    with pytest.raises(TypeError):
        unified_diff("a", "b", new_label=b"x")
    with pytest.raises(TypeError):
        unified_diff("a", "b", old_label=["a"])
    with pytest.raises(TypeError):
        unified_diff("a", "b", new_label=("b",))
    with pytest.raises(ValueError):
        unified_diff("a", "b", old_label="x\ny")
    with pytest.raises(ValueError):
        unified_diff("a", "b", new_label="y\n")
    with pytest.raises(ValueError):
        unified_diff("a", "b", context=-1)
    with pytest.raises(TypeError):
        unified_diff("a", "b", context=1.0)
    with pytest.raises(TypeError):
        unified_diff("a", "b", context="3")
    assert unified_diff("a", "a", context=0) == ""


# -- command line --------------------------------------------------------------------------------


def cli(*args, cwd):
    return subprocess.run(
        ["python3", "-m", "minidiff", *args],
        cwd=str(cwd),
        capture_output=True,
        env={"PYTHONPATH": str(WORKSPACE), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


def test_cli_diff_and_apply(tmp_path):
    (tmp_path / "old.txt").write_bytes("a\nb\nc\u00e9\r\n".encode())
    (tmp_path / "new.txt").write_bytes("a\nB\nc\u00e9\r\nd".encode())
    r = cli("diff", "old.txt", "new.txt", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.decode() == (
        "--- old.txt\n+++ new.txt\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\u00e9\r\n+d\n"
        "\\ No newline at end of file\n"
    )
    assert r.stderr == b""
    r0 = cli("diff", "-U", "0", "old.txt", "new.txt", cwd=tmp_path)
    assert r0.stdout.decode() == (
        "--- old.txt\n+++ new.txt\n@@ -2 +2 @@\n-b\n+B\n@@ -3,0 +4 @@\n+d\n\\ No newline at end of file\n"
    )
    (tmp_path / "p.diff").write_bytes(r.stdout)
    r = cli("apply", "old.txt", "p.diff", cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout == "a\nB\nc\u00e9\r\nd".encode()
    r = cli("apply", "old.txt", "p.diff", "-o", "out.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, b"")
    assert (tmp_path / "out.txt").read_bytes() == "a\nB\nc\u00e9\r\nd".encode()
    r = cli("diff", "old.txt", "old.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, b"")


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "old.txt"],
        ["diff", "old.txt", "missing.txt"],
        ["diff", "-U", "-1", "old.txt", "old.txt"],
        ["diff", "-U", "x", "old.txt", "old.txt"],
        ["apply", "old.txt", "bad.diff"],
        ["apply", "old.txt", "conflict.diff"],
        ["merge", "old.txt"],
    ],
)
def test_cli_errors(tmp_path, args):
    (tmp_path / "old.txt").write_text("a\n")
    (tmp_path / "bad.diff").write_text("not a patch\n")
    (tmp_path / "conflict.diff").write_text("--- a\n+++ b\n@@ -1 +1 @@\n-z\n+y\n")
    r = cli(*args, cwd=tmp_path)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.startswith("minidiff: error:") and err.count("\n") == 1, err

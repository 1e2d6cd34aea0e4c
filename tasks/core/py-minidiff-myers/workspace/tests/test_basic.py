from minidiff import apply_patch, unified_diff


def test_replace_one_line():
    out = unified_diff("a\nb\nc\n", "a\nB\nc\n")
    assert out == "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
    assert apply_patch("a\nb\nc\n", out) == "a\nB\nc\n"


def test_equal_texts():
    assert unified_diff("same\n", "same\n") == ""


def test_roundtrip_small():
    old = "".join(f"line {i}\n" for i in range(30))
    new = old.replace("line 7\n", "line seven\n").replace("line 20\n", "")
    assert apply_patch(old, unified_diff(old, new)) == new

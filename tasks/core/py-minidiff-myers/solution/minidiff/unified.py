"""Writing unified diffs (SPEC.md, section 4)."""

from __future__ import annotations

from .engine import edit_script
from .hunks import Hunk, group_hunks
from .lines import has_newline, split_lines

NO_NEWLINE = "\\ No newline at end of file\n"


def range_text(start: int, length: int) -> str:
    """The ``start,length`` of a hunk header, for a range of ``length`` lines at 0-based
    index ``start``."""
    if length == 0:
        return f"{start},0"
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1},{length}"


def _emit(out: list[str], prefix: str, line: str) -> None:
    if has_newline(line):
        out.append(prefix + line)
    else:
        out.append(prefix + line + "\n")
        out.append(NO_NEWLINE)


def format_hunk(h: Hunk, a: list[str], b: list[str]) -> list[str]:
    out = [f"@@ -{range_text(h.a_start, h.a_len)} +{range_text(h.b_start, h.b_len)} @@\n"]
    steps = h.steps
    n = 0
    while n < len(steps):
        tag, i, j = steps[n]
        if tag == "=":
            _emit(out, " ", a[i])
            n += 1
            continue
        run_end = n
        while run_end < len(steps) and steps[run_end][0] != "=":
            run_end += 1
        run = steps[n:run_end]
        for t, i, _ in run:
            if t == "-":
                _emit(out, "-", a[i])
        for t, _, j in run:
            if t == "+":
                _emit(out, "+", b[j])
        n = run_end
    return out


def unified_diff(old: str, new: str, old_label: str = "a", new_label: str = "b", context: int = 3) -> str:
    """The unified diff that turns ``old`` into ``new``; "" when they are equal."""
    if type(old) is not str or type(new) is not str:
        raise TypeError("old and new must be str")
    if type(old_label) is not str or type(new_label) is not str:
        raise TypeError("labels must be str")
    if "\n" in old_label or "\n" in new_label:
        raise ValueError("labels must not contain newlines")
    if type(context) is not int:
        raise TypeError("context must be an int")
    if context < 0:
        raise ValueError("context must not be negative")
    a = split_lines(old)
    b = split_lines(new)
    hunks = group_hunks(edit_script(a, b), context)
    if not hunks:
        return ""
    out = [f"--- {old_label}\n", f"+++ {new_label}\n"]
    for h in hunks:
        out += format_hunk(h, a, b)
    return "".join(out)

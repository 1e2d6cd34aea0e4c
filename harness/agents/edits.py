"""Parse a model's reply into file edits: SEARCH/REPLACE blocks or whole files in fences."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

SEARCH, DIVIDER, REPLACE = "<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE"
FENCE = re.compile(r"^\s*(```|~~~)")
PATHLIKE = re.compile(r"^[\w./+-]+$")


@dataclass
class Edit:
    path: str
    search: str | None  # None: replace the whole file with `replace`
    replace: str


class EditParseError(ValueError):
    pass


def clean_path(line: str) -> str | None:
    """The file name a model wrote above a block, without decoration (backticks, bold, colon)."""
    name = line.strip().strip("`*#").strip()
    for prefix in ("File:", "file:", "File ", "Path:"):
        name = name.removeprefix(prefix).strip()
    name = name.strip("`*:").strip()
    if not name or not PATHLIKE.match(name) or name in {"=======", "python", "diff"}:
        return None
    norm = posixpath.normpath(name)
    if norm.startswith("/") or norm == ".." or norm.startswith("../") or ".git" in norm.split("/"):
        return None
    return norm


def _previous_path(lines: list[str], i: int) -> str | None:
    """The file name on the nearest line above i that is neither blank nor a fence (within 3 lines)."""
    for j in range(i - 1, max(i - 4, -1), -1):
        if lines[j].strip() and not FENCE.match(lines[j]):
            return clean_path(lines[j])
    return None


def parse_edits(text: str) -> tuple[list[Edit], list[str]]:
    """All edits in a reply, and the problems found (a block without a file name, an unclosed block)."""
    lines = text.splitlines()
    edits: list[Edit] = []
    errors: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == SEARCH:
            path = _previous_path(lines, i)
            block, i = _search_replace(lines, i)
            if block is None:
                errors.append(f"unclosed SEARCH/REPLACE block near line {i + 1}")
                break
            if path is None:
                errors.append("a SEARCH/REPLACE block has no file name on the line above it")
            else:
                edits.append(Edit(path, block[0], block[1]))
            continue
        if FENCE.match(line):
            end = next((k for k in range(i + 1, len(lines)) if FENCE.match(lines[k])), None)
            if end is None:
                errors.append(f"unclosed code fence at line {i + 1}")
                break
            body = lines[i + 1 : end]
            if any(b.strip() == SEARCH for b in body):
                # SEARCH/REPLACE blocks inside a fence: the file name may be above the fence.
                outer = _previous_path(lines, i)
                inner, problems = parse_edits("\n".join(([outer] if outer else []) + body))
                edits += inner
                errors += problems
                i = end + 1
                continue
            path = _previous_path(lines, i)
            if path is not None:
                edits.append(Edit(path, None, "\n".join(body) + ("\n" if body else "")))
            i = end + 1
            continue
        i += 1
    return edits, errors


def _search_replace(lines: list[str], start: int) -> tuple[tuple[str, str] | None, int]:
    try:
        mid = next(k for k in range(start + 1, len(lines)) if lines[k].strip() == DIVIDER)
        end = next(k for k in range(mid + 1, len(lines)) if lines[k].strip() == REPLACE)
    except StopIteration:
        return None, len(lines)
    search = "\n".join(lines[start + 1 : mid])
    replace = "\n".join(lines[mid + 1 : end])
    return (search + "\n" if search else "", replace + "\n" if replace else ""), end + 1


def apply_edit(original: str | None, edit: Edit) -> str:
    """The file's new text; raises EditParseError when a SEARCH part does not match exactly once."""
    if edit.search is None:
        return edit.replace
    if original is None:
        if edit.search.strip():
            raise EditParseError(f"{edit.path}: file does not exist, so its SEARCH text cannot match")
        return edit.replace
    if not edit.search.strip():
        return original + edit.replace
    count = original.count(edit.search)
    if count == 1:
        return original.replace(edit.search, edit.replace)
    if count > 1:
        raise EditParseError(
            f"{edit.path}: SEARCH text occurs {count} times; include more lines to make it unique"
        )
    # Models often drop trailing whitespace; accept a match that differs only there.
    loose = _loose_replace(original, edit.search, edit.replace)
    if loose is None:
        raise EditParseError(f"{edit.path}: SEARCH text not found; it must match the file exactly")
    return loose


def _loose_replace(text: str, search: str, replace: str) -> str | None:
    src = text.splitlines(keepends=True)
    want = [ln.rstrip() for ln in search.splitlines()]
    hits = [
        i for i in range(len(src) - len(want) + 1) if [s.rstrip() for s in src[i : i + len(want)]] == want
    ]
    if len(hits) != 1:
        return None
    i = hits[0]
    return "".join(src[:i]) + replace + "".join(src[i + len(want) :])

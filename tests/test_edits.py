"""The loop agent's edit format: parse_edits (SEARCH/REPLACE blocks, whole files in fences) and apply_edit."""

from __future__ import annotations

import pytest

from harness.agents.edits import Edit, EditParseError, apply_edit, clean_path, parse_edits


def block(path: str, search: str, replace: str) -> str:
    return f"{path}\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n"


# -- parse_edits: SEARCH/REPLACE ----------------------------------------------------------------------


def test_bare_search_replace_block() -> None:
    text = "I'll fix the sign.\n\n" + block("calc.py", "    return a - b\n", "    return a + b\n") + "\nDone."
    assert parse_edits(text) == ([Edit("calc.py", "    return a - b\n", "    return a + b\n")], [])


def test_search_replace_keeps_indentation_and_blank_lines() -> None:
    search = "def f():\n\n    return 1\n"
    replace = "def f():\n    # one\n\n    return 1\n"
    edits, errors = parse_edits(block("pkg/m.py", search, replace))
    assert errors == []
    assert edits == [Edit("pkg/m.py", search, replace)]


def test_search_replace_with_name_above_the_fence() -> None:
    text = "src/a.py\n```python\n" + block("", "x = 1\n", "x = 2\n").lstrip("\n") + "```\n"
    edits, _ = parse_edits(text)
    assert edits == [Edit("src/a.py", "x = 1\n", "x = 2\n")]


def test_search_replace_with_name_inside_the_fence() -> None:
    text = "Here:\n\n```python\n" + block("src/a.py", "x = 1\n", "x = 2\n") + "```\n"
    edits, _ = parse_edits(text)
    assert edits == [Edit("src/a.py", "x = 1\n", "x = 2\n")]


def test_fenced_search_replace_reports_no_problem() -> None:
    text = "```python\n" + block("src/a.py", "x = 1\n", "x = 2\n") + "```\n"
    assert parse_edits(text) == ([Edit("src/a.py", "x = 1\n", "x = 2\n")], [])


def test_whole_file_block_after_a_fenced_search_replace_is_kept() -> None:
    text = "```\n" + block("a.py", "x\n", "y\n") + "```\n\nc.py\n```\nnew\n```\n"
    edits, errors = parse_edits(text)
    assert edits == [Edit("a.py", "x\n", "y\n"), Edit("c.py", None, "new\n")]
    assert errors == []


def test_multiple_blocks_in_order() -> None:
    text = (
        block("a.py", "x\n", "y\n")
        + "\nand then\n\n"
        + block("b/c.py", "p\n", "q\n")
        + "c.py\n```\nnew\n```\n"
        + block("a.py", "y\n", "z\n")
    )
    edits, errors = parse_edits(text)
    assert errors == []
    assert edits == [
        Edit("a.py", "x\n", "y\n"),
        Edit("b/c.py", "p\n", "q\n"),
        Edit("c.py", None, "new\n"),
        Edit("a.py", "y\n", "z\n"),
    ]


def test_empty_search_and_empty_replace() -> None:
    edits, errors = parse_edits(block("new.py", "", "print(1)\n") + block("old.py", "gone\n", ""))
    assert errors == []
    assert edits == [Edit("new.py", "", "print(1)\n"), Edit("old.py", "gone\n", "")]


def test_block_without_a_file_name_is_a_problem() -> None:
    text = "Change this:\n\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n"
    assert parse_edits(text) == ([], ["a SEARCH/REPLACE block has no file name on the line above it"])


def test_file_name_more_than_three_lines_up_does_not_count() -> None:
    text = "a.py\n\nsome words\nmore words\n\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n"
    edits, errors = parse_edits(text)
    assert edits == [] and errors == ["a SEARCH/REPLACE block has no file name on the line above it"]


def test_unclosed_block_is_a_problem_and_earlier_edits_are_kept() -> None:
    text = block("a.py", "x\n", "y\n") + "b.py\n<<<<<<< SEARCH\np\n=======\nq\n"
    edits, errors = parse_edits(text)
    assert edits == [Edit("a.py", "x\n", "y\n")]
    assert len(errors) == 1 and errors[0].startswith("unclosed SEARCH/REPLACE block")


def test_block_without_divider_is_unclosed() -> None:
    edits, errors = parse_edits("a.py\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE\n")
    assert edits == [] and len(errors) == 1 and "unclosed SEARCH/REPLACE" in errors[0]


# -- parse_edits: whole files --------------------------------------------------------------------------


def test_whole_file_block() -> None:
    text = "The new file:\n\npkg/mod.py\n```python\ndef f():\n    return 1\n```\n"
    assert parse_edits(text) == ([Edit("pkg/mod.py", None, "def f():\n    return 1\n")], [])


def test_whole_file_with_tilde_fence_and_blank_line_before_it() -> None:
    assert parse_edits("a.txt\n\n~~~\nA\nB\n~~~\n") == ([Edit("a.txt", None, "A\nB\n")], [])


def test_empty_whole_file_block_empties_the_file() -> None:
    assert parse_edits("a.py\n```\n```\n") == ([Edit("a.py", None, "")], [])


def test_fence_without_a_file_name_is_prose_not_an_edit() -> None:
    text = "For example:\n```python\nprint(parse('1h'))\n```\nand\n\npython\n```\nx = 1\n```\n"
    assert parse_edits(text) == ([], [])


def test_unclosed_fence_is_a_problem() -> None:
    edits, errors = parse_edits("a.py\n```\nx = 1\n")
    assert edits == [] and errors == ["unclosed code fence at line 2"]


@pytest.mark.parametrize(
    "line",
    ["`pkg/mod.py`", "**pkg/mod.py**", "**`pkg/mod.py`**", "pkg/mod.py:", "`pkg/mod.py`:", "### pkg/mod.py",
     "File pkg/mod.py", "  pkg/mod.py  ", "./pkg/mod.py", "pkg//mod.py"],
)  # fmt: skip
def test_file_name_decorations_are_removed(line: str) -> None:
    assert clean_path(line) == "pkg/mod.py"
    assert parse_edits(f"{line}\n```\nA\n```\n") == ([Edit("pkg/mod.py", None, "A\n")], [])
    assert parse_edits(block(line, "a\n", "b\n"))[0] == [Edit("pkg/mod.py", "a\n", "b\n")]


def test_file_colon_prefix_is_removed() -> None:
    assert clean_path("File: pkg/mod.py") == "pkg/mod.py"


@pytest.mark.parametrize(
    "name",
    ["../evil.py", "a/../../evil.py", "/etc/passwd", "..", ".git/config", "a/../.git/hooks/pre-commit",
     "sub/.git/HEAD", "has space.py", "=======", "python", "diff"],
)  # fmt: skip
def test_paths_outside_the_workspace_or_into_git_are_rejected(name: str) -> None:
    assert clean_path(name) is None
    # A whole-file block under such a name is not an edit...
    assert parse_edits(f"{name}\n```\nx\n```\n")[0] == []
    # ...and a SEARCH/REPLACE block under it has no usable file name.
    assert parse_edits(block(name, "", "x\n")) == (
        [],
        ["a SEARCH/REPLACE block has no file name on the line above it"],
    )


def test_dot_git_lookalikes_are_allowed() -> None:
    assert clean_path(".gitignore") == ".gitignore"
    assert clean_path("docs/.github/x.yml") == "docs/.github/x.yml"


# -- apply_edit ------------------------------------------------------------------------------------------


def test_apply_replaces_the_unique_match() -> None:
    original = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b + 0\n"
    edit = Edit("m.py", "def add(a, b):\n    return a - b\n", "def add(a, b):\n    return a + b\n")
    assert apply_edit(original, edit) == original.replace("return a - b\n\n", "return a + b\n\n", 1)


def test_apply_search_not_found() -> None:
    with pytest.raises(
        EditParseError, match=r"^m\.py: SEARCH text not found; it must match the file exactly$"
    ):
        apply_edit("x = 1\n", Edit("m.py", "x = 2\n", "x = 3\n"))


def test_apply_search_not_unique() -> None:
    with pytest.raises(EditParseError, match=r"^m\.py: SEARCH text occurs 2 times; include more lines"):
        apply_edit("x = 1\ny = 0\nx = 1\n", Edit("m.py", "x = 1\n", "x = 2\n"))


def test_apply_tolerates_trailing_whitespace_differences() -> None:
    original = "a = 1   \nb = 2\t\nc = 3\n"
    # The model dropped the trailing blanks the file has.
    assert apply_edit(original, Edit("m.py", "a = 1\nb = 2\n", "A = 1\n")) == "A = 1\nc = 3\n"
    # ...or added some the file does not have.
    assert apply_edit("a = 1\nb = 2\n", Edit("m.py", "b = 2  \n", "B = 2\n")) == "a = 1\nB = 2\n"


def test_loose_match_must_still_be_unique() -> None:
    with pytest.raises(EditParseError, match="not found"):
        apply_edit("x = 1 \nx = 1\t\n", Edit("m.py", "x = 1\n", "y\n"))


def test_leading_whitespace_is_not_forgiven() -> None:
    with pytest.raises(EditParseError, match="not found"):
        apply_edit("def f():\n  return 1\n", Edit("m.py", "def f():\n    return 1\n", "x\n"))


def test_search_matches_as_a_substring() -> None:
    # SEARCH text need not start at a line boundary: an exact, unique substring is replaced in place.
    assert apply_edit("    return 1\n", Edit("m.py", "return 1", "return 2")) == "    return 2\n"


def test_empty_search_creates_a_new_file() -> None:
    assert apply_edit(None, Edit("new.py", "", "print(1)\n")) == "print(1)\n"
    assert apply_edit(None, Edit("new.py", "  \n", "print(1)\n")) == "print(1)\n"


def test_empty_search_on_an_existing_file_appends() -> None:
    assert apply_edit("a\n", Edit("m.py", "", "b\n")) == "a\nb\n"


def test_search_on_a_missing_file_is_an_error() -> None:
    with pytest.raises(EditParseError, match=r"^new\.py: file does not exist"):
        apply_edit(None, Edit("new.py", "x\n", "y\n"))


def test_whole_file_edit_replaces_everything() -> None:
    assert apply_edit("old\nstuff\n", Edit("m.py", None, "new\n")) == "new\n"
    assert apply_edit(None, Edit("m.py", None, "new\n")) == "new\n"


def test_parsed_edits_apply_in_sequence() -> None:
    text = block("m.py", "x = 1\n", "x = 2\n") + block("m.py", "x = 2\n", "x = 3\n")
    edits, errors = parse_edits(text)
    assert errors == []
    content = "x = 1\ny = 1\n"
    for e in edits:
        content = apply_edit(content, e)
    assert content == "x = 3\ny = 1\n"

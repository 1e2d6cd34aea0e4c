"""Mutants of a task's reference, for the test-strength check of `harness tasks validate --run`.

A mutant is the reference with ONE small change: a swapped comparison, arithmetic or boolean operator,
an integer literal moved by one, a deleted statement, or an early return at the top of a function.
Python is mutated through `ast` and `tokenize` (strings and comments are never touched; every mutant
parses); JS/TS, Go, Rust and C through a tokenizer that skips string and character literals and
comments; bash through a line scanner that skips quoted text, comments and here-documents (test
operators such as -lt, arithmetic in $(( )) and (( )), && and ||, deleted lines, an early return)."""

from __future__ import annotations

import ast
import io
import random
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from harness.task import Task, iter_files

SEED = 20240601

CMP_SWAP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "===": "!==", "!==": "==="}
ARITH_SWAP = {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*", "//": "*", "**": "*", "<<": ">>", ">>": "<<"}
BOOL_SWAP = {"&&": "||", "||": "&&", "and": "or", "or": "and"}
PY_CMP = {"is": "is not", "is not": "is", "in": "not in", "not in": "in"}

EXTENSIONS = {
    ".py": "python",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".ts": "js",
    ".mts": "js",
    ".cts": "js",
    ".go": "go",
    ".rs": "rust",
    ".c": "c",
    ".h": "c",
    ".sh": "bash",
    ".bash": "bash",
}


@dataclass(frozen=True)
class Mutant:
    file: str  # relative to the workspace
    line: int
    kind: str  # comparison | arithmetic | boolean | literal | delete | return
    change: str  # human-readable: "'<' -> '>='"
    text: str  # the whole mutated file

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def language_of(path: str | Path, text: str = "") -> str | None:
    p = Path(path)
    if p.suffix in EXTENSIONS:
        return EXTENSIONS[p.suffix]
    first = text.split("\n", 1)[0]
    if not p.suffix and first.startswith("#!") and re.search(r"\b(ba)?sh\b", first):
        return "bash"
    if not p.suffix and first.startswith("#!") and "python" in first:
        return "python"
    if not p.suffix and first.startswith("#!") and "node" in first:
        return "js"
    return None


def mutants_of(rel: str, text: str, lang: str | None = None) -> list[Mutant]:
    """Every mutant of one file (in source order), or [] for a language without a mutator."""
    lang = lang or language_of(rel, text)
    if lang == "python":
        return python_mutants(rel, text)
    if lang in ("js", "go", "rust", "c"):
        return clike_mutants(rel, text, lang)
    if lang == "bash":
        return bash_mutants(rel, text)
    return []


def changed_files(task: Task) -> dict[str, str] | None:
    """The reference's files that differ from (or are missing in) the starter files: rel -> text.
    None when the reference is a solve.sh script (there is no overlay to mutate)."""
    sol = task.solution_dir
    if (sol / "solve.sh").is_file():
        return None
    out: dict[str, str] = {}
    for p in iter_files(sol):
        if not p.is_file() or p.is_symlink():
            continue
        rel = p.relative_to(sol).as_posix()
        start = task.workspace_dir / rel
        data = p.read_bytes()
        if start.is_file() and start.read_bytes() == data:
            continue
        try:
            out[rel] = data.decode()
        except UnicodeDecodeError:
            continue
    return out


def task_mutants(task: Task) -> list[Mutant] | None:
    """All mutants of the task's reference (None: solve.sh only, nothing to mutate)."""
    files = changed_files(task)
    if files is None:
        return None
    out: list[Mutant] = []
    for rel, text in sorted(files.items()):
        out += mutants_of(rel, text)
    return out


def sample(mutants: list[Mutant], n: int | None, seed: int = SEED) -> list[Mutant]:
    """At most n mutants, chosen deterministically and spread over (operator kind, file): round-robin
    over the groups, each group shuffled by a fixed seed. n=None keeps all."""
    if n is None or len(mutants) <= n:
        return list(mutants)
    mutants = sorted(mutants, key=lambda m: (m.file, m.line, m.kind, m.change, m.text))
    groups: dict[tuple[str, str], list[Mutant]] = {}
    for m in mutants:
        groups.setdefault((m.kind, m.file), []).append(m)
    rng = random.Random(seed)
    queues = []
    for key in sorted(groups):
        g = list(groups[key])
        rng.shuffle(g)
        queues.append(g)
    rng.shuffle(queues)
    picked: list[Mutant] = []
    while len(picked) < n:
        for q in queues:
            if q and len(picked) < n:
                picked.append(q.pop())
    return sorted(picked, key=lambda m: (m.file, m.line, m.kind, m.change))


# ----------------------------------------------------------------------------------------------
# Python


def _offsets(text: str) -> list[int]:
    """Character offset of the start of each line (1-based line index -> offsets[line-1])."""
    offs = [0]
    for line in text.splitlines(keepends=True):
        offs.append(offs[-1] + len(line))
    return offs


class _PySource:
    def __init__(self, text: str) -> None:
        self.text = text
        self.offs = _offsets(text)
        self.lines = text.splitlines(keepends=True)
        self.tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type
            not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT)
        ]

    def off(self, line: int, col: int) -> int:
        # ast columns are UTF-8 byte offsets; convert to characters
        raw = (
            self.lines[line - 1].encode()[:col].decode(errors="ignore") if line - 1 < len(self.lines) else ""
        )
        return self.offs[line - 1] + len(raw)

    def tok_off(self, pos: tuple[int, int]) -> int:
        return self.offs[pos[0] - 1] + pos[1]

    def between(self, start: int, end: int) -> list[tokenize.TokenInfo]:
        return [
            t
            for t in self.tokens
            if self.tok_off(t.start) >= start and self.tok_off(t.end) <= end and t.string not in "()"
        ]


def _parses(text: str) -> bool:
    try:
        compile(text, "<mutant>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def python_mutants(rel: str, text: str) -> list[Mutant]:
    try:
        tree = ast.parse(text)
        src = _PySource(text)
    except (SyntaxError, ValueError, tokenize.TokenError):
        return []
    edits: list[tuple[int, int, str, int, str, str]] = []  # start, end, new, line, kind, change

    def op_between(a: ast.AST, b: ast.AST, kind: str, table: dict[str, str]) -> None:
        s = src.off(a.end_lineno or 0, a.end_col_offset or 0)  # type: ignore[attr-defined]
        e = src.off(b.lineno, b.col_offset)  # type: ignore[attr-defined]
        toks = src.between(s, e)
        if not toks:
            return
        op = " ".join(t.string for t in toks)
        if op in table:
            first, last = src.tok_off(toks[0].start), src.tok_off(toks[-1].end)
            edits.append((first, last, table[op], toks[0].start[0], kind, f"'{op}' -> '{table[op]}'"))

    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            b0 = body[0] if body else None
            if (
                isinstance(b0, ast.Expr)
                and isinstance(b0.value, ast.Constant)
                and isinstance(b0.value.value, str)
            ):
                docstrings.add(id(b0))
                docstrings.add(id(b0.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            prev = node.left
            for comp in node.comparators:
                op_between(prev, comp, "comparison", {**CMP_SWAP, **PY_CMP})
                prev = comp
        elif isinstance(node, ast.BinOp):
            op_between(node.left, node.right, "arithmetic", ARITH_SWAP)
        elif isinstance(node, ast.AugAssign):
            aug = {k + "=": v + "=" for k, v in ARITH_SWAP.items()}
            op_between(node.target, node.value, "arithmetic", aug)
        elif isinstance(node, ast.BoolOp):
            for a, b in zip(node.values, node.values[1:], strict=False):
                op_between(a, b, "boolean", BOOL_SWAP)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            s = src.off(node.lineno, node.col_offset)
            e = src.off(node.operand.lineno, node.operand.col_offset)
            edits.append((s, e, "", node.lineno, "boolean", "removed 'not'"))
        elif isinstance(node, ast.Constant) and id(node) not in docstrings:
            s = src.off(node.lineno, node.col_offset)
            e = src.off(node.end_lineno or node.lineno, node.end_col_offset or 0)
            if isinstance(node.value, bool):
                new = "False" if node.value else "True"
                edits.append((s, e, new, node.lineno, "boolean", f"{node.value} -> {new}"))
            elif isinstance(node.value, int) and text[s:e].replace("_", "").isdigit():
                for d in (1, -1):
                    if node.value + d >= 0:
                        new = str(node.value + d)
                        edits.append((s, e, new, node.lineno, "literal", f"{text[s:e]} -> {new}"))
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if not isinstance(stmts, list):
                continue
            for st in stmts:
                if not isinstance(st, ast.stmt) or id(st) in docstrings:
                    continue
                if isinstance(st, (ast.Pass, ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)):
                    continue
                if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    continue
                if isinstance(node, ast.Module) and isinstance(st, (ast.Assign, ast.AnnAssign)):
                    continue  # a deleted module constant is a NameError, not a test of the tests
                s = src.off(st.lineno, st.col_offset)
                e = src.off(st.end_lineno or st.lineno, st.end_col_offset or 0)
                head = text[s:e].split("\n", 1)[0][:60]
                edits.append((s, e, "pass", st.lineno, "delete", f"deleted '{head}'"))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = [st for st in node.body if id(st) not in docstrings]
            if not body:
                continue
            first = body[0]
            first_line = src.lines[first.lineno - 1]
            indent = first_line[: len(first_line) - len(first_line.lstrip())]
            if src.off(first.lineno, first.col_offset) != src.offs[first.lineno - 1] + len(indent):
                continue
            if isinstance(first, ast.Return) and first.value is None:
                continue
            s = src.offs[first.lineno - 1]
            edits.append(
                (
                    s,
                    s,
                    f"{indent}return None\n",
                    first.lineno,
                    "return",
                    f"early 'return None' in {node.name}()",
                )
            )
    out = []
    seen: set[str] = set()
    for s, e, new, line, kind, change in sorted(edits, key=lambda x: (x[0], x[1], x[2])):
        mutated = text[:s] + new + text[e:]
        if mutated == text or mutated in seen or not _parses(mutated):
            continue
        seen.add(mutated)
        out.append(Mutant(rel, line, kind, change, mutated))
    return out


# ----------------------------------------------------------------------------------------------
# JS/TS, Go, Rust, C: a tokenizer that knows comments and string/char literals


@dataclass
class Tok:
    kind: str  # id | num | str | op | pp (C preprocessor line)
    text: str
    start: int
    end: int
    line: int


_PUNCT = sorted(
    [
        "===",
        "!==",
        "**=",
        "<<=",
        ">>=",
        ">>>",
        "...",
        "::=",
        "**",
        "&&",
        "||",
        "==",
        "!=",
        "<=",
        ">=",
        "<<",
        ">>",
        "++",
        "--",
        "+=",
        "-=",
        "*=",
        "/=",
        "%=",
        "&=",
        "|=",
        "^=",
        "->",
        "=>",
        "::",
        "<-",
        ":=",
        "..",
        "?.",
        "??",
        "+",
        "-",
        "*",
        "/",
        "%",
        "<",
        ">",
        "=",
        "!",
        "&",
        "|",
        "^",
        "~",
        "?",
        ":",
        ";",
        ",",
        ".",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "@",
        "#",
    ],
    key=len,
    reverse=True,
)
_REGEX_BEFORE = set(
    ["(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^"]
) | {
    "return",
    "typeof",
    "case",
    "&&",
    "||",
    "===",
    "!==",
    "==",
    "!=",
    "=>",
}


def tokenize_clike(text: str, lang: str) -> list[Tok]:
    toks: list[Tok] = []
    i, n, line = 0, len(text), 1
    if text.startswith("#!"):  # a shebang line
        i = text.find("\n") if "\n" in text else n
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        sline = line
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if lang == "rust" and text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            line += text.count("\n", i, j)
            i = j
            continue
        if lang == "c" and c == "#" and (not toks or toks[-1].line != line):
            j = i
            while j < n and text[j] != "\n":
                j += 2 if text.startswith("\\\n", j) else 1
            line += text.count("\n", i, j)
            toks.append(Tok("pp", text[i:j], i, j, sline))
            i = j
            continue
        if lang == "rust" and (m := re.match(r'b?r(#*)"', text[i:])):
            close = '"' + m.group(1)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            line += text.count("\n", i, j)
            toks.append(Tok("str", text[i:j], i, j, sline))
            i = j
            continue
        if lang == "rust" and c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:])
            if m:
                toks.append(Tok("str", m.group(0), i, i + m.end(), sline))
                i += m.end()
                continue
            m = re.match(r"'[A-Za-z_]\w*", text[i:])  # a lifetime
            if m:
                toks.append(Tok("id", m.group(0), i, i + m.end(), sline))
                i += m.end()
                continue
        if c in "\"'`" or (
            c == "/"
            and lang == "js"
            and (not toks or toks[-1].text in _REGEX_BEFORE)
            and not text.startswith("/=", i)
        ):
            q = c
            j = i + 1
            in_class = False
            while j < n:
                ch = text[j]
                if ch == "\\":
                    j += 2
                    continue
                if q == "/" and ch == "[":
                    in_class = True
                elif q == "/" and ch == "]":
                    in_class = False
                elif ch == q and not in_class:
                    j += 1
                    break
                elif ch == "\n" and q not in ("`",) and not (lang == "go" and q == "`"):
                    break
                j += 1
            if q == "/":
                while j < n and (text[j].isalnum()):
                    j += 1
            line += text.count("\n", i, j)
            toks.append(Tok("str", text[i:j], i, j, sline))
            i = j
            continue
        if c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            m = re.match(
                r"0[xXbBoO][0-9a-fA-F_]+|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?", text[i:]
            )
            j = i + (m.end() if m else 1)
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1  # suffixes: 10u, 1.0f, 5usize, 10n
            toks.append(Tok("num", text[i:j], i, j, sline))
            i = j
            continue
        if c.isalpha() or c in "_$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            toks.append(Tok("id", text[i:j], i, j, sline))
            i = j
            continue
        for p in _PUNCT:
            if text.startswith(p, i):
                toks.append(Tok("op", p, i, i + len(p), sline))
                i += len(p)
                break
        else:
            toks.append(Tok("op", c, i, i + 1, sline))
            i += 1
    return toks


_KEYWORDS_BEFORE_UNARY = {
    "return", "case", "in", "of", "typeof", "throw", "yield", "await", "else", "do", "import", "export",
    "function", "delete", "void", "new",
}  # fmt: skip


def _is_operand_end(t: Tok | None) -> bool:
    if t is None:
        return False
    if t.kind in ("num", "str"):
        return True
    if t.kind == "id":
        return t.text not in _KEYWORDS_BEFORE_UNARY
    return t.text in (")", "]", "}", "++", "--", "?") and t.text != "?"


def _generic_angle(toks: list[Tok], k: int, lang: str) -> bool:
    """A '<' or '>' that is probably a type bracket (Vec<u8>, Array<string>, ::<T>)."""
    if lang not in ("rust", "js"):
        return False
    t = toks[k]
    prev = toks[k - 1] if k else None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if t.text == "<":
        if prev is not None and prev.text == "::":
            return True
        if prev is not None and prev.kind == "id" and prev.text[:1].isupper():
            return True
        if nxt is not None and nxt.kind == "id" and (nxt.text[:1].isupper() or nxt.text in _RUST_TYPES):
            return True
    if t.text in (">", ">>"):
        if prev is not None and prev.kind == "id" and (prev.text[:1].isupper() or prev.text in _RUST_TYPES):
            return True
        if prev is not None and prev.text in (">", ">>"):
            return True
    return False


_RUST_TYPES = {
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
    "bool", "char", "str", "string", "number", "boolean", "any", "unknown", "void", "dyn", "impl",
}  # fmt: skip


def _func_bodies(toks: list[Tok], lang: str, text: str) -> list[tuple[int, int, str, str]]:
    """(index of '{', index of matching '}', signature text, name) of each function body found."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for k, t in enumerate(toks):
        if t.text == "{":
            stack.append(k)
        elif t.text == "}" and stack:
            match[stack.pop()] = k
    out = []
    for k, t in enumerate(toks):
        name = ""
        if (
            (lang == "go" and t.text == "func")
            or (lang == "rust" and t.text == "fn")
            or (lang == "js" and t.text == "function")
        ):
            sig_start = k
        elif lang == "c" and t.text == "(" and k and toks[k - 1].kind == "id":
            # a definition at top level: NAME ( ... ) { with nothing but the signature before
            depth = 0
            for b in range(k):
                if toks[b].text == "{":
                    depth += 1
                elif toks[b].text == "}":
                    depth -= 1
            if depth != 0 or toks[k - 1].text in ("if", "while", "for", "switch", "return", "sizeof"):
                continue
            sig_start = k - 1
            b = k - 2
            while (b >= 0 and toks[b].kind == "id") or (b >= 0 and toks[b].text == "*"):
                sig_start = b
                b -= 1
        else:
            continue
        # find the body's '{': the first '{' after the signature's parentheses at paren depth 0
        j, depth, seen_paren = sig_start + 1, 0, False
        while j < len(toks):
            x = toks[j].text
            if x in "([":
                depth += 1
                seen_paren = True
            elif x in ")]":
                depth -= 1
            elif x == "{" and depth == 0 and seen_paren:
                break
            elif x in (";", "}") and depth == 0:
                j = len(toks)
                break
            elif lang == "go" and x == "{" and depth == 0:
                break  # func() struct{...}: rare; treat as body
            j += 1
        if j >= len(toks) or j not in match:
            continue
        if lang == "c":
            name = toks[k - 1].text
        elif toks[k + 1].kind == "id":
            name = toks[k + 1].text
        elif lang == "go" and toks[k + 1].text == "(":
            q = k + 1
            while q < j and toks[q].text != ")":
                q += 1
            name = toks[q + 1].text if q + 1 < j and toks[q + 1].kind == "id" else "func literal"
        else:
            name = "anonymous function"
        sig = text[toks[sig_start].start : toks[j].start]
        out.append((j, match[j], sig, name))
    return out


_GO_ZERO = {
    "string": '""',
    "bool": "false",
    "error": "nil",
    "byte": "0",
    "rune": "0",
}


def _go_zero(ty: str) -> str | None:
    ty = ty.strip()
    if ty in _GO_ZERO:
        return _GO_ZERO[ty]
    if re.fullmatch(r"u?int(8|16|32|64)?|uintptr|float(32|64)|complex(64|128)", ty):
        return "0"
    if ty.startswith(("*", "[]", "map[", "chan ", "func(", "interface{", "any")):
        return "nil"
    if re.fullmatch(r"[\w.]+", ty):
        return f"{ty}{{}}" if ty[:1].isupper() or "." in ty else None
    return None


def early_return(sig: str, lang: str) -> str | None:
    """A return statement that type-checks for the signature (or None when we cannot tell)."""
    sig = " ".join(sig.split())
    if lang == "js":
        return "return;"
    if lang == "rust":
        return "return Default::default();" if "->" in sig else "return;"
    if lang == "c":
        head = sig.split("(", 1)[0]
        if re.search(r"\bvoid\b", head) and "*" not in head:
            return "return;"
        if "struct" in head and "*" not in head:
            return None
        return "return 0;"
    if lang == "go":
        # func (r T) Name(params) RESULTS
        m = re.match(r"func\s*(\([^)]*\)\s*)?[\w]*\s*(\[[^\]]*\])?\s*\(", sig)
        if not m:
            return None
        depth, j = 1, m.end()
        while j < len(sig) and depth:
            depth += {"(": 1, ")": -1}.get(sig[j], 0)
            j += 1
        res = sig[j:].strip()
        if not res:
            return "return"
        if res.startswith("(") and res.endswith(")"):
            parts = [p.strip() for p in res[1:-1].split(",")]
            if all(" " in p for p in parts):  # named results
                return "return"
            zs = [_go_zero(p) for p in parts]
            return None if None in zs else "return " + ", ".join(z for z in zs if z)
        z = _go_zero(res)
        return None if z is None else f"return {z}"
    return None


def clike_mutants(rel: str, text: str, lang: str) -> list[Mutant]:
    toks = tokenize_clike(text, lang)
    edits: list[tuple[int, int, str, int, str, str]] = []
    for k, t in enumerate(toks):
        if t.kind != "op" and t.kind != "num":
            if t.kind == "id" and lang == "js" and t.text in ("true", "false"):
                new = "false" if t.text == "true" else "true"
                edits.append((t.start, t.end, new, t.line, "boolean", f"{t.text} -> {new}"))
            continue
        prev = toks[k - 1] if k else None
        if t.kind == "num":
            if re.fullmatch(r"\d+", t.text) and (prev is None or prev.text != "."):
                v = int(t.text)
                for d in (1, -1):
                    if v + d >= 0:
                        edits.append((t.start, t.end, str(v + d), t.line, "literal", f"{t.text} -> {v + d}"))
            continue
        op = t.text
        if (op in CMP_SWAP and op != "===") or op in ("===", "!=="):
            if op in ("<", ">") and _generic_angle(toks, k, lang):
                continue
            if op in ("==", "!=") and lang == "js":
                pass
            edits.append((t.start, t.end, CMP_SWAP[op], t.line, "comparison", f"'{op}' -> '{CMP_SWAP[op]}'"))
        elif op in ("&&", "||"):
            edits.append((t.start, t.end, BOOL_SWAP[op], t.line, "boolean", f"'{op}' -> '{BOOL_SWAP[op]}'"))
        elif op in ("+", "-", "*", "/", "%", "<<", ">>", "**") and _is_operand_end(prev):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            # `int *p`, `cur *Session`: a pointer type, not a product (space before, none after)
            pointer = op == "*" and lang in ("c", "go", "rust") and prev is not None and prev.kind == "id"
            if pointer and text[t.start - 1 : t.start].isspace() and not text[t.end : t.end + 1].isspace():
                continue
            # trait bounds: `K: Eq + Hash`, `T: 'a + Send`
            bound = op == "+" and lang == "rust" and prev is not None and nxt is not None
            if (
                bound
                and prev
                and nxt
                and (prev.text[:1].isupper() or prev.text.startswith("'"))
                and nxt.text[:1].isupper()
            ):
                continue
            if op in (">>", "<<") and _generic_angle(toks, k, lang):
                continue
            new = ARITH_SWAP[op]
            edits.append((t.start, t.end, new, t.line, "arithmetic", f"'{op}' -> '{new}'"))
        elif op in ("+=", "-=", "*=", "/="):
            new = ARITH_SWAP[op[0]] + "="
            edits.append((t.start, t.end, new, t.line, "arithmetic", f"'{op}' -> '{new}'"))
        elif (op == "!" and (prev is None or not _is_operand_end(prev)) and lang != "rust") or (
            op == "!" and lang == "rust" and (prev is None or prev.kind != "id")
        ):
            edits.append((t.start, t.end, "", t.line, "boolean", "removed '!'"))
    edits += _clike_statement_edits(toks, text, lang)
    out = []
    seen: set[str] = set()
    for s, e, new, line, kind, change in sorted(edits, key=lambda x: (x[0], x[1], x[2])):
        mutated = text[:s] + new + text[e:]
        if mutated == text or mutated in seen:
            continue
        seen.add(mutated)
        out.append(Mutant(rel, line, kind, change, mutated))
    return out


_C_NOT_TYPES = {"return", "break", "continue", "goto", "if", "while", "for", "do", "switch", "case", "sizeof"}


def _is_declaration(words: list[Tok], lang: str) -> bool:
    """A line that declares a name: `int n = 0;`, `char *p;`, `const x = 1;`, `let v = ..;`, `x := 1`."""
    first = words[0].text
    if lang == "js":
        return first in ("const", "let", "var", "class", "function")
    if lang == "rust":
        return first in ("let", "const", "static", "use", "struct", "enum", "fn", "type")
    if lang == "go":
        return first in ("var", "const", "type") or any(w.text == ":=" for w in words)
    # C: TYPE [*...] NAME followed by '=', ';', '[' or ','
    k = 0
    while k < len(words) and words[k].kind == "id" and words[k].text not in _C_NOT_TYPES:
        k += 1
        while k < len(words) and words[k].text == "*":
            k += 1
    return k >= 2 and k < len(words) and words[k].text in ("=", ";", "[", ",") and words[k - 1].kind == "id"


def _clike_statement_edits(
    toks: list[Tok], text: str, lang: str
) -> list[tuple[int, int, str, int, str, str]]:
    edits: list[tuple[int, int, str, int, str, str]] = []
    bodies = _func_bodies(toks, lang, text)
    inside = [False] * len(toks)
    for o, c, _, _ in bodies:
        for q in range(o + 1, c):
            inside[q] = True
    # deleted statements: the tokens of one line inside a function body, when the line is a whole
    # simple statement (brackets balanced; ends with ';' or, in Go, a plain line)
    by_line: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        by_line.setdefault(t.line, []).append(k)
    for lineno, ks in by_line.items():
        if not all(inside[q] for q in ks):
            continue
        words = [toks[q] for q in ks]
        depth = 0
        for w in words:
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(w.text, 0)
        if (
            depth != 0
            or words[0].text in ("}", "case", "default", "else", "{")
            or words[-1].text in ("{", ",", "(", "+", "&&", "||")
        ):
            continue
        if any(w.text in ("{", "}") for w in words):
            continue
        if lang == "go":
            if words[-1].text in ("{", ",") or words[0].kind == "pp":
                continue
        elif words[-1].text != ";":
            continue
        if any(w.kind == "pp" for w in words):
            continue
        if _is_declaration(words, lang):
            continue  # deleting a declaration does not build, or fails at once: no test of the tests
        before = toks[ks[0] - 1] if ks[0] else None
        after = toks[ks[-1] + 1] if ks[-1] + 1 < len(toks) else None
        if after is not None and after.text == "else":
            continue  # `if (c) x;` / `else ...`: deleting x would orphan the else
        if lang != "go" and before is not None and before.text not in (";", "{", "}", ")", "else", ":"):
            continue  # a continuation of the statement before
        if (
            lang == "go"
            and before is not None
            and before.kind == "op"
            and before.text not in ("{", "}", ")", "]", "++", "--")
        ):
            continue
        # the statement must start the line and end it
        s, e = words[0].start, words[-1].end
        if lang != "go" and words[0].text == "return" and False:
            continue
        new = ";" if lang in ("c", "js", "rust") else ""
        if lang == "rust" and words[-1].text != ";":
            continue
        edits.append((s, e, new, lineno, "delete", f"deleted '{text[s:e][:60]}'"))
    for o, _c, sig, name in bodies:
        stmt = early_return(sig, lang)
        if stmt is None:
            continue
        pos = toks[o].end
        edits.append(
            (pos, pos, f" {stmt} ", toks[o].line, "return", f"early '{stmt}' in {name or 'function'}()")
        )
    return edits


# ----------------------------------------------------------------------------------------------
# bash

_BASH_TEST_SWAP = {"-lt": "-ge", "-le": "-gt", "-gt": "-le", "-ge": "-lt", "-eq": "-ne", "-ne": "-eq"}
_BASH_ARITH = {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*"}


def _bash_code_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) spans of the script: kind 'code', 'arith' (inside $(( )) or (( ))), or
    skipped text is simply absent (quotes, comments, here-document bodies)."""
    spans: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    code_start = 0
    heredocs: list[str] = []
    arith_depth = 0  # paren depth inside an arithmetic context
    arith_start = 0
    in_dq = False

    def flush(upto: int, kind: str) -> None:
        if upto > code_start:
            spans.append((code_start, upto, kind))

    while i < n:
        c = text[i]
        kind = "arith" if arith_depth else "code"
        if arith_depth:
            if c == "(":
                arith_depth += 1
            elif c == ")":
                arith_depth -= 1
                if arith_depth == 1 and text.startswith(")", i + 1):
                    flush(i, "arith")
                    arith_depth = 0
                    i += 2
                    code_start = i
                    continue
            elif c == "$" and text.startswith("$(", i) and not text.startswith("$((", i):
                pass
            i += 1
            continue
        if in_dq:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                in_dq = False
                i += 1
                code_start = i
                continue
            if text.startswith("$((", i):
                code_start = i + 3
                arith_depth = 2
                arith_start = i
                i += 3
                continue
            i += 1
            continue
        if c == "\\":
            i += 2
            continue
        if c == "'":
            flush(i, kind)
            j = text.find("'", i + 1)
            i = n if j < 0 else j + 1
            code_start = i
            continue
        if c == '"':
            flush(i, kind)
            in_dq = True
            i += 1
            continue
        if c == "#" and (i == 0 or text[i - 1] in " \t\n;|&(") and not text.startswith("#{", i):
            flush(i, kind)
            j = text.find("\n", i)
            i = n if j < 0 else j
            code_start = i
            continue
        if text.startswith("$((", i) or (text.startswith("((", i) and (i == 0 or text[i - 1] in " \t\n;&|")):
            flush(i, kind)
            skip = 3 if c == "$" else 2
            arith_start = i
            code_start = i + skip
            arith_depth = 2
            i += skip
            continue
        if text.startswith("<<", i) and not text.startswith("<<<", i):
            m = re.match(r"<<-?\s*(['\"]?)(\w+)\1", text[i:])
            if m:
                heredocs.append(m.group(2))
                i += m.end()
                continue
        if c == "\n" and heredocs:
            flush(i, kind)
            j = i + 1
            while heredocs and j < n:
                tag = heredocs[0]
                k = text.find("\n", j)
                k = n if k < 0 else k
                if text[j:k].strip() == tag:
                    heredocs.pop(0)
                j = k + 1
            i = min(j, n)
            code_start = i - 1 if i < n else n
            continue
        i += 1
    del arith_start
    flush(n, "arith" if arith_depth else "code")
    return spans


def bash_mutants(rel: str, text: str) -> list[Mutant]:
    offs = _offsets(text)

    def line_of(pos: int) -> int:
        lo, hi = 0, len(offs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offs[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    edits: list[tuple[int, int, str, int, str, str]] = []
    code_lines: dict[int, bool] = {}
    for s, e, kind in _bash_code_spans(text):
        seg = text[s:e]
        if kind == "arith":
            for m in re.finditer(
                r"(\*\*|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%<>])|((?<![$#\w])\d+(?![#\w]))", seg
            ):
                p = s + m.start()
                tok = m.group(0)
                if m.group(2):
                    v = int(tok)
                    for d in (1, -1):
                        if v + d >= 0:
                            edits.append(
                                (p, p + len(tok), str(v + d), line_of(p), "literal", f"{tok} -> {v + d}")
                            )
                elif tok in CMP_SWAP:
                    new = CMP_SWAP[tok]
                    edits.append((p, p + len(tok), new, line_of(p), "comparison", f"'{tok}' -> '{new}'"))
                elif tok in _BASH_ARITH:
                    before = seg[: m.start()].rstrip()
                    if before and (before[-1].isalnum() or before[-1] in ")_}"):
                        new = _BASH_ARITH[tok]
                        edits.append((p, p + 1, new, line_of(p), "arithmetic", f"'{tok}' -> '{new}'"))
                elif tok in ("&&", "||"):
                    new = BOOL_SWAP[tok]
                    edits.append((p, p + 2, new, line_of(p), "boolean", f"'{tok}' -> '{new}'"))
            continue
        for m in re.finditer(
            r"(?<![\w-])(-lt|-le|-gt|-ge|-eq|-ne)(?![\w-])|(&&|\|\|)|(?<=\s)(==|!=)(?=\s)", seg
        ):
            p = s + m.start()
            tok = m.group(0)
            if tok in _BASH_TEST_SWAP:
                new = _BASH_TEST_SWAP[tok]
                edits.append((p, p + len(tok), new, line_of(p), "comparison", f"'{tok}' -> '{new}'"))
                num = re.match(r"\s+(\d+)(?=[\s;\]]|$)", seg[m.end() :])
                if num:  # the integer operand of a test: [ "$n" -lt 10 ]
                    q = s + m.end() + num.start(1)
                    v = int(num.group(1))
                    for d in (1, -1):
                        if v + d >= 0:
                            edits.append(
                                (
                                    q,
                                    q + len(num.group(1)),
                                    str(v + d),
                                    line_of(q),
                                    "literal",
                                    f"{v} -> {v + d}",
                                )
                            )
            elif tok in ("&&", "||"):
                new = BOOL_SWAP[tok]
                edits.append((p, p + 2, new, line_of(p), "boolean", f"'{tok}' -> '{new}'"))
            else:
                new = CMP_SWAP[tok]
                edits.append((p, p + 2, new, line_of(p), "comparison", f"'{tok}' -> '{new}'"))
        for lno in range(line_of(s), line_of(max(s, e - 1)) + 1):
            code_lines[lno] = True
    # deleted lines: a simple command alone on its line, wholly code (not a quote/heredoc continuation)
    lines = text.split("\n")
    spans = _bash_code_spans(text)

    gaps: list[tuple[int, int]] = []  # quoted text, comments, here-documents, $(( and ))
    pos = 0
    for s, e, _kind in spans:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        gaps.append((pos, len(text)))

    def whole_code(a: int, b: int) -> bool:
        """The line [a, b) neither starts inside quoted text begun earlier nor ends inside one."""
        return not any(gs < a < ge or gs < b < ge for gs, ge in gaps)

    infunc = False
    for idx, ln in enumerate(lines):
        st = ln.strip()
        a = offs[idx]
        b = a + len(ln)
        if re.match(r"^(function\s+)?[\w-]+\s*\(\)\s*\{\s*$", st) or re.match(
            r"^function\s+[\w-]+\s*\{\s*$", st
        ):
            infunc = True
            nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
            indent = nxt[: len(nxt) - len(nxt.lstrip())] or "  "
            edits.append(
                (
                    b + 1,
                    b + 1,
                    f"{indent}return 0\n",
                    idx + 2,
                    "return",
                    f"early 'return 0' in {st.split('(')[0].split()[-1]}()",
                )
            )
            continue
        if (
            not st
            or st.startswith("#")
            or ln.rstrip().endswith(("\\", "|", "&&", "||", "{", "(", "do", "then", "in"))
        ):
            continue
        first = st.split()[0]
        if first in (
            "}",
            "fi",
            "done",
            "esac",
            "else",
            "elif",
            "then",
            "do",
            ";;",
            "{",
            ")",
            "set",
            "local",
            "shopt",
            "readonly",
            "export",
            "declare",
            "trap",
        ):
            continue
        if (
            st.endswith(";;")
            or (st.endswith(")") and "(" not in st)
            or st.startswith(("if ", "for ", "while ", "until ", "case "))
            or "<<" in st
        ):
            continue
        if idx > 0 and lines[idx - 1].rstrip().endswith(("\\", "|", "&&", "||")):
            continue
        if not whole_code(a + len(ln) - len(ln.lstrip()), b):
            continue
        edits.append((a + len(ln) - len(ln.lstrip()), b, ":", idx + 1, "delete", f"deleted '{st[:60]}'"))
    del infunc
    out = []
    seen: set[str] = set()
    for s, e, new, line, kind, change in sorted(edits, key=lambda x: (x[0], x[1], x[2])):
        mutated = text[:s] + new + text[e:]
        if mutated == text or mutated in seen:
            continue
        seen.add(mutated)
        out.append(Mutant(rel, line, kind, change, mutated))
    return out

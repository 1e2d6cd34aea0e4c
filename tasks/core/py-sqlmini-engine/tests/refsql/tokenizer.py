"""Turn query text into a list of tokens (SPEC.md section 3).

A token is a small record with a kind, a value and the character offsets of
its first and one-past-last character in the source, so that the parser can
recover the exact source text of any expression (used for output column
names, SPEC.md rule 9.3).
"""

from .errors import SyntaxErrorSQL

KEYWORDS = {
    "SELECT",
    "DISTINCT",
    "ALL",
    "FROM",
    "WHERE",
    "GROUP",
    "BY",
    "HAVING",
    "ORDER",
    "ASC",
    "DESC",
    "NULLS",
    "FIRST",
    "LAST",
    "LIMIT",
    "OFFSET",
    "AS",
    "JOIN",
    "INNER",
    "LEFT",
    "OUTER",
    "ON",
    "AND",
    "OR",
    "NOT",
    "NULL",
    "IS",
    "IN",
    "LIKE",
    "ESCAPE",
    "BETWEEN",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "TRUE",
    "FALSE",
}

# Multi-character operators first: the longest match wins.
OPERATORS = ["<=", ">=", "<>", "!=", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ".", ";"]

INT_MAX = 2**63 - 1


class Token:
    __slots__ = ("end", "kind", "start", "text", "value")

    def __init__(self, kind, value, start, end):
        self.kind = kind  # 'kw', 'ident', 'int', 'real', 'str', 'op', 'eof'
        self.value = value
        self.start = start
        self.end = end
        self.text = ""

    def is_kw(self, *names):
        return self.kind == "kw" and self.value in names

    def is_op(self, *ops):
        return self.kind == "op" and self.value in ops

    def describe(self):
        """How a syntax error names this token."""
        if self.kind == "eof":
            return "end of input"
        if self.kind == "str":
            return "'" + self.value.replace("'", "''") + "'"
        if self.kind == "kw":
            return self.value
        return str(self.text)

    def __repr__(self):
        return f"Token({self.kind!r}, {self.value!r}, {self.start}, {self.end})"


def _is_ident_start(ch):
    return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_ident_char(ch):
    return _is_ident_start(ch) or ("0" <= ch <= "9")


def tokenize(src):
    """Return the tokens of ``src``, ending with one 'eof' token."""
    tokens = []
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if src.startswith("--", i):
            j = src.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        start = i
        if ch == "'":
            value, i = _read_string(src, i)
            tok = Token("str", value, start, i)
        elif ch == '"':
            value, i = _read_quoted_ident(src, i)
            tok = Token("ident", value, start, i)
        elif ch.isdigit() or (ch == "." and i + 1 < n and src[i + 1].isdigit()):
            tok, i = _read_number(src, i)
        elif _is_ident_start(ch):
            j = i
            while j < n and _is_ident_char(src[j]):
                j += 1
            word = src[i:j]
            if word.upper() in KEYWORDS:
                tok = Token("kw", word.upper(), i, j)
            else:
                tok = Token("ident", word.lower(), i, j)
            i = j
        else:
            for op in OPERATORS:
                if src.startswith(op, i):
                    tok = Token("op", op, i, i + len(op))
                    i += len(op)
                    break
            else:
                raise SyntaxErrorSQL(f"unexpected character '{ch}' at position {i + 1}")
        tok.text = src[tok.start : tok.end]
        tokens.append(tok)
    eof = Token("eof", None, n, n)
    eof.text = ""
    tokens.append(eof)
    return tokens


def _read_string(src, i):
    """Read a '...' literal starting at ``i``; '' stands for one quote."""
    out = []
    j = i + 1
    n = len(src)
    while True:
        if j >= n:
            raise SyntaxErrorSQL("unterminated string literal")
        ch = src[j]
        if ch == "'":
            if j + 1 < n and src[j + 1] == "'":
                out.append("'")
                j += 2
                continue
            return "".join(out), j + 1
        out.append(ch)
        j += 1


def _read_quoted_ident(src, i):
    out = []
    j = i + 1
    n = len(src)
    while True:
        if j >= n:
            raise SyntaxErrorSQL("unterminated quoted identifier")
        ch = src[j]
        if ch == '"':
            if j + 1 < n and src[j + 1] == '"':
                out.append('"')
                j += 2
                continue
            if not out:
                raise SyntaxErrorSQL("empty quoted identifier")
            return "".join(out).lower(), j + 1
        out.append(ch)
        j += 1


def _read_number(src, i):
    n = len(src)
    j = i
    is_real = False
    while j < n and src[j].isdigit():
        j += 1
    if j < n and src[j] == ".":
        is_real = True
        j += 1
        while j < n and src[j].isdigit():
            j += 1
    if j < n and src[j] in "eE":
        k = j + 1
        if k < n and src[k] in "+-":
            k += 1
        if k < n and src[k].isdigit():
            is_real = True
            j = k
            while j < n and src[j].isdigit():
                j += 1
    if j < n and _is_ident_char(src[j]):
        raise SyntaxErrorSQL(f"malformed number at position {i + 1}")
    text = src[i:j]
    if is_real:
        value = float(text)
        if value == float("inf"):
            raise SyntaxErrorSQL(f"real literal out of range: {text}")
        return Token("real", value, i, j), j
    value = int(text)
    if value > INT_MAX:
        raise SyntaxErrorSQL(f"integer literal out of range: {text}")
    return Token("int", value, i, j), j

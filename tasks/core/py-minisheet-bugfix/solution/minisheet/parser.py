"""Tokens -> expression tree.

Grammar (lowest precedence first):
    expr    := concat
    concat  := sum ('&' sum)*                 left-associative
    sum     := product (('+' | '-') product)*  left-associative
    product := unary (('*' | '/') unary)*     left-associative
    unary   := ('-' | '+') unary | power
    power   := atom ('^' unary)?              right-associative: 2^3^2 = 2^(3^2)
    atom    := NUM | STR | REF | REF ':' REF | NAME '(' [args] ')' | '(' expr ')'
"""

from __future__ import annotations

from dataclasses import dataclass

from minisheet.tokenizer import FormulaSyntaxError, Token, tokenize


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Str:
    value: str


@dataclass(frozen=True)
class Ref:
    ref: str


@dataclass(frozen=True)
class Range:
    start: str
    end: str


@dataclass(frozen=True)
class Unary:
    op: str
    operand: object


@dataclass(frozen=True)
class Binary:
    op: str
    left: object
    right: object


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self, kind: str, text: str | None = None) -> Token:
        tok = self.peek()
        if tok.kind != kind or (text is not None and tok.text != text):
            raise FormulaSyntaxError(f"expected {text or kind}, got {tok.text or tok.kind!r}")
        self.i += 1
        return tok

    def at_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok.kind == "OP" and tok.text in ops

    def expr(self):
        node = self.sum()
        while self.at_op("&"):
            self.i += 1
            node = Binary("&", node, self.sum())
        return node

    def sum(self):
        node = self.product()
        while self.at_op("+", "-"):
            op = self.take("OP").text
            node = Binary(op, node, self.product())
        return node

    def product(self):
        node = self.unary()
        while self.at_op("*", "/"):
            op = self.take("OP").text
            node = Binary(op, node, self.unary())
        return node

    def unary(self):
        if self.at_op("-", "+"):
            op = self.take("OP").text
            return Unary(op, self.unary())
        return self.power()

    def power(self):
        node = self.atom()
        if self.at_op("^"):
            self.i += 1
            node = Binary("^", node, self.unary())
        return node

    def atom(self):
        tok = self.peek()
        if tok.kind == "NUM":
            self.i += 1
            return Num(float(tok.text))
        if tok.kind == "STR":
            self.i += 1
            return Str(tok.text)
        if tok.kind == "REF":
            self.i += 1
            if self.peek().kind == "COLON":
                self.i += 1
                end = self.take("REF").text
                return Range(tok.text, end)
            return Ref(tok.text)
        if tok.kind == "NAME":
            self.i += 1
            self.take("LPAREN")
            args = []
            if self.peek().kind != "RPAREN":
                args.append(self.expr())
                while self.peek().kind == "COMMA":
                    self.i += 1
                    args.append(self.expr())
            self.take("RPAREN")
            return Call(tok.text.upper(), tuple(args))
        if tok.kind == "LPAREN":
            self.i += 1
            node = self.expr()
            self.take("RPAREN")
            return node
        raise FormulaSyntaxError(f"unexpected {tok.text or 'end of formula'!r}")


def parse(text: str):
    """Parse a formula (without its leading '=')."""
    p = _Parser(tokenize(text))
    node = p.expr()
    p.take("END")
    return node


def references(node) -> set[str]:
    """Every cell the expression reads, ranges expanded."""
    from minisheet.refs import expand_range

    if isinstance(node, Ref):
        return {node.ref}
    if isinstance(node, Range):
        return set(expand_range(node.start, node.end))
    if isinstance(node, Unary):
        return references(node.operand)
    if isinstance(node, Binary):
        return references(node.left) | references(node.right)
    if isinstance(node, Call):
        out: set[str] = set()
        for a in node.args:
            out |= references(a)
        return out
    return set()

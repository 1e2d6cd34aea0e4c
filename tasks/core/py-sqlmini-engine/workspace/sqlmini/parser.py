"""Recursive-descent parser for the sqlmini dialect (SPEC.md section 4).

Operator precedence, lowest first::

    OR
    AND
    NOT
    =  <>  !=  <  <=  >  >=  IS  LIKE  IN  BETWEEN
    +  -
    *  /  %
    ||
    unary -  +
"""

from . import nodes as n
from .errors import SyntaxErrorSQL
from .tokenizer import tokenize

COMPARISONS = ("=", "<>", "!=", "<", "<=", ">", ">=")


class Parser:
    def __init__(self, src):
        self.src = src
        self.tokens = tokenize(src)
        self.pos = 0

    # -- token helpers -------------------------------------------------
    @property
    def tok(self):
        return self.tokens[self.pos]

    def advance(self):
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def error(self, tok=None):
        tok = tok or self.tok
        if tok.kind == "eof":
            return SyntaxErrorSQL("syntax error at end of input")
        return SyntaxErrorSQL(f'syntax error near "{tok.text}"')

    def accept_kw(self, *names):
        if self.tok.is_kw(*names):
            return self.advance()
        return None

    def expect_kw(self, name):
        if not self.tok.is_kw(name):
            raise self.error()
        return self.advance()

    def accept_op(self, *ops):
        if self.tok.is_op(*ops):
            return self.advance()
        return None

    def expect_op(self, op):
        if not self.tok.is_op(op):
            raise self.error()
        return self.advance()

    def expect_ident(self):
        if self.tok.kind != "ident":
            raise self.error()
        return self.advance().value

    def finish(self, node, start_tok):
        """Record the source text of ``node`` from ``start_tok`` to the last token read."""
        last = self.tokens[self.pos - 1]
        node.text = self.src[start_tok.start : last.end]
        return node

    # -- statements ----------------------------------------------------
    def parse_statement(self):
        stmt = self.parse_select()
        self.accept_op(";")
        if self.tok.kind != "eof":
            raise self.error()
        return stmt

    def parse_select(self):
        self.expect_kw("SELECT")
        sel = n.Select()
        if self.accept_kw("DISTINCT"):
            sel.distinct = True
        else:
            self.accept_kw("ALL")
        sel.items.append(self.parse_select_item())
        while self.accept_op(","):
            sel.items.append(self.parse_select_item())
        if self.accept_kw("FROM"):
            sel.from_table = self.parse_table_ref()
            while True:
                kind = None
                if self.accept_kw("LEFT"):
                    self.accept_kw("OUTER")
                    self.expect_kw("JOIN")
                    kind = "LEFT"
                elif self.accept_kw("INNER"):
                    self.expect_kw("JOIN")
                    kind = "INNER"
                elif self.accept_kw("JOIN"):
                    kind = "INNER"
                if kind is None:
                    break
                table = self.parse_table_ref()
                self.expect_kw("ON")
                cond = self.parse_expr()
                sel.joins.append(n.Join(kind, table, cond))
        if self.accept_kw("WHERE"):
            sel.where = self.parse_expr()
        if self.accept_kw("GROUP"):
            self.expect_kw("BY")
            sel.group_by.append(self.parse_expr())
            while self.accept_op(","):
                sel.group_by.append(self.parse_expr())
        if self.accept_kw("HAVING"):
            sel.having = self.parse_expr()
        if self.accept_kw("ORDER"):
            self.expect_kw("BY")
            sel.order_by.append(self.parse_order_item())
            while self.accept_op(","):
                sel.order_by.append(self.parse_order_item())
        if self.accept_kw("LIMIT"):
            sel.limit = self.parse_count("LIMIT")
            if self.accept_kw("OFFSET"):
                sel.offset = self.parse_count("OFFSET")
        return sel

    def parse_count(self, what):
        tok = self.tok
        if tok.kind == "eof":
            raise self.error()
        if tok.kind != "int":
            raise SyntaxErrorSQL(f"{what} must be a non-negative integer")
        self.advance()
        return tok.value

    def parse_select_item(self):
        start = self.tok
        if self.accept_op("*"):
            return n.SelectItem(self.finish(n.Star(), start), None)
        if (
            self.tok.kind == "ident"
            and self.tokens[self.pos + 1].is_op(".")
            and self.tokens[self.pos + 2].is_op("*")
        ):
            table = self.advance().value
            self.advance()
            self.advance()
            return n.SelectItem(self.finish(n.Star(table), start), None)
        expr = self.parse_expr()
        alias = None
        if self.accept_kw("AS"):
            alias = self.expect_ident()
        elif self.tok.kind == "ident":
            alias = self.advance().value
        return n.SelectItem(expr, alias)

    def parse_table_ref(self):
        name = self.expect_ident()
        alias = None
        if self.accept_kw("AS"):
            alias = self.expect_ident()
        elif self.tok.kind == "ident":
            alias = self.advance().value
        return n.TableRef(name, alias)

    def parse_order_item(self):
        expr = self.parse_expr()
        desc = False
        if self.accept_kw("DESC"):
            desc = True
        else:
            self.accept_kw("ASC")
        nulls_first = None
        if self.accept_kw("NULLS"):
            if self.accept_kw("FIRST"):
                nulls_first = True
            else:
                self.expect_kw("LAST")
                nulls_first = False
        return n.OrderItem(expr, desc, nulls_first)

    # -- expressions ---------------------------------------------------
    def parse_expr(self):
        return self.parse_or()

    def parse_or(self):
        start = self.tok
        left = self.parse_and()
        while self.accept_kw("OR"):
            right = self.parse_and()
            left = self.finish(n.Logical("OR", left, right), start)
        return left

    def parse_and(self):
        start = self.tok
        left = self.parse_not()
        while self.accept_kw("AND"):
            right = self.parse_not()
            left = self.finish(n.Logical("AND", left, right), start)
        return left

    def parse_not(self):
        start = self.tok
        if self.accept_kw("NOT"):
            operand = self.parse_not()
            return self.finish(n.Unary("NOT", operand), start)
        return self.parse_comparison()

    def parse_comparison(self):
        start = self.tok
        left = self.parse_additive()
        while True:
            tok = self.tok
            if tok.kind == "op" and tok.value in COMPARISONS:
                self.advance()
                op = "<>" if tok.value == "!=" else tok.value
                right = self.parse_additive()
                left = self.finish(n.Binary(op, left, right), start)
                continue
            if tok.is_kw("IS"):
                self.advance()
                negated = bool(self.accept_kw("NOT"))
                self.expect_kw("NULL")
                left = self.finish(n.IsNull(left, negated), start)
                continue
            negated = False
            if tok.is_kw("NOT") and self.tokens[self.pos + 1].is_kw("LIKE", "IN", "BETWEEN"):
                self.advance()
                negated = True
                tok = self.tok
            if tok.is_kw("LIKE"):
                self.advance()
                pattern = self.parse_additive()
                escape = None
                if self.accept_kw("ESCAPE"):
                    escape = self.parse_additive()
                left = self.finish(n.Like(left, pattern, escape, negated), start)
                continue
            if tok.is_kw("IN"):
                self.advance()
                self.expect_op("(")
                items = [self.parse_expr()]
                while self.accept_op(","):
                    items.append(self.parse_expr())
                self.expect_op(")")
                left = self.finish(n.InList(left, items, negated), start)
                continue
            if tok.is_kw("BETWEEN"):
                self.advance()
                low = self.parse_additive()
                self.expect_kw("AND")
                high = self.parse_additive()
                left = self.finish(n.Between(left, low, high, negated), start)
                continue
            return left

    def parse_additive(self):
        start = self.tok
        left = self.parse_multiplicative()
        while True:
            tok = self.accept_op("+", "-")
            if not tok:
                return left
            right = self.parse_multiplicative()
            left = self.finish(n.Binary(tok.value, left, right), start)

    def parse_multiplicative(self):
        start = self.tok
        left = self.parse_concat()
        while True:
            tok = self.accept_op("*", "/", "%")
            if not tok:
                return left
            right = self.parse_concat()
            left = self.finish(n.Binary(tok.value, left, right), start)

    def parse_concat(self):
        start = self.tok
        left = self.parse_unary()
        while self.accept_op("||"):
            right = self.parse_unary()
            left = self.finish(n.Binary("||", left, right), start)
        return left

    def parse_unary(self):
        start = self.tok
        tok = self.accept_op("-", "+")
        if tok:
            operand = self.parse_unary()
            if (
                tok.value == "-"
                and isinstance(operand, n.Literal)
                and type(operand.value) in (int, float)
                and operand.text[:1] not in "-+"
            ):
                return self.finish(n.Literal(-operand.value), start)
            return self.finish(n.Unary(tok.value, operand), start)
        return self.parse_primary()

    def parse_primary(self):
        start = tok = self.tok
        if tok.kind in ("int", "real", "str"):
            self.advance()
            return self.finish(n.Literal(tok.value), start)
        if tok.is_kw("NULL"):
            self.advance()
            return self.finish(n.Literal(None), start)
        if tok.is_kw("TRUE", "FALSE"):
            self.advance()
            return self.finish(n.Literal(1 if tok.value == "TRUE" else 0), start)
        if tok.is_op("("):
            self.advance()
            inner = self.parse_expr()
            self.expect_op(")")
            # Parentheses do not change the node, but its text includes them.
            node = _copy_node(inner)
            node.parenthesized = True
            return self.finish(node, start)
        if tok.is_kw("CASE"):
            return self.parse_case()
        if tok.kind == "ident":
            self.advance()
            if self.tok.is_op("("):
                return self.parse_call(tok, start)
            if self.accept_op("."):
                col = self.expect_ident()
                return self.finish(n.ColumnRef(tok.value, col), start)
            return self.finish(n.ColumnRef(None, tok.value), start)
        raise self.error()

    def parse_call(self, name_tok, start):
        name = name_tok.text.upper()
        self.expect_op("(")
        if self.accept_op("*"):
            self.expect_op(")")
            return self.finish(n.FuncCall(name, [], star=True), start)
        distinct = bool(self.accept_kw("DISTINCT"))
        args = []
        if not self.tok.is_op(")"):
            args.append(self.parse_expr())
            while self.accept_op(","):
                args.append(self.parse_expr())
        self.expect_op(")")
        return self.finish(n.FuncCall(name, args, distinct=distinct), start)

    def parse_case(self):
        start = self.tok
        self.expect_kw("CASE")
        operand = None
        if not self.tok.is_kw("WHEN"):
            operand = self.parse_expr()
        whens = []
        while self.accept_kw("WHEN"):
            cond = self.parse_expr()
            self.expect_kw("THEN")
            whens.append((cond, self.parse_expr()))
        if not whens:
            raise self.error()
        default = None
        if self.accept_kw("ELSE"):
            default = self.parse_expr()
        self.expect_kw("END")
        return self.finish(n.Case(operand, whens, default), start)


def _copy_node(node):
    clone = object.__new__(type(node))
    clone.__dict__.update(node.__dict__)
    return clone


def parse(src):
    """Parse one SELECT statement; raise SyntaxErrorSQL on bad input."""
    return Parser(src).parse_statement()

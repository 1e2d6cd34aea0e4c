"""Rewrites that make plans cheaper without changing results.

Predicate pushdown: a top-level AND term of WHERE that refers to columns of
one table only is evaluated while that table is scanned, so fewer rows reach
the joins.  SPEC.md rule 8.10 lets the engine evaluate WHERE terms in any
order; it does not let it change which rows the query returns.
"""

from . import nodes as n
from .expr import Context, Scope, compile_expr, contains_aggregate


def split_and(node):
    """The top-level AND terms of an expression, left to right."""
    if isinstance(node, n.Logical) and node.op == "AND":
        return split_and(node.left) + split_and(node.right)
    return [node]


def join_and(terms):
    """Rebuild one expression from AND terms (None for no terms)."""
    if not terms:
        return None
    node = terms[0]
    for term in terms[1:]:
        joined = n.Logical("AND", node, term)
        joined.text = node.text + " AND " + term.text
        node = joined
    return node


def nullable_aliases(sel):
    """Aliases whose columns can be NULL-padded by an outer join."""
    out = set()
    for join in sel.joins:
        if join.kind == "LEFT":
            out.add(join.table.alias)
    return out


def push_down(sel, scope, table_columns):
    """Split WHERE into per-table filters and the rest.

    Returns ``(filters, residual)`` where ``filters`` maps an alias to a list
    of functions of that table's own row and ``residual`` is the WHERE
    expression left to evaluate on joined rows (or None).
    """
    if sel.where is None:
        return {}, None
    blocked = nullable_aliases(sel)
    filters = {}
    residual = []
    for term in split_and(sel.where):
        if contains_aggregate(term):
            residual.append(term)
            continue
        aliases = scope.aliases_of(term)
        if len(aliases) != 1:
            residual.append(term)
            continue
        (alias,) = aliases
        if alias in blocked:
            residual.append(term)
            continue
        own = Scope()
        own.add(alias, table_columns[alias])
        filters.setdefault(alias, []).append(compile_expr(term, Context(own, "WHERE")))
    return filters, join_and(residual)

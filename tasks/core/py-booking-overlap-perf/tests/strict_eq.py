"""Equality that is strict about types, all the way down: a value counts only if it is exactly the
expected kind (a list, not a list subclass; an int, not an object that claims to equal everything)."""


def same(got, want):
    if type(got) is not type(want):
        return False
    if type(want) in (list, tuple):
        return len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    if type(want) is dict:
        return set(got) == set(want) and all(same(got[k], want[k]) for k in want)
    return got == want

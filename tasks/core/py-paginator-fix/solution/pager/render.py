"""Links and text for the navigation bar."""

from __future__ import annotations

from pager.pages import Paginator
from pager.window import page_window

ELLIPSIS = "\u2026"
PREV = "\u00ab"
NEXT = "\u00bb"


def page_url(base: str, number: int) -> str:
    """`base` (a path with an optional query string) with its `page` parameter set to `number`.

    Other query parameters keep their values and their order; an existing `page`
    parameter is replaced in place (only one `page` parameter remains, where the first
    one was), otherwise `page` is added at the end. A fragment (`#...`) is kept at the end.

    >>> page_url("/list", 2)
    '/list?page=2'
    >>> page_url("/search?q=cats&page=4#top", 2)
    '/search?q=cats&page=2#top'
    """
    rest, hash_, fragment = base.partition("#")
    path, q, query = rest.partition("?")
    params = [p for p in query.split("&") if p] if q else []
    out, done = [], False
    for p in params:
        if p.partition("=")[0] == "page":
            if not done:
                out.append(f"page={number}")
                done = True
        else:
            out.append(p)
    if not done:
        out.append(f"page={number}")
    return f"{path}?{'&'.join(out)}{hash_}{fragment}"


def nav_links(paginator: Paginator, current: int, base: str, radius: int = 2) -> list[tuple[str, str | None]]:
    """The navigation bar as (label, url) pairs.

    First (PREV, url of the previous page) if there is one, then one pair per entry of
    page_window(current, paginator.num_pages, radius): (str(n), url) for other pages,
    (str(n), None) for the current page, (ELLIPSIS, None) for a gap; last (NEXT, url of
    the next page) if there is one. URLs are made with page_url(base, n).
    """
    page = paginator.page(current)
    out: list[tuple[str, str | None]] = []
    if page.has_previous:
        out.append((PREV, page_url(base, current - 1)))
    for n in page_window(current, paginator.num_pages, radius):
        if n is None:
            out.append((ELLIPSIS, None))
        elif n == current:
            out.append((str(n), None))
        else:
            out.append((str(n), page_url(base, n)))
    if page.has_next:
        out.append((NEXT, page_url(base, current + 1)))
    return out


def summary(paginator: Paginator, current: int) -> str:
    """'Showing A–B of N' (en dash) for page `current`, or 'No items' when there are none."""
    page = paginator.page(current)
    if paginator.total == 0:
        return "No items"
    return f"Showing {page.start_index}\u2013{page.end_index} of {paginator.total}"

"""Which page numbers the navigation bar shows."""

from __future__ import annotations


def page_window(current: int, num_pages: int, radius: int = 2) -> list[int | None]:
    """Page numbers to show around `current`, in ascending order.

    Shows page 1, page `num_pages`, and every page from `current - radius` to
    `current + radius` inclusive that exists. Each run of one or more pages left out is
    shown as a single None (rendered as an ellipsis). `current` must be in 1..num_pages
    and `radius` >= 0, otherwise ValueError.

    >>> page_window(5, 10)
    [1, None, 3, 4, 5, 6, 7, None, 10]
    >>> page_window(1, 1)
    [1]
    """
    if num_pages < 1 or not 1 <= current <= num_pages:
        raise ValueError(f"page {current} of {num_pages}")
    if radius < 0:
        raise ValueError("radius must be >= 0")
    shown = {1, num_pages}
    for n in range(current - radius, current + radius):
        if 1 <= n <= num_pages:
            shown.add(n)
    out: list[int | None] = []
    prev = 0
    for n in sorted(shown):
        if n > prev + 1:
            out.append(None)
        out.append(n)
        prev = n
    return out

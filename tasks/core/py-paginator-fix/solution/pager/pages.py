"""Splitting a number of items into numbered pages."""

from __future__ import annotations

from typing import Sequence, TypeVar

T = TypeVar("T")


class PageNotFound(LookupError):
    """Raised for a page number outside 1..num_pages."""


class Paginator:
    """`total` items (an int >= 0) shown `per_page` (an int >= 1) at a time.

    Invalid arguments raise ValueError. There is always at least one page: with no items,
    page 1 exists and is empty.
    """

    def __init__(self, total: int, per_page: int) -> None:
        if total < 0:
            raise ValueError("total must be >= 0")
        if per_page < 1:
            raise ValueError("per_page must be >= 1")
        self.total = total
        self.per_page = per_page

    @property
    def num_pages(self) -> int:
        """Number of pages: enough to hold every item, and at least 1."""
        return max(1, -(-self.total // self.per_page))

    def page(self, number: int) -> "Page":
        """Page `number` (1-based); PageNotFound unless 1 <= number <= num_pages."""
        if not 1 <= number <= self.num_pages:
            raise PageNotFound(f"page {number} of {self.num_pages}")
        return Page(self, number)


class Page:
    """One page of a Paginator."""

    def __init__(self, paginator: Paginator, number: int) -> None:
        self.paginator = paginator
        self.number = number

    @property
    def offset(self) -> int:
        """0-based index of the first item on this page."""
        return (self.number - 1) * self.paginator.per_page

    @property
    def start_index(self) -> int:
        """1-based number of the first item on this page, or 0 if there are no items."""
        if self.paginator.total == 0:
            return 0
        return self.offset + 1

    @property
    def end_index(self) -> int:
        """1-based number of the last item on this page, or 0 if there are no items."""
        if self.paginator.total == 0:
            return 0
        return min(self.offset + self.paginator.per_page, self.paginator.total)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def items(self, seq: Sequence[T]) -> Sequence[T]:
        """The part of `seq` (all `total` items) that is on this page."""
        return seq[self.offset : self.offset + self.paginator.per_page]

import pytest

from pager import Page, PageNotFound, Paginator, nav_links, page_url, page_window, summary
from pager.render import ELLIPSIS, NEXT, PREV


@pytest.mark.parametrize(
    ("total", "per_page", "pages"),
    [
        (0, 10, 1),
        (1, 10, 1),
        (9, 10, 1),
        (10, 10, 1),
        (11, 10, 2),
        (20, 5, 4),
        (30, 10, 3),
        (95, 10, 10),
        (100, 10, 10),
        (101, 10, 11),
        (7, 1, 7),
        (1, 1, 1),
        (10**12, 10**6, 10**6),
        (10**12 + 1, 10**6, 10**6 + 1),
    ],
)
def test_num_pages(total, per_page, pages):
    assert Paginator(total, per_page).num_pages == pages


@pytest.mark.parametrize(("total", "per_page"), [(-1, 10), (10, 0), (10, -5)])
def test_invalid_paginator(total, per_page):
    with pytest.raises(ValueError):
        Paginator(total, per_page)


def test_page_not_found():
    p = Paginator(30, 10)
    assert isinstance(p.page(3), Page)
    for bad in (0, -1, 4, 100):
        with pytest.raises(PageNotFound):
            p.page(bad)
    assert issubclass(PageNotFound, LookupError)


def test_empty_paginator_has_empty_first_page():
    p = Paginator(0, 10)
    page = p.page(1)
    assert (page.start_index, page.end_index) == (0, 0)
    assert not page.has_next and not page.has_previous
    assert list(page.items([])) == []
    with pytest.raises(PageNotFound):
        p.page(2)


@pytest.mark.parametrize(
    ("total", "per_page", "number", "start", "end"),
    [
        (95, 10, 1, 1, 10),
        (95, 10, 9, 81, 90),
        (95, 10, 10, 91, 95),
        (100, 10, 10, 91, 100),
        (1, 10, 1, 1, 1),
        (11, 10, 2, 11, 11),
        (7, 3, 3, 7, 7),
        (30, 10, 3, 21, 30),
    ],
)
def test_start_end_index(total, per_page, number, start, end):
    page = Paginator(total, per_page).page(number)
    assert (page.start_index, page.end_index) == (start, end)


def test_has_next_and_previous_on_exact_multiple():
    p = Paginator(30, 10)
    assert p.page(1).has_next and not p.page(1).has_previous
    assert p.page(2).has_next and p.page(2).has_previous
    assert not p.page(3).has_next and p.page(3).has_previous


def test_items_cover_sequence_exactly_once():
    for total in range(0, 42):
        for per_page in (1, 3, 7, 10, 41, 50):
            seq = list(range(total))
            p = Paginator(total, per_page)
            got = []
            for n in range(1, p.num_pages + 1):
                page = p.page(n)
                chunk = list(page.items(seq))
                if total:
                    assert chunk, (total, per_page, n)
                    assert chunk[0] == page.start_index - 1
                    assert chunk[-1] == page.end_index - 1
                got.extend(chunk)
            assert got == seq


@pytest.mark.parametrize(
    ("current", "num_pages", "radius", "expected"),
    [
        (5, 10, 2, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (1, 10, 2, [1, 2, 3, None, 10]),
        (10, 10, 2, [1, None, 8, 9, 10]),
        (2, 10, 2, [1, 2, 3, 4, None, 10]),
        (4, 10, 2, [1, 2, 3, 4, 5, 6, None, 10]),
        (7, 10, 2, [1, None, 5, 6, 7, 8, 9, 10]),
        (8, 10, 2, [1, None, 6, 7, 8, 9, 10]),
        (1, 1, 2, [1]),
        (1, 2, 2, [1, 2]),
        (2, 2, 0, [1, 2]),
        (3, 5, 0, [1, None, 3, None, 5]),
        (2, 3, 0, [1, 2, 3]),
        (50, 100, 1, [1, None, 49, 50, 51, None, 100]),
        (3, 6, 10, [1, 2, 3, 4, 5, 6]),
        (5, 9, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ],
)
def test_page_window(current, num_pages, radius, expected):
    assert page_window(current, num_pages, radius) == expected


def test_page_window_default_radius_is_two():
    assert page_window(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]


@pytest.mark.parametrize(("current", "num_pages", "radius"), [(0, 5, 2), (6, 5, 2), (1, 0, 2), (1, 5, -1)])
def test_page_window_invalid(current, num_pages, radius):
    with pytest.raises(ValueError):
        page_window(current, num_pages, radius)


@pytest.mark.parametrize(
    ("base", "number", "expected"),
    [
        ("/list", 2, "/list?page=2"),
        ("/list", 1, "/list?page=1"),
        ("/search?q=cats", 2, "/search?q=cats&page=2"),
        ("/list?page=3&sort=name", 4, "/list?page=4&sort=name"),
        ("/list?sort=name&page=3", 4, "/list?sort=name&page=4"),
        ("/list?sort=name&page=3&dir=asc", 1, "/list?sort=name&page=1&dir=asc"),
        ("/list?a=1&page=2&b=2&page=9", 5, "/list?a=1&page=5&b=2"),
        ("/list?pages=7", 2, "/list?pages=7&page=2"),
        ("/list?mypage=7&page=1", 2, "/list?mypage=7&page=2"),
        ("/search?q=cats&page=4#top", 2, "/search?q=cats&page=2#top"),
        ("/list#results", 3, "/list?page=3#results"),
        ("/list?", 2, "/list?page=2"),
        ("/list?flag&x=1", 2, "/list?flag&x=1&page=2"),
        ("/list?page=", 6, "/list?page=6"),
        ("/list?q=a%20b&page=1", 3, "/list?q=a%20b&page=3"),
    ],
)
def test_page_url(base, number, expected):
    assert page_url(base, number) == expected


def test_nav_links_middle():
    p = Paginator(95, 10)
    assert nav_links(p, 5, "/search?q=cats") == [
        (PREV, "/search?q=cats&page=4"),
        ("1", "/search?q=cats&page=1"),
        (ELLIPSIS, None),
        ("3", "/search?q=cats&page=3"),
        ("4", "/search?q=cats&page=4"),
        ("5", None),
        ("6", "/search?q=cats&page=6"),
        ("7", "/search?q=cats&page=7"),
        (ELLIPSIS, None),
        ("10", "/search?q=cats&page=10"),
        (NEXT, "/search?q=cats&page=6"),
    ]


def test_nav_links_first_and_last():
    p = Paginator(30, 10)
    assert nav_links(p, 1, "/l") == [("1", None), ("2", "/l?page=2"), ("3", "/l?page=3"), (NEXT, "/l?page=2")]
    assert nav_links(p, 3, "/l?page=3") == [
        (PREV, "/l?page=2"),
        ("1", "/l?page=1"),
        ("2", "/l?page=2"),
        ("3", None),
    ]


def test_nav_links_single_page():
    assert nav_links(Paginator(0, 10), 1, "/l") == [("1", None)]
    assert nav_links(Paginator(10, 10), 1, "/l") == [("1", None)]


def test_nav_links_missing_page():
    with pytest.raises(PageNotFound):
        nav_links(Paginator(30, 10), 4, "/l")


@pytest.mark.parametrize(
    ("total", "per_page", "current", "text"),
    [
        (95, 10, 10, "Showing 91\u201395 of 95"),
        (95, 10, 3, "Showing 21\u201330 of 95"),
        (30, 10, 3, "Showing 21\u201330 of 30"),
        (1, 10, 1, "Showing 1\u20131 of 1"),
        (0, 10, 1, "No items"),
    ],
)
def test_summary(total, per_page, current, text):
    assert summary(Paginator(total, per_page), current) == text

"""Pagination for listing pages."""

from pager.pages import Page, PageNotFound, Paginator
from pager.render import nav_links, page_url, summary
from pager.window import page_window

__all__ = ["Page", "PageNotFound", "Paginator", "nav_links", "page_url", "page_window", "summary"]

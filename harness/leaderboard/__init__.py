"""Leaderboards built from the runs in a results folder: Markdown, JSON and a static web report.

collect (stream trials into small records) -> board (every number, once) -> markdown / json / html.
"""

from harness.leaderboard.board import Board, build_board, to_json
from harness.leaderboard.collect import Selection, collect, parse_since
from harness.leaderboard.markdown import render_markdown

__all__ = ["Board", "Selection", "build_board", "collect", "parse_since", "render_markdown", "to_json"]

"""Glob matching for repository paths (see the task instruction for the rules)."""

from __future__ import annotations

from typing import Iterable


def glob_match(pattern: str, path: str) -> bool:
    raise NotImplementedError


def filter_paths(pattern: str, paths: Iterable[str]) -> list[str]:
    raise NotImplementedError

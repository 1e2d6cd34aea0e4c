"""Compact durations such as "1h30m": see the task description."""


def parse_duration(text: str) -> int:
    """Total seconds of a compact duration string; ValueError if it is not one."""
    raise NotImplementedError


def format_duration(seconds: int) -> str:
    """Canonical compact form of a number of seconds, e.g. 3725 -> "1h2m5s"."""
    raise NotImplementedError

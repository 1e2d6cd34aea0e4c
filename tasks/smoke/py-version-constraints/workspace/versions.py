"""Version numbers and constraint expressions: see the task description."""


def parse_version(text: str) -> tuple[int, int, int]:
    """'1.4' -> (1, 4, 0); ValueError if text is not a version."""
    raise NotImplementedError


def matches(version: str, constraint: str) -> bool:
    """True if version satisfies every comma-separated clause of constraint."""
    raise NotImplementedError

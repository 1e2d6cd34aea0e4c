"""Parsing of HTTP Range request headers (see the task instruction)."""


class RangeNotSatisfiable(Exception):
    """No range in the header can be satisfied for the given file size."""


def parse_range(header: str, size: int) -> list[tuple[int, int]]:
    raise NotImplementedError

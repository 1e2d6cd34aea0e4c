class TemplateError(Exception):
    """An error while rendering (for example an unknown filter)."""


class TemplateSyntaxError(TemplateError):
    """The template text is malformed. `lineno` is the 1-based line of the offending tag."""

    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno

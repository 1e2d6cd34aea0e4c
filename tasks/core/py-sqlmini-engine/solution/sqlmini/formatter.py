"""Text output of a result (SPEC.md section 10)."""

from .values import format_real


def needs_quotes(text):
    if text == "" or text == "NULL":
        return True
    if text != text.strip(" \t"):
        return True
    return any(c in text for c in '|"\n\r')


def format_text(text):
    if needs_quotes(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_value(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_real(value)
    return format_text(value)


def footer(count):
    return "(1 row)" if count == 1 else f"({count} rows)"


def format_result(result):
    lines = ["|".join(format_text(c) for c in result.columns)]
    for row in result.rows:
        lines.append("|".join(format_value(v) for v in row))
    lines.append(footer(len(result.rows)))
    return "\n".join(lines) + "\n"

"""A small CSV reader that keeps track of quoting (SPEC.md section 2).

The standard library's csv module cannot tell an unquoted empty field (NULL)
from a quoted empty one (the empty string), so sqlmini reads CSV itself.
Each field is returned as ``(text, quoted)``.
"""

from .errors import CSVFormatError


def parse_csv(text, source="<input>"):
    """Return a list of records; each record is a list of (text, quoted)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    records = []
    record = []
    field = []
    quoted = False
    i = 0
    n = len(text)
    line = 1
    at_field_start = True
    record_line = 1
    while i < n:
        ch = text[i]
        if at_field_start and ch == '"':
            quoted = True
            at_field_start = False
            i += 1
            start_line = line
            while True:
                if i >= n:
                    raise CSVFormatError(f"{source}: line {start_line}: unterminated quoted field")
                ch = text[i]
                if ch == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        field.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                if ch == "\n":
                    line += 1
                field.append(ch)
                i += 1
            if i < n and text[i] not in ",\r\n":
                raise CSVFormatError(f"{source}: line {line}: unexpected character after closing quote")
            continue
        if ch == ",":
            record.append(("".join(field), quoted))
            field = []
            quoted = False
            at_field_start = True
            i += 1
            continue
        if ch == "\r" or ch == "\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            record.append(("".join(field), quoted))
            records.append((record_line, record))
            record = []
            field = []
            quoted = False
            at_field_start = True
            line += 1
            record_line = line
            i += 1
            continue
        if ch == '"':
            raise CSVFormatError(f"{source}: line {line}: unexpected quote in unquoted field")
        field.append(ch)
        at_field_start = False
        i += 1
    if field or quoted or record:
        record.append(("".join(field), quoted))
        records.append((record_line, record))
    # Blank lines (a single unquoted empty field) are skipped.
    return [(ln, r) for ln, r in records if not (len(r) == 1 and r[0] == ("", False))]

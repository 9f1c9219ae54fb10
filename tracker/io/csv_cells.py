"""Every CSV the tracker writes goes through `csv_text`: RFC 4180, and no cell a spreadsheet
would run as a formula. Standard library only.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a line break as a
formula (OWASP "CSV injection"; some also take the full-width forms), so such text is written
with a leading apostrophe, which spreadsheets show as text. A leading apostrophe is itself
escaped, so importing our own export gives back the original text (`restore_text`). Numbers
(`-5`, `-0.5`) are left as they are: a spreadsheet reads them as numbers, never as formulas.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "'", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def neutralise(text: str) -> str:
    """`text` as a cell no spreadsheet runs: a leading apostrophe before a formula start."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def restore_text(text: str) -> str:
    """Undo `neutralise` (a hand-written leading apostrophe before other text is kept)."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """The rows (header first) as CSV text, every cell through `neutralise`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, minimal quoting
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_records(text: str) -> int:
    """How many records (header included) `text` holds: a note with a line break is one record."""
    return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))

"""Reading a CSV file a row at a time: a million-row file costs the memory of one row.

UTF-8 (a BOM is fine), RFC 4180, a header naming each column once, every row as long as the
header. Each mistake is one InputError naming the file and its line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from tracker.core.files import describe_kind
from tracker.errors import InputError

# Files are read a row at a time, so the size bounds only the time an import takes and its
# temporary disk space (about twice the file), not memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")  # after a \r that does not start a \r\n


class CsvTable:
    """Open with `with CsvTable(path) as table:`; then `table.header`, and `table.rows()` once."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.where = str(path)
        if self.path.is_dir():
            raise InputError("file", self.where, "a CSV file, not a directory")
        if not self.path.exists():
            raise InputError("file", self.where, "a file that exists")
        if not self.path.is_file():  # a FIFO would block the import forever; a device is no file
            kind = describe_kind(self.path.stat().st_mode)
            raise InputError("file", self.where, f"a regular file; this is {kind}")
        self.size = self.path.stat().st_size
        if self.size > MAX_FILE_BYTES:
            raise InputError("file", self.where, f"a CSV file of at most {MAX_FILE_BYTES // 2**20} MB")
        self.bytes_read = 0  # for a progress bar
        self.header: list[str] = []
        self._handle: BinaryIO | None = None

    def __enter__(self) -> CsvTable:
        self._handle = self.path.open("rb")
        self._reader = csv.reader(self._lines(self._handle), strict=True)
        try:
            self.header = [name.strip() for name in next(self._reader, [])]
        except csv.Error as exc:
            raise InputError(f"{self.where} line {self._reader.line_num}", str(exc), "RFC 4180 CSV") from None
        if len(set(self.header)) != len(self.header):
            raise InputError(f"{self.where} header", ",".join(self.header), "each column once")
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._handle is not None:
            self._handle.close()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) for each row that is not blank."""
        reader = self._reader
        width = len(self.header)
        try:
            for record in reader:
                # Blank rows are skipped; a row whose first cell holds text is not blank (the cheap test).
                if (len(record) != width or not record[0].strip()) and not any(cell.strip() for cell in record):
                    continue
                if len(record) != width:
                    where = f"{self.where} line {reader.line_num}"
                    raise InputError(where, f"{len(record)} cells", f"{width} cells, like the header")
                yield reader.line_num, record
        except csv.Error as exc:
            raise InputError(f"{self.where} line {reader.line_num}", str(exc), "RFC 4180 CSV") from None

    def _lines(self, handle: BinaryIO) -> Iterator[str]:
        # Decoded a line at a time (a line-end byte never occurs inside a UTF-8 character), so a
        # bad byte is reported with its line and the file is never held whole.
        number = 0
        for chunk in handle:  # split at \n; a lone \r (old Mac line ends) is split below
            self.bytes_read += len(chunk)
            if number == 0 and chunk.startswith(BOM):
                chunk = chunk[len(BOM) :]
            pieces = _LONE_CR.split(chunk) if b"\r" in chunk[:-2] or chunk.endswith(b"\r") else [chunk]
            for raw in pieces:
                if not raw:
                    continue
                number += 1
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    byte = raw[exc.start : exc.start + 1].hex()
                    raise InputError(f"{self.where} line {number}", byte, "UTF-8 text (a byte is not)") from None
                if "\x00" in line:
                    raise InputError(f"{self.where} line {number}", "NUL", "a text CSV file (it contains NUL bytes)")
                yield line

"""What an app's export says, before any mapping: readings of named items, and rows skipped.

Also the small readers every format shares: CSV rows from a file or a zip member, and a zip or
a folder opened alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from tracker.core.files import describe_kind
from tracker.core.vocabulary import BUILTIN_FACTORS
from tracker.errors import InputError
from tracker.io.apps.mapping import Target

SKIPS_SHOWN = 3
Progress = Callable[[str, int, int | None], None]  # what is happening, how far, out of (None: unknown)


@dataclass(frozen=True)
class Reading:
    """One thing the file says about one day: `value` None means the item happened (an activity
    ticked, a habit done) and its target decides the amount."""

    item: str
    day: dt.date
    where: str  # "export.csv line 4", for messages
    value: float | None = None
    at: dt.datetime | None = None  # aware; None for a whole-day reading
    text: str = ""  # a note's words, or a note that goes with the value


@dataclass
class Parsed:
    """A whole export read: its readings, each item's default target, the rows left out and why,
    and the format's own mapping sections as used (Daylio's moods), to print with the mapping."""

    readings: list[Reading] = field(default_factory=list)
    items: dict[str, Target] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # why -> how many
    skipped_at: dict[str, list[str]] = field(default_factory=dict)  # why -> where, the first few
    sections: dict[str, dict[str, object]] = field(default_factory=dict)
    rows: int = 0
    exported: dt.date | None = None  # the day the export was made, where the file says it

    def as_of(self) -> dt.date | None:
        """How recent the export is: the day it was made where it says so, else its last day."""
        return self.exported or max((reading.day for reading in self.readings), default=None)

    def skip(self, why: str, where: str) -> None:
        """Count a row left out, keeping where only the first few were (a 1 GB export may skip millions)."""
        self.skipped[why] = self.skipped.get(why, 0) + 1
        examples = self.skipped_at.setdefault(why, [])
        if len(examples) < SKIPS_SHOWN:
            examples.append(where)


# --- names -------------------------------------------------------------------------------------


FACTOR_NAME_MAX = 40  # tracker.core.validate.NAME_PATTERN's limit
# Names an app's item may not take as they are: the built-in factors measure amounts (a yes-no
# "water" would land in water ml as 1 ml), and "mood" is Daylio's 1–5 scale.
TAKEN_NAMES = frozenset({factor.name for factor in BUILTIN_FACTORS} | {"mood"})


def slug(name: str, *, suffix: str = "") -> str:
    """A factor name made from an app's item name: "Movies / TV" -> "movies_tv" (cut to the
    length a factor name may have, `suffix` kept whole)."""
    text = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    text = text if text[:1].isalpha() else f"x_{text}"
    return text[: FACTOR_NAME_MAX - len(suffix)].rstrip("_") + suffix


def own_factor(name: str, *, suffix: str) -> str:
    """The factor an item gets by default: its slug, or with `suffix` when that names a
    factor of another meaning ("Water" habit -> water_habit)."""
    plain = slug(name)
    return slug(name, suffix=suffix) if plain in TAKEN_NAMES else plain


def tidy(name: str) -> str:
    """An item name with stray spaces gone ("cook  " and "cook" are one activity)."""
    return " ".join(name.split())


# --- files -------------------------------------------------------------------------------------


def csv_rows(handle: IO[str], where: str, *, delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, cells by column name) for each non-blank row; the first column of a name
    wins when a header repeats one (Oura's has "Sleep Timing" twice)."""
    reader = csv.reader(handle, strict=True, delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader, [])]
        named = len(header) - next((i for i, name in enumerate(reversed(header)) if name), len(header))
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) < named:  # a trailing unnamed column (Loop writes one) may be missing
                raise InputError(
                    f"{where} line {reader.line_num}", f"{len(record)} cells", f"{named} cells, as the header names"
                )
            cells: dict[str, str] = {}
            for name, cell in zip(header, record, strict=False):
                cells.setdefault(name, cell)
            yield reader.line_num, cells
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{where} line {reader.line_num}", str(exc)[:60], "a UTF-8 CSV file") from None


def header_of(handle: IO[str], where: str, *, delimiter: str = ",") -> list[str]:
    """The header row's column names (the handle is left after it). InputError for a header
    whose columns are separated by something else than `delimiter`."""
    try:
        header = [name.strip() for name in next(csv.reader(handle, strict=True, delimiter=delimiter), [])]
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{where} line 1", str(exc)[:60], "a UTF-8 CSV file") from None
    # A spreadsheet saving "CSV" where the comma is the decimal mark separates with ';' (or a tab):
    # read with commas, the whole header would be one column, and each app would only say which
    # columns are missing.
    marks = [mark for mark in (";", "\t") if mark != delimiter]
    separator = next((mark for mark in marks if len(header) == 1 and header[0].count(mark) >= 2), None)
    if separator is not None:
        raise InputError(
            f"{where} header", header[0][:60],
            f"columns separated by commas; this file separates them with {separator!r}: save it as CSV with commas",
        )  # fmt: skip
    return header


def require_columns(header: list[str], wanted: list[str], where: str, allowed: str) -> None:
    missing = [name for name in wanted if name not in header]
    if missing:
        shown = ",".join(header)[:60] or "(empty)"
        raise InputError(f"{where} header", shown, f"{allowed}; missing {', '.join(missing)}")


def counted_rows(
    handle: IO[str], where: str, columns: list[str], allowed: str, parsed: Parsed
) -> Iterator[tuple[str, dict[str, str]]]:
    """("FILE line N", cells) for each row under a header that has `columns` (InputError naming
    those it lacks, saying `allowed`), each counted in `parsed.rows`."""
    require_columns(header_of(handle, where), columns, where, allowed)
    handle.seek(0)
    for line, cells in csv_rows(handle, where):
        parsed.rows += 1
        yield f"{where} line {line}", cells


def open_text(path: Path) -> IO[str]:
    """A file opened as UTF-8 text (a BOM is fine); InputError when there is none to read."""
    if not path.is_file():
        raise not_a_file(path, "a file")
    if path.stat().st_size > MOST_MEMBER_BYTES:  # readings are kept until the plan: bound them
        raise InputError("FILE", path.name, f"an export of at most {MOST_MEMBER_BYTES // 2**20} MB")
    return path.open(encoding="utf-8-sig", newline="")


def not_a_file(path: Path, wanted: str) -> InputError:
    """The refusal of a path that is no regular file, saying what it is instead ("/dev/null":
    a device), for the caller to raise."""
    try:
        found = f"this is {describe_kind(path.stat().st_mode)}"
    except OSError:
        found = "there is nothing by that name"
    return InputError("FILE", str(path) if path.name in ("", ".", "..") else path.name, f"{wanted}; {found}")


def parse_iso_date(text: str, where: str, field_name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise InputError(f"{where}: {field_name}", text, "a date like 2021-09-28") from None


def parse_number(text: str, where: str, field_name: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise InputError(f"{where}: {field_name}", text, "a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(f"{where}: {field_name}", text, "a finite number")
    return value


MOST_MEMBER_BYTES = 256 * 1024 * 1024  # a CSV in an export: years of one habit's days are a few hundred KB
MOST_RATIO = 200  # text deflates 5-25 times; a member that unpacks to 200 times its size is a zip bomb


def checked_members(
    archive: zipfile.ZipFile,
    name: str,
    *,
    most_bytes: int = MOST_MEMBER_BYTES,
    read: Callable[[str], bool] | None = None,
) -> list[str]:
    """The zip's file members, once each has been seen to stay inside the zip and each that is
    `read` (all, unless said) to unpack to at most `most_bytes` (and not to hundreds of times
    its packed size) by what the zip says of it: nothing is unpacked to find out. Reading stops
    at that declared size (zipfile does), so a member that lies about it cannot unpack more.
    InputError names the member at fault."""
    names = []
    for info in archive.infolist():
        member = info.filename
        parts = PurePosixPath(member.replace("\\", "/")).parts
        if member.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise InputError("FILE", name, f"a zip whose members stay inside it; {member[:60]!r} does not")
        if info.is_dir():
            continue
        names.append(member)
        if read is not None and not read(member):
            continue
        packed = max(info.compress_size, 1)
        if info.file_size > most_bytes or (info.file_size > 2**20 and info.file_size / packed > MOST_RATIO):
            size = f"{info.file_size / 2**20:,.0f} MB from {packed / 2**20:,.1f} MB"
            raise InputError("FILE", name, f"a zip, not a zip bomb: {member[:40]} unpacks to {size}")
    return names


class Bundle:
    """An export that is a folder or a zip of one, read alike: member names are relative
    POSIX paths ("001 Meditate/Checkmarks.csv"), whatever folder the zip wraps them in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_dir():
            self.names = sorted(str(p.relative_to(path).as_posix()) for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
                self.names = checked_members(self._zip, path.name)  # before testzip unpacks every member
                broken = self._zip.testzip()
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise InputError("FILE", path.name, f"a zip file or a folder; this one does not open ({exc})") from None
            if broken is not None:
                raise InputError("FILE", path.name, f"a complete zip file; {broken} in it is damaged")
        else:
            raise not_a_file(path, "a zip file or a folder")

    def find(self, suffix: str) -> str | None:
        """The member ending in `suffix` nearest the top (the export's own, not a nested copy),
        or None. InputError when two are equally near: which is the export cannot be told."""
        found = [name for name in self.names if name == suffix or name.endswith("/" + suffix)]
        if not found:
            return None
        depth = min(name.count("/") for name in found)
        nearest = sorted(name for name in found if name.count("/") == depth)
        if len(nearest) > 1:
            shown = ", ".join(nearest[:3])
            raise InputError("FILE", self.path.name, f"one {suffix} at the top of the export; this has {shown}")
        return nearest[0]

    def open(self, name: str) -> IO[str]:
        if self._zip is None:
            return (self.path / name).open(encoding="utf-8-sig", newline="")
        return io.TextIOWrapper(self._zip.open(name), encoding="utf-8-sig", newline="")

    def where(self, name: str) -> str:
        return f"{self.path.name}/{PurePosixPath(name)}"

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

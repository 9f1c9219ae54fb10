"""Imports from other apps: the exports in tests/fixtures/apps (real ones where their licence
lets them be copied, else made-up ones with the real headers and shapes; each folder's
SOURCE.txt says which), into a real SQLite file in tmp_path. Every one travels with the
repository, so no import test is ever skipped for want of a file."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.processes import DATA_TABLES, table_rows

FIXTURES = Path(__file__).parent.parent / "fixtures" / "apps"


def diary(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every data table's rows, to show that a command wrote nothing (or nothing new)."""
    if not path.exists():
        return {}
    return {table: table_rows(path, table) for table in DATA_TABLES}


@pytest.fixture
def daily(cli) -> Callable[..., dict[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """The daily CSV export as rows by date: what a person (or their doctor) reads."""

    def read(start: str, end: str) -> dict[str, dict[str, str]]:
        result = cli("export", "csv", "--from", start, "--to", end)
        assert result.code == 0, result.err
        return {row["date"]: row for row in csv.DictReader(io.StringIO(result.out))}

    return read


def refused(result, *, mentions: str) -> None:  # type: ignore[no-untyped-def]
    """One line naming what is wrong, exit code 2, no traceback."""
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert mentions in lines[0], lines[0]
    assert "Traceback" not in result.err

"""Imports from other apps: the real exports in tests/fixtures/apps (and, for a sample whose
licence keeps it out of this repository, in the samples folder beside it), into a real SQLite
file in tmp_path."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.processes import DATA_TABLES, table_rows

FIXTURES = Path(__file__).parent.parent / "fixtures" / "apps"
# The shared samples travel beside the repository (its parent folder holds shared/samples).
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
# A checkout without that folder beside it cannot read those samples: their tests are skipped, said so.
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no shared samples folder at {SAMPLES}")


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

"""A twitch's further sites travel in the episodes CSV (`also_sites`): exported, imported back
exactly, matched on a second import, copied and merged between diaries; an older file without the
column imports as it always did."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import BACKENDS

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def log_sited(cli, db: str | None = None) -> None:  # type: ignore[no-untyped-def]
    where = {"db": db} if db else {}
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--site", "eyelid:left", "--site", "mouth-corner:left",
        "--site", "cheek:left", **where)  # fmt: skip
    cli("log", "twitch", "--at", "2026-11-21T09:00", "--location", "eyelid", "--side", "left", **where)


def test_the_episodes_csv_carries_the_further_sites_in_order(cli) -> None:
    log_sited(cli)
    exported = rows(cli("export", "csv", "--episodes").out)
    assert [row["also_sites"] for row in exported] == ["mouth-corner:left;cheek:left", ""]
    assert exported[0]["location"] == "eyelid" and exported[0]["side"] == "left"


def test_a_diary_without_further_sites_exports_as_before(cli) -> None:
    cli("log", "twitch", "--at", "2026-11-21T09:00", "--location", "eyelid", "--side", "left")
    header = cli("export", "csv", "--episodes").out.splitlines()[0]
    assert header == "started_at,date,location,side,intensity,duration_s,context,relief,note"


def test_import_brings_the_sites_back_exactly_and_a_second_import_adds_nothing(cli, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    log_sited(cli, source)
    file = tmp_path / "episodes.csv"
    file.write_text(cli("export", "csv", "--episodes", db=source).out, encoding="utf-8")

    assert cli("import", "csv", str(file)).code == 0
    assert cli("export", "csv", "--episodes").out == cli("export", "csv", "--episodes", db=source).out
    again = cli("import", "csv", str(file))
    assert again.code == 0 and "0 new episodes" in again.out
    assert "left eyelid + left mouth corner + left cheek" in cli("list", "--date", "2026-11-20").out
    assert cli("undo").code == 0 and cli("undo").code == 0  # the second import, then the first: sites and all
    assert cli("list", "--from", "2026-11-20").out.count("twitch") == 0


def test_a_twitch_with_other_sites_is_not_matched_as_the_same_one(cli, tmp_path: Path) -> None:
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--location", "eyelid", "--side", "left")
    file = tmp_path / "episodes.csv"
    file.write_text(
        "started_at,date,location,side,intensity,duration_s,context,relief,note,also_sites\n"
        "2026-11-20T08:00:00+00:00,2026-11-20,eyelid,left,,,,,,mouth-corner:left\n",
        encoding="utf-8",
    )
    assert "1 new episode" in cli("import", "csv", str(file)).out


def test_an_older_file_without_the_column_imports_as_before(cli, tmp_path: Path) -> None:
    file = tmp_path / "episodes.csv"
    file.write_text("started_at,location,side\n2026-11-20T08:00:00+00:00,eyelid,left\n", encoding="utf-8")
    assert "1 new episode" in cli("import", "csv", str(file)).out
    [row] = rows(cli("export", "csv", "--episodes").out)
    assert "also_sites" not in row and (row["location"], row["side"]) == ("eyelid", "left")


def test_a_site_given_twice_in_a_file_is_one_line_naming_the_line(cli, tmp_path: Path) -> None:
    file = tmp_path / "episodes.csv"
    file.write_text(
        "started_at,location,side,also_sites\n2026-11-20T08:00:00+00:00,eyelid,left,eyelid:left\n", encoding="utf-8"
    )
    refused = cli("import", "csv", str(file))
    assert refused.code == 2 and refused.err.count("\n") == 1
    assert "line 2" in refused.err and "eyelid:left" in refused.err


def test_db_copy_and_merge_keep_the_sites(cli, tmp_path: Path, db_target: str) -> None:
    source, copied = str(tmp_path / "source.db"), str(tmp_path / "copied.db")
    log_sited(cli, source)
    copy = cli("db", "copy", source, copied, db=None)
    assert copy.code == 0, copy.err
    merged = cli("db", "copy", source, db_target, "--merge", db=None)
    assert merged.code == 0, merged.err
    expected = cli("export", "csv", "--episodes", db=source).out
    assert "mouth-corner:left;cheek:left" in expected
    assert cli("export", "csv", "--episodes", db=copied).out == expected
    assert cli("export", "csv", "--episodes", db=db_target).out == expected
    again = cli("db", "copy", source, db_target, "--merge", db=None)
    assert again.code == 0 and cli("export", "csv", "--episodes", db=db_target).out == expected


def test_the_visit_packet_dictionary_explains_the_column_when_the_file_has_it(cli, tmp_path: Path) -> None:
    log_sited(cli)
    folder = tmp_path / "visit"
    assert cli("export", "visit", str(folder)).code == 0
    header = next(csv.reader(io.StringIO((folder / "episodes.csv").read_text(encoding="utf-8"))))
    described = [row for row in rows((folder / "dictionary.csv").read_text(encoding="utf-8"))
                 if row["file"] == "episodes.csv"]  # fmt: skip
    assert "also_sites" in header and {row["column"] for row in described} == set(header)

"""The medication list travels with the diary: written beside the daily CSV export, imported back
one for one (a second import adds nothing), and kept by `db copy` and `db copy --merge`, on a
SQLite file and on a server alike."""

from __future__ import annotations

import pytest

from tests.conftest import BACKENDS

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def medicate(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    cli("log", "stress", "3", "--date", "2026-11-20", db=db)
    assert cli("med", "add", "prednisolone", "--dose", "20 mg daily", "--started", "2026-10-01",
               "--stopped", "2026-10-06", db=db).code == 0  # fmt: skip
    # A formula start, a comma and a line break: each must come back from the file as typed.
    odd = ("=sertraline", "--dose", "50 mg, mornings", "--note", "line one\nline two")
    assert cli("med", "add", *odd, db=db).code == 0


def test_an_export_to_a_file_writes_the_medications_beside_it_and_imports_them_once(cli, db_target, tmp_path) -> None:
    source = str(tmp_path / "laptop.db")
    medicate(cli, source)
    daily = tmp_path / "out" / "diary.csv"
    daily.parent.mkdir()

    exported = cli("export", "csv", "-o", str(daily), db=source)

    assert exported.code == 0, exported.err
    beside = tmp_path / "out" / "diary.medications.csv"
    assert "diary.medications.csv" in exported.err and beside.is_file()
    first = cli("import", "csv", str(daily))
    assert first.code == 0, first.err
    assert "2 medications" in first.out
    assert cli("med", "list").out == cli("med", "list", db=source).out  # names, doses, dates, notes, ids
    again = cli("import", "csv", str(daily))
    assert again.code == 0 and "medication" not in again.out
    assert cli("undo").code == 0 and cli("undo").code == 0
    assert "no medications recorded" in cli("med", "list").out  # the first import's undo took them


def test_db_copy_keeps_medications_and_merge_adds_only_the_new_one(cli, db_target, tmp_path) -> None:
    laptop = str(tmp_path / "laptop.db")
    medicate(cli, laptop)

    copied = cli("db", "copy", laptop, db_target, db=None)

    assert copied.code == 0, copied.err
    assert cli("med", "list").out == cli("med", "list", db=laptop).out
    cli("med", "add", "salbutamol", "--started", "2026-11-01", db=laptop)
    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)
    assert merged.code == 0, merged.err
    assert "1 medication" in merged.out
    listed = cli("med", "list").out
    assert listed.count("prednisolone") == 1 and listed.count("salbutamol") == 1
    again = cli("db", "copy", laptop, db_target, "--merge", db=None)
    assert again.code == 0 and again.out.endswith(": 0 new episodes, 0 days changed\n")


def test_a_bad_row_in_the_medications_file_is_one_line_and_nothing_is_imported(cli, tmp_path) -> None:
    cli("log", "stress", "3")
    daily = tmp_path / "diary.csv"
    daily.write_text("date,stress\n2026-11-22,4\n", encoding="utf-8")
    (tmp_path / "diary.medications.csv").write_text(
        "name,dose,started,stopped,note\nprednisone,,2026-11-10,2026-11-01,\n", encoding="utf-8"
    )
    before = cli("export", "csv").out

    refused = cli("import", "csv", str(daily))

    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1
    assert "diary.medications.csv line 2" in refused.err and "on or after the start" in refused.err
    assert cli("export", "csv").out == before
    assert "no medications recorded" in cli("med", "list").out


def test_a_diary_holding_only_a_medication_is_not_empty_to_copy_into(cli, db_target, tmp_path) -> None:
    laptop = str(tmp_path / "laptop.db")
    medicate(cli, laptop)
    cli("med", "add", "salbutamol")  # the target's only entry
    before = cli("med", "list").out

    refused = cli("db", "copy", laptop, db_target, db=None)

    assert refused.code == 2 and "already holds entries" in refused.err
    assert cli("med", "list").out == before

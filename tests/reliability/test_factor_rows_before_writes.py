"""A factor's row edited by hand (its unit, kind, range or daily rule) stops every write under
it: nothing is logged, imported or changed beneath a definition tracker would never have
written, whichever way the write goes (the standard-library quick path or the store), and the
reads name it too. One line, the table, row, field and value; exit 2; the file untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker.commands.log_quick import main_quick

pytestmark = pytest.mark.usefixtures("frozen")

EDITS = [
    ("UPDATE factor SET unit = 'kg' WHERE name = 'caffeine'", "id 1", "unit", "'kg'"),
    ("UPDATE factor SET kind = 'weird' WHERE name = 'caffeine'", "id 1", "kind", "'weird'"),
    ("UPDATE factor SET daily_rule = 'bogus' WHERE name = 'caffeine'", "id 1", "daily_rule", "'bogus'"),
    ("UPDATE factor SET kind = 'yes-no' WHERE name = 'caffeine'", "id 1", "kind", "'yes-no'"),
    ("UPDATE factor SET builtin = 0 WHERE name = 'caffeine'", "id 1", "builtin", "0"),
    # a factor of one's own: any unit will do, but not a range `factor add` never gives
    ("UPDATE factor SET max_value = 5 WHERE name = 'nap'", "id 6", "max_value", "5.0"),
    ("UPDATE factor SET min_value = 3000 WHERE name = 'caffeine'", "id 1", "max_value", "2000.0"),
]  # fmt: skip

WRITES = [
    ["log", "caffeine", "95"],  # the quick path when run from the command line
    ["log", "caffeine", "95", "--at", "08:00"],
    ["log", "drink", "espresso"],
    ["log", "nap", "yes"],
    ["preset", "set", "double", "caffeine", "126"],
    ["factor", "edit", "caffeine", "--absent", "unknown"],
    ["factor", "edit", "nap", "--absent", "unknown"],
]


def _diary(cli, path: Path, sql: str) -> bytes:
    for argv in (["log", "caffeine", "63", "--at", "07:00"], ["factor", "add", "nap", "--kind", "yes-no"]):
        assert cli(*argv).code == 0, cli(*argv).err
    conn = sqlite3.connect(path)
    with conn:
        assert conn.execute(sql).rowcount == 1
    conn.close()
    return path.read_bytes()


def _named(err: str, row: str, field: str, value: str) -> bool:
    return err.count("\n") == 1 and f"table factor, {row}, field {field}: {value} is not a value tracker" in err


@pytest.mark.parametrize(("sql", "row", "field", "value"), EDITS, ids=[edit[2] + edit[3] for edit in EDITS])
def test_no_write_goes_under_a_factor_edited_by_hand(cli, db_path, capsys, sql, row, field, value) -> None:
    before = _diary(cli, db_path, sql)
    edited = "caffeine" if "caffeine" in sql else "nap"
    for argv in WRITES:
        if edited not in argv and not (edited == "caffeine" and "drink" in argv):
            continue
        capsys.readouterr()
        code = main_quick(["--db", str(db_path), *argv])
        if code is None:  # not one of the commonest logs: the full command line runs it
            result = cli(*argv)
            code, err = result.code, result.err
        else:
            err = capsys.readouterr().err
        assert code == 2 and _named(err, row, field, value), (argv, err)
        assert db_path.read_bytes() == before, argv


@pytest.mark.parametrize(("sql", "row", "field", "value"), EDITS[:2], ids=["unit", "kind"])
def test_an_import_under_a_factor_edited_by_hand_is_refused(cli, db_path, tmp_path, sql, row, field, value) -> None:
    before = _diary(cli, db_path, sql)
    daily = tmp_path / "daily.csv"
    daily.write_text("date,tracked,caffeine_mg\n2026-11-20,1,95\n", encoding="utf-8")
    result = cli("import", "csv", str(daily))
    assert result.code == 2 and _named(result.err, row, field, value), result.err
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("argv", [["list"], ["export", "csv"], ["analyze"]], ids=" ".join)
def test_a_built_in_factor_in_another_unit_is_named_by_reads(cli, db_path, argv) -> None:
    """Read as it stands, 63 mg of caffeine would show as 63 kg: the reads name the row instead."""
    before = _diary(cli, db_path, EDITS[0][0])
    result = cli(*argv)
    assert result.code == 2 and _named(result.err, "id 1", "unit", "'kg'") and result.out == "", result.err
    assert db_path.read_bytes() == before


def test_a_factor_as_tracker_writes_it_still_takes_entries(cli, db_path) -> None:
    """The check passes every factor tracker makes: the built-ins and one's own of each kind."""
    _diary(cli, db_path, "UPDATE factor SET absent_means_none = 1 WHERE name = 'water'")  # an edit tracker makes
    for argv in (["factor", "add", "jaw", "--kind", "scale", "--min", "0", "--max", "5"],
                 ["factor", "add", "gin", "--kind", "number", "--unit", "units"]):  # fmt: skip
        assert cli(*argv).code == 0
    for name, value in (("caffeine", "95"), ("sleep", "7"), ("water", "250"), ("stress", "4"), ("magnesium", "200"),
                        ("nap", "yes"), ("jaw", "3"), ("gin", "2")):  # fmt: skip
        result = cli("log", name, value)
        assert result.code == 0, result.err
    assert cli("list").code == 0

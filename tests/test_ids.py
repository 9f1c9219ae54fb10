"""Entry ids (e12, f7, r3, i2, d2026-11-20): one parser; anything else is one line, exit 2."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.processes import DATA_TABLES, table_rows
from tracker.errors import InputError

LARGEST_ROW_ID = 2**63 - 1  # SQLite's largest integer

pytestmark = pytest.mark.usefixtures("frozen")

HOSTILE = [
    "e99999999999999999999999",  # beyond SQLite's integers: an OverflowError before
    f"e{LARGEST_ROW_ID + 1}",
    "e" + "9" * 5000,  # more digits than Python's int() accepts
    "e0",
    "e-1",
    "e²",  # str.isdigit() says yes, int() says no
    "e١",  # an Arabic-Indic 1: int() reads it as 1, so it deleted e1
    "e1.0",
    "e 1",
    "e1e3",
    "x12",
    "e",
    "",
    " ",
    "d2026-W48-2",  # the ISO week date of 2026-11-24: fromisoformat took it, and the day was deleted
    "d20261124",
    "d2026-02-30",
    "d+2026-11-24",
    f"e{LARGEST_ROW_ID}",  # well formed, but nothing has that id
    "d1899-12-31",
]


@pytest.mark.parametrize("entry", HOSTILE)
def test_a_hostile_id_is_one_line_exit_2_and_deletes_nothing(cli, db_path, entry: str) -> None:
    cli("log", "none")  # d2026-11-24
    cli("log", "twitch")  # e1
    before = {table: table_rows(db_path, table) for table in DATA_TABLES}
    result = cli("delete", "e1", entry)
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: id: ") and "unexpected" not in lines[0]
    assert {table: table_rows(db_path, table) for table in DATA_TABLES} == before


@given(st.text(max_size=40))
def test_any_text_is_an_id_or_refused_as_one(text: str) -> None:
    from tracker.core.ids import format_id, parse_id

    try:
        ref = parse_id(text)
    except InputError as exc:
        assert exc.field == "id"
        return
    assert parse_id(format_id(*ref)) == ref


@pytest.mark.parametrize(
    "text,ref",
    [
        ("e12", ("e", 12)),
        (" F7 ", ("f", 7)),
        ("r3", ("r", 3)),
        ("i2", ("i", 2)),
        ("d2026-11-20", ("d", dt.date(2026, 11, 20))),
        (f"e{LARGEST_ROW_ID}", ("e", LARGEST_ROW_ID)),
    ],
)
def test_the_ids_people_see_parse_back(text: str, ref: tuple[str, object]) -> None:
    from tracker.core.ids import format_id, parse_id

    assert parse_id(text) == ref
    assert format_id(*ref) == text.strip().lower()


def test_ids_sort_as_people_read_them() -> None:
    from tracker.core.ids import order_key

    ids = ["f10", "e2", "d2026-11-20", "f8", "d2026-11-03", "e11"]
    assert sorted(ids, key=order_key) == ["d2026-11-03", "d2026-11-20", "e2", "e11", "f8", "f10"]

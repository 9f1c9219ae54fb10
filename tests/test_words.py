"""What the command line says back, in a person's words: hints from the factor's own range, a
time as it was typed, counts with the right noun, and what became of a deleted id. Real
database file, clock frozen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.mark.parametrize(("factor", "typed"), [("caffeine", "95x"), ("water", "2..5"), ("caffeine", "lots")])
def test_a_refused_value_is_hinted_with_the_factors_own_range(cli, db_path, factor: str, typed: str) -> None:
    result = cli("log", factor, typed)

    assert result.code == 2
    assert "-2" not in result.err and "0–" in result.err
    # Nothing written: the diary this refused command would have made is not left behind.
    assert not db_path.exists()


def test_a_time_too_far_ahead_is_echoed_as_typed(cli) -> None:
    result = cli("log", "stress", "4", "--at", "2026-12-01T08:00")

    assert result.code == 2
    assert "'2026-12-01T08:00'" in result.err and "+00:00" not in result.err


def test_deleting_many_says_undo_brings_back_all_of_them(cli) -> None:
    for value in ("1", "2", "3"):
        cli("log", "stress", value)

    result = cli("delete", "f1", "f2", "f3")

    assert "`tracker undo` brings back all 3" in result.out


def test_deleting_an_id_already_deleted_says_it_was_deleted(cli) -> None:
    cli("log", "caffeine", "95")
    cli("delete", "f1")

    result = cli("delete", "f1")

    assert result.code == 2
    assert "f1 was deleted; `tracker undo` brings it back" in result.err
    cli("log", "stress", "4")  # undo would now reverse this, not the delete
    later = cli("delete", "f1")
    assert "f1 was deleted" in later.err and "undo" not in later.err


def test_one_of_a_thing_is_not_said_in_the_plural(cli, tmp_path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text("started_at\n2026-11-20T08:00:00+00:00\n", encoding="utf-8")

    result = cli("import", "csv", str(path))

    assert "imported 1 row from 1 file:" in result.out and "1 day changed" in result.out
    assert "(s)" not in result.out

"""A yes/no factor is answered with y or n, and reads "yes" / "no" wherever it is shown."""

from __future__ import annotations

from tests.helpers.tui import on, open_factor, rows
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.cli import main
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate, FactorKind


async def test_y_and_n_answer_a_yes_no_factor_and_the_day_reads_yes_and_no(app, seed) -> None:
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.YES_NO)))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_factor(app, pilot, "alcohol")
        await pilot.press("y")
        await settle(pilot)
        assert rows(app, "SELECT value FROM factor_entry") == []  # chosen and shown, not yet written
        assert "Enter writes: alcohol yes" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app, "SELECT value FROM factor_entry") == [(1.0,)]
        assert not on(app, "NumberForm") and not on(app, "FactorEditForm")  # Enter saved, it opened nothing else
        told = [n.message for n in app._notifications]
        assert any("alcohol yes" in message for message in told) and not any("alcohol 1" in m for m in told), told
        assert "alcohol yes" in screen_text(app)


async def test_the_same_key_again_saves_and_the_other_key_changes_the_answer(app, seed) -> None:
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.YES_NO)))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_factor(app, pilot, "alcohol")
        await pilot.press("y", "n")
        await settle(pilot)
        assert "Enter writes: alcohol no" in screen_text(app)
        assert rows(app, "SELECT value FROM factor_entry") == []
        await pilot.press("n")
        await settle(pilot)
        told = [n.message for n in app._notifications]
    assert rows(app, "SELECT value FROM factor_entry") == [(0.0,)]
    assert any("alcohol no" in message for message in told), told


def test_list_says_yes_for_a_yes_no_factor(tmp_path, capsys) -> None:
    db = str(tmp_path / "diary.db")
    assert main(["--db", db, "factor", "add", "alcohol", "--kind", "yes-no"]) == 0
    assert main(["--db", db, "log", "alcohol", "yes"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list", "--from", str(TODAY)]) == 0
    out = capsys.readouterr().out
    assert "alcohol yes" in out and "alcohol 1" not in out


async def test_editing_a_yes_no_entry_shows_yes_not_1(app, seed) -> None:
    def logged(s) -> None:  # type: ignore[no-untyped-def]
        store.add_factor(session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.YES_NO))
        store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="alcohol", value=1, date=TODAY))

    seed(logged)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        table.move_cursor(row=next(i for i in range(table.row_count) if "alcohol" in str(table.get_row_at(i))))
        await pilot.press("e")
        await settle(pilot)
        assert on(app, "NumberForm"), screen_text(app)
        assert "Enter writes: alcohol yes" in screen_text(app) and "alcohol 1" not in screen_text(app)

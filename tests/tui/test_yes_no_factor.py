"""A yes/no factor is answered with y or n, and reads "yes" / "no" wherever it is shown."""

from __future__ import annotations

from tests.helpers.tui import rows
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.cli import main
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorKind


async def test_y_and_n_answer_a_yes_no_factor_and_the_day_reads_yes_and_no(app, seed) -> None:
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.YES_NO)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        picker = app.screen.query_one("OptionList")
        picker.highlighted = next(
            i for i in range(picker.option_count) if picker.get_option_at_index(i).id == "alcohol"
        )
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert rows(app, "SELECT value FROM factor_entry") == [(1.0,)]
        assert "alcohol yes" in screen_text(app)


def test_list_says_yes_for_a_yes_no_factor(tmp_path, capsys) -> None:
    db = str(tmp_path / "diary.db")
    assert main(["--db", db, "factor", "add", "alcohol", "--kind", "yes-no"]) == 0
    assert main(["--db", db, "log", "alcohol", "yes"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list", "--from", str(TODAY)]) == 0
    out = capsys.readouterr().out
    assert "alcohol yes" in out and "alcohol 1" not in out

"""The Factors screen edits a factor of your own, and on a built-in one how a day without it counts."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from tests.tui.conftest import SIZE, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import FactorCreate, FactorKind
from tracker.tui.screens.factor_edit_form import FactorEditForm
from tracker.tui.screens.factors import FactorsScreen


async def open_factors(pilot) -> tuple[FactorsScreen, DataTable]:
    """The Factors screen (F from Today) and its table of factors."""
    await settle(pilot)
    await pilot.press("F")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FactorsScreen)
    return screen, screen.query_one("#factors", DataTable)


async def test_e_edits_the_range_and_daily_rule_of_a_factor_of_your_own(app, engine, seed):
    factor_in = FactorCreate(name="alcohol", kind=FactorKind.NUMBER, unit="units", min_value=0, max_value=20)
    seed(lambda s: store.add_factor(session=s, factor_in=factor_in))
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_factors(pilot)
        # your own: e opens the form with its values; change max and the daily rule
        table.move_cursor(row=[f.name for f in screen.factors].index("alcohol"))
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FactorEditForm)
        assert [i.value for i in form.query(Input)] == ["0", "20"]
        await pilot.press("tab", "backspace", "backspace", *"30", "tab", "enter", "down", "down", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("Factor alcohol updated" in n.message for n in app._notifications)
        assert table.get_row("alcohol")[3:] == ["0–30", "max", "unknown"]
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "alcohol"
    with session_scope(engine, write=False) as session:
        saved = store.get_factor(session=session, name="alcohol")
    assert (saved.min_value, saved.max_value, saved.daily_rule) == (0, 30, "max")


async def test_a_built_in_factor_opens_with_only_how_a_blank_day_counts(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_factors(pilot)
        assert table.get_row("sleep")[-1] == "unknown" and table.get_row("magnesium")[-1] == "none"
        table.move_cursor(row=[f.name for f in screen.factors].index("sleep") + 1)
        await pilot.press("up", "enter")  # Enter on the row moved to
        form = app.screen
        assert isinstance(form, FactorEditForm)
        assert not form.query(Input)  # its range and daily rule stay as documented
        form.query_one("#absent", Select).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table.get_row("sleep")[-1] == "none"
    with session_scope(engine, write=False) as session:
        saved = store.get_factor(session=session, name="sleep")
    assert saved.absent_means_none is True
    assert (saved.min_value, saved.max_value, saved.daily_rule) == (0, 24, "sum")


async def test_a_new_factor_can_say_a_day_without_it_counts_as_none(app, engine):
    from tracker.tui.screens.factor_form import FactorForm

    async with app.run_test(size=SIZE) as pilot:
        screen, table = await open_factors(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FactorForm)
        await pilot.press(*"pills")
        form.query_one("#absent", Select).value = "none"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table.get_row("pills")[-1] == "none"
    with session_scope(engine, write=False) as session:
        assert store.get_factor(session=session, name="pills").absent_means_none is True

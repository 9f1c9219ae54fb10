"""A days CSV exported from the app imports into a new diary, as one from `tracker export csv -o`
does: the factors file of the person's own factors is written beside it, the same set of files."""

from __future__ import annotations

import datetime as dt

from tests.tui.conftest import SIZE, TODAY, settle
from tracker.io.importer import import_files
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.factors import get_factor
from tracker.storage.models import FactorCreate, FactorEntryCreate


async def test_a_days_export_from_the_palette_imports_into_a_new_diary(app, seed, tmp_path) -> None:
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="beer", kind="number", unit="units")))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="beer", value=2, date=TODAY)))
    target = tmp_path / "out" / "days.csv"
    target.parent.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [export] = [c for c in app.get_system_commands(app.screen) if c.title == "Export CSV: days"]
        export.callback()
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        await settle(pilot)
    assert sorted(path.name for path in target.parent.iterdir()) == ["days.csv", "days.factors.csv"]
    fresh = open_database(tmp_path / "fresh.db")
    try:
        import_files(engine=fresh, paths=[target], now=dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC))
        with session_scope(fresh, write=False) as session:
            assert get_factor(session=session, name="beer").unit == "units"
    finally:
        fresh.dispose()


async def test_the_notice_names_every_file_the_days_export_wrote(app, seed, tmp_path) -> None:
    from tracker.storage.diary_facts import set_onset

    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="beer", kind="number", unit="units")))
    seed(lambda s: set_onset(session=s, day=TODAY - dt.timedelta(days=30), today=TODAY))
    target = tmp_path / "out" / "days.csv"
    target.parent.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [export] = [c for c in app.get_system_commands(app.screen) if c.title == "Export CSV: days"]
        export.callback()
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        await settle(pilot)
        notices = " ".join(str(n.message) for n in app._notifications)
    written = sorted(path.name for path in target.parent.iterdir())
    assert len(written) == 3  # the days, the factors and the diary's facts (the onset date)
    # The first by its name, those beside it by what their names add to it.
    assert "days.csv, .factors.csv and .diary.csv (3 files) written in" in notices
    assert all(name.removeprefix("days") in notices for name in written)

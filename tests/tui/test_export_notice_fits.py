"""The days export writes up to four files (days, factors, the diary's facts, medications): its
notice names each of them and fits the notice line at 80x24, where it used to end on a comma
with the last file written but never named."""

from __future__ import annotations

import datetime as dt

from tests.tui.conftest import TODAY, screen_text, settle
from tests.tui.test_medications import medicate
from tracker.storage import store
from tracker.storage.diary_facts import set_onset
from tracker.storage.models import FactorCreate

SMALL = (80, 24)


async def test_every_file_of_a_days_export_is_named_in_the_notice_at_80x24(app, seed, tmp_path, monkeypatch) -> None:
    # A data folder as deep as a person's (~/.local/share/tracker/exports), not a short one.
    exports = tmp_path / "home" / "someone" / ".local" / "share" / "tracker" / "exports"
    monkeypatch.setenv("TRACKER_EXPORTS", str(exports))
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="beer", kind="number", unit="units")))
    seed(lambda s: set_onset(session=s, day=TODAY - dt.timedelta(days=30), today=TODAY))
    medicate(seed, "Sertraline", dose="50 mg daily")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        [export] = [c for c in app.get_system_commands(app.screen) if c.title == "Export CSV: days"]
        export.callback()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        written = sorted(path.name for path in exports.iterdir())
        assert len(written) == 4
        # What the screen shows, the notice's rows run together: a name cut off is missing.
        rendered = " ".join(screen_text(app).split())
        assert "4 files" in rendered
        for name in written:
            assert name.removeprefix(f"daily-{TODAY}") in rendered
        assert f"daily-{TODAY}.csv" in rendered

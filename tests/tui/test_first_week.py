"""A person's first week in the app: a second dose said as one before it is written, every
label whole, every mark on a screen explained on it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from textual.widgets import Input, Select

from tests.helpers.tui import entries, on, open_factor, twitch
from tests.tui.conftest import TODAY, at, screen_text, settle
from tracker.core.vocabulary import FactorKind, RedFlagKind
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate, RedFlagCreate


def dose(session, mg: float):
    return store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="magnesium", value=mg, at=at(8)))


async def test_g_on_a_day_with_its_dose_says_it_makes_a_second_one(app, seed, engine) -> None:
    seed(lambda s: dose(s, 300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        shown = screen_text(app)
        assert "second" in shown and "600 mg" in shown  # the day then holds two doses
        await pilot.press("escape")
        await settle(pilot)
    assert entries(engine)["magnesium"] == [300]


async def test_a_second_coffee_and_a_second_stress_level_say_what_the_day_then_holds(app, seed) -> None:
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="caffeine", value=95, at=at(8))))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="stress", value=6, at=at(8))))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "1", "0", "0")
        await settle(pilot)
        assert "195 mg (the sum of 2)" in " ".join(screen_text(app).split())
        await pilot.press("escape", "y")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert on(app, "StressPicker") and "already logged: stress 6" in screen_text(app)


async def test_a_first_dose_says_nothing_of_a_day_so_far(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", "2", "0", "0")
        await settle(pilot)
        assert "Enter writes: 200 mg magnesium" in screen_text(app)
        assert "already has" not in screen_text(app)


async def test_a_hyphenated_label_is_never_cut_at_its_hyphen(app, seed) -> None:
    kind = RedFlagKind.MOVEMENT_TRIGGERED
    seed(lambda s: store.add_red_flag(session=s, red_flag_in=RedFlagCreate(kind=kind, date=TODAY)))
    seed(lambda s: twitch(s, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = screen_text(app)
        assert "movement-\n" not in "\n".join(line.rstrip() for line in table.splitlines()) + "\n"
        await pilot.press("home", "delete")
        await settle(pilot)
        assert on(app, "Confirm")
        lines = [line.strip(" █") for line in screen_text(app).splitlines()]
        assert not any(line.endswith("movement-") for line in lines)
        assert "set off by chewing or movement" in " ".join(lines)  # the sign's words, whole


async def test_every_mark_in_history_is_in_its_legend(app, seed) -> None:
    earlier = TODAY - dt.timedelta(days=2)
    kind = RedFlagKind.MOVEMENT_TRIGGERED
    seed(lambda s: store.add_red_flag(session=s, red_flag_in=RedFlagCreate(kind=kind, date=earlier)))
    seed(lambda s: twitch(s, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("date"))
        legend = " ".join(" ".join(lines[1:header]).split())
        marks = {mark for line in lines[header + 1 :] for mark in re.findall(r"(?<!\S)[!?—](?!\S)", line)}
        assert "!" in marks  # the red-flag day is marked
        for mark in marks:
            assert re.search(rf"{re.escape(mark)} (?:a |twitches |not )", legend), (mark, legend)


HELP_ROWS = [  # (keys, the first words of what they do) as the help says them, then and now
    ("t", "log a twitch"), ("c", "caffeine:"), ("x", "stress:"), ("N", "the day's note"),
    ("e / Enter", "edit the entry"), ("Delete", "delete it"), ("u, ctrl+z", "undo the last"),
    ("h", "History"), ("ctrl+p", "every command"),
]  # fmt: skip


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_every_key_in_help_lines_up_with_the_others(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        seen: list[str] = []
        for _ in range(12):  # page down to the end, keeping every line shown
            seen += screen_text(app).splitlines()
            await pilot.press("pagedown")
            await settle(pilot)
        starts = {}
        for keys, words in HELP_ROWS:
            line = next(line for line in seen if re.search(rf"█\s+{re.escape(keys)}\s+{re.escape(words)}", line))
            starts[keys] = (line.index(keys), line.index(words))
        assert len(set(starts.values())) == 1, starts


async def test_a_yes_no_factor_asks_yes_or_no_and_offers_no_number_box(app, seed) -> None:
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.YES_NO)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_factor(app, pilot, "alcohol")
        assert on(app, "NumberForm")
        assert not [box for box in app.screen.query(Input) if box.display]  # nothing to type a number into
        assert re.search(r"y yes\s+n no", screen_text(app))
        await pilot.press("n")
        await settle(pilot)
        assert "Enter writes: alcohol no" in screen_text(app)


async def test_a_new_yes_no_factor_has_no_unit_or_range_boxes(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert on(app, "FactorForm")
        form = app.screen
        assert {box.id for box in form.query(Input) if box.display} == {"name", "unit", "min", "max"}
        form.query_one("#kind", Select).value = FactorKind.YES_NO
        await settle(pilot)
        assert {box.id for box in form.query(Input) if box.display} == {"name"}
        await pilot.press(*"alcohol", "ctrl+s")
        await settle(pilot)
        assert on(app, "FactorsScreen")


async def test_bed_and_wake_times_show_the_hours_they_make_before_enter(app, engine) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"23:50", "tab", *"07:30")
        await settle(pilot)
        assert "Enter writes: sleep 7 h 40 min (bed 23:50, wake 07:30)" in screen_text(app)
        assert entries(engine) == {}
        await pilot.press("shift+tab", "shift+tab", *"6:10")  # hours typed go before the times
        await settle(pilot)
        assert "Enter writes: sleep 6 h 10 min" in screen_text(app)


async def test_a_second_sleep_entry_shows_what_the_day_then_holds(app, seed) -> None:
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="sleep", value=6, date=TODAY)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"1.5")
        await settle(pilot)
        assert "today then holds 7 h 30 min (the sum of 2)" in " ".join(screen_text(app).split())

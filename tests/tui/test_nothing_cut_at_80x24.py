"""At 80x24 every screen and dialog shows its words whole: no line clipped at the right edge,
no word folded in two, no heading wrapped into a stray word. The check reads each piece of
text on the screen and looks for every one of its words in the cells it was drawn in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from textual.widgets import DataTable, Static

from tests.helpers.long_values import LONG_FACTOR, seed_long_values
from tests.helpers.tui import caffeine, twitch
from tests.tui.conftest import TODAY, at, pause_until, screen_text, settle
from tracker.storage import store
from tracker.storage.models import FactorEntryCreate, RedFlagCreate, RedFlagKind
from tracker.tui.app import FILE_COMMANDS, TODAY_COMMANDS

SMALL = (80, 24)


def text_of(widget: Static) -> str:
    visual = widget.visual
    plain = getattr(visual, "plain", None)
    return plain if isinstance(plain, str) else str(visual)


def cut_words(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(widget, word) for each word of a fully shown text that is not whole in its cells."""
    lines = screen_text(app).splitlines()
    cut = []
    for widget, (region, clip) in app.screen._compositor.visible_widgets.items():
        if not isinstance(widget, Static):
            continue
        if region.area == 0 or clip.height != region.height:
            continue  # scrolled out, or partly: what scrolls is checked where it is scrolled to
        # Cut at the right (or left) by what holds it: only the cells it was given count.
        drawn = " ".join(line[clip.x : clip.right] for line in lines[clip.y : clip.bottom])
        for word in re.findall(r"\S+", text_of(widget)):
            if word not in drawn:
                cut.append((widget.id or type(widget).__name__, word))
    return cut


def cut_in_lists(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(list, word) for each column heading or cell word of a list that is not whole where it is
    drawn: a column partly past the list's right edge or under its fixed columns, a cell cut
    short inside its column or ended inside a word. A column wholly out of view is scrolled to, not cut."""
    lines = screen_text(app).splitlines()
    cut = []
    for table, (region, _clip) in app.screen._compositor.visible_widgets.items():
        if not isinstance(table, DataTable) or region.area == 0:
            continue
        inner = table.scrollable_content_region
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        fixed = sum(widths[: table.fixed_columns])
        for index, column in enumerate(table.ordered_columns):
            start = sum(widths[:index]) - (0 if index < table.fixed_columns else int(table.scroll_x))
            end = start + widths[index]
            left_edge = 0 if index < table.fixed_columns else fixed
            if end <= left_edge or start >= inner.width:
                continue  # out of view
            name = f"{table.id}:{column.label.plain}"
            if start < left_edge or end > inner.width:
                cut.append((name, column.label.plain))
                continue
            x = inner.x + start
            drawn = " ".join(line[x : x + widths[index]].rstrip() for line in lines[inner.y : inner.bottom])
            drawn = drawn.replace("_ ", "_")  # a name of joined words may break after a "_"
            cells = [column.label.plain]
            y = -int(table.scroll_y)
            for row in table.ordered_rows:  # the cells of the rows wholly in view
                if y + row.height > inner.height - table.header_height:
                    break
                if y >= 0:
                    cells.append(str(table.get_cell(row.key, column.key)))
                y += row.height
            words = [word for cell in cells for word in re.findall(r"\S+", cell)]
            # A word not drawn, or one ended short by "…" ("befor…": a long cell ends between words).
            cut.extend((name, word) for word in words if word not in drawn or re.search(r"\w…$", word))
    return cut


def seed_a_week(seed) -> None:  # type: ignore[no-untyped-def]
    for days_ago in range(8):
        day = TODAY - dt.timedelta(days=days_ago)
        seed(lambda s, day=day: twitch(s, 8, day=day, note="after the long meeting at the office"))
        seed(lambda s, day=day: caffeine(s, 95, day))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="stress", value=6, at=at(9))))


# Every screen and dialog a key opens from Today (the keys, then what to check).
WALKS = {
    "today": (),
    "a day back": ("left_square_bracket",),
    "twitch form": ("t",),
    "caffeine": ("c",),
    "water": ("w",),
    "sleep": ("s",),
    "stress": ("x",),
    "magnesium": ("g",),
    "any factor": ("f",),
    "red flags": ("r",),
    "red flags a day back": ("left_square_bracket", "left_square_bracket", "r"),
    "day note": ("N",),
    "onset": ("O",),
    "go to a date": ("j",),
    "answer a past day": ("A",),
    "history": ("h",),
    "factors": ("F",),
    "insights": ("i",),
    "trends": ("T",),
    "help": ("question_mark",),
    "medications": ("M",),
    "delete a twitch": ("down", "down", "delete"),
    "edit a twitch": ("down", "down", "e"),
    "export from trends": ("T", "s"),
    "visit packet from trends": ("T", "v"),
    "a day with red flags": ("left_square_bracket", "left_square_bracket"),
    "add a medication": ("M", "a"),
    "change a medication": ("M", "e"),
    "stop a medication": ("M", "s"),
    "remove a medication": ("M", "delete"),
    "add a factor": ("F", "a"),
    "change a factor": ("F", *["down"] * 5, "e"),
    "add a preset": ("F", "p"),
    "no twitches from history": ("h", "down", "n"),
    "a day opened from history": ("h", "down", "down", "enter"),
}


@pytest.mark.parametrize("keys", list(WALKS.values()), ids=list(WALKS))
async def test_every_word_is_whole_at_80x24(app, seed, keys) -> None:
    seed_a_week(seed)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert cut_words(app) == [], screen_text(app)
        assert cut_in_lists(app) == [], screen_text(app)


@pytest.mark.parametrize("size", [SMALL, (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("keys", list(WALKS.values()), ids=list(WALKS))
async def test_every_word_is_whole_with_long_values(app, seed, keys, size) -> None:
    seed_long_values(seed)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert cut_words(app) == [], screen_text(app)
        assert cut_in_lists(app) == [], screen_text(app)


def heading_line(app) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in screen_text(app).splitlines() if line.split()[:1] == ["date"])


@pytest.mark.parametrize("size", [SMALL, (100, 30)], ids=["80x24", "100x30"])
async def test_history_shows_whole_columns_at_every_sideways_step(app, seed, size) -> None:
    seed_long_values(seed)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        headings = []
        for _ in range(12):  # past the last column: → then stays where it is
            await pilot.press("right")
            await settle(pilot)
            assert cut_in_lists(app) == [], screen_text(app)
            headings.append(heading_line(app))
        assert LONG_FACTOR in headings[-1]  # the last columns came into view
        for _ in range(12):  # and back to the first columns, whole all the way
            await pilot.press("left")
            await settle(pilot)
            assert cut_in_lists(app) == [], screen_text(app)
        assert "tracked" in heading_line(app).split()


async def test_the_running_timer_says_how_to_stop_it_at_80x24(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("t", "space")
        await settle(pilot)
        form = app.screen
        form._timer_started -= 125  # two minutes in: the longest words the timer shows
        form._show_elapsed()
        await pilot.pause()
        assert cut_words(app) == [], screen_text(app)
        assert "timing… 125 s, space stops" in screen_text(app)


async def test_red_flags_in_the_heading_are_one_piece_at_80x24(app, seed) -> None:
    back = TODAY - dt.timedelta(days=3)
    for kind in (RedFlagKind.WEAKNESS, RedFlagKind.DROOPING, RedFlagKind.SPEECH):
        seed(lambda s, kind=kind: store.add_red_flag(session=s, red_flag_in=RedFlagCreate(kind=kind, date=back)))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(*["left_square_bracket"] * 3)
        await settle(pilot)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert "Sat 07 Mar 2026 — 3 days ago (. today)" in lines  # the day alone on its line
        first = next(i for i, line in enumerate(lines) if line.startswith("⚠ red flags: "))
        assert first == lines.index("Sat 07 Mar 2026 — 3 days ago (. today)") + 1  # the flags under it
        flags = " ".join(lines[first : first + 2])  # whole, wrapping between words when they need two rows
        assert flags == "⚠ red flags: weakness of the face, drooping of the face, mouth or eyelid, trouble speaking"


async def test_all_thirteen_red_flag_questions_show_at_80x24(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        shown = screen_text(app)
        assert "13  it began after starting a new medicine" in shown
        assert "Enter save" in shown


async def test_the_checklist_says_when_questions_are_out_of_view(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("r", "2", "8")  # advice under the list for both: it takes rows from the list
        await settle(pilot)
        shown = screen_text(app)
        assert "call emergency services today" in shown  # the advice stays in view, whole
        if "13  it began after" not in shown:
            # the rows out of view counted on the list's edge (the line saying what Enter saves takes one)
            assert "↓ 2 more below" in shown, shown
        await pilot.press("1", "3")  # ticking 13 brings it into view
        await settle(pilot)
        shown = screen_text(app)
        assert "13  it began after starting a new medicine" in shown
        assert "more above" in shown or "1  it has spread" in shown


async def test_the_whole_export_path_shows_at_80x24(app, monkeypatch, tmp_path) -> None:
    folder = tmp_path / "exports for the doctor" / "the visit in December, with the charts"
    monkeypatch.setenv("TRACKER_EXPORTS", str(folder))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Report (PDF)", "enter")
        await settle(pilot)
        shown = screen_text(app)
        on_screen = "".join(line.strip(" █") for line in shown.splitlines())
        assert str(folder / "report-2026-03-10.pdf") in on_screen, shown


async def test_the_palette_shows_its_longest_words_whole_at_80x24(app) -> None:
    commands = [*TODAY_COMMANDS, *FILE_COMMANDS]
    longest = sorted(commands, key=lambda command: -len(command[1]))[:3]
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for title, help_text, _ in longest:
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*title)
            await settle(pilot)
            # The palette searches as it is typed to; its words are looked for until found.
            await pause_until(pilot, lambda help_text=help_text: help_text in screen_text(app))
            await pilot.press("escape")
            await settle(pilot)


@pytest.mark.parametrize(("key", "typed", "holds"), [("c", "120", "holds 215 mg"), ("w", "750", "holds 1250 ml")])
async def test_a_picker_keeps_its_preview_and_keys_in_view_at_80x24(app, seed, key, typed, holds) -> None:
    # A day that already has some: the preview then takes three rows under the box.
    seed(lambda s: caffeine(s, 95, TODAY))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="water", value=500, at=at(8))))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(key, *typed)
        await settle(pilot)
        shown = " ".join(screen_text(app).replace("█", " ").split())  # the dialog's edges aside
        assert holds in shown  # what the day will then hold
        assert "Esc cancel" in shown  # and the keys, under it


async def test_an_amount_stays_on_one_line_when_its_entry_wraps_at_80x24(app, seed) -> None:
    seed_long_values(seed)  # "screen time in the evening before bed 2 h 30 min" in a 20-cell column
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        lines = [" ".join(line.replace("\u00a0", " ").split()) for line in screen_text(app).splitlines()]
        assert any(line.startswith("2 h 30 min") for line in lines), screen_text(app)  # not "bed 2" above "h 30 min"
        assert any(line.startswith("day caffeine 95 mg") for line in lines)

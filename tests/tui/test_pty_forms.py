"""Forms typed in a real terminal (a pty), in bursts as a terminal delivers fast typing: what
counts is what the database file holds afterwards (see test_pty_journeys)."""

from __future__ import annotations

import pytest

from tests.tui.test_pty_journeys import TWITCHES, tracker  # noqa: F401  (the fixture: the app in a pty)

pytestmark = pytest.mark.slow

NEW_FACTOR = "SELECT name, unit, min_value, max_value FROM factor WHERE name = 'beer'"


def test_a_new_factor_typed_in_one_burst_across_its_kind_box(tracker) -> None:  # noqa: F811
    app = tracker(80, 24)  # the form is taller than the terminal: it opens with its title in view
    app.human("F", "a")
    app.drain_until(lambda: b"New factor" in app.output, "the new-factor form")
    app.burst("beer\t\tunits\t1\t12\r")
    assert app.wait_for(NEW_FACTOR, 1) == [("beer", "units", 1.0, 12.0)]
    assert app.quit() == 0


MAGNESIUM = "SELECT e.value FROM factor_entry e JOIN factor f ON f.id = e.factor_id WHERE f.name = 'magnesium'"


def test_the_g_of_mg_typed_in_the_magnesium_box_is_text(tracker) -> None:  # noqa: F811
    app = tracker(80, 24)
    app.burst("g300 mg\r")  # an empty box: the unit typed in words
    assert app.wait_for(MAGNESIUM, 1) == [(300.0,)]
    app.human("g")  # the latest dose, 300, shown
    app.drain_until(lambda: b"Enter writes: 300" in app.output, "the dose shown")
    app.burst("\x15200mg\r")  # cleared, a new dose with its unit, in one burst
    assert app.wait_for(MAGNESIUM, 2) == [(300.0,), (200.0,)]
    app.human("g")
    app.drain_until(lambda: app.output.count(b"Enter writes: 200") >= 2, "the new dose shown")
    app.burst("\x152")
    app.burst("50mg\r")
    assert app.wait_for(MAGNESIUM, 3) == [(300.0,), (200.0,), (250.0,)]
    app.burst("gg")  # untouched, its own key again still saves what it shows
    assert app.wait_for(MAGNESIUM, 4)[-1] == (250.0,)
    assert app.quit() == 0


ENTRIES = "SELECT f.name, e.value FROM factor_entry e JOIN factor f ON f.id = e.factor_id ORDER BY e.id"


def test_a_second_night_typed_in_bursts_corrects_the_first_and_plus_adds_a_nap(tracker) -> None:  # noqa: F811
    app = tracker(80, 24)

    def holds(rows: list[tuple]) -> None:  # type: ignore[type-arg]
        app.drain_until(lambda: app.rows(ENTRIES) == rows, f"the entries {rows}")

    app.burst("s6\r")
    holds([("sleep", 6.0)])
    app.burst("s7:30\r")  # the night typed again: in its place, never a 13 h 30 min night
    holds([("sleep", 7.5)])
    app.burst("s0:40+")  # a nap: added
    holds([("sleep", 7.5), ("sleep", 0.67)])
    app.human("x", "5")  # the day's first stress level: saved by its key
    holds([("sleep", 7.5), ("sleep", 0.67), ("stress", 5.0)])
    app.burst("x3\r")  # chosen, then Enter: in place of the 5
    holds([("sleep", 7.5), ("sleep", 0.67), ("stress", 3.0)])
    app.human("x", "1", "0", "+")  # 10, added as a second rating
    holds([("sleep", 7.5), ("sleep", 0.67), ("stress", 3.0), ("stress", 10.0)])
    assert app.quit() == 0


def test_the_twitch_form_says_what_the_day_holds_before_another_at_80x24(tracker) -> None:  # noqa: F811
    app = tracker(80, 24)
    app.human("t")
    app.drain_until(lambda: b"Today so far: none yet" in app.output, "the day's line in the first form")
    app.burst("e3\r")
    app.wait_for(TWITCHES, 1)
    app.human("t")
    app.drain_until(lambda: b"Today so far: 1 twitch (" in app.output, "the day's line after one twitch")
    app.burst("l\r")
    assert [row[0] for row in app.wait_for(TWITCHES, 2)] == ["eyelid", "lower-lip"]
    assert app.quit() == 0


def test_back_from_discarding_returns_to_the_note_being_typed(tracker) -> None:  # noqa: F811
    app = tracker(80, 24)
    app.burst("tnsomething")
    app.drain_until(lambda: b"something" in app.output, "the note typed")
    app.burst("\x1b")
    app.pause(0.6)  # longer than ESCDELAY: an Esc of its own
    app.burst("\x1b")
    app.drain_until(lambda: b"Discard what you typed?" in app.output, "the question")
    app.human("n")  # back to what was typed
    app.burst("\x15morning, after 1st coffee\r")  # cleared and typed again, in one burst
    assert app.wait_for(TWITCHES, 1) == [("unspecified", None, None, "morning, after 1st coffee")]
    assert app.quit() == 0

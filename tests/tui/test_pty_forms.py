"""Forms typed in a real terminal (a pty), in bursts as a terminal delivers fast typing: what
counts is what the database file holds afterwards (see test_pty_journeys)."""

from __future__ import annotations

import pytest

from tests.tui.test_pty_journeys import tracker  # noqa: F401  (the fixture: the app in a pty)

pytestmark = pytest.mark.slow

NEW_FACTOR = "SELECT name, unit, min_value, max_value FROM factor WHERE name = 'beer'"


def test_a_new_factor_typed_in_one_burst_across_its_kind_box(tracker) -> None:  # noqa: F811
    app = tracker(80, 24)  # the form is taller than the terminal: it opens with its title in view
    app.human("F", "a")
    app.drain_until(lambda: b"New factor" in app.output, "the new-factor form")
    app.burst("beer\t\tunits\t1\t12\r")
    assert app.wait_for(NEW_FACTOR, 1) == [("beer", "units", 1.0, 12.0)]
    assert app.quit() == 0

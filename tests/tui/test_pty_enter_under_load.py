"""Enter in the sleep form, typed in a real terminal on a busy machine, saves the hours typed
before it; the keys typed behind it log the next entry (they were typed into the sleep box:
"5:40" Enter "x 8" "w 1.5l" Enter read "5:4081.5")."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.tui.test_pty_journeys import FACTORS, tracker  # noqa: F401  (the fixture)

pytestmark = pytest.mark.slow

BUSY = "while 1: pass"


@pytest.fixture
def busy_machine() -> Iterator[None]:
    """Two processes that keep two cores busy while the journey is typed."""
    spinners = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(2)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def typed_at(app, keys: list[str], seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Each key on its own, `seconds` apart, as a person types."""
    for key in keys:
        app.burst(key)
        app.pause(seconds)


def sleep_then_stress(rows: list[tuple]) -> list[tuple]:  # type: ignore[type-arg]
    return [(name, round(value, 2)) for name, value in rows]


def test_sleep_then_stress_and_water_at_human_speed_on_a_busy_machine(tracker, busy_machine) -> None:  # noqa: F811
    app = tracker(80, 24)
    typed_at(app, ["s", "5", ":", "4", "0", "\r", "x", "8", "w", "1", ".", "5", "l", "\r"], 0.4)
    rows = sleep_then_stress(app.wait_for(FACTORS, 3))
    assert rows == [("sleep", 5.67), ("stress", 8.0), ("water", 1500.0)]
    assert app.quit() == 0


def test_sleep_then_stress_in_one_burst_on_a_busy_machine(tracker, busy_machine) -> None:  # noqa: F811
    app = tracker(120, 40)
    app.burst("s")
    app.drain_until(lambda: b"Sleep" in app.output, "the sleep form")
    time.sleep(0.2)
    app.burst("7:15\rx3")
    assert sleep_then_stress(app.wait_for(FACTORS, 2)) == [("sleep", 7.25), ("stress", 3.0)]
    assert app.quit() == 0

"""Insights lists a sign that cannot wait before the other red flags, with what to do beside it."""

from __future__ import annotations

from tracker.analysis.text import LOGGED
from tracker.tui.screens.insights import red_flags_text


def flag(kind: str, day: str) -> dict[str, str]:
    return {"kind": kind, "name": kind, "date": day, "source": LOGGED, "note": ""}


def test_drooping_comes_first_with_its_advice_beside_it() -> None:
    text = red_flags_text([flag("spreading", "2026-03-01"), flag("drooping", "2026-03-10")], "2026-03-10")
    _, first, second, *_ = text.splitlines()
    assert "drooping" in first and "call emergency services today" in first
    assert "spreading" in second and "emergency" not in second


def test_an_older_urgent_sign_says_how_long_ago_beside_it() -> None:
    text = red_flags_text([flag("spreading", "2026-03-09"), flag("speech", "2026-03-04")], "2026-03-10")
    first = text.splitlines()[1]
    assert "logged 6 days ago: if it is happening now, call emergency services" in first

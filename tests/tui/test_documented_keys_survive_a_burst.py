"""No documented key sequence depends on Esc followed at once by a printable key: typed in a
burst, a terminal reads Esc and the key after it as Alt and that key, and the key is lost.
Checked over the README's key spans and the help screen; the stress picker's "start again"
is Backspace, not Esc."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from tests.helpers.tui import entries
from tests.tui.conftest import SIZE, screen_text, settle
from tracker.tui.screens.help import HELP

README = Path(__file__).parents[2] / "README.md"
KEY_NAMES = {"Enter", "Tab", "Esc", "Delete", "Backspace", "space", "ctrl+p", "ctrl+q", "ctrl+z"}


def esc_then_printable(sequence: str) -> bool:
    """Whether a key sequence as documented ("d 45 Esc 4 Enter") has Esc followed by a typed key:
    one character or a number (a word after Esc in the help is what Esc does: "Esc  back")."""
    keys = sequence.split()
    return any(
        key == "Esc" and after not in KEY_NAMES and (len(after) == 1 or after.isdigit())
        for key, after in itertools.pairwise(keys)
    )


def test_the_check_sees_what_a_burst_would_lose() -> None:
    assert esc_then_printable("d 45 Esc 4 Enter")
    assert not esc_then_printable("4 d 45 Enter Enter") and not esc_then_printable("Esc Esc")


def test_no_documented_sequence_puts_a_typed_key_right_after_esc() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    spans = [span for line in lines if not line.startswith("```") for span in re.findall(r"`([^`]+)`", line)]
    assert "d 30 sec Tab after coffee Enter" in spans  # the check reads the key spans
    help_lines = [re.sub(r"\[/?b\]", "", line) for line in HELP.splitlines()]
    found = [text for text in spans + help_lines if esc_then_printable(text)]
    assert found == []


async def test_stress_starts_again_with_backspace_and_says_so(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "5")  # 1, then a digit that does not make 10
        await settle(pilot)
        assert "Backspace to start again" in screen_text(app)
        await pilot.press("backspace", "7")
        await settle(pilot)
    assert entries(engine) == {"stress": [7.0]}

"""The TUI benchmark finds today's twitch on screen however the terminal stream draws it.

A twitch's row keeps the words of its duration together with no-break spaces, and at 80
columns the cell wraps them onto a second line, with the cursor moves and colours of the rest
of the row between: waiting for the plain text "59 min 59" never matched, and the benchmark
timed out instead of measuring the first screen.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_tui.py"


@pytest.fixture(scope="module")
def bench_tui() -> ModuleType:
    pytest.importorskip("pexpect")
    spec = importlib.util.spec_from_file_location("bench_tui", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# As the app drew the row at 80x24 (captured from the pty): no-break spaces inside the cell.
ONE_LINE = "\x1b[1;38;5;195;48;5;32m int.\xa02 · 59\xa0min\xa059\xa0s   \x1b[0m"
# The same words wrapped in a narrow cell: the line's other cells, a line break and cursor moves between.
WRAPPED = (
    "\x1b[1;38;5;195;48;5;32m 59\xa0min \x1b[0m\x1b[6;80H\r\n\x1b[7;2H\x1b[1;38;5;195;48;5;32m       \x1b[0m 59\xa0s"
)


@pytest.mark.parametrize("stream", [ONE_LINE, WRAPPED], ids=["one line", "wrapped"])
def test_the_marker_is_found_in_the_stream_as_drawn(bench_tui: ModuleType, stream: str) -> None:
    assert bench_tui.marker_pattern(bench_tui.MARKER).search(stream)


def test_other_words_in_between_are_no_match(bench_tui: ModuleType) -> None:
    assert not bench_tui.marker_pattern(bench_tui.MARKER).search("59\xa0min then 59\xa0s")

"""Snapshots of the screens a diary of long values changed, at 100x30 and 80x24: Today with long
totals (the note on a line of its own), the medications and factors lists fitted to the width,
and History scrolled sideways to its last columns.

Update after a deliberate change with `pytest tests/tui --snapshot-update`, then look at them.
"""

from __future__ import annotations

import pytest

from tests.helpers.long_values import seed_long_values
from tests.helpers.tui import pressing
from tests.tui.conftest import SIZE

SIZES = pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])
SCREENS = {
    "today": (),
    "medications": ("M",),
    "factors": ("F",),
    "history at its last columns": ("h", *["right"] * 12),
}


@SIZES
@pytest.mark.parametrize("keys", list(SCREENS.values()), ids=list(SCREENS))
def test_long_values(snap_compare, app, seed, keys, size):
    seed_long_values(seed)
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys))

"""Awkward input to every `tracker med` command: done (exit 0), or refused in one line with exit 2
and nothing written; never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


AWKWARD = ["", " ", "x" * 81, "a\nb", "\x00", "=cmd()", "-5", "1e308", "NaN", "²", "prednisolone", "m1", "0"]
OPTIONS = ["--dose", "--started", "--stopped", "--note", "--on", "--name"]
DATES = ["today", "yesterday", "-3", "-99999999999", "2026-11-24", "2026-11-25", "1899-12-31", "2026-02-29",
         "3 mar", "31 feb", "unknown", "tomorrow", ""]  # fmt: skip


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(
    action=st.sampled_from(["add", "edit", "stop", "remove"]),
    first=st.sampled_from(AWKWARD),
    options=st.lists(st.tuples(st.sampled_from(OPTIONS), st.sampled_from(AWKWARD + DATES)), max_size=3),
)
def test_awkward_input_is_done_or_refused_in_one_line_never_a_traceback(cli, action, first, options) -> None:
    cli("med", "add", "salbutamol", "--started", "2026-10-01")  # an m-id to edit, stop or remove
    before = cli("med", "list").out

    done = cli("med", action, first, *[part for pair in options for part in pair])

    assert done.code in (0, 2), done.err
    assert "Traceback" not in done.err
    if done.code == 2:
        assert len(done.err.strip().splitlines()) == 1
        assert cli("med", "list").out == before

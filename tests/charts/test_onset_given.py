"""The onset date the person gives: asked once, shown and changed with `tracker onset`, kept in
the diary (a file or a server), and printed on page 1 of the report beside the first entry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from pypdf import PdfReader

from tests.conftest import BACKENDS
from tests.helpers.diaries import NOW, TODAY, migrating
from tracker.report.outputs import write_visit_report
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import load_history


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_onset_is_given_shown_changed_and_cleared(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("onset").out == "onset: not given (tracker onset DATE)\n"

    assert cli("onset", "2026-03-01").out == "onset set to 1 Mar 2026\n"
    assert cli("onset").out == "onset: 1 Mar 2026 (as you gave it)\n"
    assert cli("onset", "14 feb").out == "onset set to 14 Feb 2026\n"
    assert cli("onset").out == "onset: 14 Feb 2026 (as you gave it)\n"

    assert cli("onset", "--clear").code == 0
    assert cli("onset").out == "onset: not given (tracker onset DATE)\n"


def test_an_onset_after_today_is_refused_in_one_line_and_nothing_changes(cli) -> None:  # type: ignore[no-untyped-def]
    cli("onset", "2026-03-01")

    refused = cli("onset", "2026-12-25")

    assert refused.code == 2
    assert refused.err.strip().count("\n") == 0 and "onset" in refused.err and "2026-12-25" in refused.err
    assert "Traceback" not in refused.err
    assert cli("onset").out == "onset: 1 Mar 2026 (as you gave it)\n"


def test_page_one_gives_the_onset_beside_the_first_entry(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "diary.db"
    migrating(path)
    assert cli("onset", "2026-05-10", db=path).code == 0
    engine = open_database(path)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()

    pdf = write_visit_report(history, tmp_path / "report.pdf", today=TODAY)
    page = " ".join(PdfReader(pdf).pages[0].extract_text().split())

    assert "Twitching began 10 May 2026, as the person recalls it; first logged on 1 Jun 2026" in page

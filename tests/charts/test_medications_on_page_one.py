"""Page 1 of the visit report (and of the packet's report) lists the medications: drug, dose, start
and stop, the ones known to cause twitching in some people marked, a medicine begun within 8
weeks before the twitching began said to be new, and "none recorded" for an empty list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from pypdf import PdfReader

from tests.helpers.diaries import NOW, TODAY, migrating
from tracker.report.outputs import write_visit_report
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import load_history


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def page_one(path: Path, folder: Path) -> str:
    engine = open_database(path)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()
    pdf = write_visit_report(history, folder / "report.pdf", today=TODAY)
    return " ".join(PdfReader(pdf).pages[0].extract_text().split())


def test_each_medication_with_dose_dates_culprit_and_new_medicine(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "diary.db"
    migrating(path)  # the first twitch logged on 1 Jun 2026
    for args in (
        ("prednisolone", "--dose", "20 mg daily", "--started", "2026-05-01", "--stopped", "2026-05-20"),
        ("omeprazole", "--dose", "20 mg", "--started", "2025-01-10"),
        ("Ventolin", "--started", "2026-09-01"),
    ):
        assert cli("med", "add", *args, db=path).code == 0

    page = page_one(path, tmp_path)

    assert "Medications" in page
    assert (
        "prednisolone 20 mg daily: 1 May 2026 to 20 May 2026; known to cause twitching in some people "
        "(corticosteroid); new medicine, derived: started 31 days before the twitching began "
        "(the first twitch logged, 1 Jun 2026" in page
    )
    assert "omeprazole 20 mg: from 10 Jan 2025, no stop date given." in page  # long before: not new, not marked
    assert "Ventolin: from 1 Sep 2026, no stop date given; known to cause twitching in some people" in page
    assert page.count("new medicine") == 1  # begun after the twitching: not a new medicine


def test_the_onset_given_is_what_a_new_medicine_is_measured_from(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "diary.db"
    migrating(path)
    cli("med", "add", "prednisolone", "--started", "2026-03-01", db=path)
    assert "new medicine" not in page_one(path, tmp_path)  # 13 weeks before the first twitch

    cli("onset", "2026-04-01", db=path)

    assert "started 31 days before the twitching began (the onset given, 1 Apr 2026" in page_one(path, tmp_path)


def test_an_empty_list_reads_none_recorded_never_none_taken(tmp_path) -> None:
    path = tmp_path / "diary.db"
    migrating(path)

    page = page_one(path, tmp_path)

    assert "Medications" in page and "None recorded" in page
    assert "None taken" not in page.replace('"none taken"', "")

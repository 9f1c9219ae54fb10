"""Red flags graded as a clinician would: a sudden droop, weakness, slurred speech or trouble
swallowing is for emergency services today; the others (new in the list: numbness, twitching
in sleep, signs of Bell's palsy, a new medicine, ...) are for an appointment."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.usefixtures("frozen")


def test_a_droop_is_for_today_and_numbness_for_an_appointment(cli) -> None:
    droop = cli("log", "redflag", "drooping")
    numb = cli("log", "redflag", "numbness", "--note", "left cheek tingles")

    assert droop.code == 0 and "call emergency services today" in droop.out
    assert numb.code == 0 and "This sign: book an appointment with a doctor." in numb.out
    assert "emergency" not in numb.out


@pytest.mark.parametrize("kind", ["body-spread", "wasting", "numbness", "in-sleep", "bells-palsy", "new-medicine"])
def test_the_new_signs_can_be_logged(cli, kind: str) -> None:
    assert cli("log", "redflag", kind).code == 0


def test_the_report_marks_which_flag_cannot_wait(cli, tmp_path) -> None:
    cli("log", "twitch", "--location", "eyelid", "--side", "left")
    cli("log", "redflag", "drooping", "--date", "yesterday")
    cli("log", "redflag", "in-sleep")
    out = tmp_path / "report.pdf"
    assert cli("report", "-o", str(out)).code == 0

    page = " ".join(PdfReader(out).pages[0].extract_text().split())

    # The clinician's page states the signs, dated; what the person is told to do is not on it.
    assert "drooping of the face, mouth or eyelid (logged)" in page
    assert "twitching while asleep (logged)" in page
    assert "emergency" not in page and "book an appointment" not in page


def test_the_sign_that_cannot_wait_comes_first(cli, tmp_path) -> None:
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", "2026-11-20")
    cli("log", "redflag", "numbness", "--date", "2026-11-20")
    cli("log", "redflag", "drooping", "--date", "2026-11-22")
    out = tmp_path / "report.pdf"
    assert cli("report", "-o", str(out)).code == 0

    page = " ".join(PdfReader(out).pages[0].extract_text().split())

    assert page.index("Sun 22 Nov 2026: drooping") < page.index("Fri 20 Nov 2026: numbness"), page


def test_three_flags_of_one_kind_are_these_signs(cli) -> None:
    cli("log", "twitch", "--date", "2026-11-20")
    for day in ("2026-11-20", "2026-11-21", "2026-11-23"):
        cli("log", "redflag", "movement-triggered", "--date", day)

    out = cli("analyze").out

    assert "These signs: book an appointment with a doctor." in out and "This sign" not in out, out

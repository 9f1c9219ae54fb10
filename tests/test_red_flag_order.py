"""Red flags read in one order everywhere: by date, a day's in the order they were logged."""

from __future__ import annotations

import re

from pypdf import PdfReader

from tracker.core.vocabulary import sign_words

LOGGED = [
    ("2026-11-20", "weakness"),
    ("2026-11-18", "weakness"),
    ("2026-11-19", "weakness"),
    ("2026-11-18", "speech"),
    ("2026-11-18", "drooping"),
]
IN_ORDER = [
    ("2026-11-18", "weakness"),
    ("2026-11-18", "speech"),
    ("2026-11-18", "drooping"),
    ("2026-11-19", "weakness"),
    ("2026-11-20", "weakness"),
]


def test_list_analyze_and_the_report_list_red_flags_in_date_order(cli, frozen, tmp_path) -> None:
    for day, kind in LOGGED:
        assert cli("log", "redflag", kind, "--date", day).code == 0
    # Every reader names a sign in a person's words ("trouble speaking"), in date order.
    in_words = [(day, sign_words(kind)) for day, kind in IN_ORDER]
    listed = re.findall(r"(\d{4}-\d\d-\d\d)\s+RED FLAG ([^\n]+?)\s*$", cli("list", "--from", "2026-11-17").out, re.M)
    assert listed == in_words
    analyzed = re.findall(r"(\d{4}-\d\d-\d\d)\s+([a-z ,]+?) \(you logged it\)", cli("analyze").out)
    assert analyzed == in_words
    pdf = tmp_path / "report.pdf"
    assert cli("report", "-o", str(pdf), "--from", "2026-11-17").code == 0
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    # The page names each sign as a person has it ("trouble speaking"), in the same order.
    reported = re.findall(r"(\d+ Nov) ?\d*: ([a-z ,]+?) \(logged", text)
    assert [kind for _, kind in reported] == [sign_words(kind) for _, kind in IN_ORDER], text[:600]

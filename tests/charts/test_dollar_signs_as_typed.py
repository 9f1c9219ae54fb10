"""Text in the report reads as typed: two dollar signs in a note are money, not a formula."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.usefixtures("frozen")


def test_a_note_with_two_prices_keeps_its_dollar_signs(cli, tmp_path: Path) -> None:
    assert cli("demo", "--days", "30", "--seed", "3").code == 0
    assert cli("log", "note", "coffee $3 and tea $2 at the station").code == 0
    pdf = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(pdf)).code == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "coffee $3 and tea $2 at the station" in text

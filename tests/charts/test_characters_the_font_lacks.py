"""A character the report's font cannot draw (an emoji in a note) is printed as words, the same on
every page, and no warning from the drawing library reaches the person."""

from __future__ import annotations

import warnings

from pypdf import PdfReader


def test_an_emoji_in_a_note_reads_as_its_name_and_warns_nobody(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "twitch", "--location", "lower-lip", "--note", "lip went crazy \N{GRIMACING FACE}").code == 0
    out = tmp_path / "report.pdf"

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = cli("report", "-o", str(out))

    assert result.code == 0
    assert not [w for w in caught if "Glyph" in str(w.message)]
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "lip went crazy [grimacing face]" in text

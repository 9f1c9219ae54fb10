"""What a person typed reaches the PDF and the chart as text the font can draw.

A note written with fullwidth characters ("＝", "ｍｇ"), as phone and East Asian keyboards type them, was
drawn as empty boxes: the report's font has no glyph for them.
"""

from __future__ import annotations

import warnings

from pypdf import PdfReader

NOTE = "ｃｏｆｆｅｅ ＝ ２ cups"


def test_a_fullwidth_note_reads_as_its_plain_form_in_the_report(cli, tmp_path) -> None:
    assert cli("log", "twitch", "--at", "2026-11-20T09:00", f"--note={NOTE}").code == 0
    assert cli("log", "caffeine", "95", "--date", "2026-11-20").code == 0
    report = tmp_path / "report.pdf"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert cli("report", "-o", str(report), "--from", "2026-11-01").code == 0
    missing = [str(warning.message) for warning in seen if "missing from font" in str(warning.message)]
    assert missing == []
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(report).pages)
    assert "coffee = 2 cups" in text


def test_a_character_with_no_plain_form_is_left_as_typed(tmp_path) -> None:
    from matplotlib.figure import Figure

    from tracker.report.glyphs import drawable

    figure = Figure()
    figure.text(0.1, 0.5, "lip 口 ＝ ok")  # 口 (CJK) has no compatibility form: nothing is made up for it
    drawable(figure)
    assert [text.get_text() for text in figure.texts] == ["lip 口 = ok"]


def test_an_emoji_is_written_as_its_name_and_its_selector_left_out(tmp_path) -> None:
    from matplotlib.figure import Figure

    from tracker.report.glyphs import drawable

    figure = Figure()
    figure.text(0.1, 0.5, "calm \N{GRIMACING FACE}\ufe0f day \N{HEAVY BLACK HEART}\ufe0f 口")
    drawable(figure)
    assert [text.get_text() for text in figure.texts] == ["calm [grimacing face] day \N{HEAVY BLACK HEART} 口"]

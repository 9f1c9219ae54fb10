"""`tracker analyze`, `chart`, `report` and `export visit` on a real demo database."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def demo(cli) -> None:
    assert cli("demo", "--days", "150", "--seed", "5").code == 0


def test_analyze_json_keeps_the_documented_keys(cli, demo) -> None:
    result = json.loads(cli("analyze", "--json", "--as-of", "2026-11-24").out)
    assert set(result) >= {"as_of", "range", "persistence", "red_flags", "triggers", "trigger_model", "interventions"}
    assert result["as_of"] == "2026-11-24"
    assert result["range"]["tracked_days"] + result["range"]["untracked_days"] == 150
    assert result["persistence"]["status"] in {"none", "early", "watch", "persistent"}
    tested = {(t["factor"], t["lag_days"]) for t in result["triggers"]}
    assert ("caffeine_mg", 0) in tested and ("sleep_h", 1) in tested
    for trigger in result["triggers"]:  # the contract every reader of the JSON relies on
        assert {"factor", "lag_days", "rate_ratio", "ci_low", "ci_high", "p_value", "q_value", "direction",
                "confidence", "adjusted_for", "summary"} <= set(trigger)  # fmt: skip
        assert trigger["direction"] in {"more", "fewer", None} and isinstance(trigger["adjusted_for"], list)
        if trigger["confidence"] == "insufficient":
            assert trigger["rate_ratio"] is None and trigger["q_value"] is None and trigger["adjusted_for"] == []
        else:
            assert trigger["ci_low"] <= trigger["rate_ratio"] <= trigger["ci_high"]
            assert "time trend" in trigger["adjusted_for"]
    assert result["red_flags"][0]["source"] == "logged"


def test_analyze_text_has_the_sections_in_order(cli, demo) -> None:
    text = cli("analyze").out
    positions = [text.index(word) for word in ("How long", "Red flags", "triggers", "Adjusted for", "Interventions")]
    assert positions == sorted(positions)
    assert "not proof of cause" in text


def test_analyze_with_too_little_data_shows_no_numbers(cli) -> None:
    for day in range(1, 11):
        cli("log", "caffeine", "95", "--date", f"2026-11-{day:02d}")
        cli("log", "twitch", "--at", f"2026-11-{day:02d}T10:00")
    result = json.loads(cli("analyze", "--json").out)
    caffeine = next(t for t in result["triggers"] if t["factor"] == "caffeine_mg" and t["lag_days"] == 0)
    assert caffeine["confidence"] == "insufficient" and caffeine["rate_ratio"] is None
    assert "not enough data yet — about 18 more days with twitches answered" in caffeine["summary"]


def test_chart_writes_the_named_file(cli, demo, tmp_path) -> None:
    out = tmp_path / "weekly.svg"
    result = cli("chart", "-o", str(out), "--weeks", "8", "--factor", "stress")
    assert result.code == 0 and out.read_text().startswith("<?xml")
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert cli("chart", "-o", str(tmp_path / "x.gif")).code == 2
    assert cli("chart", "--factor", "coffee_cups", "-o", str(out)).code == 2


def test_chart_without_o_goes_to_the_exports_folder_and_says_where(frozen, cli, demo, tmp_path, monkeypatch) -> None:
    from tracker.paths import exports_dir

    monkeypatch.chdir(tmp_path)
    result = cli("chart")
    chart = exports_dir() / "twitch-weekly-2026-11-24.png"  # the frozen clock's date
    assert result.code == 0 and str(chart) in result.out
    assert chart.read_bytes()[:4] == b"\x89PNG"
    assert os.stat(chart.parent).st_mode & 0o777 == 0o700
    assert not list(tmp_path.glob("*.png"))  # never the folder it was run in


def test_a_chart_named_by_the_tool_never_replaces_one_saved_earlier(frozen, cli, demo) -> None:
    from tracker.paths import exports_dir

    assert cli("chart").code == 0
    saved = exports_dir() / "twitch-weekly-2026-11-24.png"  # as Trends' `s` names it too
    before = saved.read_bytes()

    again = cli("chart", "--weeks", "4")

    second = exports_dir() / "twitch-weekly-2026-11-24-2.png"
    assert again.code == 0 and str(second) in again.out
    assert saved.read_bytes() == before and second.read_bytes()[:4] == b"\x89PNG"


def test_report_is_one_or_two_pages_with_the_key_facts(cli, demo, tmp_path) -> None:
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out), "--from", "2026-08-01").code == 0
    pages = PdfReader(out).pages
    assert 1 <= len(pages) <= 3  # the summary with the site chart, the days with the weekly chart, the notes
    text = " ".join(page.extract_text() for page in pages)
    assert "not a diagnosis" in text and "spreading" in text.lower()
    assert "Where and when, by week" in pages[0].extract_text()


def test_visit_packet_has_every_file_and_a_complete_dictionary(cli, demo, tmp_path) -> None:
    folder = tmp_path / "visit"
    result = cli("export", "visit", str(folder))
    assert result.code == 0
    names = {"daily.csv", "episodes.csv", "dictionary.csv", "report.pdf", "chart.png", "sites.png"}
    assert {p.name for p in folder.iterdir()} == names
    assert all(f"wrote {folder / name}" in result.out for name in names)
    dictionary = list(csv.DictReader(io.StringIO((folder / "dictionary.csv").read_text())))
    for name in ("daily.csv", "episodes.csv"):
        header = next(csv.reader(io.StringIO((folder / name).read_text())))
        described = {row["column"] for row in dictionary if row["file"] == name}
        assert described == set(header), name
    assert all(row["meaning"] for row in dictionary)
    assert any(row["empty"] == "empty = not logged" for row in dictionary)
    for path in folder.iterdir():
        assert os.stat(path).st_mode & 0o777 == 0o600


def test_analyze_says_each_factor_once_and_what_q_means(cli, demo) -> None:
    result = json.loads(cli("analyze", "--json").out)
    text = cli("analyze").out
    section = text.split("3. Possible triggers", 1)[1].split("4. Interventions", 1)[0]
    lines = [line.strip() for line in section.splitlines()[1:] if line.strip()]
    tested = [entry for entry in result["triggers"] if entry["q_value"] is not None]

    # One line per factor and day with an estimate, and one line that says what q is.
    estimates = [line for line in lines if ": q = " in line or ", q = " in line or "q < 0.001" in line]
    assert len(estimates) == len(tested)
    assert [entry["summary"] for entry in tested if entry["summary"] in lines] == [e["summary"] for e in tested]
    [meaning] = [line for line in lines if line.startswith("(q: ")]
    assert f"here {len(tested)} factor-and-day pairs" in meaning
    assert section.count("(q: ") == 1 and "q < 0.05" not in text

"""Two Daylio exports of one history: the older never brings back what the newer dropped, and a
day note an import brought is the app's, so the newer export's edit replaces it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("frozen")

HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"
# The older export ends 20 Nov; on 10 Nov it has a coffee, a twitch and the note "first".
OLDER = [
    "2026-11-20,20 Nov,Friday,9:00 am,good,,,",
    "2026-11-10,10 Nov,Tuesday,6:00 pm,awful,coffee,,",
    "2026-11-10,10 Nov,Tuesday,8:00 am,good,twitch,,first",
]
# The newer one ends 23 Nov: the coffee and the twitch were deleted in Daylio, the note edited.
NEWER = [
    "2026-11-23,23 Nov,Monday,9:00 am,good,,,",
    "2026-11-20,20 Nov,Friday,9:00 am,good,,,",
    "2026-11-10,10 Nov,Tuesday,8:00 am,meh,,,first edited",
]


def _export(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_an_older_export_adds_back_nothing_the_newer_one_dropped(cli, daily, tmp_path) -> None:
    assert cli("import", "daylio", str(_export(tmp_path / "newer.csv", NEWER))).code == 0
    result = cli("import", "daylio", str(_export(tmp_path / "older.csv", OLDER)))
    assert result.code == 0, result.err
    assert "2026-11-10 caffeine: the newer export's none, the file's 95 mg — kept the newer export's" in result.out
    assert "2026-11-10 twitches: the newer export's 0 twitches, the file's 1 twitch — kept the newer export's" in (
        result.out
    )
    assert "2026-11-10 note: the newer export's 'first edited', the file's 'first'" in result.out
    day = daily("2026-11-10", "2026-11-10")["2026-11-10"]
    assert (day["episodes"], day["caffeine_mg"], day["note"]) == ("", "", "first edited")
    assert "e1" not in cli("list", "--date", "2026-11-10").out


def test_a_newer_export_replaces_the_note_an_older_import_set(cli, daily, tmp_path) -> None:
    assert cli("import", "daylio", str(_export(tmp_path / "older.csv", OLDER))).code == 0
    result = cli("import", "daylio", str(_export(tmp_path / "newer.csv", NEWER)))
    assert result.code == 0, result.err
    assert "2026-11-10 note: daylio's earlier import 'first', the file's 'first edited' — took the file's" in (
        result.out
    )
    assert "your entries are kept" not in result.out
    assert daily("2026-11-10", "2026-11-10")["2026-11-10"]["note"] == "first edited"


def test_a_note_the_person_wrote_over_an_imported_one_is_theirs(cli, daily, tmp_path) -> None:
    assert cli("import", "daylio", str(_export(tmp_path / "older.csv", OLDER))).code == 0
    assert cli("log", "note", "mine", "--date", "2026-11-10").code == 0
    result = cli("import", "daylio", str(_export(tmp_path / "newer.csv", NEWER)))
    assert "2026-11-10 note: yours 'mine', the file's 'first edited' — kept yours" in result.out
    assert daily("2026-11-10", "2026-11-10")["2026-11-10"]["note"] == "mine"

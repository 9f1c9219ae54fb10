"""An episodes file imported onto a day answered "no twitches" does not leave the day saying
both: the answer is kept and the file's twitches of that day are listed as a conflict, as an
app's import does."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.processes import select_rows


def test_a_no_twitches_day_keeps_its_answer_and_the_conflict_is_listed(cli, db_path: Path, tmp_path, frozen) -> None:
    assert cli("log", "none", "--date", "2026-11-20").code == 0
    episodes = tmp_path / "episodes.csv"
    episodes.write_text(
        "started_at,location\n"
        "2026-11-20T08:00:00+00:00,eyelid\n2026-11-20T09:00:00+00:00,eyelid\n"
        "2026-11-21T08:00:00+00:00,chin\n",
        encoding="utf-8",
    )
    result = cli("import", "csv", str(episodes))
    assert result.code == 0, result.err
    assert "1 new episode" in result.out
    assert "2026-11-20 twitches: yours no twitches, the file's 2 twitches — kept yours" in result.out
    assert select_rows(db_path, "SELECT local_date FROM episode") == [("2026-11-21",)]
    daily = cli("export", "csv", "--from", "2026-11-20", "--to", "2026-11-21").out.splitlines()
    assert daily[1].startswith("2026-11-20,1,0,")  # still "no twitches", not a twitch beside it
    assert daily[2].startswith("2026-11-21,1,1,")

"""Twitches an app's export brings onto a day that already has twitches: every row of the file
ends up added, matched, or a listed conflict, and the person's own twitches are never removed;
the same in a diary file and in a diary on a PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2026-11-10,10 November,Tuesday,8:00 am,good,twitch | coffee,,daylio note\n"
    "2026-11-10,10 November,Tuesday,9:00 pm,meh,twitch,,\n"
    "2026-11-11,11 November,Wednesday,8:00 am,good,coffee,,\n"
)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "dy.csv"
    path.write_text(DAYLIO, encoding="utf-8")
    return path


def _twitch_times(cli) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    items = json.loads(cli("list", "--date", "2026-11-10", "--json").out)
    return sorted((item["at"][11:16], item.get("note", "")) for item in items if item["type"] == "twitch")


def _log_my_twitches(cli) -> None:  # type: ignore[no-untyped-def]
    mine = ("--location", "eyelid", "--side", "left", "--intensity", "4", "--note", "mine1")
    assert cli("log", "twitch", "--at", "2026-11-10T07:00", *mine).code == 0
    assert cli("log", "twitch", "--at", "2026-11-10T12:00", "--note", "mine2").code == 0


@pytest.mark.parametrize("prefer", [(), ("--prefer", "import")])
def test_the_files_twitches_at_other_times_are_added_beside_the_persons(cli, export, frozen, prefer) -> None:
    _log_my_twitches(cli)
    dry = cli("import", "daylio", str(export), "--dry-run", *prefer)
    assert dry.code == 0, dry.err
    assert "twitches to add: 2" in dry.out
    assert cli("import", "daylio", str(export), *prefer).code == 0
    times = _twitch_times(cli)
    assert [time for time, _ in times] == ["07:00", "08:00", "12:00", "21:00"]
    assert {"mine1", "mine2"} <= {note for _, note in times}  # the person's twitches stay
    again = cli("import", "daylio", str(export), *prefer)
    assert "nothing new" in again.out
    assert len(_twitch_times(cli)) == 4


def test_a_twitch_logged_at_the_same_minute_is_the_same_twitch(cli, export, frozen) -> None:
    assert cli("log", "twitch", "--at", "2026-11-10T08:00", "--note", "mine").code == 0
    result = cli("import", "daylio", str(export))
    assert "twitches added: 1" in result.out
    assert "already in the diary: " in result.out
    assert [time for time, _ in _twitch_times(cli)] == ["08:00", "21:00"]


def test_a_day_answered_no_twitches_is_a_listed_conflict_in_plain_words(cli, export, frozen) -> None:
    assert cli("log", "none", "--date", "2026-11-10").code == 0
    result = cli("import", "daylio", str(export))
    assert "2026-11-10 twitches: yours no twitches, the file's 2 twitches — kept yours" in result.out
    assert _twitch_times(cli) == []
    taken = cli("import", "daylio", str(export), "--prefer", "import")
    assert "took the file's" in taken.out
    assert "2 twitches" in taken.out and "twitchs" not in taken.out
    assert [time for time, _ in _twitch_times(cli)] == ["08:00", "21:00"]


def test_items_the_mapping_sends_nowhere_are_counted_not_lost(cli, tmp_path, frozen) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[items]\nnap = "skip"\n', encoding="utf-8")
    daylio = Path(__file__).parent.parent / "fixtures" / "apps" / "daylio" / "staticf0x_test_data.csv"
    result = cli("import", "daylio", str(daylio), "--map", str(mapping), "--dry-run")
    assert 'left out by the mapping ("skip"): nap 4' in result.out

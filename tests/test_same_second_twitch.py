"""A twitch edited on one machine is still one twitch: a merge or an import that meets it at the
same second and site(s) with other details lists or refuses the difference, never adds a second."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BACKENDS
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.models import EpisodeUpdate

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

AT = "2026-11-23T09:00"
TWITCH = ("log", "twitch", "--at", AT, "--location", "eyelid", "--side", "left", "--intensity", "3")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def twitches(cli, db: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The diary's twitches as `tracker list` shows them, one a line."""
    return [line for line in cli("list", "--from", "2026-11-23", db=db).out.splitlines() if "twitch" in line]


def test_a_twitch_logged_again_with_a_new_note_merges_as_one_and_is_listed(cli, db_target, tmp_path) -> None:
    laptop = str(tmp_path / "laptop.db")
    cli(*TWITCH, "--note", "orig")
    assert cli("db", "copy", db_target, laptop, db=None).code == 0
    cli("delete", "e1", db=laptop)
    cli(*TWITCH, "--note", "orig, edited on laptop", db=laptop)

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "0 new episodes" in merged.out
    conflict = "  2026-11-23 twitch at 09:00 (eyelid:left): yours note 'orig', the file's note 'orig, edited on laptop'"
    assert conflict + " — kept yours" in merged.out.splitlines()
    listed = twitches(cli, db_target)
    assert len(listed) == 1 and listed[0].endswith("— orig")
    assert "0 new episodes" in cli("db", "copy", laptop, db_target, "--merge", db=None).out  # again: still one


def test_a_twitch_edited_on_one_machine_merges_as_one(cli, tmp_path: Path) -> None:
    home, laptop = str(tmp_path / "home.db"), tmp_path / "laptop.db"
    cli(*TWITCH, "--note", "orig", db=home)
    assert cli("db", "copy", home, str(laptop), db=None).code == 0
    engine = open_database(laptop)
    with session_scope(engine) as session:
        store.update_episode(session=session, episode_id=1, changes=EpisodeUpdate(intensity=5, duration_s=30))
    engine.dispose()

    merged = cli("db", "copy", str(laptop), home, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "yours intensity 3, duration none, the file's intensity 5, duration 30s — kept yours" in merged.out
    assert len(twitches(cli, home)) == 1
    assert "intensity 3" in twitches(cli, home)[0]


def test_an_import_of_an_edited_twitch_is_refused_in_one_line(cli, db_target, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    cli(*TWITCH, "--note", "orig")
    cli("log", "caffeine", "95", "--date", "2026-11-23", db=other)
    cli(*TWITCH, "--note", "edited", db=other)
    assert cli("export", "csv", "-o", str(tmp_path / "daily.csv"), db=other).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(tmp_path / "episodes.csv"), db=other).code == 0
    before = cli("export", "csv").out

    refused = cli("import", "csv", str(tmp_path / "daily.csv"), str(tmp_path / "episodes.csv"))

    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1, refused.err
    assert "episodes.csv line 2: twitch at 09:00 (eyelid:left) on 2026-11-23" in refused.err
    assert "note 'edited'" in refused.err and "note 'orig'" in refused.err
    assert cli("export", "csv").out == before  # nothing written: not the caffeine either
    assert len(twitches(cli, db_target)) == 1


def test_a_twitch_at_the_same_second_at_another_site_is_another_twitch(cli, db_target, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    cli(*TWITCH, "--note", "eyelid")
    cli("log", "twitch", "--at", AT, "--location", "cheek", "--side", "left", "--note", "cheek", db=other)

    merged = cli("db", "copy", other, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "1 new episode," in merged.out and "conflicts" not in merged.out
    assert len(twitches(cli, db_target)) == 2

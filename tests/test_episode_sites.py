"""One twitch at several sites: stored, edited, deleted and undone as one entry with all its sites,
and a site given twice refused in one line with nothing written."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BACKENDS, entries_in
from tests.helpers.processes import select_rows
from tracker.errors import InputError
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import EpisodeCreate, EpisodeUpdate

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=LONDON)
EYE_AND_MOUTH = [("mouth-corner", "left")]

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def twitch(**changes: object) -> EpisodeCreate:
    fields: dict[str, object] = {"started_at": NOW, "location": "eyelid", "side": "left", "intensity": 3}
    fields.update(changes)
    return EpisodeCreate(**fields)  # type: ignore[arg-type]


def sites_of(engine, episode_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with session_scope(engine, write=False) as session:
        return store.further_sites(session=session, episode_ids=[episode_id]).get(episode_id, [])


def test_a_twitch_keeps_every_site_it_was_logged_with(engine) -> None:
    with session_scope(engine) as session:
        episode = store.add_episode(session=session, episode_in=twitch(also_sites=EYE_AND_MOUTH), now=NOW)
        key = episode.id
    assert key is not None
    assert sites_of(engine, key) == [("mouth-corner", "left")]


def test_a_site_given_twice_is_refused_and_nothing_is_written(engine) -> None:
    with pytest.raises(InputError) as refused, session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=[("eyelid", "left")]), now=NOW)
    assert (refused.value.field, refused.value.value) == ("site", "eyelid:left")
    assert "once per twitch" in refused.value.allowed
    with session_scope(engine, write=False) as session:
        assert store.last_action(session=session) is None


def test_undo_of_the_log_removes_the_twitch_and_its_sites(engine) -> None:
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=EYE_AND_MOUTH), now=NOW)
    with session_scope(engine) as session:
        assert store.undo_last(session=session) == "removed twitch at 09:30 on Tue 24 Nov"
    assert sites_of(engine, 1) == []


def test_delete_takes_the_sites_with_the_twitch_and_undo_brings_both_back(engine, db_path, backend) -> None:
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=[*EYE_AND_MOUTH, ("cheek", "left")]), now=NOW)
    with session_scope(engine) as session:
        store.delete_entries(session=session, ids=["e1"])
    assert sites_of(engine, 1) == []
    with session_scope(engine) as session:
        store.undo_last(session=session)
    assert sites_of(engine, 1) == [("mouth-corner", "left"), ("cheek", "left")]
    if backend == "sqlite":
        assert select_rows(db_path, "SELECT id FROM episode_site ORDER BY id") == [(1,), (2,)]  # the same ids


def test_an_edit_of_the_intensity_keeps_the_sites(engine) -> None:
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=EYE_AND_MOUTH), now=NOW)
    with session_scope(engine) as session:
        store.update_episode(session=session, episode_id=1, changes=EpisodeUpdate(intensity=5), now=NOW)
    assert sites_of(engine, 1) == EYE_AND_MOUTH


def test_an_edit_of_the_sites_is_undone_whole(engine) -> None:
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=EYE_AND_MOUTH), now=NOW)
    with session_scope(engine) as session:
        changes = EpisodeUpdate(also_sites=[("cheek", "left"), ("lower-lip", "center")])
        store.update_episode(session=session, episode_id=1, changes=changes, now=NOW)
    assert sites_of(engine, 1) == [("cheek", "left"), ("lower-lip", "center")]
    with session_scope(engine) as session:
        store.undo_last(session=session)
    assert sites_of(engine, 1) == EYE_AND_MOUTH


def test_an_edit_moving_the_first_site_onto_a_further_one_is_refused(engine) -> None:
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=EYE_AND_MOUTH), now=NOW)
    with pytest.raises(InputError) as refused, session_scope(engine) as session:
        changes = EpisodeUpdate(location="mouth-corner")
        store.update_episode(session=session, episode_id=1, changes=changes, now=NOW)
    assert refused.value.value == "mouth-corner:left"
    assert sites_of(engine, 1) == EYE_AND_MOUTH


def test_further_sites_need_a_place(engine) -> None:
    with pytest.raises(InputError) as refused, session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(also_sites=[("unspecified", "left")]), now=NOW)
    assert refused.value.field == "site"


# --- the command line ---------------------------------------------------------------------------


def test_log_twitch_with_sites_is_listed_with_every_site(cli) -> None:
    logged = cli("log", "twitch", "--location", "eyelid", "--side", "left", "--site", "mouth-corner")
    assert logged.code == 0
    assert "left eyelid + left mouth corner" in logged.out
    assert cli("log", "twitch", "--site", "eyelid:right", "--site", "cheek:right", "--intensity", "2").code == 0

    listed = cli("list").out
    assert "twitch, left eyelid + left mouth corner, intensity not given" in listed
    assert "twitch, right eyelid + right cheek, intensity 2" in listed
    [first, second] = [item for item in json.loads(cli("list", "--json").out) if item["type"] == "twitch"]
    assert (first["location"], first["side"], first["also_sites"]) == ("eyelid", "left", ["mouth-corner:left"])
    assert second["also_sites"] == ["cheek:right"]


def test_log_twitch_with_a_site_given_twice_is_one_line_and_writes_nothing(cli, db_target) -> None:
    refused = cli("log", "twitch", "--site", "eyelid:left", "--site", "eyelid:left")
    assert refused.code == 2
    assert refused.err.count("\n") == 1 and "site" in refused.err and "eyelid:left" in refused.err
    assert entries_in(db_target) == 0


def test_the_single_site_form_is_as_before(cli) -> None:
    assert cli("log", "twitch", "--location", "cheek", "--side", "right").code == 0
    [item] = json.loads(cli("list", "--json").out)
    assert (item["location"], item["side"], item["also_sites"]) == ("cheek", "right", [])


def test_the_summary_printed_without_a_terminal_names_every_site(cli) -> None:
    cli("log", "twitch", "--site", "eyelid:left", "--site", "cheek:left", "--intensity", "2")
    assert "left eyelid + left cheek, intensity 2" in cli().out


@pytest.mark.parametrize(
    ("first", "second"),
    [("eyelid:left", "eyelid:both"), ("eyelid:both", "eyelid:right"), ("cheek", "cheek:left")],
)
def test_log_twitch_with_one_place_on_overlapping_sides_is_one_line_and_writes_nothing(
    cli, db_target, first: str, second: str
) -> None:  # type: ignore[no-untyped-def]
    refused = cli("log", "twitch", "--site", first, "--site", second)
    assert refused.code == 2
    assert refused.err.count("\n") == 1 and "site" in refused.err and second in refused.err
    assert entries_in(db_target) == 0


def test_the_left_and_the_right_of_one_place_are_two_sites(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "twitch", "--site", "eyelid:left", "--site", "eyelid:right").code == 0

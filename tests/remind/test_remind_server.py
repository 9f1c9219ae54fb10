"""`tracker remind` and `remind install` on a server diary: the same answer as for a file, read
from the server, and a timer whose files never hold the password."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import postgres as pg
from tests.remind.test_remind import MON, on
from tests.remind.test_remind_install import systemd_user  # noqa: F401  # the fixture, shared
from tracker.quick import main as tracker


@pytest.fixture
def backend() -> str:
    return "postgresql"


def remind(capsys, monkeypatch, db: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["tracker", "--db", db, "remind"])
    code = tracker()
    out, err = capsys.readouterr()
    return code, out, err


def test_remind_reads_the_server_diary(cli, db_target: str, capsys, monkeypatch) -> None:
    with on(MON):
        nothing = "Nothing logged today — t to log a twitch, n for none\n"
        assert remind(capsys, monkeypatch, db_target) == (1, nothing, "")
        assert cli("log", "caffeine", "95").code == 0
        code, out, _ = remind(capsys, monkeypatch, db_target)
        assert (code, out) == (1, "Twitches not answered today — t to log a twitch, n for none\n")
        assert cli("log", "twitch", "--location", "eyelid").code == 0
        assert remind(capsys, monkeypatch, db_target) == (0, "", "")


def test_remind_on_a_server_that_is_away_says_so_instead_of_nothing_logged(capsys, monkeypatch, tmp_path) -> None:
    code, out, err = remind(capsys, monkeypatch, f"postgresql://me:s3cret@/tracker?host={tmp_path}")
    assert code == 1 and out == ""
    [line] = err.strip().splitlines()
    assert "cannot reach the database postgresql://me:***@/tracker" in line and "s3cret" not in err


def test_install_for_a_server_diary_writes_no_password(cli, pg_cluster: pg.Cluster, systemd_user) -> None:  # noqa: F811
    folder, _ = systemd_user
    url = pg_cluster.new_database(template="diary_head")
    database = url.split("@/", 1)[1].split("?", 1)[0]
    with_password = url.replace("postgres@/", "postgres:s3cret-pw@/")
    installed = cli("remind", "install", "--at", "21:00", db=with_password)
    assert installed.code == 0, installed.err
    units = {path.name: path.read_text() for path in folder.iterdir()}
    assert sorted(units) == ["tracker-remind.service", "tracker-remind.timer"]
    assert all("s3cret" not in text for text in units.values())
    service = units["tracker-remind.service"]
    assert f'"--db" "postgresql+psycopg://postgres@/{database}?host=' in service and '"remind" "--notify"' in service

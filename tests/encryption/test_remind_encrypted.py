"""`tracker remind` reads an encrypted diary with the key this machine has (its keyring, or
TRACKER_PASSPHRASE), and says in the usual one line what to do when it has none."""

from __future__ import annotations

import pytest

from tests.encryption.conftest import another_machine

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def encrypted(cli, frozen) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "caffeine", "95").code == 0  # a factor, no twitch answer yet
    assert cli("db", "encrypt").code == 0


@pytest.mark.usefixtures("encrypted")
def test_remind_reads_an_encrypted_diary_with_the_key_in_the_keyring(cli, monkeypatch) -> None:
    monkeypatch.delenv("TRACKER_PASSPHRASE")  # the keyring alone, as at a shell prompt
    reminded = cli("remind")
    assert (reminded.code, reminded.out.strip()) == (1, "Twitches not answered today — t to log a twitch, n for none")
    assert cli("log", "none").code == 0
    assert cli("remind").code == 0


@pytest.mark.usefixtures("encrypted")
def test_remind_without_the_key_says_how_to_open_the_diary(cli, monkeypatch) -> None:
    monkeypatch.delenv("TRACKER_PASSPHRASE")
    another_machine()
    locked = cli("remind")
    assert locked.code == 2 and locked.out == ""
    assert locked.err.startswith("tracker: error: this diary is encrypted: set TRACKER_PASSPHRASE"), locked.err
    monkeypatch.setenv("TRACKER_PASSPHRASE", "not the passphrase")
    wrong = cli("remind")
    assert wrong.code == 2 and "wrong passphrase" in wrong.err and len(wrong.err.splitlines()) == 1, wrong.err


@pytest.mark.usefixtures("encrypted")
def test_remind_with_the_key_file_moved_away_says_it_is_missing(cli, db_path) -> None:
    key = db_path.with_name(f".{db_path.name}.key")
    key.rename(db_path.with_name("elsewhere.key"))
    reminded = cli("remind")
    assert reminded.code == 2 and reminded.out == "", reminded
    assert len(reminded.err.splitlines()) == 1, reminded.err
    assert f"its key file {key.name} is missing" in reminded.err, reminded.err

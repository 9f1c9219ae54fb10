"""TRACKER_BACKUPS and TRACKER_EXPORTS name a folder by its full path: a relative one ("on",
"backups2") was read against whatever folder each command ran in, scattering copies over the
disk, listing each copy twice and failing `db encrypt`. Refused in one line, nothing written."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("name", "value"), [("TRACKER_BACKUPS", "on"), ("TRACKER_EXPORTS", "exports")])
def test_a_relative_folder_setting_is_refused_before_anything_is_written(  # type: ignore[no-untyped-def]
    cli, db_path, tmp_path, monkeypatch, name, value
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)

    result = cli("log", "caffeine", "95")

    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"tracker: error: {name}: '{value}' is not allowed; 'off' or a folder's full path (/… or ~/…)"
        if name == "TRACKER_BACKUPS"
        else f"tracker: error: {name}: '{value}' is not allowed; a folder's full path (/… or ~/…)"
    ]
    assert not db_path.exists()
    assert not (tmp_path / value).exists()


def test_a_full_path_and_a_home_path_are_taken(cli, db_path, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TRACKER_BACKUPS", "~/copies")
    monkeypatch.setenv("TRACKER_EXPORTS", str(tmp_path / "out"))

    assert cli("log", "caffeine", "95").code == 0


def test_the_quick_log_path_refuses_it_too(db_path, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from tracker.quick import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_BACKUPS", "on")
    monkeypatch.setattr("sys.argv", ["tracker", "--db", str(db_path), "log", "twitch"])

    assert main() == 2
    assert "TRACKER_BACKUPS: 'on' is not allowed" in capsys.readouterr().err
    assert not db_path.exists()
    assert not (tmp_path / "on").exists()

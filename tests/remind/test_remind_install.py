"""`tracker remind install` writes a systemd user timer that survives a missed evening, and
`uninstall` removes exactly what it wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.remind.test_remind import fake_tool


@pytest.fixture
def systemd_user(tmp_path, monkeypatch) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """A config folder of one's own and a systemctl that records what it was asked."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    tools = tmp_path / "bin"
    calls = fake_tool(tools, "systemctl")
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    return tmp_path / "config" / "systemd" / "user", calls


def test_install_writes_a_persistent_timer_and_uninstall_removes_exactly_it(cli, db_path, systemd_user) -> None:
    folder, calls = systemd_user
    shown = cli("remind", "install", "--at", "21:30", "--dry-run")
    assert shown.code == 0 and "Persistent=true" in shown.out and "OnCalendar=*-*-* 21:30:00" in shown.out
    assert not folder.exists() and not calls.exists()  # a dry run writes and runs nothing
    assert cli("remind", "install", "--at", "21:30").code == 0
    written = sorted(path.name for path in folder.iterdir())
    assert written == ["tracker-remind.service", "tracker-remind.timer"]
    service = (folder / "tracker-remind.service").read_text()
    assert f"--db {db_path}" in service and "remind --notify" in service
    assert calls.read_text().splitlines() == ["--user daemon-reload", "--user enable --now tracker-remind.timer"]
    mine = folder / "my-own.timer"
    mine.write_text("[Timer]\nOnCalendar=daily\n")
    removed = cli("remind", "uninstall")
    assert removed.code == 0
    assert sorted(path.name for path in folder.iterdir()) == ["my-own.timer"]
    assert calls.read_text().splitlines()[2:] == ["--user disable --now tracker-remind.timer", "--user daemon-reload"]


def test_uninstall_leaves_a_unit_of_the_same_name_it_did_not_write(cli, systemd_user) -> None:
    folder, _ = systemd_user
    folder.mkdir(parents=True)
    theirs = folder / "tracker-remind.timer"
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    result = cli("remind", "uninstall")
    assert result.code == 0 and "not written by tracker" in result.out
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_generated_units_pass_systemd_analyze_verify(cli, systemd_user) -> None:
    folder, _ = systemd_user
    assert cli("remind", "install").code == 0
    units = [str(folder / "tracker-remind.service"), str(folder / "tracker-remind.timer")]
    verified = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True, check=False)
    assert verified.returncode == 0, verified.stderr
    assert "tracker-remind" not in verified.stderr, verified.stderr  # no warning about our units

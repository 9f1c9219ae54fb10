"""`tracker remind install` writes a systemd user timer that survives a missed evening, and
`uninstall` removes exactly what it wrote."""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
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
    assert f'"--db" "{db_path}"' in service and '"remind" "--notify"' in service
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


# A diary path holding every character that cron, systemd or a shell read specially, and unicode.
AWKWARD = 'diary 100% $HOME ; it\'s "mine" back\\slash #1 %h ü.db'


def _installed_argv(cli, tmp_path: Path, folder: Path) -> tuple[Path, list[str]]:  # type: ignore[no-untyped-def]
    db = tmp_path / AWKWARD
    assert cli("--db", str(db), "remind", "install").code == 0
    service = folder / "tracker-remind.service"
    dumped = subprocess.run(
        ["systemd-analyze", "verify", str(service)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "debug"},
    )
    assert dumped.returncode == 0, dumped.stderr
    line = next(line for line in dumped.stdout.splitlines() + dumped.stderr.splitlines() if "Command Line:" in line)
    # systemd prints the words it parsed quoted for a POSIX shell, so a shell splits them back;
    # `$$` is how a unit keeps a literal `$` until the command runs.
    words = subprocess.run(
        ["sh", "-c", "printf '%s\\0' " + line.split("Command Line:", 1)[1]], capture_output=True, check=True
    ).stdout.decode()
    return db, [word.replace("$$", "$") for word in words.split("\0")[:-1]]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_systemd_runs_the_reminder_on_the_diary_whatever_its_name(cli, systemd_user, tmp_path) -> None:
    folder, _ = systemd_user
    db, argv = _installed_argv(cli, tmp_path, folder)
    assert argv[1:] == ["-m", "tracker", "--db", str(db), "remind", "--notify"]


def test_the_crontab_line_runs_the_reminder_on_the_diary_whatever_its_name(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-systemd-here"))
    db = tmp_path / AWKWARD
    shown = cli("--db", str(db), "remind", "install", "--at", "20:15")
    assert shown.code == 0
    line = next(line for line in shown.out.splitlines() if line.startswith("15 20 * * * "))
    # crontab(5): a bare % ends the command (the rest is its input); \% is a literal %.
    command = re.split(r"(?<!\\)%", line.removeprefix("15 20 * * * "))[0].replace("\\%", "%")
    words = shlex.split(command, comments=True)
    assert words[1:] == ["-m", "tracker", "--db", str(db), "remind", "--notify", ">/dev/null", "2>&1"]


def test_install_says_the_reminder_is_not_started_when_systemctl_fails(cli, systemd_user, tmp_path) -> None:
    folder, _ = systemd_user
    fake_tool(tmp_path / "bin", "systemctl", exit_code=1, say="Failed to connect to bus: No medium found")
    result = cli("remind", "install")
    assert result.code != 0
    assert result.err.count("\n") == 1  # one line: what failed, and what was written
    assert "daemon-reload" in result.err and "No medium found" in result.err and "tracker-remind.timer" in result.err
    assert sorted(path.name for path in folder.iterdir()) == ["tracker-remind.service", "tracker-remind.timer"]


def test_install_never_replaces_a_unit_someone_else_wrote_or_edited(cli, systemd_user) -> None:
    folder, _ = systemd_user
    folder.mkdir(parents=True)
    theirs = folder / "tracker-remind.timer"
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    refused = cli("remind", "install")
    assert refused.code != 0 and str(theirs) in refused.err
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n" and not (folder / "tracker-remind.service").exists()
    theirs.unlink()
    assert cli("remind", "install", "--at", "20:00").code == 0
    assert cli("remind", "install", "--at", "21:00").code == 0  # its own files, unedited, it may rewrite
    edited = (folder / "tracker-remind.timer").read_text().replace("21:00:00", "22:30:00")
    (folder / "tracker-remind.timer").write_text(edited)
    assert cli("remind", "install", "--at", "19:00").code != 0
    assert (folder / "tracker-remind.timer").read_text() == edited


def test_uninstall_leaves_a_unit_edited_since_install_and_says_so(cli, systemd_user) -> None:
    folder, calls = systemd_user
    assert cli("remind", "install").code == 0
    timer = folder / "tracker-remind.timer"
    edited = timer.read_text().replace("21:00:00", "22:30:00")
    timer.write_text(edited)
    result = cli("remind", "uninstall")
    assert f"left {timer}" in result.out and "removed" in result.out
    assert timer.read_text() == edited and not (folder / "tracker-remind.service").exists()
    assert not any("disable" in call for call in calls.read_text().splitlines())  # their timer keeps running


def test_uninstall_says_so_when_systemctl_cannot_stop_the_timer(cli, systemd_user, tmp_path) -> None:
    folder, _ = systemd_user
    assert cli("remind", "install").code == 0
    fake_tool(tmp_path / "bin", "systemctl", exit_code=1, say="Failed to connect to bus: No medium found")
    result = cli("remind", "uninstall")
    assert result.code != 0 and result.err.count("\n") == 1 and "disable --now" in result.err
    assert list(folder.iterdir()) == []


def test_install_says_what_it_could_not_write(cli, systemd_user) -> None:
    folder, calls = systemd_user
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the unit folder goes\n")
    result = cli("remind", "install")
    assert result.code != 0 and result.err.count("\n") == 1
    assert f"could not write {folder / 'tracker-remind.service'}" in result.err and "written: nothing" in result.err
    assert not calls.exists()  # nothing started


def test_the_launch_agent_runs_the_diary_whatever_its_name_and_is_left_once_edited(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    calls = fake_tool(tmp_path / "bin", "launchctl")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    db = tmp_path / AWKWARD
    assert cli("--db", str(db), "remind", "install").code == 0
    agent = tmp_path / "home" / "Library" / "LaunchAgents" / "org.tracker.remind.plist"
    assert plistlib.loads(agent.read_bytes())["ProgramArguments"][1:] == [
        "-m",
        "tracker",
        "--db",
        str(db),
        "remind",
        "--notify",
    ]
    assert calls.read_text().splitlines() == [f"load -w {agent}"]
    edited = agent.read_text().replace("<integer>21</integer>", "<integer>22</integer>")
    agent.write_text(edited)
    result = cli("remind", "uninstall")
    assert f"left {agent}" in result.out and agent.read_text() == edited
    assert calls.read_text().splitlines() == [f"load -w {agent}"]  # their agent is not unloaded

"""Files that are not what they seem: an export never replaces a device, a FIFO, a folder or a
symbolic link to one (root included), and --db at a FIFO, device or folder is refused at once.
Paths that cannot work (a missing folder, an unknown ~user, a dangling link, a database that is
not there for a command that only reads) get one line, exit 2, and nothing is created.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.processes import tracker_process
from tracker.cli import main

pytestmark = pytest.mark.usefixtures("frozen")

READ_ONLY_COMMANDS = [
    ["list"], ["analyze"], ["chart", "-o", "OUT/c.png"], ["report", "-o", "OUT/r.pdf"], ["export", "csv"],
    ["export", "visit", "OUT/visit"], ["db", "check"], ["factor", "list"], ["preset", "list"], ["intervention", "list"],
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    err = capsys.readouterr().err
    return code, err


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("tracker: error: ") and "Traceback" not in err


def device(path: Path) -> Path:
    """A character device like /dev/null (1, 3), made beside the test's files (we run as root)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    os.chmod(path, 0o666)  # whatever the umask: a test below checks nobody narrows it
    return path


@pytest.fixture
def logged(cli, db_path) -> Path:
    assert cli("log", "twitch", "--note", "secret health data").code == 0
    return db_path


def test_exports_refuse_devices_fifos_folders_and_links_to_them(capsys, tmp_path, logged) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    (tmp_path / "devtest").mkdir()
    node = device(tmp_path / "devtest" / "null")  # as in the report: -o devtest/null
    pdf_node = device(tmp_path / "null.pdf")  # named so that chart and report get past the suffix check
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    link = tmp_path / "link.pdf"
    link.symlink_to(pdf_node)
    for output in (node, pdf_node, fifo, folder, link, Path("/dev/stdout")):
        for argv in (
            ["export", "csv", "-o", str(output)],
            ["export", "csv", "--episodes", "-o", str(output)],
            ["chart", "-o", str(output)],
            ["report", "-o", str(output)],
        ):
            code, err = run(capsys, "--db", str(logged), *argv)
            assert code == 2 and one_line(err), (argv, err)
    for made in (node, pdf_node):
        assert stat.S_ISCHR(made.stat().st_mode) and stat.S_IMODE(made.stat().st_mode) == 0o666
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert link.is_symlink() and os.readlink(link) == str(pdf_node)
    assert os.listdir(folder) == []
    assert os.listdir(tmp_path / "devtest") == ["null"]


def test_an_export_to_a_link_to_a_regular_file_replaces_the_file_and_keeps_the_link(capsys, tmp_path, logged) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    code, err = run(capsys, "--db", str(logged), "export", "csv", "--episodes", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and "secret health data" in real.read_text()


def test_dash_writes_the_export_to_standard_output(capsys, logged) -> None:
    capsys.readouterr()
    assert main(["--db", str(logged), "export", "csv", "--episodes", "-o", "-"]) == 0
    assert "secret health data" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "link to fifo", "fifo as its -journal"])
@pytest.mark.parametrize("argv", [["log", "twitch"], ["list"], ["db", "check"], ["import", "csv", "x.csv"], []])
def test_db_at_a_fifo_device_or_folder_is_refused_at_once(tmp_path, kind: str, argv: list[str]) -> None:
    if kind == "device" and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    path = tmp_path / "db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        device(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "link to fifo":
        os.mkfifo(tmp_path / "pipe")
        path.symlink_to(tmp_path / "pipe")
    else:
        assert main(["--db", str(path), "log", "twitch"]) == 0
        os.mkfifo(tmp_path / "db-journal")
    (tmp_path / "x.csv").write_text("date,caffeine_mg\n2026-11-01,95\n")
    # A FIFO opened for reading blocks until a writer comes: the timeout proves nothing opened it.
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(path), *argv],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and one_line(result.stderr), result.stderr
    assert "not a file" in result.stderr
    if kind == "device":
        assert stat.S_IMODE(path.stat().st_mode) == 0o666  # never chmod-ed


def test_paths_that_cannot_work_are_refused_and_nothing_is_created(capsys, tmp_path, monkeypatch, logged) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere.db")
    before = set(os.listdir(tmp_path))
    for argv in (
        ["--db", "~nosuchuser/x.db", "log", "twitch"],
        ["--db", "~nosuchuser/x.db", "list"],
        ["--db", str(logged), "export", "csv", "-o", str(tmp_path)],
        ["--db", str(logged), "export", "csv", "-o", "nodir/x.csv"],
        ["--db", str(logged), "report", "-o", "nodir/r.pdf"],
        ["--db", str(logged), "chart", "-o", "nodir/c.png"],
        ["--db", str(logged), "export", "visit", "nodir/visit"],
        ["--db", str(logged), "db", "backup", "dangling"],
        ["--db", str(logged), "db", "backup", "nodir/b.db"],
        ["--db", "nodir/new.db", "log", "twitch"],
    ):
        code, err = run(capsys, *argv)
        assert code == 2 and one_line(err), (argv, err)
    assert set(os.listdir(tmp_path)) - before <= {"tracker.db-wal", "tracker.db-shm"}
    assert (tmp_path / "dangling").is_symlink() and not (tmp_path / "nowhere.db").exists()
    monkeypatch.setenv("TRACKER_DB", "~nosuchuser/x.db")
    code, err = run(capsys, "list")
    assert code == 2 and "TRACKER_DB" in err and one_line(err)
    assert not (tmp_path / "~nosuchuser").exists()


@pytest.mark.parametrize("argv", READ_ONLY_COMMANDS, ids=" ".join)
def test_a_command_that_only_reads_creates_nothing_where_no_database_is(tmp_path, argv: list[str]) -> None:
    (tmp_path / "OUT").mkdir()
    missing = tmp_path / "nonexistent" / "dir" / "x.db"
    argv = [arg.replace("OUT", str(tmp_path / "OUT")) for arg in argv]
    result = tracker_process("--db", str(missing), *argv)
    assert result.returncode == 2 and one_line(result.stderr) and "no database" in result.stderr, result.stderr
    assert sorted(os.listdir(tmp_path)) == ["OUT"] and os.listdir(tmp_path / "OUT") == []
    beside = tmp_path / "x.db"
    result = tracker_process("--db", str(beside), *argv)
    assert result.returncode == 2 and one_line(result.stderr), result.stderr
    assert sorted(os.listdir(tmp_path)) == ["OUT"]

"""An export never replaces a database: the open diary (by name, through a link, under any
suffix), its -wal/-shm/-journal files, another diary, a backup, or a name a backup would get.
Each is refused in one line, exit 2, and the file is left exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.storage.backup import list_backups

pytestmark = pytest.mark.usefixtures("frozen")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err


def refused_untouched(capsys, target: Path, *argv: str) -> str:
    """Run argv, expect a one-line refusal with exit 2, and `target`'s bytes unchanged."""
    before = target.read_bytes()
    code, err = run(capsys, *argv)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "never replaces a database" in err, err
    assert target.read_bytes() == before
    return err


@pytest.fixture
def diary(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "diary.db"
    assert run(capsys, "--db", str(path), "log", "twitch", "--note", "kept")[0] == 0
    return path


@pytest.mark.parametrize("episodes", [False, True])
def test_export_csv_onto_the_open_diary_is_refused(capsys, diary: Path, episodes: bool) -> None:
    extra = ["--episodes"] if episodes else []
    err = refused_untouched(capsys, diary, "--db", str(diary), "export", "csv", *extra, "-o", str(diary))
    assert "SQLite database" in err
    assert run(capsys, "--db", str(diary), "list")[0] == 0  # the diary still opens, its twitch in it


def test_export_through_a_link_to_the_diary_is_refused(capsys, tmp_path: Path, diary: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(diary)
    refused_untouched(capsys, diary, "--db", str(diary), "export", "csv", "-o", str(link))
    assert link.is_symlink()


def test_export_onto_another_diary_or_a_backup_is_refused(capsys, tmp_path: Path, diary: Path) -> None:
    other = tmp_path / "other.db"
    assert run(capsys, "--db", str(other), "log", "twitch")[0] == 0
    refused_untouched(capsys, other, "--db", str(diary), "export", "csv", "-o", str(other))
    assert run(capsys, "--db", str(diary), "db", "backup")[0] == 0
    (backup,) = list_backups(diary)
    refused_untouched(capsys, backup, "--db", str(diary), "export", "csv", "-o", str(backup))


def test_a_new_file_named_as_a_backup_is_refused(capsys, tmp_path: Path, diary: Path) -> None:
    name = tmp_path / "diary.20261124-093000-000000.backup.db"
    code, err = run(capsys, "--db", str(diary), "export", "csv", "-o", str(name))
    assert code == 2 and "named as a database backup" in err
    assert not name.exists()
    assert list_backups(diary) == []


def test_the_diarys_side_files_are_refused(capsys, tmp_path: Path, diary: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = diary.with_name(diary.name + suffix)
        side.write_bytes(b"whatever SQLite keeps here")
        err = refused_untouched(capsys, side, "--db", str(diary), "export", "csv", "-o", str(side))
        assert f"the {suffix[1:]} file of the database" in err
        side.unlink()
        code, err = run(capsys, "--db", str(diary), "export", "csv", "-o", str(side))
        assert code == 2 and not side.exists(), err  # refused even before SQLite makes one


def test_report_and_chart_onto_a_diary_named_like_their_file_are_refused(capsys, tmp_path: Path, diary: Path) -> None:
    pdf = tmp_path / "diary.pdf"
    shutil.copy(diary, pdf)
    refused_untouched(capsys, pdf, "--db", str(pdf), "report", "-o", str(pdf))
    png = tmp_path / "diary.png"
    shutil.copy(diary, png)
    refused_untouched(capsys, png, "--db", str(diary), "chart", "-o", str(png))


def test_a_visit_packet_never_replaces_a_diary_in_its_folder(capsys, tmp_path: Path, diary: Path) -> None:
    folder = tmp_path / "visit"
    folder.mkdir()
    kept = folder / "daily.csv"
    shutil.copy(diary, kept)
    refused_untouched(capsys, kept, "--db", str(diary), "export", "visit", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["daily.csv"]


def test_an_ordinary_csv_is_still_replaced(capsys, tmp_path: Path, diary: Path) -> None:
    out = tmp_path / "old.csv"
    out.write_text("an earlier export\n")
    assert run(capsys, "--db", str(diary), "export", "csv", "-o", str(out))[0] == 0
    assert out.read_text().startswith("date,")


def test_the_apps_exports_never_replace_the_diary(tmp_path: Path, diary: Path) -> None:
    from tracker.errors import InputError
    from tracker.tui.diary import Diary

    app_diary = Diary(db_path=diary)
    app_diary.open()
    before = diary.read_bytes()
    for export in (lambda: app_diary.export_csv(diary, episodes=False), lambda: app_diary.write_report(diary)):
        with pytest.raises(InputError, match="never replaces a database"):
            export()
    assert diary.read_bytes() == before

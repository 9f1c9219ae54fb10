"""An export given an existing file replaces only what an export could have written: text (a CSV),
a PDF or a PNG. An encrypted diary moved away from its key file (random bytes, no header) and
tracker's own records of where a diary's backups are were replaced by CSV."""

from __future__ import annotations

import os


def test_an_encrypted_copy_without_its_key_file_is_never_replaced(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "caffeine", "95").code == 0
    copy = tmp_path / "moved.db"
    held = os.urandom(8192)
    copy.write_bytes(held)

    result = cli("export", "csv", "-o", str(copy))

    assert result.code == 2
    assert result.err.count("\n") == 1 and "no export writes" in result.err
    assert copy.read_bytes() == held


def test_the_record_of_backup_folders_is_never_replaced(cli, db_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "caffeine", "95").code == 0
    record = db_path.with_name(f".{db_path.name}.backup-folders")
    record.write_text("/somewhere/else/backups\n", encoding="utf-8")

    result = cli("export", "csv", "-o", str(record))

    assert result.code == 2
    assert record.read_text(encoding="utf-8") == "/somewhere/else/backups\n"


def test_an_earlier_export_a_report_and_a_chart_are_replaced(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "caffeine", "95").code == 0
    csv, pdf = tmp_path / "days.csv", tmp_path / "report.pdf"
    csv.write_text("date,caffeine_mg\n2026-11-01,95\n", encoding="utf-8")
    assert cli("report", "-o", str(pdf)).code == 0

    assert cli("export", "csv", "-o", str(csv)).code == 0
    assert cli("report", "-o", str(pdf)).code == 0
    assert csv.read_text(encoding="utf-8") != "date,caffeine_mg\n2026-11-01,95\n"

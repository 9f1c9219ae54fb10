"""`db backup DEST/`: a name ending with a slash is a folder; one that is not there is refused in
one line, never taken as the name of the copy."""

from __future__ import annotations


def test_a_missing_folder_named_with_a_slash_is_refused_not_written_as_a_file(cli, db_path) -> None:
    assert cli("log", "note", "begun").code == 0
    missing = db_path.parent / "backups-disk"
    refused = cli("db", "backup", f"{missing}/")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "folder" in refused.err, refused.err
    assert not missing.exists()
    missing.mkdir()
    done = cli("db", "backup", f"{missing}/")
    assert done.code == 0 and [p.parent for p in missing.iterdir() if p.name.endswith(".backup.db")] == [missing]

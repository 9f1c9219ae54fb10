"""An export never replaces an encrypted diary, its key file or its side files, by name or through
a symbolic link: each would lose the diary as surely as writing over a plain one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.core.key_names import key_file_name


def _encrypted(cli, db_path: Path) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    assert cli("log", "twitch", "--note", "kept").code == 0
    assert cli("db", "encrypt").code == 0
    return {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    "command",
    [("export", "csv", "-o"), ("chart", "-o"), ("report", "-o")],
    ids=["csv", "chart", "report"],
)
@pytest.mark.parametrize("target", ["diary", "key file", "link to the key file", "link to the diary"])
def test_an_export_onto_an_encrypted_diary_or_its_key_is_refused(cli, db_path, tmp_path, command, target) -> None:
    before = _encrypted(cli, db_path)
    key = Path(key_file_name(db_path))
    named = {"diary": db_path, "key file": key}.get(target)
    if named is None:
        named = tmp_path / "elsewhere" / ("out.pdf" if command[0] == "report" else "out.png")
        named.parent.mkdir()
        os.symlink(key if "key" in target else db_path, named)

    done = cli(*command, str(named))

    refused = "never replaces a database" in done.err or "a file ending in" in done.err  # a chart named .key
    assert done.code == 2 and done.err.count("\n") == 1 and refused, done.err
    assert {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()} == before
    assert "kept" in cli("list").out

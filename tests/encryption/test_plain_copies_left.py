"""`db encrypt` encrypts the plain copies tracker wrote of the diary, never rewrites a file it did
not write, and says which copies stay plain."""

from __future__ import annotations

from tracker.core.files import SQLITE_HEADER
from tracker.storage.keys import key_file


def test_encrypt_leaves_files_it_did_not_write_and_names_the_copies_left_plain(cli, db_path, tmp_path) -> None:
    assert cli("log", "twitch", "--note", "night-shift").code == 0
    assert cli("db", "backup").code == 0  # tracker's own copy, beside the diary: encrypted with it
    folder = db_path.parent / "backups"
    folder.mkdir()
    hand = folder / "mycopy.db"
    assert cli("db", "backup", str(hand)).code == 0  # a name of the person's own
    other = tmp_path / "other.db"
    assert cli("log", "twitch", db=other).code == 0
    look_alike = folder / "tracker.20261101-100000-000000Z.backup.db"  # named like a backup, another diary
    look_alike.write_bytes(other.read_bytes())
    before = look_alike.read_bytes()
    encrypted = cli("db", "encrypt")
    assert encrypted.code == 0, encrypted.err
    assert look_alike.read_bytes() == before and not key_file(look_alike).exists()  # never rewritten
    assert "copies written elsewhere stay plain" in encrypted.out
    [left] = [line for line in encrypted.out.splitlines() if line.startswith("left plain")]
    assert str(look_alike) in left and str(hand) in left, encrypted.out
    own = list(db_path.parent.glob("tracker.*.backup.db"))  # the one taken before, and the one after
    assert len(own) == 2 and all(not copy.read_bytes().startswith(SQLITE_HEADER) for copy in own)
    assert all(cli("db", "check", db=copy).code == 0 for copy in own)  # the passphrase opens them

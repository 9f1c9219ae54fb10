"""Where tracker keeps its files: small functions, an environment override, no work at import."""

from __future__ import annotations

import datetime as dt
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (see below)
if TYPE_CHECKING:
    from pathlib import Path

# `tracker remind` runs at a shell prompt on a budget of about 30 ms beyond starting Python, and
# finds its diary here: so this module imports neither pathlib (~12 ms with the re and enum it
# pulls in) nor platformdirs (~10 ms more) at import. Functions that return a Path import it.

APP_NAME = "tracker"
DB_FILENAME = "tracker.db"
DB_ENV_VAR = "TRACKER_DB"
EXPORTS_ENV_VAR = "TRACKER_EXPORTS"
EXPORTS_DIRNAME = "exports"
BACKUPS_ENV_VAR = "TRACKER_BACKUPS"
BACKUPS_DIRNAME = "backups"
CACHE_ENV_VAR = "TRACKER_CACHE"
BACKUPS_OFF = "off"  # TRACKER_BACKUPS=off: no daily copies (for a diary backed up otherwise)
# What each export is called when no path is given; `{day}` is the date it was written.
EXPORT_NAMES = {
    "chart": "twitch-weekly-{day}.png",
    "sites": "twitch-sites-{day}.png",
    "report": "report-{day}.pdf",
    "daily": "daily-{day}.csv",
    "episodes": "episodes-{day}.csv",
    "visit": "visit-{day}",  # a folder of six files
}


def data_dir() -> Path:
    """The per-user data directory (data_location), not created here."""
    from pathlib import Path

    return Path(data_location())


def data_location() -> str:
    """The per-user data directory as platformdirs' user_data_dir names it, not created here.

    On Linux it is worked out here as platformdirs does (an absolute XDG_DATA_HOME, else
    ~/.local/share, with a HOME that is not absolute taken from the password database; a test
    holds the two equal), because importing platformdirs costs `tracker remind` about 20 ms of
    its 30. Elsewhere (macOS, Windows) platformdirs itself.
    """
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_DATA_HOME", "")
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        base = xdg if os.path.isabs(xdg) else os.path.join(home, ".local", "share")
        return os.path.join(base, APP_NAME)
    from platformdirs import user_data_dir  # deferred: only without --db / TRACKER_DB

    return user_data_dir(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """`TRACKER_CACHE`, else the per-user cache directory (platformdirs); not created here.
    What it holds can be deleted at any time and is worked out again."""
    env_value = os.environ.get(CACHE_ENV_VAR)
    if env_value:
        from pathlib import Path

        return Path(env_value).expanduser()
    from platformdirs import user_cache_path  # deferred: only a reading command needs it

    return user_cache_path(APP_NAME, appauthor=False)


SETTINGS_FILENAME = "settings.json"


def settings_path() -> Path:
    """The app's settings (its theme), beside the default database in the user data directory."""
    return data_dir() / SETTINGS_FILENAME


def default_db_path() -> Path:
    """`tracker.db` in the user data directory."""
    return data_dir() / DB_FILENAME


# A --db or TRACKER_DB value that starts with one of these names a PostgreSQL server, not a file.
SERVER_URL_PREFIXES = ("postgresql://", "postgresql+", "postgres://")


def split_db_option(args: list[str]) -> tuple[str | None, list[str]] | None:
    """(the --db value or None, the words after it) for a command line that starts with at
    most `--db PATH` (or `--db=PATH`) before its command; None for an empty --db, which the
    full command line refuses in its own words."""
    db: str | None = None
    if args[:1] == ["--db"] and len(args) > 2:
        db, args = args[1], args[2:]
    elif args and args[0].startswith("--db="):
        db, args = args[0][5:], args[1:]
    return None if db == "" else (db, args)


def server_url_given(cli_value: str | os.PathLike[str] | None = None) -> str | None:
    """The `--db` (else `TRACKER_DB`) value when it is a server URL (postgresql://...), else None."""
    value = os.fspath(cli_value) if cli_value is not None else os.environ.get(DB_ENV_VAR)
    return value if value and value.startswith(SERVER_URL_PREFIXES) else None


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database to use (db_location), as a Path."""
    from pathlib import Path

    return Path(db_location(cli_value))


def db_location(cli_value: str | os.PathLike[str] | None = None) -> str:
    """The database to use: `--db`, then `TRACKER_DB`, then the default (`tracker.db` in the user
    data directory), as a string: `tracker remind` finds it without importing pathlib.

    `--db ""` is refused rather than read as "no --db": a person who typed it meant some file.
    An empty `TRACKER_DB` counts as unset, as an empty XDG_DATA_HOME does (the XDG base
    directory rule), so `TRACKER_DB= tracker` means the default database. A `~user` that
    names no user is refused rather than taken as a folder called `~user`.
    """
    if cli_value is not None:
        return _user_path("--db", os.fspath(cli_value))
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return _user_path(DB_ENV_VAR, env_value)
    return os.path.join(data_location(), DB_FILENAME)


def _user_path(field: str, value: str) -> str:
    if not value.strip():
        from tracker.errors import InputError

        raise InputError(field, value, "a database file path (it is empty)")
    path = os.path.expanduser(value)
    if value.startswith("~") and path.startswith("~"):
        from tracker.errors import InputError

        user = value[1:].split("/", 1)[0]
        raise InputError(field, value, f"a path on this machine; there is no user {user!r} for ~{user}")
    return path


def exports_dir() -> Path:
    """Where charts, reports, CSV files and visit packets go when no path is given:
    `TRACKER_EXPORTS`, else `exports/` in the user data directory (private like the database,
    and never the folder the command happened to run in). Not created here."""
    from pathlib import Path

    env_value = os.environ.get(EXPORTS_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser()
    return data_dir() / EXPORTS_DIRNAME


def check_folder_settings() -> None:
    """TRACKER_BACKUPS and TRACKER_EXPORTS name a folder by its full path (or one under `~`):
    a relative one would be read against the folder each command happens to run in, scattering
    copies and exports over the disk. InputError, before anything is read or written."""
    for name in (BACKUPS_ENV_VAR, EXPORTS_ENV_VAR):
        value = os.environ.get(name)
        if not value or (name == BACKUPS_ENV_VAR and value == BACKUPS_OFF):
            continue
        if not os.path.isabs(os.path.expanduser(value)):
            from tracker.errors import InputError

            off = "'off' or " if name == BACKUPS_ENV_VAR else ""
            raise InputError(name, value, f"{off}a folder's full path (/… or ~/…)")


def backups_dir(db_path: Path) -> Path:
    """Where the daily backups of `db_path` go: `backups/` beside the database (where copies
    made before `TRACKER_BACKUPS=off` stay), else, with `TRACKER_BACKUPS` (another disk,
    say), a folder of this diary's own inside it, named after the diary's file and a short
    hash of its full path: two diaries called diary.db in different folders can share one
    backup folder and never see, restore or thin each other's copies. Not created here."""
    shared = shared_backups_dir()
    if shared is not None:
        import hashlib  # deferred: only a shared backup folder needs it

        where = hashlib.sha256(os.fsencode(db_path.resolve())).hexdigest()[:10]
        return shared / f"{db_path.name}-{where}"
    return db_path.parent / BACKUPS_DIRNAME


def backup_folders(db_path: Path) -> list[tuple[Path, bool]]:
    """Every folder tracker has put copies of `db_path` in, each with whether it is the shared
    folder (where earlier versions put every diary's copies, so one there may be another
    diary's): the daily folder (backups_dir), beside the diary (before an upgrade, by hand),
    `backups/` beside it (before TRACKER_BACKUPS named another folder), and the shared folder
    itself, and every folder a daily copy or a restore's kept copy was written to under another
    setting (recorded_backup_folders). No copy is left out because a setting changed."""
    own = dict.fromkeys(
        (backups_dir(db_path), db_path.parent, db_path.parent / BACKUPS_DIRNAME, *recorded_backup_folders(db_path))
    )
    shared = shared_backups_dir()
    return [(folder, False) for folder in own if folder != shared] + ([(shared, True)] if shared is not None else [])


def backup_folders_record(db_path: Path) -> Path:
    """The hidden file beside the diary naming, one a line, each folder tracker wrote a backup of
    it to (backups_dir under each TRACKER_BACKUPS it ran with). Kept beside the diary, not in it:
    the paths are this machine's, a restore of an older copy must not forget them, and a backup
    taken in a process of its own writes nothing into the diary."""
    from tracker.core.files import BACKUP_FOLDERS_SUFFIX

    return db_path.with_name(f".{db_path.name}{BACKUP_FOLDERS_SUFFIX}")


def recorded_backup_folders(db_path: Path) -> list[Path]:
    """The folders backup_folders_record names; none when it is missing or cannot be read."""
    from pathlib import Path

    try:
        text = backup_folders_record(db_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [Path(line) for line in text.splitlines() if line.strip()]


def record_backup_folder(db_path: Path, folder: Path) -> None:
    """Name `folder` in backup_folders_record (once), just before a backup of `db_path` is written
    there: `db passphrase` then rewraps, and `db backups` lists, the copies in it after
    TRACKER_BACKUPS names another folder. The folders backup_folders always looks in are not named."""
    folder = folder.absolute()
    if folder in (db_path.parent.absolute(), (db_path.parent / BACKUPS_DIRNAME).absolute()):
        return
    if folder in recorded_backup_folders(db_path):
        return
    # One line appended (O_APPEND): two processes recording at once both keep theirs; owner-only.
    fd = os.open(backup_folders_record(db_path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{folder}\n".encode())
    finally:
        os.close(fd)


def shared_backups_dir() -> Path | None:
    """The folder `TRACKER_BACKUPS` names, holding a folder per diary (backups_dir); None
    without one. Earlier versions put every diary's copies straight into it."""
    from pathlib import Path

    env_value = os.environ.get(BACKUPS_ENV_VAR)
    return Path(env_value).expanduser() if env_value and env_value != BACKUPS_OFF else None


def server_backups_dir(address: str) -> Path:
    """Where the backups of the server diary at `address` (its URL, never with a password) go:
    a folder of its own in `TRACKER_BACKUPS`, else in `backups/` in the user data directory
    (a server has no folder beside it), named after the URL, made safe for a file name, and a
    short hash of it, so two servers' diaries of the same name never share one. Not created here."""
    import hashlib  # deferred, as in backups_dir
    import re
    from pathlib import Path

    env_value = os.environ.get(BACKUPS_ENV_VAR)
    root = Path(env_value).expanduser() if env_value and env_value != BACKUPS_OFF else data_dir() / BACKUPS_DIRNAME
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", address.split("://", 1)[-1]).strip("_")[:60]
    where = hashlib.sha256(address.encode()).hexdigest()[:10]
    return root / f"{readable}-{where}"


def default_export(kind: str, day: dt.date) -> Path:
    """The path an export of `kind` (a key of EXPORT_NAMES) written on `day` gets by default:
    the first of `twitch-weekly-DAY.png`, `twitch-weekly-DAY-2.png`, ... that does not exist
    yet, so a name the tool picks never replaces a file saved earlier that day (a name the
    person gives with -o is theirs to reuse)."""
    first = exports_dir() / EXPORT_NAMES[kind].format(day=day.isoformat())
    # A folder export ("visit-DAY") has no suffix; "report-DAY.pdf" keeps its own.
    stem, suffix = (first.stem, first.suffix) if first.suffix else (first.name, "")
    path, number = first, 1
    while path.exists() or path.is_symlink():
        number += 1
        path = first.with_name(f"{stem}-{number}{suffix}")
    return path

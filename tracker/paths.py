"""Where tracker keeps its files: small functions, an environment override, no work at import."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

APP_NAME = "tracker"
DB_FILENAME = "tracker.db"
DB_ENV_VAR = "TRACKER_DB"
EXPORTS_ENV_VAR = "TRACKER_EXPORTS"
EXPORTS_DIRNAME = "exports"
BACKUPS_ENV_VAR = "TRACKER_BACKUPS"
BACKUPS_DIRNAME = "backups"
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
    """The per-user data directory (platformdirs), not created here."""
    from platformdirs import user_data_path  # deferred: only needed without --db / TRACKER_DB

    return user_data_path(APP_NAME, appauthor=False)


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
    """The database to use: `--db`, then `TRACKER_DB`, then the default.

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
    return default_db_path()


def _user_path(field: str, value: str) -> Path:
    from tracker.errors import InputError

    if not value.strip():
        raise InputError(field, value, "a database file path (it is empty)")
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # Python 3.12+ raises for an unknown user; 3.11 leaves the ~ in place
        path = Path(value)
    if value.startswith("~") and str(path).startswith("~"):
        user = value[1:].split("/", 1)[0]
        raise InputError(field, value, f"a path on this machine; there is no user {user!r} for ~{user}")
    return path


def exports_dir() -> Path:
    """Where charts, reports, CSV files and visit packets go when no path is given:
    `TRACKER_EXPORTS`, else `exports/` in the user data directory (private like the database,
    and never the folder the command happened to run in). Not created here."""
    env_value = os.environ.get(EXPORTS_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser()
    return data_dir() / EXPORTS_DIRNAME


def backups_dir(db_path: Path) -> Path:
    """Where the daily backups of `db_path` go: `backups/` beside the database (where copies
    made before `TRACKER_BACKUPS=off` stay), else, with `TRACKER_BACKUPS` (another disk,
    say), a folder of this diary's own inside it, named after the diary's file and a short
    hash of its full path: two diaries called diary.db in different folders can share one
    backup folder and never see, restore or thin each other's copies. Not created here."""
    env_value = os.environ.get(BACKUPS_ENV_VAR)
    if env_value and env_value != BACKUPS_OFF:
        import hashlib  # deferred: only a shared backup folder needs it

        where = hashlib.sha256(os.fsencode(db_path.resolve())).hexdigest()[:10]
        return Path(env_value).expanduser() / f"{db_path.name}-{where}"
    return db_path.parent / BACKUPS_DIRNAME


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

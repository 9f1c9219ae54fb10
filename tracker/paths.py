"""Where tracker keeps its files: small functions, an environment override, no work at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tracker"
DB_FILENAME = "tracker.db"
DB_ENV_VAR = "TRACKER_DB"


def data_dir() -> Path:
    """The per-user data directory (platformdirs), not created here."""
    from platformdirs import user_data_path  # deferred: only needed without --db / TRACKER_DB

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """`tracker.db` in the user data directory."""
    return data_dir() / DB_FILENAME


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

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
    """The database to use: `--db`, then `TRACKER_DB`, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser()
    return default_db_path()

"""Where an encrypted diary's wrapped key lives: a hidden file beside it (tracker.storage.keys).

Worked out on strings with `os` alone: `tracker remind` finds out through here whether a
diary is encrypted, and the output checks (tracker.core.files) whether a file is one's key.
"""

from __future__ import annotations

import os

KEY_SUFFIX = ".key"


def key_file_name(path: str | os.PathLike[str]) -> str:
    """The key file of the diary at `path`: `.NAME.key` in the same folder."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name}{KEY_SUFFIX}")


def keyed_diary(path: str | os.PathLike[str]) -> str | None:
    """The diary whose key file `path` is named as (`.NAME.key` -> `NAME` beside it), or None."""
    folder, name = os.path.split(os.fspath(path))
    if not (name.startswith(".") and name.endswith(KEY_SUFFIX)) or len(name) <= len(KEY_SUFFIX) + 1:
        return None
    return os.path.join(folder, name[1 : -len(KEY_SUFFIX)])

"""What the app remembers between runs (today only its theme), in a small JSON file.

The file is private like the diary (0600) and written whole or not at all (a temporary file
renamed over it), so a crash mid-write never leaves half a file. A file that cannot be read
is ignored, and the app says so once; it never stops the app from starting.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from tracker.paths import settings_path


def load_settings(path: Path | None = None) -> tuple[dict[str, str], str]:
    """(settings, problem): the settings saved last ({} when none), and "" or one line saying
    why the file was ignored."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"Settings in {path} could not be read ({exc.__class__.__name__}); using the defaults."
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return {}, f"Settings in {path} are not readable settings; using the defaults (they are rewritten on change)."
    return data, ""


def save_settings(settings: dict[str, str], path: Path | None = None) -> str:
    """Write `settings` atomically, readable by this user only; "" or one line saying why not."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")  # 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(settings, file, indent=2)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        return f"Could not remember the setting in {path}: {exc.strerror or exc}."
    return ""

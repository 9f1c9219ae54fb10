"""A keyring backend that keeps its secrets in one JSON file ($TRACKER_BENCH_KEYRING), so that a
benchmark's many processes share one "system keyring" where the machine has none.

    PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring (with this folder on PYTHONPATH)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]  # a class attribute in KeyringBackend

    @property
    def _file(self) -> Path:
        return Path(os.environ["TRACKER_BENCH_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._file.read_text()))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._load()
        stored[f"{service}/{username}"] = password
        self._file.write_text(json.dumps(stored))

    def delete_password(self, service: str, username: str) -> None:
        stored = self._load()
        stored.pop(f"{service}/{username}", None)
        self._file.write_text(json.dumps(stored))

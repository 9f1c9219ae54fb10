"""A keyring kept in a JSON file named by TRACKER_TEST_KEYRING: a machine's keyring that outlives
one process, for tests that run tracker itself (`PYTHON_KEYRING_BACKEND` names this class)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]  # a class attribute in KeyringBackend, a property in its stubs

    @property
    def _path(self) -> Path:
        return Path(os.environ["TRACKER_TEST_KEYRING"])

    def _read(self) -> dict[str, str]:
        return json.loads(self._path.read_text()) if self._path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._read()
        stored[f"{service}/{username}"] = password
        self._path.write_text(json.dumps(stored))

    def delete_password(self, service: str, username: str) -> None:
        stored = self._read()
        if stored.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path.write_text(json.dumps(stored))

"""Encrypted diaries: a real keyring backend that keeps its keys in memory, one per "machine"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

keyring = pytest.importorskip("keyring")  # the `encrypted` extra; `make test` installs it
pytest.importorskip("sqlcipher3")

from keyring.backend import KeyringBackend  # noqa: E402  (after the extra is known to be there)
from keyring.backends import fail  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402

from tracker.storage.keys import forget_all  # noqa: E402

PASSPHRASE = "lip twitch diary 2026"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps what it is given in a dict: a whole keyring, for one machine's life."""

    priority = 1  # type: ignore[assignment]  # a class attribute in KeyringBackend, a property in its stubs

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.stored.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """This machine's keyring, empty; the passphrase in TRACKER_PASSPHRASE, as a script gives it."""
    monkeypatch.setenv("TRACKER_PASSPHRASE", PASSPHRASE)
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    forget_all()
    yield ring
    forget_all()
    keyring.set_keyring(fail.Keyring())


def another_machine() -> MemoryKeyring:
    """A fresh process on another machine: nothing in memory, an empty keyring."""
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    forget_all()
    return ring


def no_keyring() -> None:
    """A machine with no keyring backend at all (a headless Linux box)."""
    keyring.set_keyring(fail.Keyring())
    forget_all()

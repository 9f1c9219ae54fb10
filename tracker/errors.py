"""Errors a person can act on: the field, the value and what is allowed, in one line."""

from __future__ import annotations


class TrackerError(Exception):
    """A failure that is not the user's input (exit code 1)."""


class InputError(TrackerError, ValueError):
    """Bad input from a person (exit code 2): names the field, the value and what is allowed."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {_show(value)} is not allowed; {allowed}")


class DatabaseRefused(TrackerError):
    """The file at the database path cannot be used; it was left untouched (exit code 2)."""


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."

"""Writing files people keep: owner-only (0600) and atomic, so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PRIVATE_FILE = 0o600


@contextmanager
def private_atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at `path` (mode 0600) only once fully written and synced.

    The temporary file lives in the same directory so `os.replace` is atomic; a failed
    write leaves any earlier file at `path` untouched.
    """
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path`, owner-only and atomically. Returns the path."""
    with private_atomic_file(path) as handle:
        handle.write(data)
    return Path(path)

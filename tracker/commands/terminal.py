"""What a command prints to a terminal shows stored text, never acts on it.

Notes, names and units come from people and from imported files; one holding ESC or a carriage
return would move the cursor or rewrite the line above ("no twitches" over a twitch day) on the
terminal that prints it. While a command's output goes to a terminal, every write passes through
terminal_safe. Output piped to a file or another program is left exactly as stored.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO

from tracker.core.formatting import terminal_safe


class _SafeText(io.TextIOBase):
    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    def isatty(self) -> bool:
        return self._inner.isatty()

    def fileno(self) -> int:
        return self._inner.fileno()


@contextlib.contextmanager
def shown_safely(*, raw: bool = False) -> Iterator[None]:
    """Within: stdout escapes what a terminal would act on (unless `raw`: the output is data)."""
    if raw:
        yield
        return
    with contextlib.redirect_stdout(_SafeText(sys.stdout)):
        yield


def say_failure(message: str, code: int) -> int:
    """Tell a failure on stderr in one line (`tracker: error: ...`); returns the exit code `code`."""
    lines = message.strip().splitlines() or ["failed"]
    with contextlib.suppress(OSError):  # stderr on a full disk: the exit code still says it
        print(f"tracker: error: {terminal_safe(lines[0])}", file=sys.stderr)
    return code

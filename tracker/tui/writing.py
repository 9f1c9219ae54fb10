"""The one way every screen reads and writes the diary: in a thread worker that never takes the
app down.

A write that fails (the database locked by another program for longer than the busy timeout,
a full disk, a value the store refuses) comes back as WriteFailed: the person reads one line
saying what happened, and the entry is kept — the form it came from reopens with the values
as typed and the reason at its top, so Enter tries again. A failed read says so in one line
and leaves the screen as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from tracker.errors import failure_line
from tracker.tui.messages import ReadFailed, WriteFailed

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

    _Node = DOMNode  # Writes is mixed into screens and the app: nodes that run workers
else:
    _Node = object


def run_safely(
    node: DOMNode,
    job: Callable[[], Message],
    *,
    failed: Callable[[str], Message],
    group: str,
    exclusive: bool = False,
) -> Worker[None]:
    """Run `job` in a thread worker of `node` (in `group`; `exclusive` cancels the group's
    running workers); post its message, or `failed(line)` if it raises. Returns the worker."""

    def work() -> None:
        try:
            message = job()
        except Exception as exc:  # whatever it was, the app stays up and says it in one line
            message = failed(in_app_words(failure_line(exc)[0]))
        node.post_message(message)

    return node.run_worker(work, group=group, exclusive=exclusive, thread=True, exit_on_error=False)


# The store words some refusals for the command line, naming its options ("--min/--max"): in
# the app they name the fields people see.
APP_WORDS = {"--min/--max": "min/max", "--min": "min", "--max": "max", "--at": "time", "--as-of": "as of"}
_OPTION = re.compile(r"(?<![\w-])--([a-z][a-z-]*(?:/--[a-z][a-z-]*)?)")


def in_app_words(line: str) -> str:
    """`line` with the command line's option names replaced by the app's words for them."""
    return _OPTION.sub(lambda m: APP_WORDS.get(m.group(0), m.group(1).replace("/--", "/").replace("-", " ")), line)


KEPT = "What you entered is kept: Enter tries again."


class Writes(_Node):
    """Screens mix this in for `write` and `read`, and the one handler of their failures."""

    if TYPE_CHECKING:

        def notify(self, message: str, **kwargs: object) -> None: ...  # Widget's and App's

    def write(
        self, job: Callable[[], Message], *, keep: Callable[[str], object] | None = None, kept: str = KEPT
    ) -> None:
        """Write in a thread. On failure the person is told, and `keep(reason)` (if given)
        reopens the form with what was typed, so nothing is lost; `kept` says so."""
        failed = lambda line: WriteFailed(line, keep, kept if keep else "")  # noqa: E731
        run_safely(self, job, failed=failed, group="write")

    def read(self, job: Callable[[], Message], *, group: str) -> None:
        """Read in a thread, the latest request in `group` replacing any still running."""
        run_safely(self, job, failed=ReadFailed, group=group, exclusive=True)

    def on_write_failed(self, message: WriteFailed) -> None:
        text = f"{message.text}. {message.kept}" if message.kept else message.text
        self.notify(text, title="Not saved", severity="error", timeout=12, markup=False)
        if message.keep is not None:
            self.call_later(message.keep, message.text)  # may be a coroutine: call_later awaits it

    def on_read_failed(self, message: ReadFailed) -> None:
        self.notify(message.text, title="Could not read the diary", severity="error", timeout=12, markup=False)

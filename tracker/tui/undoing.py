"""`u` (or ctrl+z): undo the last thing done, whatever it was and wherever (as `tracker undo`),
named first and undone on `u` again or Enter. One flow for every screen that has the key, so a
delete is undone where it was done, with the same words."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.markup import escape

if TYPE_CHECKING:
    from textual.message import Message

    from tracker.tui.diary import Diary
    from tracker.tui.writing import Writes

NOTHING_TO_UNDO = "Nothing to undo: nothing has been logged, changed or deleted yet."


async def ask_undo(
    screen: Writes,
    diary: Diary,
    undone: Callable[[str], Message],
    *,
    before: Callable[[int], object] | None = None,
) -> None:
    """Name the last thing done and, once confirmed, undo it in `screen`'s write worker, which
    then gets `undone("Undone: …")`. `before(action_id)` runs as the undo is confirmed."""
    from tracker.tui.screens.confirm import Confirm

    last = await asyncio.to_thread(diary.last_action)
    if last is None:
        screen.notify(NOTHING_TO_UNDO)
        return
    action_id, done = last

    def undo(yes: bool | None) -> None:
        if not yes:
            return
        if before is not None:
            before(action_id)
        screen.write(lambda: undone(f"Undone: {diary.undo(action_id)}"), kept="")

    question = f"[b]Undo[/b] the last thing done: {escape(done)}?"
    await screen.app.push_screen(Confirm(question, keys="u,ctrl+z", key_label="u", yes="undo"), undo)

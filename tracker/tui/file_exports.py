"""The files the app writes (a visit packet, the report, the chart, CSV exports): where to, asked
first (the exports folder unless another path is typed), then written in a thread, and the
path said once they are there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.tui.messages import FilesWritten
from tracker.tui.palette import FILE_COMMANDS

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp
    from tracker.tui.diary import Diary


def ask_and_write(app: TrackerApp, kind: str, problem: str = "", path: Path | None = None, key: str = "") -> None:
    """Ask where (the exports folder by default), then write the file(s) of `kind` in a thread;
    a failed write asks again with the reason (`problem`) and the path chosen."""
    from tracker.paths import default_export
    from tracker.tui.screens.export_form import ExportForm

    title = next(title for title, _, key in FILE_COMMANDS if key == kind)
    if any(isinstance(screen, ExportForm) for screen in app.screen_stack):
        return  # one asked already (`s s` typed at once): a second would hide it and what was typed
    target = path or default_export(kind, app.diary.today())

    def write(chosen: Path | None) -> None:
        if chosen is None:
            return
        app.notify(f"Writing {title.lower()} to {chosen}…", timeout=30)
        app.write(lambda: FilesWritten(title, write_files(app.diary, kind, chosen)), keep=again(chosen))

    def again(chosen: Path) -> Callable[[str], None]:
        return lambda reason: ask_and_write(app, kind, reason, chosen, key)

    app.push_screen(ExportForm(what=title, path=target, problem=problem, key=key), write)


def write_files(diary: Diary, kind: str, path: Path) -> list[Path]:
    """In a thread: the files of `kind` at `path`; returns the paths written."""
    if kind == "visit":
        return diary.export_visit(path)
    if kind == "chart":
        return diary.save_chart(path)
    if kind == "report":
        return diary.write_report(path)
    return diary.export_csv(path, episodes=kind == "episodes")


def written_words(message: FilesWritten) -> str:
    """Where the files went: a visit packet's folder, a file, or the files written side by
    side, each named and their folder once (the notice line holds three rows at 80x24)."""
    first, *rest = message.paths
    if message.text == FILE_COMMANDS[0][0]:  # a visit packet: its folder, named for the visit
        return f"{message.text} written: {first.parent}"
    if not rest:
        return f"{message.text} written: {first}"
    # Those beside the first share its name (days.csv, days.factors.csv): each by what differs.
    stem = first.name.removesuffix(first.suffix)
    names = [first.name] + [
        path.name.removeprefix(stem) if path.name.startswith(f"{stem}.") else path.name for path in rest
    ]
    return f"{message.text}: {', '.join(names[:-1])} and {names[-1]} ({len(names)} files) written in {first.parent}"

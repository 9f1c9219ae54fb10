"""The doctor-visit packet: its six files, and the data dictionary that explains every CSV column.

`write_visit_packet` is the one writer behind `tracker export visit` and the TUI's Trends screen.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.core.columns import DAILY_HEAD, DAILY_TAIL, EPISODE_COLUMNS, EPISODE_SITES
from tracker.core.vocabulary import BUILTIN_FACTORS, CHART_FACTORS, FactorKind, Location, Side
from tracker.io.csv_cells import csv_text
from tracker.storage.models import Factor

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.storage.history import History

NOT_LOGGED = "empty = not logged"
# A factor logged only when taken: the cell stays empty, and this says how the analysis reads it.
NOT_LOGGED_MEANS_NONE = (
    "empty = not logged; the analysis counts it as none (0) on days with twitches or 'no twitches' "
    "logged, and as unknown on other days"
)


def _one_of(values: type[Location] | type[Side]) -> str:
    names = [str(value) for value in values]
    return f"{', '.join(names[:-1])} or {names[-1]}"


DAILY_MEANINGS = {
    "date": ("", "calendar day (ISO 8601), as the person lived it"),
    "tracked": ("", "1 if anything was logged that day, 0 if nothing was (then every other cell is empty)"),
    "episodes": (
        "count",
        "twitch episodes logged that day (0 on a day checked in as twitch-free); empty when the day's "
        "twitches were not answered, even if something else was logged",
    ),
    "total_duration_s": (
        "seconds",
        "the day's timed twitches added up: 0 on a day answered 'no twitches'; empty when twitches were logged"
        " but none was timed, or twitches were not answered. Untimed twitches add nothing: compare with episodes",
    ),
    "max_intensity": ("1–5", "strongest episode that day (1 barely noticeable, 5 severe)"),
    "locations": ("", "places that twitched that day, ';'-separated (unspecified: a twitch logged without a place)"),
    "red_flags": ("", "warning signs logged that day, ';'-separated"),
    "note": ("", "the person's note for the day (one a day)"),
}
EPISODE_MEANINGS = {
    "started_at": ("", "when the episode began, ISO 8601 with its UTC offset"),
    "date": ("", "the local calendar day of started_at"),
    "location": ("", _one_of(Location) + " (unspecified: logged without a place)"),
    "side": ("", _one_of(Side) + " (unspecified: logged without a side)"),
    "intensity": ("1–5", "how strong (1 barely noticeable, 5 severe); empty if not given"),
    "duration_s": ("seconds", "how long it lasted, if timed"),
    "context": ("", "what the person was doing, ';'-separated tags"),
    "relief": ("", "what was tried for relief, ';'-separated tags"),
    "note": ("", "free note"),
    EPISODE_SITES: (
        "",
        "the further places the same twitch involved, PLACE:SIDE separated by ';' "
        "(location and side are its first); a column only when some twitch has any",
    ),
}
PACKET_FILES = ("daily.csv", "episodes.csv", "dictionary.csv", "report.pdf", "chart.png", "sites.png")
BUILTIN_MEANINGS = {factor.column: factor.meaning for factor in BUILTIN_FACTORS}


def dictionary_csv(factors: Sequence[Factor], *, sites: bool = False) -> str:
    """file,column,unit,meaning,empty — one row per column of daily.csv and episodes.csv (its
    also_sites column with `sites`: the file has it only when a twitch has further sites)."""
    rows = [["file", "column", "unit", "meaning", "empty"]]
    for column in DAILY_HEAD:
        rows.append(
            ["daily.csv", column, *DAILY_MEANINGS[column], NOT_LOGGED if column not in ("date", "tracked") else ""]
        )
    for factor in factors:
        meaning = BUILTIN_MEANINGS.get(factor.column) or _user_meaning(factor)
        empty = NOT_LOGGED_MEANS_NONE if factor.absent_means_none else NOT_LOGGED
        rows.append(["daily.csv", factor.column, factor.unit or _scale(factor), meaning, empty])
    for column in DAILY_TAIL:
        rows.append(["daily.csv", column, *DAILY_MEANINGS[column], NOT_LOGGED])
    for column in EPISODE_COLUMNS:
        rows.append(
            [
                "episodes.csv",
                column,
                *EPISODE_MEANINGS[column],
                NOT_LOGGED if column not in ("started_at", "date") else "",
            ]
        )
    if sites:
        rows.append(["episodes.csv", EPISODE_SITES, *EPISODE_MEANINGS[EPISODE_SITES], "one site only, as logged"])
    return csv_text(rows)


def write_visit_packet(history: History, folder: Path, *, engine: Engine, today: dt.date) -> list[Path]:
    """Write PACKET_FILES for `history`'s range into `folder` (created owner-only); returns their paths.

    All six or none: they are made in a hidden folder beside `folder` and moved in only once
    every one is written, so a failure (a bad value, a full disk) leaves no partial packet.
    Raises InputError when `folder` exists and is not a directory.
    """
    # deferred: the report and chart need pandas, statsmodels and matplotlib (~1.5 s)
    from tracker.core.files import ensure_private_dir, output_target, write_private
    from tracker.errors import InputError
    from tracker.io.export import export_daily, export_episodes
    from tracker.report.outputs import draw_chart, draw_site_chart, write_visit_report
    from tracker.storage.engine import session_scope

    if folder.exists() and not folder.is_dir():
        raise InputError("DIR", str(folder), "a directory (it is a file)")
    if folder.is_dir():
        for name in PACKET_FILES:  # moved in over what is there: a database among them is refused first
            output_target(folder / name, field="DIR")
    with session_scope(engine, write=False) as session:
        daily = export_daily(session=session, date_from=history.start, date_to=history.end)
        episodes = export_episodes(session=session, date_from=history.start, date_to=history.end)
    parent = folder.absolute().parent
    created = next((p for p in reversed([parent, *parent.parents]) if not p.exists()), None)
    ensure_private_dir(parent)
    _remove_abandoned_staging(parent, folder.name)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.{os.getpid()}.", suffix=".tmp"))
    try:
        write_private(staging / "daily.csv", daily.encode("utf-8"))
        write_private(staging / "episodes.csv", episodes.encode("utf-8"))
        sited = EPISODE_SITES in next(iter(episodes.splitlines()), "").split(",")  # in the header only when used
        write_private(staging / "dictionary.csv", dictionary_csv(history.factors, sites=sited).encode("utf-8"))
        write_visit_report(history, staging / "report.pdf", today=today, in_packet=True)
        draw_chart(history, staging / "chart.png", weeks=12, factors=list(CHART_FACTORS))
        draw_site_chart(history, staging / "sites.png")
        if not folder.exists():
            staging.rename(folder)  # mkdtemp made it 0700, as ensure_private_dir would
        else:
            for name in PACKET_FILES:
                os.replace(staging / name, folder / name)
            staging.rmdir()
    except BaseException:
        shutil.rmtree(created or staging, ignore_errors=True)  # folders made for the packet go too
        raise
    return [folder / name for name in PACKET_FILES]


def _remove_abandoned_staging(parent: Path, name: str) -> None:
    """Remove hidden half-written packets of `name` whose writer is gone (killed mid-way).

    A staging folder is named with its writer's process id, so one still being written by
    another running export is left alone.
    """
    for staging in parent.glob(f".{glob.escape(name)}.*.tmp"):
        writer = staging.name[len(name) + 2 :].split(".", 1)[0]
        if not writer.isdigit() or staging.is_symlink() or not staging.is_dir():
            continue
        try:
            os.kill(int(writer), 0)
        except ProcessLookupError:
            shutil.rmtree(staging, ignore_errors=True)
        except PermissionError:
            pass  # a process of another user has that id: the folder is not ours to judge


def _user_meaning(factor: Factor) -> str:
    if factor.kind == FactorKind.YES_NO:
        return f"{factor.name.replace('_', ' ')}: 1 yes, 0 no (self-defined factor)"
    return f"{factor.name.replace('_', ' ')} ({factor.kind}, daily {factor.daily_rule}; self-defined factor)"


def _scale(factor: Factor) -> str:
    if factor.kind == FactorKind.SCALE and factor.min_value is not None and factor.max_value is not None:
        return f"{factor.min_value:g}–{factor.max_value:g}"
    return "1 yes / 0 no" if factor.kind == FactorKind.YES_NO else ""

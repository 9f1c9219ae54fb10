"""One import from another app, from the file to the diary: read, map, plan, write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from tracker.core import validate
from tracker.core.sources import source_of
from tracker.core.when import local_now
from tracker.errors import InputError
from tracker.io.apps import format_module
from tracker.io.apps.mapping import Target, load_mapping
from tracker.io.apps.plan import ImportPlan, plan_import
from tracker.io.apps.readings import Parsed, Progress


@dataclass
class Prepared:
    parsed: Parsed
    targets: dict[str, Target]
    source: str


def prepare(
    *,
    app: str,
    path: Path,
    map_path: Path | None,
    options: dict[str, str] | None = None,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> Prepared:
    """The file read and its items mapped (the file's defaults, overridden by --map; the
    format's own `options`, such as Flaredown's --user, over its [app] table there).
    Reads no database, so a bad file is refused before the diary is opened."""
    mapping = load_mapping(map_path)
    if options:
        mapping.sections[app] = {**mapping.sections.get(app, {}), **options}
    parsed = format_module(app).read(path, mapping.sections, progress)
    if parsed.rows == 0:  # a header alone, a habit list with no days, a health export with no records
        raise InputError("FILE", path.name, f"a {app} export with rows under its header (this one has no rows)")
    targets = parsed.items | {name: target for name, target in mapping.items.items() if name in parsed.items}
    _nothing_after_today(parsed, targets, now or local_now())
    return Prepared(parsed, targets, source_of(app, path))


def _nothing_after_today(parsed: Parsed, targets: dict[str, Target], now: dt.datetime) -> None:
    """InputError naming the first reading dated after the person's today, by the rule `log`
    follows: a day's value by its date, a twitch by its time."""
    for reading in parsed.readings:
        match targets[reading.item].to:
            case "skip":
                continue
            case "episode" if reading.at is not None:
                validate.moment(f"{reading.where}: time", reading.at, now)
            case _:
                validate.calendar_day(f"{reading.where}: date", reading.day, now.date())


def plan(*, session: Session, prepared: Prepared, prefer_import: bool) -> ImportPlan:
    """What the import would do to the diary in this session (nothing written)."""
    return plan_import(
        session=session, parsed=prepared.parsed, targets=prepared.targets, source=prepared.source,
        prefer_import=prefer_import,
    )  # fmt: skip

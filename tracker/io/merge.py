"""One diary merged into another that already holds entries (two laptops' diaries into one server).

The merge is an import of the source's own CSV exports (factors, medications, daily,
episodes), so it matches exactly as `tracker import csv` does: each twitch one for one, a daily value added
where the target has none, a day answered "no twitches" kept and the twitches listed as a
conflict, and a value that disagrees refused with nothing written. Merging the same diary
again adds nothing. The exports live only in a private temporary folder, gone when it ends.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import select

from tracker.core.files import write_private
from tracker.errors import InputError
from tracker.io.export import (
    export_daily,
    export_episodes,
    export_factors,
    export_medications,
    has_medications,
    has_own_factors,
)
from tracker.io.factors_file import factors_file_beside
from tracker.io.importer import ImportReport, import_files
from tracker.io.medications_file import medications_file_beside
from tracker.storage.engine import session_scope
from tracker.storage.models import Intervention


@dataclass
class MergeReport:
    imported: ImportReport
    interventions_left: int  # the source's intervention plans: no CSV carries them


def merge_diary(*, source: Engine, target: Engine, now: dt.datetime, source_name: str) -> MergeReport:
    """What `source` holds and `target` lacks, added to `target` in one transaction (the
    importer's). Returns what was added and each conflict; InputError (nothing written) for a
    value the two diaries disagree on, naming the day and `source_name`."""
    with tempfile.TemporaryDirectory(prefix="tracker-merge-") as folder:
        daily, episodes = Path(folder) / "merged-daily.csv", Path(folder) / "merged-episodes.csv"
        with session_scope(source, write=False) as session:
            write_private(daily, export_daily(session=session).encode("utf-8"))
            write_private(episodes, export_episodes(session=session).encode("utf-8"))
            if has_own_factors(session=session):
                write_private(factors_file_beside(daily), export_factors(session=session).encode("utf-8"))
            if has_medications(session=session):
                write_private(medications_file_beside(daily), export_medications(session=session).encode("utf-8"))
            plans = session.exec(select(func.count()).select_from(Intervention)).one()
        try:
            imported = import_files(engine=target, paths=[daily, episodes], now=now)
        except InputError as exc:
            # Name the diary the person gave, not the temporary export that is about to vanish.
            def named(text: str) -> str:
                for path, kind in ((daily, "daily"), (episodes, "episodes")):
                    text = text.replace(str(path), f"{source_name} ({kind})")
                return text

            raise InputError(named(exc.field), exc.value, named(exc.allowed)) from None
    return MergeReport(imported=imported, interventions_left=plans)

"""One diary merged into another that already holds entries (two laptops' diaries into one server).

The merge is an import of the source's own CSV exports (the daily file with the factors, diary
and medications files beside it, as `tracker export csv` writes them, and the episodes), so it
matches as `tracker import csv` does: each twitch one for one, a daily value added where the
target has none. Where the two disagree (a day answered "no twitches" against twitches, either
way; a twitch of one second and site(s) edited on one side; a value, a note, the onset) the
target keeps its own and the day is listed as a conflict: one day never keeps the rest of a
diary out. Merging the same diary again adds nothing. The exports live only in a private
temporary folder, gone when it ends.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from tracker.core.files import write_private
from tracker.core.formatting import plural
from tracker.errors import InputError
from tracker.io.export import csv_export, export_episodes
from tracker.io.import_report import ImportReport
from tracker.io.importer import import_files
from tracker.storage.engine import session_scope
from tracker.storage.models import Factor, FactorEntry, Intervention, Preset


@dataclass
class MergeReport:
    imported: ImportReport
    left: list[str]  # what the source holds that no CSV file carries, in words ("2 interventions")

    def left_words(self) -> str | None:
        """What was not merged, on one line; None when nothing was left behind."""
        if not self.left:
            return None
        return f"not merged (no CSV file carries them): {', '.join(self.left)}"


def merge_diary(*, source: Engine, target: Engine, now: dt.datetime, source_name: str) -> MergeReport:
    """What `source` holds and `target` lacks, added to `target` in one transaction (the
    importer's). Returns what was added and each conflict (a value, note, onset or answer the two
    diaries disagree on: the target's kept); InputError (nothing written) for a source that cannot
    be imported, naming `source_name`."""
    with tempfile.TemporaryDirectory(prefix="tracker-merge-") as folder:
        daily, episodes = Path(folder) / "merged-daily.csv", Path(folder) / "merged-episodes.csv"
        with session_scope(source, write=False) as session:
            export = csv_export(session=session, episodes=False)
            export.write(daily)
            write_private(episodes, export_episodes(session=session).encode("utf-8"))
            left = _not_carried(session)
        try:
            # Two diaries that disagree on one day's value are still merged: the day is listed, the target's kept.
            imported = import_files(engine=target, paths=[daily, episodes], now=now, list_disagreements=True)
        except InputError as exc:
            # Name the diary the person gave, not the temporary export that is about to vanish.
            def named(text: str) -> str:
                beside = [
                    (path, path.name.removeprefix(daily.stem + ".").removesuffix(".csv"))
                    for _, path, _ in export.companions(daily)
                ]
                for path, kind in ((daily, "daily"), (episodes, "episodes"), *beside):
                    text = text.replace(str(path), f"{source_name} ({kind})")
                return text

            raise InputError(named(exc.field), exc.value, named(exc.allowed)) from None
    with session_scope(target, write=False) as session:
        theirs = _presets(session)
    with session_scope(source, write=False) as session:
        presets = len(_presets(session) - theirs)  # a preset DEST has under the same name and amount is no loss
    if presets:
        left.insert(min(1, len(left)), plural(presets, "preset"))
    return MergeReport(imported=imported, left=left)


def _not_carried(session: Session) -> list[str]:
    """What the diary on `session` holds that none of its CSV exports carries, in words."""
    left = []
    plans = session.exec(select(func.count()).select_from(Intervention)).one()
    if plans:
        left.append(f"{plural(plans, 'intervention')} (`tracker --db SRC intervention list` shows them)")
    timed = session.exec(
        select(func.count()).select_from(FactorEntry).where(col(FactorEntry.at).is_not(None) | (FactorEntry.note != ""))
    ).one()
    if timed:
        entries = plural(timed, "factor entry", "factor entries")
        left.append(f"the times and notes of {entries} (each day's value is merged, as a date-only entry)")
    return left


def _presets(session: Session) -> set[tuple[str, str, float]]:
    """The diary's presets: name, factor column and amount."""
    joined = select(Preset.name, Factor.column, Preset.amount).join(Factor, col(Factor.id) == Preset.factor_id)
    rows = session.exec(joined)
    return {(name, column, amount) for name, column, amount in rows}

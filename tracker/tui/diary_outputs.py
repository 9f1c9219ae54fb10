"""The Diary's slow reads and the files the app writes: the analysis, the weekly trends, the
chart, the report, the CSV exports and the visit packet. pandas and matplotlib
load inside each, on first use, in the thread worker that asked; the analysis runs as
`tracker analyze --json` and the weeks are added up by `python -m tracker.tui.weekly`, each in
a process of its own, so what they load never stays in the app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy import Engine
    from sqlmodel import Session

    from tracker.storage.history import History as AnalysisHistory
    from tracker.tui.weekly import Trends


class DiaryOutputs:
    """Mixed into Diary, which opens the database and keeps the clock."""

    if TYPE_CHECKING:
        db_path: Path | None

        @property
        def engine(self) -> Engine: ...
        def today(self) -> dt.date: ...
        def _session(self, *, write: bool = True) -> AbstractContextManager[Session]: ...

    def analysis(self) -> dict[str, Any]:
        """What `tracker analyze --json --as-of TODAY` says: tracker.analysis.results.analyze's dict.

        Worked out by that command in a process of its own: pandas, scipy and the model's working
        memory (about 75 MB on ten years) would otherwise stay in the app for as long as it is open.
        Raises TrackerError with the command's own line when it fails.
        """
        import json
        import os
        import subprocess
        import sys

        from tracker.errors import TrackerError
        from tracker.paths import DB_ENV_VAR

        # The diary goes by the environment, not the command line: a server URL's password
        # must not show in another user's process list.
        env = {**os.environ, DB_ENV_VAR: self._db_target()}
        argv = [sys.executable, "-m", "tracker", "analyze", "--json", "--as-of", self.today().isoformat()]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            said = (done.stderr.strip().splitlines() or ["the analysis stopped"])[-1]
            raise TrackerError(said.removeprefix("tracker: error: "))
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    def _db_target(self) -> str:
        """The diary as `--db` names it: its file, or its server's URL (password and all)."""
        if self.db_path is not None:
            return str(self.db_path)
        return self.engine.url.render_as_string(hide_password=False)

    def trends(self, weeks: int = 12) -> Trends:
        """The last `weeks` ISO weeks (Monday first) up to today, oldest first."""
        from tracker.tui.weekly import trend_days, weekly_trends_apart

        today = self.today()
        with self._session(write=False) as session:
            days = trend_days(session, today, weeks)
        # Added up in a process of its own: pandas would otherwise stay in the app (~55 MB).
        return weekly_trends_apart(days)

    def save_chart(self, path: Path) -> list[Path]:
        """`tracker chart -o path`: the last 12 weeks of episodes, caffeine and sleep."""
        from tracker.core.vocabulary import CHART_FACTORS
        from tracker.report.outputs import draw_chart  # deferred: matplotlib, ~300 ms

        return [draw_chart(self._analysis_history(), _export_target(path), weeks=12, factors=list(CHART_FACTORS))]

    def write_report(self, path: Path) -> list[Path]:
        """`tracker report -o path`: the PDF for a doctor."""
        from tracker.report.outputs import write_visit_report  # deferred: pandas, matplotlib

        return [write_visit_report(self._analysis_history(), _export_target(path), today=self.today())]

    def export_csv(self, path: Path, *, episodes: bool) -> list[Path]:
        """`tracker export csv [--episodes] -o path`: every day (or every episode), and beside
        the days the factors file that lets them be imported into a new diary. Returns the
        paths written, the CSV first."""
        from tracker.io.export import csv_export

        with self._session(write=False) as session:
            export = csv_export(session=session, episodes=episodes)
        return export.write(_export_target(path))

    def export_visit(self, folder: Path) -> list[Path]:
        """`tracker export visit folder`: the six packet files; returns their paths."""
        from tracker.report.visit_packet import write_visit_packet

        _export_target(folder)
        return write_visit_packet(self._analysis_history(), folder, engine=self.engine, today=self.today())

    def _analysis_history(self) -> AnalysisHistory:
        from tracker.storage.history import load_history

        with self._session(write=False) as session:
            # From the current stretch of tracking, as `tracker report` reads by default.
            return load_history(session=session, as_of=self.today(), from_tracking_start=True)


def _export_target(path: Path) -> Path:
    """`path`, after making the default exports folder (owner-only) if `path` goes into it;
    InputError names the dialog's path box, never the command line's -o."""
    from tracker.core.files import ensure_private_dir, output_target
    from tracker.paths import exports_dir

    if path.parent == exports_dir():
        ensure_private_dir(path.parent)
    if not path.is_dir():  # a visit packet's folder, when it exists, is checked by its writer
        output_target(path, field="path")
    return path

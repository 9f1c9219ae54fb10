"""`tracker export csv` and `tracker import csv`: the CSV contract, both ways."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from sqlmodel import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="export data as CSV (or a doctor-visit packet)")
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(export))
    csv_parser = kinds.add_parser("csv", help="daily CSV (or --episodes), to stdout without -o")
    which = csv_parser.add_mutually_exclusive_group()
    which.add_argument("--episodes", action="store_true", help="one row per episode instead of per day")
    which.add_argument("--factors", action="store_true", help="your own factors' settings (written beside -o FILE)")
    which.add_argument(
        "--diary", action="store_true", help="onset date, red flags' notes, 'no' answers (written beside -o FILE)"
    )
    csv_parser.add_argument("--from", dest="date_from", metavar="D")
    csv_parser.add_argument("--to", dest="date_to", metavar="D")
    csv_parser.add_argument("-o", "--output", metavar="FILE", help="a file, or - for standard output (the default)")
    csv_parser.set_defaults(handler=export_csv, raw_output=True)  # the data itself, byte for byte
    visit = kinds.add_parser(
        "visit", help="everything for a doctor visit: CSVs, dictionary, report.pdf, chart.png, sites.png"
    )
    visit.add_argument("directory", metavar="DIR")
    visit.add_argument("--from", dest="date_from", metavar="D")
    visit.add_argument("--to", dest="date_to", metavar="D")
    visit.set_defaults(handler=export_visit)

    from tracker.io.apps import ABOUT, FORMATS, OPTIONS  # names only: imports no format

    importer = commands.add_parser(
        "import", help="bring in your history from another app's export, or from tracker's own CSV files",
        description="Bring in your history from another app's export (KIND names the app), or from CSV "
        "files tracker wrote (`tracker export csv`). For an app's export, start with "
        "`tracker import KIND FILE --dry-run`: it says what would be added and what clashes with what you "
        "logged, and writes nothing. An import writes everything or nothing; `tracker undo` takes it back.",
        epilog="`tracker import KIND --help` explains each one.",
    )  # fmt: skip
    import_kinds = importer.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(importer))
    import_csv = import_kinds.add_parser(
        "csv", help="tracker's own CSV files (from `tracker export csv`): the days file, the twitches file, or both"
    )
    import_csv.add_argument("files", nargs="+", metavar="FILE")
    import_csv.set_defaults(handler=import_csv_files)

    for app in FORMATS:
        about = f"From the {ABOUT[app]}. Start with --dry-run: it says what would change and writes nothing."
        from_app = import_kinds.add_parser(app, help=ABOUT[app], description=about)
        from_app.add_argument("file", metavar="FILE", help="the export: a file, a zip or a folder")
        from_app.add_argument("--map", dest="map_file", metavar="MAP.toml", help="where each item goes (see --dry-run)")
        from_app.add_argument(
            "--dry-run", action="store_true", help="say what would happen, and the mapping; write nothing"
        )
        from_app.add_argument(
            "--prefer", choices=["diary", "import"], default="diary",
            help="on a day the diary already has a value: keep yours (the default) or take the file's",
        )  # fmt: skip
        for option, help_text in OPTIONS.get(app, {}).items():
            from_app.add_argument(f"--{option}", metavar=option.upper(), help=help_text)
        from_app.set_defaults(handler=import_from_app, app=app)


def export_csv(context: Context) -> int:
    from tracker.core.files import STDOUT, output_target
    from tracker.core.formatting import plural
    from tracker.io.csv_cells import csv_records
    from tracker.io.diary_file import diary_csv
    from tracker.io.export import CsvExport, csv_export, export_bounds, export_factors

    start, end = context.date_range()
    output = context.args.output
    to_file = output is not None and output != STDOUT
    if to_file:
        output_target(output, allow_stdout=True)  # refused before the database is even opened
    with context.session(write=False) as session:
        bounded = export_bounds(session=session, date_from=start, date_to=end, today=context.now().date())
        if context.args.factors:
            export = CsvExport(export_factors(session=session))
        elif context.args.diary:
            export = CsvExport(diary_csv(session=session))
        else:
            export = csv_export(
                session=session, episodes=context.args.episodes, date_from=bounded.date_from, date_to=bounded.date_to
            )
    for adjusted in bounded.adjusted:
        context.say(adjusted.words())
    context.say_plaintext("the CSV" if to_file else "the CSV on standard output")
    if not to_file:
        sys.stdout.write(export.text)  # the files beside go beside a file only
        return 0
    path = Path(output)
    export.write(path)
    context.say(f"wrote {path} ({plural(csv_records(export.text) - 1, 'row')})")
    for text, companion, holds in export.companions(path):
        if text:
            context.say(f"wrote {companion} ({holds})")
    return 0


def import_csv_files(context: Context) -> int:
    from tracker.io.importer import import_files

    paths = [Path(name) for name in context.args.files]
    with _progress_bar() as progress:
        report = import_files(engine=context.engine(), paths=paths, now=context.now(), progress=progress)
    print(report.describe())
    return 0


def import_from_app(context: Context) -> int:
    """Another app's export into the diary (one action, `tracker undo` removes it), or with
    --dry-run what that would do and the mapping it would use."""
    from tracker.io.apps import OPTIONS, run
    from tracker.io.apps.summary import mapping_lines, summary_lines
    from tracker.io.apps.write import write_plan

    opts = context.args
    path = Path(opts.file)
    with _progress_bar() as progress:
        map_path = Path(opts.map_file) if opts.map_file else None
        options = {name: getattr(opts, name) for name in OPTIONS.get(opts.app, {}) if getattr(opts, name)}
        prepared = run.prepare(
            app=opts.app, path=path, map_path=map_path, options=options, progress=progress, now=context.now()
        )
    prefer_import = opts.prefer == "import"
    if opts.dry_run:
        with _diary_as_it_is(context) as session:
            plan = run.plan(session=session, prepared=prepared, prefer_import=prefer_import)
        print(f"dry run: importing {opts.app} {path.name} would change the diary like this (nothing written)")
        print("\n".join(summary_lines(plan, prepared.parsed, dry_run=True)))
        print("\n".join(mapping_lines(prepared.targets, prepared.parsed)), end="")
        return 0
    with context.session() as session:
        plan = run.plan(session=session, prepared=prepared, prefer_import=prefer_import)
        done = write_plan(session=session, plan=plan, file_name=path.name)
    print(f"imported {opts.app} {path.name}: {done}")
    print("\n".join(summary_lines(plan, prepared.parsed, dry_run=False)))
    print("`tracker undo` removes this import")
    return 0


@contextlib.contextmanager
def _diary_as_it_is(context: Context) -> Iterator[Session]:
    """The diary, read-only, to compare a dry run with; an empty one (thrown away after) when
    there is none yet, so a dry run never creates the diary."""
    if context.server_url is not None or os.path.lexists(context.db_path):
        with context.session(write=False) as session:
            yield session
        return
    from tracker.storage.engine import open_database, session_scope

    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(Path(folder) / "empty.db")
        try:
            with session_scope(engine, write=False) as session:
                yield session
        finally:
            engine.dispose()


@contextlib.contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int | None], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing when output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    # deferred: rich (already installed with Textual) costs ~60 ms, and only a terminal needs it
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def update(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def export_visit(context: Context) -> int:
    """daily.csv, episodes.csv, dictionary.csv, report.pdf, chart.png and sites.png in DIR."""
    from tracker.core.files import describe_kind
    from tracker.errors import InputError
    from tracker.report.visit_packet import write_visit_packet

    folder = Path(context.args.directory)
    # Checked before any work: DIR itself may be new (it is created owner-only), its parent may not.
    if folder.exists() and not folder.is_dir():
        raise InputError("DIR", str(folder), f"a folder; it is {describe_kind(folder.stat().st_mode)}")
    if not folder.exists() and not folder.parent.is_dir():
        raise InputError("DIR", str(folder), f"a folder in one that exists; {folder.parent} does not exist")
    history = context.history(from_tracking_start=True)
    engine = context.engine(read_only=True)
    for path in write_visit_packet(history, folder, engine=engine, today=context.now().date()):
        print(f"wrote {path}")
    context.say_plaintext(f"the packet in {folder}")
    return 0

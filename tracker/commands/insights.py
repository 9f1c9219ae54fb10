"""`tracker analyze`, `tracker chart` and `tracker report`: what the history says.

These are the only commands that import pandas, statsmodels and matplotlib.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands.context import Context
from tracker.core.vocabulary import CHART_FACTORS
from tracker.report.outputs import analysis_of, draw_chart, draw_site_chart, write_visit_report

if TYPE_CHECKING:
    from tracker.storage.history import History


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = commands.add_parser("analyze", help="persistence, red flags and which factors go with twitching")
    _range_options(analyze)
    analyze.add_argument("--as-of", dest="as_of", metavar="D", help="analyse as if today were D (default today)")
    analyze.add_argument("--json", action="store_true", help="machine-readable output")
    analyze.set_defaults(handler=run_analyze)

    chart = commands.add_parser(
        "chart", help="twitching and factors by week, or by month beyond a year (PNG, SVG or PDF)"
    )
    chart.add_argument(
        "-o", "--output", metavar="FILE", help="default: twitch-weekly-DATE.png in the exports folder (see README)"
    )
    chart.add_argument("--weeks", default="12", metavar="N", help="how many weeks (default 12)")
    chart.add_argument(
        "--sites", action="store_true", help="instead: each site and side of the face across the whole diary"
    )
    chart.add_argument(
        "--factor", action="append", metavar="NAME", help="a factor panel (repeatable; default caffeine and sleep)"
    )
    chart.set_defaults(handler=run_chart)

    about = "a PDF report for a doctor: a summary page, then as many pages as the period needs"
    report = commands.add_parser("report", help=about, description=about[0].upper() + about[1:] + ".")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _range_options(report)
    report.set_defaults(handler=run_report)


def _range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", metavar="D")
    parser.add_argument("--to", dest="date_to", metavar="D")


def run_analyze(context: Context) -> int:
    import json

    from tracker.core.when import parse_date

    today = context.now().date()
    as_of = parse_date(context.args.as_of, today=today, field="--as-of") if context.args.as_of else None
    # say_adjusted: the analysis itself says it; nothing of what only the visit report reads
    history = context.history(as_of=as_of, say_adjusted=False, for_report=False)
    result = analysis_of(history, history.as_of)
    if context.args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        from tracker.report.wording import format_text

        print(format_text(result))
    return 0


def run_chart(context: Context) -> int:
    from tracker.core import validate
    from tracker.core.files import output_target
    from tracker.errors import InputError

    weeks = validate.integer_in_range("--weeks", context.args.weeks, 1, 520)
    kind = "sites" if context.args.sites else "chart"
    path = Path(context.args.output) if context.args.output else _default_export(kind, context)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError("-o", str(path), "a file ending in .png, .svg or .pdf")
    output_target(path)  # a folder, device or missing folder is refused before the work
    if context.args.sites and (context.args.factor or context.args.weeks != "12"):
        raise InputError("--sites", "with --weeks or --factor", "--sites alone: it draws the whole diary, no factors")
    history = context.history(from_tracking_start=bool(context.args.sites), for_report=False)
    if context.args.sites:
        draw_site_chart(history, path)
        print(f"wrote {path}")
        context.say_plaintext(str(path))
        return 0
    factors = _factor_columns(history, context.args.factor or list(CHART_FACTORS))
    draw_chart(history, path, weeks=weeks, factors=factors)
    print(f"wrote {path}")
    context.say_plaintext(str(path))
    return 0


def run_report(context: Context) -> int:
    from tracker.core.files import output_target
    from tracker.errors import InputError

    path = Path(context.args.output)
    if path.suffix.lower() != ".pdf":
        raise InputError("-o", str(path), "a file ending in .pdf")
    output_target(path)  # a folder, device or missing folder is refused before the work
    history = context.history(from_tracking_start=True)
    write_visit_report(history, path, today=context.now().date())
    print(f"wrote {path}")
    context.say_plaintext(str(path))
    return 0


def _default_export(kind: str, context: Context) -> Path:
    """Where a file goes when no -o is given: the exports folder (made owner-only), never the
    folder the command happens to run in."""
    from tracker.core.files import ensure_private_dir
    from tracker.paths import default_export

    path = default_export(kind, context.now().date())
    ensure_private_dir(path.parent)
    return path


def _factor_columns(history: History, names: list[str]) -> list[str]:
    from tracker.errors import InputError

    columns = []
    for name in names:
        wanted = name.strip().lower()
        match = next((f for f in history.factors if wanted in (f.name, f.column)), None)
        if match is None:
            raise InputError("--factor", name, "one of: " + ", ".join(f.name for f in history.factors))
        if match.column in columns:
            raise InputError("--factor", name, f"each factor once ({match.name} is already a panel)")
        columns.append(match.column)
    return columns

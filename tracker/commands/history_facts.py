"""`tracker onset [DATE]` and `tracker checklist --no KIND ...`: what the person tells the diary
about the whole history, for the visit report's first page."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from tracker.storage.models import RedFlag


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    onset = commands.add_parser(
        "onset",
        help="the day the twitching began, as you remember it (shows it when no date is given)",
        description="tracker onset 2026-03-01 | tracker onset | tracker onset --clear",
    )
    onset.add_argument("date", nargs="?", metavar="DATE", help="YYYY-MM-DD, or e.g. '3 mar'")
    onset.add_argument("--clear", action="store_true", help="forget the onset date given")
    onset.add_argument(
        "--force", action="store_true", help="keep a date after the first twitch logged (refused without it)"
    )
    onset.set_defaults(handler=onset_command)
    checklist = commands.add_parser(
        "checklist",
        help="record red-flag questions answered 'no', so a doctor sees they were asked",
        description="tracker checklist --no all | tracker checklist --no weakness drooping [--date D]",
    )
    checklist.add_argument(
        "--no", nargs="+", required=True, metavar="KIND", help="signs not noticed, or 'all' for every sign not logged"
    )
    checklist.add_argument("--date", default="today", metavar="D", help="the day answered (default today)")
    checklist.set_defaults(handler=checklist_command)


def onset_command(context: Context) -> int:
    from tracker.core.formatting import report_date
    from tracker.core.when import parse_date
    from tracker.errors import InputError
    from tracker.storage import diary_facts

    args = context.args
    today = context.now().date()
    if args.clear and args.date:
        raise InputError("date", args.date, "no date with --clear")
    if args.clear:
        with context.session() as session:
            diary_facts.set_onset(session=session, day=None, today=today)
        print("onset date cleared: the report shows the first entry only")  # once committed
        return 0
    with context.session() as session:
        if args.date is None:
            given = diary_facts.onset(session=session)
            print(f"onset: {report_date(given)} (as you gave it)" if given else "onset: not given (tracker onset DATE)")
            return 0
        try:
            day = diary_facts.set_onset(
                session=session,
                day=parse_date(args.date, today=today, field="onset"),
                today=today,
                after_first_twitch=args.force,
            )
        except diary_facts.OnsetAfterFirstTwitch as exc:
            raise InputError(exc.field, exc.value, f"{exc.allowed} (--force keeps a later date)") from None
        first = diary_facts.first_twitch_day(session=session)
    later = ""
    if day is not None and first is not None and day > first:
        later = f", after the first twitch logged ({report_date(first)}): the report shows both"
    print(f"onset set to {report_date(day)}{later}" if day else "onset date cleared")
    return 0


def checklist_command(context: Context) -> int:
    from sqlmodel import select

    from tracker.core.when import parse_date
    from tracker.storage import diary_facts
    from tracker.storage.models import RedFlag, RedFlagNo

    today = context.now().date()
    day = parse_date(context.args.date, today=today)
    with context.session() as session:
        before = {row.kind for row in session.exec(select(RedFlagNo).where(RedFlagNo.date == day))}
        kinds = diary_facts.answer_checklist(session=session, day=day, no=context.args.no, today=today)
        flags = list(session.exec(select(RedFlag).where(RedFlag.date <= day)))
    print(checklist_words(day, kinds, before, flags))
    return 0


def checklist_words(day: dt.date, kinds: Sequence[str], before: Collection[str], flags: Sequence[RedFlag]) -> str:
    """What `checklist` recorded, in words and dated: the "no" answers stored now, those that
    were already stored for that day, and the signs logged as red flags up to that day that a
    "no" now stands beside (the report shows both, each dated) or that kept their "yes"."""
    from tracker.core.formatting import red_flag_words as names
    from tracker.core.formatting import report_date as dates
    from tracker.core.vocabulary import checklist_no_words as no

    new = [kind for kind in kinds if kind not in before]
    kept = [kind for kind in kinds if kind in before]
    lines = []
    if new:
        lines.append(f"recorded for {dates(day)}, answered no ({len(new)}): {no(new)}")
    if kept:
        lines.append(f"{'also ' if new else ''}already recorded for {dates(day)}, answered no: {no(kept)}")
    if not kinds:
        lines.append(f"nothing recorded for {dates(day)}")
    that_day = sorted({str(flag.kind) for flag in flags if flag.date == day})
    if that_day:
        lines.append(f"logged as red flags that day, so not answered no: {'; '.join(map(names, that_day))}")
    earlier: dict[str, dt.date] = {}
    for flag in sorted(flags, key=lambda flag: flag.date):
        if flag.date < day and str(flag.kind) in kinds:
            earlier[str(flag.kind)] = flag.date
    if earlier:
        logged = "; ".join(f"{names(kind)} on {dates(when)}" for kind, when in earlier.items())
        lines.append(f"logged as red flags before: {logged} (the report shows both, each dated)")
    return "\n".join(lines)

"""`tracker intervention start | stop | plan | list`: things tried, for before/after comparisons,
and planned experiments that alternate off and on blocks."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from tracker.storage.models import Intervention


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("intervention", help="start, stop, plan or list interventions (e.g. magnesium)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))
    start = actions.add_parser("start", help="start an intervention")
    start.add_argument("name", metavar="NAME")
    start.add_argument("--date", default="today", metavar="D")
    start.add_argument("--note", default="", metavar="TEXT", help="e.g. the dose: 300 mg glycinate nightly")
    start.set_defaults(handler=start_one)
    stop = actions.add_parser("stop", help="stop a running intervention")
    stop.add_argument("name", metavar="NAME")
    stop.add_argument("--date", default="today", metavar="D")
    stop.set_defaults(handler=stop_one)
    plan = actions.add_parser(
        "plan", help="plan an experiment: alternating off and on blocks (off, on, off, on), a fairer test"
    )
    plan.add_argument("name", metavar="NAME")
    plan.add_argument("--weeks", required=True, metavar="N", help="how long, in weeks: 4 to 52, whole off-on pairs")
    plan.add_argument("--block-weeks", default="1", metavar="B", help="weeks in each block (default 1)")
    plan.add_argument("--start", default="tomorrow", metavar="D", help="the first (off) day: tomorrow unless given")
    plan.add_argument("--note", default="", metavar="TEXT", help="e.g. the dose: 300 mg glycinate nightly")
    plan.set_defaults(handler=plan_one)
    actions.add_parser("list", help="list interventions and planned experiments").set_defaults(handler=list_all)


def start_one(context: Context) -> int:
    from tracker.core.when import parse_date
    from tracker.storage import store

    today = context.now().date()
    start = parse_date(context.args.date, today=today)
    with context.session() as session:
        item = store.start_intervention(
            session=session, name=context.args.name, start=start, note=context.args.note, today=today
        )
    print(f"started {item.name} on {item.start_date}")
    return 0


def stop_one(context: Context) -> int:
    from tracker.core.when import parse_date
    from tracker.storage import store

    today = context.now().date()
    end = parse_date(context.args.date, today=today)
    with context.session() as session:
        item = store.stop_intervention(session=session, name=context.args.name, end=end, today=today)
    print(f"stopped {item.name} on {item.end_date}")
    return 0


def plan_one(context: Context) -> int:
    import datetime as dt

    from tracker.core.when import parse_date
    from tracker.errors import InputError
    from tracker.storage import store

    today = context.now().date()
    opts = context.args
    tomorrow = today + dt.timedelta(days=1)
    try:
        # A plan is made before it starts: tomorrow is its usual first day.
        start = tomorrow if opts.start.strip().lower() == "tomorrow" else parse_date(opts.start, today=today)
    except InputError:
        raise InputError("--start", opts.start, f"a date like {tomorrow.isoformat()}, today or tomorrow") from None
    with context.session() as session:
        item = store.plan_intervention(
            session=session,
            name=opts.name,
            start=start,
            weeks=opts.weeks,
            block_weeks=opts.block_weeks,
            note=opts.note,
            today=today,
        )
    print(f"planned {item.name} from {item.start_date} to {item.end_date}:")
    for line in block_lines(item):
        print(f"  {line}")
    print("Take it only in the on-blocks; log twitches (or 'no twitches') every day. `tracker undo` removes the plan.")
    return 0


def block_lines(item: Intervention) -> list[str]:
    """A plan's blocks, one a line: "off  2026-12-01 to 2026-12-07"; none for a plain intervention."""
    from tracker.core.plans import plan_blocks

    if item.block_days is None or item.end_date is None:
        return []
    return [
        f"{'on ' if block.on else 'off'}  {block.first} to {block.last}"
        for block in plan_blocks(item.start_date, item.end_date, item.block_days)
    ]


def list_all(context: Context) -> int:
    from tracker.core.formatting import one_line
    from tracker.core.ids import INTERVENTION, format_id
    from tracker.storage import store

    with context.session(write=False) as session:
        items = store.list_interventions(session=session)
    if not items:
        context.say("no interventions yet; `tracker intervention start NAME` or `tracker intervention plan NAME`")
    for item in items:
        until = item.end_date.isoformat() if item.end_date else "running"
        kind = f" (plan: {item.block_days}-day blocks, off first)" if item.block_days else ""
        note = f" — {one_line(item.note)}" if item.note else ""
        print(f"{format_id(INTERVENTION, item.id or 0):<5} {item.name:<20} {item.start_date} → {until}{kind}{note}")
        for line in block_lines(item):
            print(f"      {line}")
    return 0

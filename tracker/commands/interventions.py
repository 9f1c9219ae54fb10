"""`tracker intervention start | stop | list`: things tried, for before/after comparisons."""

from __future__ import annotations

import argparse

from tracker.commands.context import Context


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("intervention", help="start, stop or list interventions (e.g. magnesium)")
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
    actions.add_parser("list", help="list interventions").set_defaults(handler=list_all)


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


def list_all(context: Context) -> int:
    from tracker.core.ids import INTERVENTION, format_id
    from tracker.storage import store

    with context.session(write=False) as session:
        items = store.list_interventions(session=session)
    if not items:
        context.say("no interventions yet; `tracker intervention start NAME`")
    for item in items:
        until = item.end_date.isoformat() if item.end_date else "running"
        note = f" — {item.note}" if item.note else ""
        print(f"{format_id(INTERVENTION, item.id or 0):<5} {item.name:<20} {item.start_date} → {until}{note}")
    return 0

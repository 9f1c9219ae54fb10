"""`tracker demo`: fill an empty database with a believable synthetic history."""

from __future__ import annotations

import argparse

from tracker.commands.context import Context


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="fill an empty database with a realistic synthetic history",
        description="Writes months of believable twitching and habits into an EMPTY database "
        "(use --db demo.db), so you can try the charts and the analysis.",
    )
    demo.add_argument("--days", default="180", metavar="N", help="length of the history (default 180)")
    demo.add_argument("--seed", default="1", metavar="S", help="random seed (default 1)")
    demo.set_defaults(handler=run)


def run(context: Context) -> int:
    from tracker.core import validate
    from tracker.demo.synthetic import generate_diary  # deferred: numpy, ~100 ms
    from tracker.demo.writer import (
        DEMO_CAFFEINE_RR_PER_100MG,
        DEMO_CAFFEINE_VARIES_DAILY,
        DEMO_SLEEP_RR_PER_HOUR,
        database_is_empty,
        write_diary,
    )
    from tracker.errors import InputError

    days = validate.integer_in_range("--days", context.args.days, 7, 36500)
    seed = validate.integer_in_range("--seed", context.args.seed, 0, 2**31 - 1)
    now = context.now()
    offset = now.utcoffset()
    with context.session() as session:
        if not database_is_empty(session=session):
            raise InputError("--db", context.db_name, "an empty database (demo data never mixes with real entries)")
        diary = generate_diary(
            days=days,
            seed=seed,
            end=now.date(),
            caffeine_rr_per_100mg=DEMO_CAFFEINE_RR_PER_100MG,
            sleep_rr_per_hour=DEMO_SLEEP_RR_PER_HOUR,
            caffeine_varies_daily=DEMO_CAFFEINE_VARIES_DAILY,
            tz_offset_min=int(offset.total_seconds() // 60) if offset else 0,
            with_red_flag=True,
            with_intervention=True,
        )
        counts = write_diary(session=session, diary=diary, now=now)
    written = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    print(f"demo history of {days} days written to {context.db_name}: {written}")
    return 0

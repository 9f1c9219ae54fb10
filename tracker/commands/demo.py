"""`tracker demo`: fill an empty database with a believable synthetic history."""

from __future__ import annotations

import argparse

from tracker.commands.context import Context


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="fill an empty database with a realistic synthetic history")
    demo.add_argument("--days", type=int, default=180, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.set_defaults(handler=run)


def run(context: Context) -> int:
    from tracker.errors import InputError

    raise InputError("demo", "", "available once the synthetic generator lands")

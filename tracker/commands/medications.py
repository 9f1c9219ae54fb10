"""`tracker med add | list | stop | edit | remove`: the medication list a clinician asks about
(drug, dose, start and stop), with the ones known to cause twitching in some people marked."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from tracker.storage.models import Medication

DATES = "today, yesterday, -3, 2026-03-01 or '3 mar'"
UNKNOWN = "unknown"  # what an edit gives for a date the person no longer knows


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("med", help="add, list, stop, edit or remove medications (for the visit report)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))
    add = actions.add_parser("add", help="add a medication; dates you do not know can be left out")
    add.add_argument("name", metavar="NAME")
    _fields(add)
    add.set_defaults(handler=add_one)
    actions.add_parser("list", help="list medications, newest start last").set_defaults(handler=list_all)
    stop = actions.add_parser("stop", help="mark a medication stopped")
    stop.add_argument("id", metavar="ID", help="from `tracker med list`, like m3")
    stop.add_argument("--on", default="today", metavar="D", help=f"the last day taken ({DATES}; default today)")
    stop.set_defaults(handler=stop_one)
    edit = actions.add_parser("edit", help="change what a medication says; only the options given change")
    edit.add_argument("id", metavar="ID", help="from `tracker med list`, like m3")
    edit.add_argument("--name", metavar="NAME")
    _fields(edit, unknown=True)
    edit.set_defaults(handler=edit_one)
    remove = actions.add_parser("remove", help="remove a medication entered by mistake (`tracker undo` brings it back)")
    remove.add_argument("id", metavar="ID", help="from `tracker med list`, like m3")
    remove.set_defaults(handler=remove_one)


def _fields(parser: argparse.ArgumentParser, *, unknown: bool = False) -> None:
    dates = f"{DATES}" + (f", or {UNKNOWN}" if unknown else "")
    parser.add_argument("--dose", metavar="TEXT", help='as written on the box, e.g. "20 mg daily"')
    parser.add_argument("--started", metavar="D", help=f"the first day taken ({dates})")
    parser.add_argument("--stopped", metavar="D", help=f"the last day taken ({dates})")
    parser.add_argument("--note", metavar="TEXT")


def add_one(context: Context) -> int:
    from tracker.storage.medications import add_medication
    from tracker.storage.models import MedicationCreate

    today, opts = context.now().date(), context.args
    started, stopped = _date(opts.started, "--started", today), _date(opts.stopped, "--stopped", today)
    medication_in = MedicationCreate(
        name=opts.name, dose=opts.dose or "", started=started, stopped=stopped, note=opts.note or ""
    )
    with context.session() as session:
        item = add_medication(session=session, medication_in=medication_in, today=today)
        done = f"added {medication_line(item)}"
    print(done)  # once committed: a write the disk refused is never said to be done
    return 0


def edit_one(context: Context) -> int:
    from tracker.core.ids import parse_medication_id
    from tracker.storage.medications import update_medication
    from tracker.storage.models import MedicationUpdate

    today, opts = context.now().date(), context.args
    key = parse_medication_id(opts.id)
    changes: dict[str, object] = {name: getattr(opts, name) for name in ("name", "dose", "note")}
    changes |= {name: _date(getattr(opts, name), f"--{name}", today) for name in ("started", "stopped")}
    given = {name: value for name, value in changes.items() if getattr(opts, name) is not None}
    if not given:
        from tracker.errors import InputError

        raise InputError("edit", opts.id, "one or more of --name, --dose, --started, --stopped, --note")
    with context.session() as session:
        changed = MedicationUpdate.model_validate(given)
        item = update_medication(session=session, medication_id=key, changes=changed, today=today)
        done = f"now {medication_line(item)}"
    print(done)  # once committed: a write the disk refused is never said to be done
    return 0


def stop_one(context: Context) -> int:
    from tracker.core.ids import parse_medication_id
    from tracker.core.when import parse_date
    from tracker.storage.medications import stop_medication

    today = context.now().date()
    key = parse_medication_id(context.args.id)
    on = parse_date(context.args.on, today=today, field="--on")
    with context.session() as session:
        item = stop_medication(session=session, medication_id=key, on=on, today=today)
        done = f"stopped {medication_line(item)}"
    print(done)  # once committed: a write the disk refused is never said to be done
    return 0


def remove_one(context: Context) -> int:
    from tracker.core.ids import parse_medication_id
    from tracker.storage.medications import remove_medication

    key = parse_medication_id(context.args.id)
    with context.session() as session:
        item = remove_medication(session=session, medication_id=key)
        done = f"removed {medication_line(item)}; `tracker undo` brings it back"
    print(done)  # once committed: a write the disk refused is never said to be done
    return 0


def list_all(context: Context) -> int:
    from tracker.storage.medications import list_medications

    with context.session(write=False) as session:
        items = list_medications(session=session)
        lines = [medication_line(item) for item in items]
    if not lines:
        print("no medications recorded; `tracker med add NAME --dose '20 mg daily' --started D`")
    for line in lines:
        print(line)
    return 0


def medication_line(item: Medication) -> str:
    """One medication as `tracker med` prints it: "m3  prednisolone 20 mg daily  2026-10-01 to
    2026-10-06", with a known culprit marked."""
    from tracker.core.formatting import one_line
    from tracker.core.ids import MEDICATION, format_id
    from tracker.core.medicines import CULPRIT_WORDS, known_culprit, taken_words

    dose = f" {item.dose}" if item.dose else ""
    marked = f"  ({CULPRIT_WORDS})" if known_culprit(item.name) else ""
    note = f"  — {one_line(item.note)}" if item.note else ""
    return (
        f"{format_id(MEDICATION, item.id or 0):<5} {item.name}{dose}  "
        f"{taken_words(item.started, item.stopped)}{marked}{note}"
    )


def _date(text: str | None, field: str, today: dt.date) -> dt.date | None:
    """The date typed for `field`; None when none was typed or the word `unknown` was."""
    from tracker.core.when import parse_date

    if text is None or text.strip().lower() == UNKNOWN:
        return None
    return parse_date(text, today=today, field=field)

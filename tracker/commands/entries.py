"""`tracker list`, `tracker delete ID...` and `tracker undo`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from sqlmodel.sql.expression import SelectOfScalar

    from tracker.storage.models import Day


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser("list", help="list what was logged on a day or in a range, with ids")
    show.add_argument("--date", metavar="D", help="one day (default today)")
    show.add_argument("--from", dest="date_from", metavar="D")
    show.add_argument("--to", dest="date_to", metavar="D")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(handler=list_entries)

    delete = commands.add_parser("delete", help="delete entries by id (see `tracker list`)")
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.set_defaults(handler=delete_entries)

    undo_parser = commands.add_parser("undo", help="reverse the last thing done: a log, a delete, an import, ...")
    undo_parser.set_defaults(handler=undo)


def list_entries(context: Context) -> int:
    from tracker.commands.list_more import more_items
    from tracker.core.sites import site_text
    from tracker.core.when import parse_date
    from tracker.errors import InputError
    from tracker.storage import store
    from tracker.storage.models import Day
    from tracker.storage.queries import episodes_between, factor_entries_between, red_flags_between

    opts = context.args
    today = context.now().date()
    if opts.date and (opts.date_from or opts.date_to):
        raise InputError("--date", opts.date, "either --date or --from/--to, not both")
    if opts.date or not (opts.date_from or opts.date_to):
        start = end = parse_date(opts.date or "today", today=today, field="--date")
    else:
        given_from, given_to = context.date_range()  # the date words and order every --from/--to takes
        start = given_from or given_to or today
        end = given_to or start
        if given_to is None:
            if start > today:  # named as typed: the --to it would be compared with was not
                raise InputError("--from", opts.date_from, f"a date up to today ({today.isoformat()})")
            end = today
    with context.session(write=False) as session:
        factors = {f.id: f for f in store.list_factors(session=session)}
        # The checklist's answers, the onset, medicines and plans of these days: never "nothing logged".
        items = more_items(session, start, end)
        episodes = episodes_between(session=session, start=start, end=end)
        further = store.further_sites(session=session, episode_ids=[episode.id for episode in episodes])
        for episode in episodes:
            items.append(
                {
                    "id": store.entry_id(episode),
                    "type": "twitch",
                    "date": episode.local_date.isoformat(),
                    "at": episode.local_started_at.isoformat(timespec="seconds"),
                    "location": episode.location,
                    "side": episode.side,
                    # the further places the same twitch involved, as PLACE:SIDE (--site's form)
                    "also_sites": [site_text(*site) for site in further.get(episode.id or 0, [])],
                    "intensity": episode.intensity,
                    "duration_s": episode.duration_s,
                    "context": episode.context_tags,
                    "relief": episode.relief_tags,
                    "note": episode.note,
                    "source": episode.source,
                }
            )
        for entry in factor_entries_between(session=session, start=start, end=end):
            factor = factors[entry.factor_id]
            at = entry.local_at
            items.append(
                {
                    "id": store.entry_id(entry),
                    "type": "factor",
                    "date": entry.local_date.isoformat(),
                    "at": at.isoformat(timespec="seconds") if at else None,
                    "factor": factor.column,
                    "name": factor.name,
                    "value": entry.value,
                    "unit": factor.unit,
                    "kind": factor.kind,
                    "note": entry.note,
                    "source": entry.source,
                }
            )
        for flag in red_flags_between(session=session, start=start, end=end):
            items.append(
                {
                    "id": store.entry_id(flag),
                    "type": "red_flag",
                    "date": flag.date.isoformat(),
                    "at": None,
                    "kind": flag.kind,
                    "note": flag.note,
                }
            )
        for day in session.exec(_days_query(Day, start, end)):
            items.append(
                {
                    "id": store.entry_id(day),
                    "type": "day",
                    "date": day.date.isoformat(),
                    "at": None,
                    "checked_in": day.checked_in,
                    "note": day.note,
                }
            )
    items.sort(key=_chronological)
    if opts.json:
        print(json.dumps(items, indent=2, ensure_ascii=False))
        return 0
    if not items:
        context.say(f"nothing logged {_span(start, end)}")
        return 0
    for item in items:
        if item["type"] == "day" and item["checked_in"] and item.get("note"):
            # Two things a person may want gone, and the id deletes only the answer: each on its
            # own line, the note with the command that clears it, so the id is never read as both.
            print(f"{item['id']:<14} {item['date']} {_clock(item['at'])}  no twitches (the answer this id deletes)")
            print(f"{'':<14} {item['date']} {_clock(None)}  {_note_line(item)}")
            continue
        print(f"{item['id']:<14} {item['date']} {_clock(item['at'])}  {_describe(item)}")
    return 0


def _note_line(item: dict[str, object]) -> str:
    """A day's note in `list`, with how to clear it: a note has no id of its own."""
    from tracker.core.formatting import one_line

    return f"note: {one_line(str(item['note']))} ({clear_note_command(str(item['date']))} clears it)"


def clear_note_command(day: str) -> str:
    """The command that clears a day's note (ISO `day`): `tracker log note "" --date 2026-11-27`."""
    return f'`tracker log note "" --date {day}`'


def _chronological(item: dict[str, object]) -> tuple[str, float, tuple[str, int, str]]:
    """By local day, then by instant (across a DST fall-back 01:30+01:00 comes before
    01:30+00:00), then by id as a number: f8 before f10."""
    from tracker.core.ids import order_key

    at = item["at"]
    instant = dt.datetime.fromisoformat(at).timestamp() if isinstance(at, str) else float("-inf")
    return str(item["date"]), instant, order_key(str(item["id"]))


def _days_query(day_model: type[Day], start: dt.date, end: dt.date) -> SelectOfScalar[Day]:
    from sqlmodel import col, select

    return select(day_model).where(col(day_model.date) >= start, col(day_model.date) <= end)


def _clock(at: object) -> str:
    return str(at)[11:16] if at else "     "


def _describe(item: dict[str, object]) -> str:
    """One entry in a person's words: "caffeine 95 mg", "no twitches", "twitch, left eyelid"."""
    from tracker.commands.list_more import describe_more
    from tracker.core.formatting import amount_words, factor_words, one_line, red_flag_words, twitch_words
    from tracker.core.sites import read_site

    if (more := describe_more(item)) is not None:
        return more
    note = f" — {one_line(str(item['note']))}" if item.get("note") else ""
    if item.get("source"):
        from tracker.core.sources import source_words

        note += f" ({source_words(str(item['source']))})"
    match item["type"]:
        case "twitch":
            tags = ", ".join(item["context"] + item["relief"])  # type: ignore[operator]  # tag lists, built above
            also = [read_site("site", str(text)) for text in item["also_sites"]]  # type: ignore[attr-defined]  # a list, built above
            what = twitch_words(str(item["location"]), str(item["side"]), item["intensity"], item["duration_s"], also)  # type: ignore[arg-type]  # int | None, built above
            return f"twitch, {what}" + (f" [{tags}]" if tags else "") + note
        case "factor":
            name = factor_words(str(item["name"]))
            return f"{name} {amount_words(item['value'], str(item['unit']), str(item['kind']))}" + note  # type: ignore[arg-type]  # a float, built above
        case "red_flag":
            return f"RED FLAG {red_flag_words(str(item['kind']))}{note}"
        case _:
            # A day's own record: the "no twitches" answer and/or the day's note.
            parts = ["no twitches"] if item["checked_in"] else []
            if item.get("note"):
                parts.append(f"note: {one_line(str(item['note']))}")
            # A record that says nothing (an earlier version left some): listed so its id can delete it,
            # never as a logged day (tracker.core.daily.day_record_holds).
            return "; ".join(parts) or "empty day record (nothing logged; it can be deleted)"


def _span(start: dt.date, end: dt.date) -> str:
    return f"on {start}" if start == end else f"from {start} to {end}"


def delete_entries(context: Context) -> int:
    from tracker.storage import store
    from tracker.storage.models import Day

    with context.session() as session:
        removed = store.delete_entries(session=session, ids=context.args.ids)
    # What each id was, in words: a mistyped id names an entry the person may not be looking at.
    back = "brings it back" if len(removed) == 1 else f"brings back all {len(removed)}"
    print("deleted " + "; ".join(f"{item.entry_id} ({item.what})" for item in removed) + f" — `tracker undo` {back}")
    for item in removed:
        if isinstance(item.row, Day) and item.row.note:  # the answer went; the note a person may think went too
            day = item.row.date.isoformat()
            print(f"kept the note of {day} ({clear_note_command(day)} clears it)")
    return 0


def undo(context: Context) -> int:
    from tracker.storage import store

    with context.session() as session:
        done = store.undo_last(session=session)
    if done is None:
        context.say("nothing to undo")
        return 0
    print(done)
    return 0

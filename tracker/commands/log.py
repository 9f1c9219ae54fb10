"""`tracker log ...`: a twitch, a factor value, a drink, a no-twitch day, a red flag."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from tracker.commands.context import Context
from tracker.commands.log_words import (
    AT,
    confirm_entry,
    day_total_line,
    in_place_line,
    read_factor_value,
    say_checked_in,
    say_factor_entry,
    say_note,
    say_twitch,
    show_number,
)
from tracker.errors import InputError

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.core.vocabulary import Location, Side
    from tracker.core.when import Moment
    from tracker.storage.models import Factor, FactorEntry

SPECIAL = ("twitch", "drink", "none", "redflag", "note")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "log",
        help="log a twitch, a factor, a drink, a no-twitch day, a red flag or the day's note",
        description="tracker log twitch | log FACTOR VALUE | log drink NAME [COUNT] | log none | log redflag KIND"
        " | log note TEXT",
    )
    parser.add_argument(
        "what", metavar="WHAT", help="twitch, drink, none, redflag, note, or a factor (caffeine, sleep, …)"
    )
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="see `tracker log twitch --help` etc.")
    parser.set_defaults(handler=run)


def _sub_parser(context: Context, name: str, description: str) -> argparse.ArgumentParser:
    return type(context.parser)(prog=f"tracker log {name}", description=description)


def run(context: Context) -> int:
    what = context.args.what.strip().lower()
    if what == "twitch":
        return _twitch(context)
    if what == "drink":
        return _drink(context)
    if what == "none":
        return _none(context)
    if what == "redflag":
        return _redflag(context)
    if what == "note":
        return _note(context)
    return _factor(context, what)


def _twitch(context: Context) -> int:
    from tracker.core import validate
    from tracker.core.vocabulary import Location, Side

    parser = _sub_parser(
        context,
        "twitch",
        "Log one twitch episode. Left-out fields repeat those of the latest twitch before it (by time, "
        "not the one typed last); with no twitch before, they are stored as not given (place and side "
        "unspecified, no intensity).",
    )
    parser.add_argument(
        "--at", metavar="WHEN", help="now (default), HH:MM, yesterday HH:MM or ISO 8601; HH:MM with --date"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="a twitch on that day (today, yesterday, -3), at --at or the time now"
    )
    parser.add_argument("--location", type=str.lower, choices=[loc.value for loc in Location])
    # Spelt as everywhere in the app ("center", the stored word); "centre" is taken too.
    sides = ",".join(side.value for side in Side)
    parser.add_argument("--side", metavar=f"{{{sides}}}", help="the side of every site that does not name its own")
    parser.add_argument(
        "--site", action="append", default=[], metavar="PLACE[:SIDE]",
        help="one more place the same twitch involved, e.g. --site mouth-corner:left (repeatable); "
        "without --location the first --site is the twitch's own place",
    )  # fmt: skip
    parser.add_argument("--intensity", metavar="1-5")
    parser.add_argument("--duration", metavar="30s|2m|90", help="seconds, or with s/m/h")
    parser.add_argument(
        "--context", action="append", default=[], metavar="TAG", help="e.g. resting, screen (repeatable)"
    )
    parser.add_argument("--relief", action="append", default=[], metavar="TAG", help="e.g. pressed, cold-compress")
    parser.add_argument("--note", default="", metavar="TEXT")
    opts = parser.parse_args(context.args.rest)
    opts.side = validate.choice("side", opts.side, Side).value if opts.side is not None else None
    named = _named_sites(opts.site, opts.side)
    if named and opts.location is None:  # the first --site is the twitch's own place, as typed
        (opts.location, opts.side), *named = named

    from tracker.core.formatting import twitch_words
    from tracker.core.vocabulary import NOTHING_TO_REPEAT
    from tracker.core.when import Moment, at_on_date, moment_on, parse_date, parse_twitch_duration, read_when
    from tracker.storage import store
    from tracker.storage.models import EpisodeCreate
    from tracker.storage.queries import answered_no_twitches

    now = context.now()
    if opts.date and opts.at:
        when = at_on_date(opts.at, opts.date, now=now)
    elif opts.date:  # as the Today screen logs on another day: now's wall-clock time on it
        day = validate.calendar_day("date", parse_date(opts.date, today=now.date()), now.date())
        when = Moment(moment_on(day, now=now), "" if day == now.date() else "no time given: the time it is now")
    else:
        when = read_when(opts.at or "now", now=now, field=AT)
    started = when.at
    duration = parse_twitch_duration(opts.duration) if opts.duration is not None else None
    given = validate.integer_in_range("intensity", opts.intensity, 1, 5) if opts.intensity is not None else None
    with context.session() as session:
        started = validate.moment(AT, started, now)  # checked before it picks the twitch to repeat
        defaults = store.episode_defaults(session=session, at=started)
        location, side, intensity = defaults
        if opts.location is None and opts.side is None:  # nowhere named: the last twitch's sites, all of them
            named = store.repeated_sites(session=session, at=started)
        replaces_answer = answered_no_twitches(session=session, day=started.date())
        episode = store.add_episode(
            session=session,
            episode_in=EpisodeCreate(
                started_at=started,
                location=opts.location or location,
                side=opts.side or side,
                intensity=intensity if given is None else given,
                duration_s=duration,
                context=_split_repeated(opts.context),
                relief=_split_repeated(opts.relief),
                note=opts.note,
                also_sites=named,
            ),
            now=now,
        )
        entry = store.entry_id(episode)
    typed = {"location": opts.location, "side": opts.side, "intensity": given}
    say_twitch(
        entry,
        twitch_words(episode.location, episode.side, episode.intensity, episode.duration_s, also=named),
        when,
        now,
        left_out=[name for name, value in typed.items() if value is None],
        repeated=defaults != NOTHING_TO_REPEAT,
        replaced=started.date() if replaces_answer else None,
    )
    return 0


def _factor(context: Context, name: str) -> int:
    parser = _sub_parser(
        context,
        name,
        f"Log a value of {name}: a number, with a unit if it has one (1.5l, 200mg), or a drink "
        "with a count (2 glass, espresso 2) for a factor that has drinks.",
    )
    # Words, joined: `log water 2 glass` as the app takes it, without quotes.
    parser.add_argument("value", metavar="VALUE", nargs="+", type=str)
    _timing_options(parser)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="put VALUE in place of what the day already holds of the factor (a correction: last night was "
        "7 h, not 6); `tracker undo` puts the earlier entries back. Without it a value is another entry "
        "(a nap, a second coffee)",
    )
    opts = parser.parse_args(context.args.rest)
    opts.value = " ".join(opts.value)

    from tracker.storage import store
    from tracker.storage.models import FactorEntryCreate

    now = context.now()
    when, at, day = _timing(opts, now)
    with context.session() as session:
        factor = store.get_factor(session=session, name=name)
        value, drink = read_factor_value(factor, opts.value, lambda: _drinks(session, factor))
        replaced = _day_values(session, factor, day or (at or now).date()) if opts.replace else []
        entry = store.add_factor_entry(
            session=session,
            # The drinks it was ("2 × glass") go in the note, as `log drink` keeps them.
            entry_in=FactorEntryCreate(
                factor=factor.column, value=value, at=at, date=day, note=_with(drink, opts.note)
            ),
            now=now,
            in_place=opts.replace,
        )
        label = store.entry_id(entry)
        total = _day_total(session, factor, entry)
    say_factor_entry(label, factor, value, opts.value, when, entry.local_date, now, total)
    if replaced:
        print(in_place_line(factor, replaced))
    return 0


def _day_total(session: Session, factor: Factor, entry: FactorEntry) -> str:
    """day_total_line for the entry's day."""
    return day_total_line(factor, entry.local_date, _day_values(session, factor, entry.local_date))


def _day_values(session: Session, factor: Factor, day: dt.date) -> list[float]:
    """The factor's values on `day`, in time order."""
    from tracker.storage.queries import factor_entries_between

    return [e.value for e in factor_entries_between(session=session, start=day, end=day) if e.factor_id == factor.id]


def _timing_options(parser: argparse.ArgumentParser) -> None:
    """--at or --date (or --at HH:MM with --date), and --note: the same for every factor entry."""
    parser.add_argument(
        "--at", metavar="WHEN", help="now (default), HH:MM, yesterday HH:MM or ISO 8601; HH:MM with --date"
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="a date-only entry for that day (today, yesterday, -3)")
    parser.add_argument("--note", default="", metavar="TEXT")


def _timing(opts: argparse.Namespace, now: dt.datetime) -> tuple[Moment | None, dt.datetime | None, dt.date | None]:
    """(when, at, date) from --at / --date: a moment (now by default), or a date-only entry."""
    from tracker.core.when import Moment, at_on_date, parse_date, read_when

    if opts.at and opts.date:
        on_date = at_on_date(opts.at, opts.date, now=now)
        return on_date, on_date.at, None
    when = read_when(opts.at, now=now, field=AT) if opts.at else (None if opts.date else Moment(now))
    day = parse_date(opts.date, today=now.date()) if opts.date else None
    return when, (when.at if when else None), day


def _with(drink: str, note: str) -> str:
    """An entry's note: the drink it was ("2 × glass"), then what was typed as the note."""
    return "; ".join(part for part in (drink, note.strip()) if part)


def _drinks(session: Session, factor: Factor) -> dict[str, float]:
    from tracker.storage import store

    return {p.name: p.amount for p in store.list_presets(session=session) if p.factor_id == factor.id}


def _drink(context: Context) -> int:
    parser = _sub_parser(context, "drink", "Log a drink from the presets (caffeine or water).")
    parser.add_argument("name", metavar="NAME", help="e.g. espresso, coffee, black-tea, glass, bottle")
    parser.add_argument(
        "count", nargs="?", default="", metavar="COUNT", help="how many (1 to 20): espresso 2 or 2 espresso"
    )
    _timing_options(parser)
    opts = parser.parse_args(context.args.rest)

    from tracker.core.amounts import read_amount
    from tracker.storage import store
    from tracker.storage.models import FactorEntryCreate

    now = context.now()
    when, at, day = _timing(opts, now)
    typed = f"{opts.name} {opts.count}".strip()
    with context.session() as session:
        presets = store.list_presets(session=session)
        drinks = {p.name: p.amount for p in presets}
        allowed = f"a preset ({', '.join(drinks)}), with a count for more than one (espresso 2)"
        try:
            amount = read_amount(typed, field="preset", unit="", drinks=drinks)
        except InputError as exc:
            raise InputError(exc.field, exc.value, allowed if exc.field == "preset" else exc.allowed) from None
        if not amount.drink:  # a bare number: which drink is not said
            raise InputError("preset", typed, allowed)
        preset = next(p for p in presets if p.name == amount.drink)
        factor = next(f for f in store.list_factors(session=session) if f.id == preset.factor_id)
        drink = amount.note
        note = _with(drink, opts.note)
        entry = store.add_factor_entry(
            session=session,
            entry_in=FactorEntryCreate(factor=factor.column, value=amount.value, at=at, date=day, note=note),
            now=now,
        )
        label = store.entry_id(entry)
        total = _day_total(session, factor, entry)
    logged = f"logged {label}: {drink} = {show_number(entry.value)} {factor.unit} {factor.name}"
    confirm_entry(logged, entry.local_date, when, now)
    if total:
        print(total)
    return 0


def _none(context: Context) -> int:
    parser = _sub_parser(context, "none", "Check in a day with no twitches (a tracked day with zero episodes).")
    parser.add_argument("--date", default="today", metavar="YYYY-MM-DD")
    opts = parser.parse_args(context.args.rest)

    from tracker.core.when import parse_date
    from tracker.storage import store

    now = context.now()
    day = parse_date(opts.date, today=now.date())
    with context.session() as session:
        store.check_in(session=session, day=day, today=now.date())
    say_checked_in(day)
    return 0


def _note(context: Context) -> int:
    parser = _sub_parser(
        context,
        "note",
        'Set the day\'s note (a day has one note: this replaces it). An empty TEXT ("") clears it.',
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the note; several words are joined with spaces")
    parser.add_argument("--date", default="today", metavar="YYYY-MM-DD")
    from tracker.commands.dash_words import text_after_options

    opts = parser.parse_args(text_after_options(context.args.rest, "--date"))  # a note may be any text

    from tracker.core.when import parse_date
    from tracker.storage import store
    from tracker.storage.models import Day

    now = context.now()
    day = parse_date(opts.date, today=now.date())
    text = " ".join(opts.text).strip()
    with context.session() as session:
        existing = session.get(Day, day)
        before = existing.note if existing else ""
        store.set_day_note(session=session, day=day, note=text, today=now.date())
    say_note(day, text, before)
    return 0


def _redflag(context: Context) -> int:
    from tracker.core.vocabulary import RedFlagKind

    parser = _sub_parser(context, "redflag", "Record a warning sign to show a doctor.")
    parser.add_argument(
        "kind",
        type=str.lower,
        choices=[kind.value for kind in RedFlagKind],
        metavar="KIND",
        help=", ".join(kind.value for kind in RedFlagKind),
    )
    parser.add_argument("--date", default="today", metavar="YYYY-MM-DD")
    parser.add_argument("--note", default="", metavar="TEXT")
    opts = parser.parse_args(context.args.rest)

    from tracker.core.when import parse_date
    from tracker.storage import store
    from tracker.storage.models import RedFlagCreate

    now = context.now()
    day = parse_date(opts.date, today=now.date())
    with context.session() as session:
        flag = store.add_red_flag(
            session=session, red_flag_in=RedFlagCreate(date=day, kind=opts.kind, note=opts.note), today=now.date()
        )
        label = store.entry_id(flag)
    from tracker.core.formatting import red_flag_words

    print(f"logged {label}: red flag, {red_flag_words(flag.kind)}, on {flag.date.isoformat()}")
    from tracker.core.vocabulary import red_flag_advice

    # The app's checklist says the same; a sign logged for an earlier day says how long ago.
    print(*red_flag_advice([str(flag.kind)], on=flag.date, today=now.date()), sep="\n")
    return 0


def _named_sites(typed: list[str], side: str | None) -> list[tuple[Location, Side]]:
    """The sites `--site` names, in order; one without its own side takes `side` (--side), else
    none (unspecified: never the last twitch's side, for a place the person has just named)."""
    from tracker.core.sites import read_site
    from tracker.core.vocabulary import Side

    named = []
    for text in (part for value in typed for part in value.split(",") if part.strip()):
        place, own = read_site("site", text)
        named.append((place, own if ":" in text or side is None else Side(side)))
    return named


def _split_repeated(values: list[str]) -> list[str]:
    return [part for value in values for part in value.replace(";", ",").split(",")]

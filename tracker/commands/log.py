"""`tracker log ...`: a twitch, a factor value, a drink, a no-twitch day, a red flag."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from tracker.commands.context import Context
from tracker.errors import InputError

if TYPE_CHECKING:
    from sqlmodel import Session

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
    from tracker.core.formatting import value_words
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
    # Spelt as everywhere in the app ("centre"); the stored value ("center") is taken too.
    sides = ",".join(value_words(side.value) for side in Side)
    parser.add_argument("--side", metavar=f"{{{sides}}}")
    parser.add_argument("--intensity", metavar="1-5")
    parser.add_argument("--duration", metavar="30s|2m|90", help="seconds, or with s/m/h")
    parser.add_argument(
        "--context", action="append", default=[], metavar="TAG", help="e.g. resting, screen (repeatable)"
    )
    parser.add_argument("--relief", action="append", default=[], metavar="TAG", help="e.g. pressed, cold-compress")
    parser.add_argument("--note", default="", metavar="TEXT")
    opts = parser.parse_args(context.args.rest)
    opts.side = validate.choice("side", opts.side, Side).value if opts.side is not None else None

    from tracker.core.formatting import no_twitches_replaced, twitch_words
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
        when = read_when(opts.at or "now", now=now)
    started = when.at
    duration = parse_twitch_duration(opts.duration) if opts.duration is not None else None
    given = validate.integer_in_range("intensity", opts.intensity, 1, 5) if opts.intensity is not None else None
    with context.session() as session:
        started = validate.moment("at", started, now)  # checked before it picks the twitch to repeat
        defaults = store.episode_defaults(session=session, at=started)
        location, side, intensity = defaults
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
            ),
            now=now,
        )
        entry = store.entry_id(episode)
    what = twitch_words(episode.location, episode.side, episode.intensity, episode.duration_s)
    # Say which details were not typed but repeated, so a repeat is never mistaken for an answer.
    typed = {"location": opts.location, "side": opts.side, "intensity": given}
    left_out = [name for name, value in typed.items() if value is None]
    repeated = f" ({_and(left_out)} as last time)" if left_out and defaults != store.NOTHING_TO_REPEAT else ""
    _confirm(f"logged {entry}: twitch, {what}", when, now, after=repeated)
    if replaces_answer:  # the store withdraws it with the twitch (one action, one undo); say so
        print(f"  ({no_twitches_replaced(started.date(), today=now.date())})")
    return 0


def _factor(context: Context, name: str) -> int:
    parser = _sub_parser(
        context, name, f"Log a value of {name}: a number, with a unit if it has one (1.5l, 200mg), or a drink "
        "with a count (2 glass, espresso 2) for a factor that has drinks."
    )
    # Words, joined: `log water 2 glass` as the app takes it, without quotes.
    parser.add_argument("value", metavar="VALUE", nargs="+", type=str)
    _timing_options(parser)
    opts = parser.parse_args(context.args.rest)
    opts.value = " ".join(opts.value)

    from tracker.storage import store
    from tracker.storage.models import FactorEntryCreate

    now = context.now()
    when, at, day = _timing(opts, now)
    with context.session() as session:
        factor = store.get_factor(session=session, name=name)
        value, drink = _factor_value(session, factor, opts.value)
        try:
            store.check_factor_value(factor, value, field=factor.name)
        except InputError as exc:  # name what was typed (24h1), then what it was read as (24.02)
            typed = opts.value.strip()
            if _says(typed, value):
                raise
            raise InputError(exc.field, typed, f"{exc.allowed} ({typed} read as {_show(value)})") from None
        entry = store.add_factor_entry(
            session=session,
            # The drinks it was ("2 × glass") go in the note, as `log drink` keeps them.
            entry_in=FactorEntryCreate(
                factor=factor.column, value=value, at=at, date=day, note=_with(drink, opts.note)
            ),
            now=now,
        )
        label = store.entry_id(entry)
        total = _day_total(session, factor, entry)
    from tracker.core.formatting import amount_words

    amount = amount_words(value, factor.unit, factor.kind)
    typed = opts.value.strip()
    if not _says(typed, value) and typed.lower() != amount:  # 24h1, 6:10, "glass", "y": typed, then read as
        amount = f"{typed} ({amount})"
    _confirm_entry(f"logged {label}: {factor.name} {amount}", entry, when, now)
    if total:
        print(total)
    return 0


def _day_total(session: Session, factor: Factor, entry: FactorEntry) -> str:
    """For a factor whose day adds its entries up, once the day has more than one: what it now
    comes to and how to edit one, so a second sleep entry is not mistaken for a correction.
    Empty otherwise."""
    from tracker.core.daily import daily_value
    from tracker.core.formatting import day_total_words
    from tracker.core.vocabulary import DailyRule
    from tracker.storage.queries import factor_entries_between

    if factor.daily_rule != DailyRule.SUM:
        return ""
    day = entry.local_date
    values = [e.value for e in factor_entries_between(session=session, start=day, end=day) if e.factor_id == factor.id]
    if len(values) < 2:
        return ""
    total = daily_value(factor.daily_rule, values) or 0.0  # never blank: it has two entries
    words = day_total_words(factor.name, factor.unit, day=day, total=total, entries=len(values))
    return f"{words}; `tracker list --date {day.isoformat()}` to edit one"


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
    when = read_when(opts.at, now=now) if opts.at else (None if opts.date else Moment(now))
    day = parse_date(opts.date, today=now.date()) if opts.date else None
    return when, (when.at if when else None), day


def _with(drink: str, note: str) -> str:
    """An entry's note: the drink it was ("2 × glass"), then what was typed as the note."""
    return "; ".join(part for part in (drink, note.strip()) if part)


def _factor_value(session: Session, factor: Factor, text: str) -> tuple[float, str]:
    """The value `text` says, and the drinks it was ("2 × glass"; "" for a number or an amount)."""
    from tracker.core.vocabulary import FactorKind
    from tracker.storage import store

    raw = text.strip().lower()
    if factor.kind == FactorKind.YES_NO:
        answers = {"yes": 1.0, "y": 1.0, "1": 1.0, "true": 1.0, "no": 0.0, "n": 0.0, "0": 0.0, "false": 0.0}
        if raw not in answers:
            raise InputError(factor.name, text, "yes or no")
        return answers[raw], ""
    if factor.name == "sleep":  # hours as people write them: 6.5, 6:10, 6h10 (one rule with the TUI)
        from tracker.core.when import parse_hours

        return parse_hours(raw, field=factor.name), ""
    from tracker.core.validate import NUMBER_TEXT, number_text

    if NUMBER_TEXT.fullmatch(raw):  # 95, -2, 1e3: a plain number, negatives included
        return number_text(factor.name, text, allowed=f"a number, {store.allowed_values(factor)}"), ""
    from tracker.core.amounts import read_amount  # 1.5l, 200mg, glass, 2 glass: one rule with the app

    drinks = {p.name: p.amount for p in store.list_presets(session=session) if p.factor_id == factor.id}
    span = store.allowed_values(factor)
    amount = read_amount(text, field=factor.name, unit=factor.unit, drinks=drinks, span=span)
    return amount.value, amount.note


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
    _confirm_entry(f"logged {label}: {drink} = {_show(entry.value)} {factor.unit} {factor.name}", entry, when, now)
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
    print(f"logged: no twitches on {day.isoformat()}")
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
    replaced = f" (replaces {before!r})" if before and before != text else ""
    if text:
        print(f"logged: note for {day.isoformat()}: {text!r}{replaced}")
    elif before:
        print(f"cleared the note for {day.isoformat()} (was {before!r})")
    else:
        print(f"no note to clear on {day.isoformat()}")
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
    from tracker.core.vocabulary import APPOINTMENT_ADVICE, TODAY_ADVICE, TODAY_RED_FLAGS

    print(TODAY_ADVICE if flag.kind in TODAY_RED_FLAGS else APPOINTMENT_ADVICE.replace("The other signs", "This sign"))
    return 0


def _confirm_entry(logged: str, entry: FactorEntry, when: Moment | None, now: dt.datetime) -> None:
    """A factor entry's confirmation: its moment in words, or its date when it has none."""
    if when is None:
        print(f"{logged} on {entry.local_date}")
    else:
        _confirm(logged, when, now)


def _confirm(logged: str, when: Moment, now: dt.datetime, *, after: str = "") -> None:
    """The confirmation, saying when in words, and on a second line anything assumed about it."""
    from tracker.core.when import spoken

    print(f"{logged}, {spoken(when.at, now=now)}{after}")
    if when.assumed:
        print(f"  ({when.assumed})")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _split_repeated(values: list[str]) -> list[str]:
    return [part for value in values for part in value.replace(";", ",").split(",")]


def _says(typed: str, value: float) -> bool:
    """Whether `typed` is plainly the number `value` (6.5, 6.50), so echoing it back adds nothing."""
    from tracker.core.formatting import same_number
    from tracker.core.validate import NUMBER_TEXT

    return bool(NUMBER_TEXT.fullmatch(typed)) and same_number(value, typed)


def _show(value: float) -> str:
    from tracker.core.formatting import format_number

    return format_number(value)

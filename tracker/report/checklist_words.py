"""The red-flag checklist as the visit report says it: each question as last answered, a "no"
that a fact of the diary contradicts said beside that fact (both dated), and the signs the
diary itself shows (a spread the entries suggest, a new medicine, twitches while the face
moved). Pure functions of the stored answers and the analysis dict.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tracker.analysis.persistence import RedFlagLike
from tracker.analysis.text import LOGGED
from tracker.core.formatting import plural, report_date
from tracker.core.vocabulary import CHECKLIST_KINDS, MOVEMENT_CONTEXTS, RedFlagKind, checklist_no_words, sign_words
from tracker.report.history_words import short_span
from tracker.storage.models import split_tags


def checklist_lines(
    noes: dict[str, dt.date],
    red_flags: Sequence[RedFlagLike],
    date_to: dt.date,
    derived: Sequence[DerivedSign] = (),
) -> list[str]:
    """The red-flag questions as last answered up to `date_to`: "Asked 3 Mar 2026: no
    weakness of the face; no trouble speaking." per day, then the questions never answered ("Not asked: ...").
    A sign whose latest answer is a logged red flag is left to the red-flag list. A "no" that a
    fact of the diary contradicts (a red flag of that sign logged before it, or a sign `derived`
    from the entries or the medication list) is never printed among the "no"s: it has a line of
    its own with the answer and the fact, each dated ("Drooping of the face: answered no on 30 Nov
    2026, but logged on 24 Nov 2026."), for the clinician to weigh; neither hides the other. A "no"
    before the sign was logged is kept the same way ("answered no on 30 Nov 2026; logged on 1 Dec
    2026")."""
    latest_yes: dict[str, dt.date] = {}
    for flag in red_flags:
        if flag.date <= date_to:
            latest_yes[str(flag.kind)] = max(flag.date, latest_yes.get(str(flag.kind), flag.date))
    facts: dict[str, list[str]] = defaultdict(list)
    for sign in derived:
        if sign.date <= date_to:
            facts[sign.kind].append(sign.words)
    denied: dict[dt.date, list[str]] = defaultdict(list)
    contradicted: list[str] = []
    flagged: dict[dt.date, list[tuple[str, dt.date]]] = defaultdict(list)  # answered no, logged before
    never = []
    for kind in map(str, CHECKLIST_KINDS):
        no, yes = noes.get(kind), latest_yes.get(kind)
        if no is not None and no <= date_to and (yes is None or no > yes):
            if yes is not None and not facts[kind]:
                flagged[no].append((kind, yes))
            elif yes is not None or facts[kind]:
                against = [f"logged on {report_date(yes)} (see the red flags)"] if yes is not None else []
                contradicted.append(_answered_no_but(kind, no, [*against, *facts[kind]]))
            else:
                denied[no].append(kind)
        elif no is not None and yes is not None and no < yes and no <= date_to:
            # Answered no, then logged later: the sign came on after the answer; both dated, so a
            # clinician sees the "no" was true then, and when it changed.
            contradicted.append(
                f"{_capital(sign_words(kind))}: answered no on {report_date(no)}; "
                f"logged on {report_date(yes)} (see the red flags)."
            )
        elif yes is None:
            never.append(kind)
    lines = [
        f"Asked {report_date(day)}{_signs_since(red_flags, day, date_to)}: {checklist_no_words(kinds)}."
        for day, kinds in sorted(denied.items())
    ]
    for day, signs in sorted(flagged.items()):
        answered = f"answered no on {report_date(day)}"
        if len(signs) == 1:  # one sign: said as every other contradiction is
            kind, logged = signs[0]
            lines.append(
                f"{_capital(sign_words(kind))}: {answered}, but logged on {report_date(logged)} (see the red flags)."
            )
        else:  # several answered the same day: that date once, each flag with its own
            each = "; ".join(f"{sign_words(kind)} on {report_date(logged)}" for kind, logged in signs)
            lines.append(f"{_capital(answered)}, but logged as red flags before: {each}.")
    lines += contradicted
    # A question never asked whose answer the diary itself suggests: the fact, dated, beside it
    # (a suggested spread and a new medicine have their own places on the page: not said twice).
    shown = [
        f"{_capital(sign_words(kind))}: not asked, but {'; '.join(facts[kind])}."
        for kind in never
        if facts[kind] and kind == RedFlagKind.MOVEMENT_TRIGGERED
    ]
    if never and not denied and not contradicted and not latest_yes:
        return ["Red-flag checklist not asked: no answer is stored, so every sign is unknown, not absent.", *shown]
    if never:
        lines.append("Not asked: " + "; ".join(sign_words(kind) for kind in never) + ".")
    return lines + shown


def _signs_since(red_flags: Sequence[RedFlagLike], day: dt.date, date_to: dt.date) -> str:
    """ ", before the drooping of the face, mouth or eyelid logged 27 Nov 2026": the signs of any
    kind logged after `day` (to `date_to`), each at its first date, so an old "no" never stands
    unqualified beside a sign that came after it. Empty when none was."""
    first: dict[str, dt.date] = {}
    for flag in red_flags:
        if day < flag.date <= date_to:
            kind = str(flag.kind)
            first[kind] = min(flag.date, first.get(kind, flag.date))
    if not first:
        return ""
    signs = [
        f"the {sign_words(kind)} logged {report_date(on)}" for kind, on in sorted(first.items(), key=lambda i: i[1])
    ]
    return ", before " + " and ".join(signs)


def _answered_no_but(kind: str, no: dt.date, facts: Sequence[str]) -> str:
    return f"{_capital(sign_words(kind))}: answered no on {report_date(no)}, but {'; '.join(facts)}."


def new_medicine_answer_lines(noes: dict[str, dt.date], derived: Sequence[DerivedSign]) -> list[str]:
    """The checklist's "no" to a new medicine beside what the medication list says, for the
    readers that print no checklist (`tracker analyze`, Insights): "A new medicine: answered no
    on 25 Nov 2026, but Sertraline, started 1 Nov 2026, is a new medicine (derived from the
    medication list)." Empty when the question was not answered no or nothing contradicts it."""
    kind = str(RedFlagKind.NEW_MEDICINE)
    facts = [sign.words for sign in derived if sign.kind == kind]
    no = noes.get(kind)
    return [_answered_no_but(kind, no, facts)] if no is not None and facts else []


def _capital(words: str) -> str:
    return f"{words[:1].upper()}{words[1:]}"


@dataclass(frozen=True)
class DerivedSign:
    """A red-flag sign worked out from the diary rather than logged: its kind (a RedFlagKind
    value), the day it dates from, and how the report says it ("suggested by the entries from
    4 Nov 2026 (derived)")."""

    kind: str
    date: dt.date
    words: str


def derived_signs(
    analysis: dict[str, Any],
    new_medicines: Sequence[tuple[str, dt.date]],
    contexts: Sequence[tuple[dt.date, str]] = (),
    started_since: Sequence[tuple[str, dt.date]] = (),
) -> list[DerivedSign]:
    """The signs the diary itself shows, for `checklist_lines`: a spread the entries suggest
    (the analysis's suggested "spreading"), each medicine the medication list says was new
    before the twitching began ((name, started), tracker.report.medication_words.new_medicines)
    or begun since (`started_since`), and twitches logged during a movement of the face ((day,
    context tags), `moving_twitches`)."""
    signs = [
        DerivedSign("spreading", day, f"the entries suggest a spread from {report_date(day)} (derived)")
        for day in sorted(
            dt.date.fromisoformat(str(item["date"]))
            for item in analysis.get("red_flags") or []
            if item.get("source") != LOGGED and item.get("kind") == "spreading"
        )
    ]
    signs += [
        DerivedSign("new-medicine", started, f"{name}, started {report_date(started)}, is a new medicine (derived "
                    "from the medication list)")
        for name, started in new_medicines
    ]  # fmt: skip
    signs += [
        DerivedSign("new-medicine", started, f"{name} was started {report_date(started)}, after the twitching "
                    "began (from the medication list)")
        for name, started in started_since
    ]  # fmt: skip
    for context, dates in moving_twitches(contexts).items():
        twitches = plural(len(dates), "twitch was", "twitches were")
        when = short_span(dates[0], dates[-1])
        words = f"{twitches} logged while {context}, {when} (derived from the twitches' contexts)"
        signs.append(DerivedSign(str(RedFlagKind.MOVEMENT_TRIGGERED), dates[0], words))
    return signs


def moving_twitches(contexts: Sequence[tuple[dt.date, str]]) -> dict[str, list[dt.date]]:
    """The days of the twitches logged while the face moved (a context in MOVEMENT_CONTEXTS), by
    context, in date order, from (day, tags) of each twitch: what "set off by chewing" asks about."""
    found: dict[str, list[dt.date]] = defaultdict(list)
    for day, tags in contexts:
        for tag in split_tags(tags):
            if tag.lower() in MOVEMENT_CONTEXTS:
                found[tag.lower()].append(day)
    return {context: sorted(dates) for context, dates in found.items()}

"""The words the data is written in: twitch locations and sides, factor kinds, daily rules,
red flags, and the factors every diary starts with. Plain enums with no database behind them,
so the parts of tracker that only read (the Today screen's first look, the daily rows) need
not import SQLModel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tracker.core.formatting import days


class Location(StrEnum):
    UPPER_LIP = "upper-lip"
    LOWER_LIP = "lower-lip"
    MOUTH_CORNER = "mouth-corner"
    EYELID = "eyelid"
    CHEEK = "cheek"
    CHIN = "chin"
    OTHER = "other"
    UNSPECIFIED = "unspecified"  # logged without a place: not a place, never counted as one


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    CENTER = "center"
    UNSPECIFIED = "unspecified"  # a twitch logged without a side


# A twitch's place, side and intensity with no earlier twitch to repeat: what the person said,
# no place, side or intensity made up.
NOTHING_TO_REPEAT: tuple[Location, Side, int | None] = (Location.UNSPECIFIED, Side.UNSPECIFIED, None)


class FactorKind(StrEnum):
    NUMBER = "number"
    SCALE = "scale"
    YES_NO = "yes-no"


class DailyRule(StrEnum):
    SUM = "sum"
    MEAN = "mean"
    MAX = "max"
    LAST = "last"


class RedFlagKind(StrEnum):
    SPREADING = "spreading"
    WEAKNESS = "weakness"
    DROOPING = "drooping"
    SPEECH = "speech"
    SWALLOWING = "swallowing"
    EYE_CLOSURE = "eye-closure"
    MOVEMENT_TRIGGERED = "movement-triggered"
    BODY_SPREAD = "body-spread"  # twitching in other parts of the body too
    WASTING = "wasting"  # a muscle getting thinner
    NUMBNESS = "numbness"  # numbness or tingling
    IN_SLEEP = "in-sleep"  # twitching seen while asleep
    BELLS_PALSY = "bells-palsy"  # ear pain, sound sensitivity, an eye that will not close
    NEW_MEDICINE = "new-medicine"  # it began after starting a medicine
    OTHER = "other"


# Every question the red-flag checklist asks; "other" is a free note, never a question answered no.
CHECKLIST_KINDS = tuple(kind for kind in RedFlagKind if kind is not RedFlagKind.OTHER)

# Each checklist question answered "no", as a phrase that reads whole after "asked 3 Mar:"
# ("no trouble speaking", never "no speech" or "no in sleep").
CHECKLIST_NO_WORDS = {
    RedFlagKind.SPREADING: "not spreading to other parts of the face",
    RedFlagKind.WEAKNESS: "no weakness of the face",
    RedFlagKind.DROOPING: "no drooping of the face, mouth or eyelid",
    RedFlagKind.SPEECH: "no trouble speaking",
    RedFlagKind.SWALLOWING: "no trouble swallowing",
    RedFlagKind.EYE_CLOSURE: "the eye not forced shut",
    RedFlagKind.MOVEMENT_TRIGGERED: "not set off by chewing or other movements",
    RedFlagKind.BODY_SPREAD: "no twitching elsewhere in the body",
    RedFlagKind.WASTING: "no muscle wasting",
    RedFlagKind.NUMBNESS: "no numbness or tingling",
    RedFlagKind.IN_SLEEP: "not seen while asleep",
    RedFlagKind.BELLS_PALSY: "no ear pain, loud-sound sensitivity or eye that will not close",
    RedFlagKind.NEW_MEDICINE: "no new medicine before it began",
}


# Each sign as a reader names it: the kind's own word is a stored value, never printed ("speech",
# "in-sleep"). Every reader (the report, `analyze`, the app, `list`, `log`) names a sign from here.
SIGN_WORDS = {
    RedFlagKind.SPREADING: "spreading in the face",
    RedFlagKind.WEAKNESS: "weakness of the face",
    RedFlagKind.DROOPING: "drooping of the face, mouth or eyelid",
    RedFlagKind.SPEECH: "trouble speaking",
    RedFlagKind.SWALLOWING: "trouble swallowing",
    RedFlagKind.EYE_CLOSURE: "eye forced shut",
    RedFlagKind.MOVEMENT_TRIGGERED: "set off by chewing or movement",
    RedFlagKind.BODY_SPREAD: "twitching elsewhere in the body",
    RedFlagKind.WASTING: "muscle wasting",
    RedFlagKind.NUMBNESS: "numbness or tingling",
    RedFlagKind.IN_SLEEP: "twitching while asleep",
    RedFlagKind.BELLS_PALSY: "signs of Bell's palsy",
    RedFlagKind.NEW_MEDICINE: "a new medicine",
    RedFlagKind.OTHER: "another sign",
}


def sign_words(kind: str) -> str:
    """A red-flag kind as a reader names it: "in-sleep" -> "twitching while asleep"."""
    known = kind in RedFlagKind.__members__.values()
    return SIGN_WORDS.get(RedFlagKind(kind), str(kind).replace("-", " ")) if known else str(kind).replace("-", " ")


def checklist_no_words(kinds: Iterable[str]) -> str:
    """The signs answered "no", as one clause: "no trouble speaking; not seen while asleep"."""
    return "; ".join(CHECKLIST_NO_WORDS.get(RedFlagKind(kind), f"no {kind}") for kind in kinds)


# A twitch's context (free tags) that is a movement of the face: a twitch logged while chewing
# is what the checklist's "set off by chewing or other movements" asks about.
MOVEMENT_CONTEXTS = ("chewing", "eating", "talking", "speaking", "smiling", "laughing", "yawning", "blinking")

# Signs that cannot wait for an appointment: sudden one-sided drooping or weakness, slurred
# speech, trouble swallowing (a possible stroke): call emergency services the same day. Every
# other red flag is a reason to book an appointment.
TODAY_RED_FLAGS = frozenset({RedFlagKind.WEAKNESS, RedFlagKind.DROOPING, RedFlagKind.SPEECH, RedFlagKind.SWALLOWING})
URGENT_SIGNS = "Sudden drooping or weakness on one side, slurred speech or trouble swallowing"
URGENT_TODAY = "call emergency services today"
TODAY_ADVICE = f"{URGENT_SIGNS}: {URGENT_TODAY}."
APPOINTMENT_ADVICE = "The other signs: book an appointment with a doctor."


def urgent_words(day: dt.date | None, today: dt.date | None) -> str:
    """What to do about a sign that cannot wait, logged on `day`: "call emergency services
    today" for a sign of today (or of a day not given); "logged 6 days ago: if it is happening
    now, call emergency services" for an older one, whose "today" is long past. The one wording
    of every reader: the log line, the checklist, Insights, `analyze` and the report."""
    ago = (today - day).days if day is not None and today is not None else 0
    if ago <= 0:
        return URGENT_TODAY
    return f"logged {days(ago)} ago: if it is happening now, call emergency services"


def red_flag_advice(kinds: Iterable[str], *, on: dt.date | None = None, today: dt.date | None = None) -> list[str]:
    """The graded advice for the signs in `kinds`, one line per grade, most urgent first: the
    emergency line when any of them cannot wait (`on`: the day the newest of those was logged,
    said as `urgent_words` says it), then the appointment line for the rest ("This sign" for one
    flag on its own, as `tracker log redflag` says it; `kinds` has one per flag). Empty for no signs."""
    signs = list(kinds)  # one per flag: three logged are "These signs", even of one kind
    urgent = any(kind in TODAY_RED_FLAGS for kind in signs)
    others = [kind for kind in signs if kind not in TODAY_RED_FLAGS]
    when = urgent_words(on, today)
    lines = [f"{URGENT_SIGNS}{': ' if when == URGENT_TODAY else ', '}{when}."] if urgent else []
    if others:
        alone = "This sign" if len(others) == 1 else "These signs"
        lines.append(APPOINTMENT_ADVICE if urgent else APPOINTMENT_ADVICE.replace("The other signs", alone))
    return lines


def dated_red_flag_advice(flags: Iterable[tuple[str, dt.date]], *, today: dt.date) -> list[str]:
    """`red_flag_advice` for logged flags given as (kind, date): the emergency line is dated by
    the newest sign that cannot wait."""
    flags = list(flags)
    urgent = [day for kind, day in flags if kind in TODAY_RED_FLAGS]
    return red_flag_advice([kind for kind, _ in flags], on=max(urgent, default=None), today=today)


@dataclass(frozen=True)
class BuiltinFactor:
    name: str
    column: str
    kind: FactorKind
    unit: str
    low: float
    high: float
    rule: DailyRule
    meaning: str  # what the day's value is, as the data dictionary says it
    absent_means_none: bool = False  # see absent_means_none_by_default
    # The day holds one figure (a night's sleep, the day's stress): another entry on a day that
    # has one is most likely a correction (tracker.core.factor_rules.one_figure_a_day).
    one_figure: bool = False


def absent_means_none_by_default(kind: FactorKind | str) -> bool:
    """Whether a new factor of this kind reads "nothing logged on a day whose twitches were
    answered" as none (0) in the analysis. A yes-no factor is logged when the thing happened
    (took a nap, drank alcohol), so silence on an answered day means no; a number or a scale
    is a measurement, and an unmeasured day is unknown. The person can change it per factor."""
    return FactorKind(kind) == FactorKind.YES_NO


def absent_words(absent_means_none: bool) -> str:
    """The rule in one word, as the CLI, the TUI and the data dictionary show it: "none" or "unknown"."""
    return "none" if absent_means_none else "unknown"


# The factors every diary has. Migration 0002 stored them with its own copy of this list (a
# migration keeps describing its revision as it was), 0005 their absent-means-none rules; a test
# holds the two together. Caffeine and magnesium are logged when taken, so an answered day with
# none logged had none; sleep, water and stress are measured every day (everyone sleeps and
# drinks), so a day without them logged is a day nobody measured, not a day of 0 h or 0 ml.
BUILTIN_FACTORS = (
    BuiltinFactor(
        "caffeine", "caffeine_mg", FactorKind.NUMBER, "mg", 0.0, 2000.0, DailyRule.SUM,
        "caffeine from all drinks that day (sum)", absent_means_none=True,
    ),
    BuiltinFactor(
        "sleep", "sleep_h", FactorKind.NUMBER, "h", 0.0, 24.0, DailyRule.SUM,
        "hours slept the night before (dated to the morning of waking)", one_figure=True,
    ),
    BuiltinFactor(
        "water", "water_ml", FactorKind.NUMBER, "ml", 0.0, 10000.0, DailyRule.SUM, "water drunk that day (sum)"
    ),
    BuiltinFactor(
        "stress", "stress", FactorKind.SCALE, "", 0.0, 10.0, DailyRule.MEAN,
        "self-rated stress, 0 (none) to 10 (extreme), mean of the day's ratings", one_figure=True,
    ),
    BuiltinFactor(
        "magnesium", "magnesium_mg", FactorKind.NUMBER, "mg", 0.0, 2000.0, DailyRule.SUM,
        "magnesium supplement taken that day (sum)", absent_means_none=True,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class OfferedFactor:
    """A factor a clinician asks about that not everyone has: offered when factors are set up
    (`tracker factor list`, the app's Factors screen), added only when the person says so."""

    name: str
    unit: str  # the unit offered; another may be given (nicotine in mg rather than cigarettes)
    high: float
    units: tuple[str, ...] = ()  # the units the offer names, the first one the default

    def words(self) -> str:
        """How the offer reads: "nicotine (cigarettes or mg)"."""
        return f"{self.name} ({' or '.join(self.units or (self.unit,))})"


# Caffeine, alcohol and nicotine are the three a clinician asks about; caffeine is built in,
# these two are offered: a diary of someone who neither drinks nor smokes should not carry two
# empty columns and two questions it never needs. Both are logged when taken, so an answered day
# with none logged had none, as caffeine's.
OFFERED_FACTORS = (
    OfferedFactor("alcohol", "units", 100.0),
    OfferedFactor("nicotine", "cigarettes", 200.0, ("cigarettes", "mg")),
)

# The factor panels a chart, the Trends screen and the visit packet show unless asked for others.
CHART_FACTORS = ("caffeine_mg", "sleep_h")

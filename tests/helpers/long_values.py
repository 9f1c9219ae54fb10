"""A diary full of long values, for the checks that nothing on a screen is cut."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import caffeine, twitch
from tests.tui.conftest import TODAY, at
from tracker.core.vocabulary import CHECKLIST_KINDS, FactorKind, Location, Side
from tracker.storage import store
from tracker.storage.diary_facts import set_onset
from tracker.storage.factors import add_factor
from tracker.storage.medications import add_medication
from tracker.storage.models import FactorCreate, FactorEntryCreate, MedicationCreate, RedFlagCreate

LONG_NOTE = "after the long meeting at the office, a bright screen and far too little sleep the night before it"
LONG_FACTOR = "screen_time_in_the_evening_before_bed"
MEDICATIONS = (
    ("hydroxychloroquine sulfate extended release", "200 mg twice a day with food after breakfast"),
    ("salbutamol", "2 puffs"),
    ("levocetirizine dihydrochloride", "5 mg at night"),
)


def seed_long_values(seed) -> None:  # type: ignore[no-untyped-def]
    """A diary full of long values: ten years since its first entry and the onset, a week of
    twitches at three sites with long notes, a factor with a long name, a long day note, every
    red flag on one day, three medications with long names and doses."""
    first = TODAY - dt.timedelta(days=3650)
    seed(lambda s: caffeine(s, 95, first))
    seed(lambda s: add_factor(session=s, factor_in=FactorCreate(name=LONG_FACTOR, kind=FactorKind.NUMBER, unit="h")))
    seed(lambda s: add_factor(session=s, factor_in=FactorCreate(name="antihistamine_taken", kind=FactorKind.YES_NO)))
    sites = [(Location.MOUTH_CORNER, Side.RIGHT), (Location.CHEEK, Side.LEFT)]
    for days_ago in range(8):
        day = TODAY - dt.timedelta(days=days_ago)
        seed(lambda s, day=day: twitch(s, 8, day=day, note=LONG_NOTE, also_sites=sites))
        seed(lambda s, day=day: caffeine(s, 95, day))
        long_one = FactorEntryCreate(factor=LONG_FACTOR, value=2.5, date=day, note=LONG_NOTE)
        seed(lambda s, entry_in=long_one: store.add_factor_entry(session=s, entry_in=entry_in))
    for factor, value in (("stress", 6), ("water", 1250), ("sleep", 6.5)):
        entry_in = FactorEntryCreate(factor=factor, value=value, at=at(9))
        seed(lambda s, entry_in=entry_in: store.add_factor_entry(session=s, entry_in=entry_in))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note=f"{LONG_NOTE}. {LONG_NOTE}", today=TODAY))
    for kind in CHECKLIST_KINDS:
        flag = RedFlagCreate(kind=kind, date=TODAY - dt.timedelta(days=2))
        seed(lambda s, flag=flag: store.add_red_flag(session=s, red_flag_in=flag))
    for name, dose in MEDICATIONS:
        taken = MedicationCreate(name=name, dose=dose, started=TODAY - dt.timedelta(days=400), note=LONG_NOTE)
        seed(lambda s, taken=taken: add_medication(session=s, medication_in=taken, today=TODAY))
    seed(lambda s: set_onset(session=s, day=first, today=TODAY, after_first_twitch=True))

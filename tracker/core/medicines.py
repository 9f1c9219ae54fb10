"""What the diary says about a medication beyond what the person wrote: whether its name is one
of the medicines known to cause twitching in some people, and whether it was begun shortly
before the twitching. Both are derived from the name and dates given, and worded as such:
never a diagnosis, never advice to stop a medicine.

Standard library only: the command line, the app and the report read it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

CULPRIT_WORDS = "known to cause twitching in some people"
# "Started within 8 weeks before the twitching began": the window a clinician asks about, and the
# one the checklist's "it began after starting a new medicine" question means.
NEW_MEDICINE_WEEKS = 8
NEW_MEDICINE_WORDS = "new medicine"

# Medicines whose labels or the literature name muscle twitching (fasciculation, myokymia,
# eyelid spasm) as a side effect in some people, by generic name and the common brand names a
# person may copy from a box. Sources:
# - corticosteroids: listed among drugs causing muscle twitching (Cleveland Clinic, "Muscle
#   twitching", and the steroid myopathy literature);
# - stimulants: methylphenidate's FDA label lists "muscle twitching"; amphetamines and
#   modafinil: tremor and twitching in their labels;
# - beta-2 agonist inhalers and methylxanthines: tremor and twitching through beta-adrenergic
#   stimulation (salbutamol/albuterol, terbutaline, salmeterol, formoterol labels; theophylline);
# - cholinesterase inhibitors: fasciculations are their expected effect at the neuromuscular
#   junction (pyridostigmine, neostigmine labels; donepezil reports muscle cramps and twitching);
# - anticonvulsants: phenytoin's label lists "motor twitchings"; lamotrigine-induced excessive
#   blinking (J Clin Neurol 2007;3(2):106-8); topiramate: ocular dystonias and eyelid myokymia
#   reports;
# - lithium: fine tremor and fasciculation, dose-related;
# - dopamine-blocking antiemetics: acute dystonia and tardive dyskinesia, involuntary movements
#   of the face and eyelids among them (metoclopramide's FDA boxed warning, 2009; prochlorperazine
#   and promethazine labels, "extrapyramidal symptoms"; droperidol label);
# - antipsychotics: extrapyramidal symptoms and tardive dyskinesia, orofacial movements first
#   (haloperidol and the phenothiazine labels; the second-generation drugs' class warning);
# - SSRIs and SNRIs: myoclonus, bruxism and dyskinesia reported ("Selective serotonin-reuptake
#   inhibitor-induced movement disorders", Ann Pharmacother 1998;32(6):692-8), and myoclonus as a
#   sign of serotonin toxicity (sertraline, fluoxetine, venlafaxine labels).
# Tricyclics and antihistamines, named only in case series of blepharospasm (J Neuroophthalmol
# 1998;18(2):153-7), a different condition from the twitching this diary records, are left out
# rather than marked on weak grounds.
CULPRITS: dict[str, str] = {
    **dict.fromkeys(
        ("prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone", "cortisone",
         "deflazacort", "medrol", "decadron"),
        "corticosteroid",
    ),
    **dict.fromkeys(
        ("methylphenidate", "dexmethylphenidate", "amphetamine", "dexamfetamine", "dextroamphetamine",
         "dexamphetamine", "lisdexamfetamine", "modafinil", "armodafinil", "ritalin", "concerta", "adderall",
         "vyvanse", "elvanse", "provigil", "focalin"),
        "stimulant",
    ),
    **dict.fromkeys(
        ("salbutamol", "albuterol", "levalbuterol", "terbutaline", "salmeterol", "formoterol", "ventolin",
         "proair", "bricanyl", "serevent", "symbicort", "seretide", "advair", "theophylline", "aminophylline"),
        "bronchodilator",
    ),
    **dict.fromkeys(
        ("pyridostigmine", "neostigmine", "donepezil", "rivastigmine", "galantamine", "mestinon", "aricept"),
        "cholinesterase inhibitor",
    ),
    **dict.fromkeys(("phenytoin", "lamotrigine", "topiramate", "lamictal", "topamax"), "anticonvulsant"),
    "lithium": "mood stabiliser",
    **dict.fromkeys(
        ("metoclopramide", "prochlorperazine", "promethazine", "droperidol", "trimethobenzamide", "maxolon",
         "reglan", "stemetil", "buccastem", "phenergan"),
        "dopamine-blocking antiemetic",
    ),
    **dict.fromkeys(
        ("haloperidol", "chlorpromazine", "fluphenazine", "perphenazine", "trifluoperazine", "thioridazine",
         "pimozide", "flupentixol", "zuclopenthixol", "risperidone", "paliperidone", "olanzapine", "quetiapine",
         "aripiprazole", "ziprasidone", "lurasidone", "amisulpride", "sulpiride", "haldol", "risperdal",
         "zyprexa", "seroquel", "abilify"),
        "antipsychotic",
    ),
    **dict.fromkeys(
        ("sertraline", "fluoxetine", "paroxetine", "citalopram", "escitalopram", "fluvoxamine", "zoloft",
         "lustral", "prozac", "seroxat", "paxil", "cipramil", "celexa", "cipralex", "lexapro"),
        "SSRI antidepressant",
    ),
    **dict.fromkeys(
        ("venlafaxine", "desvenlafaxine", "duloxetine", "effexor", "efexor", "cymbalta", "pristiq"),
        "SNRI antidepressant",
    ),
}  # fmt: skip
_WORD = re.compile(r"[a-z]+")


def known_culprit(name: str) -> str | None:
    """The kind of medicine ("corticosteroid") when a word of `name` is one known to cause
    twitching in some people, case ignored ("Prednisolone 5 mg", "ventolin inhaler"); else None."""
    return next((CULPRITS[word] for word in _WORD.findall(name.lower()) if word in CULPRITS), None)


def new_before(started: dt.date | None, began: dt.date | None) -> bool:
    """Whether a medicine started on `started` was begun within NEW_MEDICINE_WEEKS before the
    twitching began on `began` (that day included). False when either date is unknown: a new
    medicine is never guessed."""
    if started is None or began is None:
        return False
    return began - dt.timedelta(weeks=NEW_MEDICINE_WEEKS) <= started <= began


# "A clear worsening" after a medicine began: the 2 weeks from its start against the 4 weeks
# before, each judged on at least 5 answered days, at least twice the twitches a day
# and at least one a day more (so 0.1 against 0.3 is no worsening).
WORSENING_AFTER_DAYS = 14
WORSENING_BEFORE_DAYS = 28
WORSENING_MIN_ANSWERED = 5
WORSENING_RATIO = 2.0
WORSENING_MIN_EXTRA = 1.0


@dataclass(frozen=True)
class Worsening:
    """The twitches a day in the 4 weeks before a medicine began and in the 2 weeks from its start."""

    before: float
    after: float

    @property
    def clear(self) -> bool:
        """At least twice the twitches a day, and at least one a day more."""
        return self.after >= WORSENING_RATIO * self.before and self.after >= self.before + WORSENING_MIN_EXTRA


def worsening_after(counts: Mapping[dt.date, int], started: dt.date) -> Worsening | None:
    """The twitching before and after a medicine began on `started`, from the twitches of each
    answered day (`counts`); None when fewer than 5 days either side were answered."""
    before = [n for day, n in counts.items() if 0 < (started - day).days <= WORSENING_BEFORE_DAYS]
    after = [n for day, n in counts.items() if 0 <= (day - started).days < WORSENING_AFTER_DAYS]
    if min(len(before), len(after)) < WORSENING_MIN_ANSWERED:
        return None
    return Worsening(round(sum(before) / len(before), 2), round(sum(after) / len(after), 2))


NO_STOP = "no stop date given"


def taken_words(
    started: dt.date | None, stopped: dt.date | None, *, date: Callable[[dt.date], str] = dt.date.isoformat
) -> str:
    """When a medicine was taken, with each date in the form `date` writes: "2026-10-01 to
    2026-10-06", "from 2026-10-01, no stop date given", "start not known, stopped 2026-10-06".
    A missing stop date is said as such: the diary cannot tell a medicine still taken from a
    stop never written down."""
    if started is None and stopped is None:
        return "no start or stop date given"
    if started is None:
        assert stopped is not None
        return f"start not known, stopped {date(stopped)}"
    return f"{date(started)} to {date(stopped)}" if stopped else f"from {date(started)}, {NO_STOP}"

"""What an import added, in words: the counts and the conflicts (the diary's answer kept)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.core.formatting import plural
from tracker.io.apps.plan import Conflict


@dataclass
class ImportReport:
    files: int = 0
    rows: int = 0
    episodes_added: int = 0
    values_added: int = 0
    red_flags_added: int = 0
    factors_added: int = 0
    notes_added: int = 0
    checkins_added: int = 0
    facts_added: dict[str, int] = field(default_factory=dict)  # the diary file's, by what they are
    medications_added: int = 0
    noes_replaced: int = 0  # the diary's "no" answers a red flag from the file stands in place of
    noes_left_out: int = 0  # the file's "no" answers of a sign flagged that day (the flag stands)
    medications_completed: int = 0  # the diary's own medications given the stop date or note they lacked
    days_changed: set[dt.date] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)

    def counts(self) -> str:
        """What was added, in words ("2 new episodes, 1 factor value")."""
        parts = [plural(self.episodes_added, "new episode")]
        quote_no = "'no' answer"
        for count, what in (
            (self.values_added, "factor value"),
            (self.red_flags_added, "red flag"),
            (self.notes_added, "day note"),
            (self.checkins_added, "no-twitches check-in"),
            (self.factors_added, "new factor"),
            *((count, what) for what, count in self.facts_added.items()),
            (self.medications_added, "medication"),
        ):
            if count:
                parts.append(plural(count, what))
        if self.noes_replaced:
            parts.append(f"{plural(self.noes_replaced, quote_no)} replaced by that day's red flag")
        if self.noes_left_out:
            parts.append(f"{plural(self.noes_left_out, quote_no)} of the file's left out for that day's red flag")
        if self.medications_completed:
            parts.append(f"{plural(self.medications_completed, 'medication')} given the stop date or note it lacked")
        return ", ".join(parts)

    def describe(self) -> str:
        """What was imported, and each conflict (the diary's answer kept) on a line of its own."""
        done = (
            f"imported {plural(self.rows, 'row')} from {plural(self.files, 'file')}: {self.counts()}, "
            f"{plural(len(self.days_changed), 'day')} changed"
        )
        if not self.conflicts:
            return done
        listed = [f"  {conflict.words(prefer_import=False)}" for conflict in self.conflicts]
        return "\n".join([done, f"conflicts: {len(self.conflicts)}", *listed])

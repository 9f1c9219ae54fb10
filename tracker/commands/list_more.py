"""What `tracker list` shows of a day beside its twitches, values, red flags and day record: the
checklist's "no" answers, the onset date, and the medications and interventions that began or
ended on it. A day holding only these is not "nothing logged"."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, or_, select

from tracker.core.ids import INTERVENTION, MEDICATION, format_id
from tracker.core.vocabulary import CHECKLIST_KINDS, checklist_no_words
from tracker.storage.diary_facts import onset, standing_noes
from tracker.storage.models import Intervention, Medication, RedFlagNo

Item = dict[str, object]


def more_items(session: Session, start: dt.date, end: dt.date) -> list[Item]:
    """The rows of these kinds from `start` to `end`, as `tracker list --json` gives them (no id
    where the entry has none of its own: a day's "no" answers, the onset)."""
    items: list[Item] = []
    noes: dict[dt.date, list[str]] = {}
    for row in session.exec(standing_noes().where(col(RedFlagNo.date) >= start, col(RedFlagNo.date) <= end)):
        noes.setdefault(row.date, []).append(row.kind)
    order = [str(kind) for kind in CHECKLIST_KINDS]
    for day, kinds in noes.items():
        kinds.sort(key=order.index)
        items.append({"id": "", "type": "checklist_no", "date": day.isoformat(), "at": None, "kinds": kinds})
    began = onset(session=session)
    if began is not None and start <= began <= end:
        items.append({"id": "", "type": "onset", "date": began.isoformat(), "at": None})
    for medication in session.exec(
        select(Medication).where(
            or_(col(Medication.started).between(start, end), col(Medication.stopped).between(start, end))
        )
    ):
        ends: tuple[tuple[str, dt.date | None], ...] = (
            ("medication_started", medication.started),
            ("medication_stopped", medication.stopped),
        )
        for kind, when in ends:
            if when is not None and start <= when <= end:
                name = " ".join([medication.name, *([medication.dose] if medication.dose else [])])
                shown = format_id(MEDICATION, medication.id or 0)
                items.append({"id": shown, "type": kind, "date": when.isoformat(), "at": None, "name": name})
    for plan in session.exec(
        select(Intervention).where(
            or_(col(Intervention.start_date).between(start, end), col(Intervention.end_date).between(start, end))
        )
    ):
        ends = (("intervention_started", plan.start_date), ("intervention_ended", plan.end_date))
        for kind, when in ends:
            if when is not None and start <= when <= end:
                shown = format_id(INTERVENTION, plan.id or 0)
                items.append({"id": shown, "type": kind, "date": when.isoformat(), "at": None, "name": plan.name})
    return items


def describe_more(item: Item) -> str | None:
    """One of these rows in a person's words; None for a row of another kind."""
    match item["type"]:
        case "checklist_no":
            return f"checklist answered: {checklist_no_words(item['kinds'])}"  # type: ignore[arg-type]  # a list, built above
        case "onset":
            return "the twitching began (the onset date you gave; `tracker onset` changes it)"
        case "medication_started":
            return f"started medication {item['name']}"
        case "medication_stopped":
            return f"stopped medication {item['name']}"
        case "intervention_started":
            return f"started intervention {item['name']}"
        case "intervention_ended":
            return f"stopped intervention {item['name']}"
    return None

"""The medication list: drug, dose as written, start and stop dates (either may be unknown) and a
note. A clinician weighs a medicine begun shortly before the twitching (tracker.core.medicines).
Part of the storage API, inside the caller's session; every write is journalled for undo, as
any entry is.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from tracker.core import validate
from tracker.core.formatting import day_words
from tracker.core.ids import MEDICATION, format_id
from tracker.core.when import local_now  # the clock, when a caller passes none
from tracker.errors import InputError
from tracker.storage import journal
from tracker.storage.models import Medication, MedicationCreate, MedicationUpdate

TABLE = str(Medication.__tablename__)


def list_medications(*, session: Session) -> list[Medication]:
    """Every medication, those with a known start first by start date, then those without, in the
    order they were entered."""
    return list(
        session.exec(
            select(Medication).order_by(col(Medication.started).is_(None), col(Medication.started), col(Medication.id))
        )
    )


def add_medication(*, session: Session, medication_in: MedicationCreate, today: dt.date | None = None) -> Medication:
    """Check and store one medication; returns the stored row (its id set)."""
    name, dose, started, stopped, note = validate.medication(
        **medication_in.model_dump(), today=today or local_now().date()
    )
    _refuse_a_second_course(session, name, dose, started)
    item = Medication(name=name, dose=dose, started=started, stopped=stopped, note=note)
    session.add(item)
    session.flush()
    journal.record_added(session, TABLE, item.id, medication_words(item), verb="added")
    return item


def update_medication(
    *, session: Session, medication_id: int, changes: MedicationUpdate, today: dt.date | None = None
) -> Medication:
    """The medication with only the fields set in `changes` replaced, the whole row checked again
    (a new start after the stop is refused, nothing written)."""
    item = get_medication(session=session, medication_id=medication_id)
    before, what = journal.changed(session, TABLE, [medication_id]), medication_words(item)
    current = {"name": item.name, "dose": item.dose, "started": item.started, "stopped": item.stopped,
               "note": item.note} | changes.model_dump(exclude_unset=True)  # fmt: skip
    checked = validate.medication(**current, today=today or local_now().date())
    _refuse_a_second_course(session, *checked[:3], editing=medication_id)
    item.name, item.dose, item.started, item.stopped, item.note = checked
    session.add(item)
    session.flush()
    journal.record(session, done=f"edited {what}", undo=f"put back {what} as it was before the edit", changes=[before])
    return item


def stop_medication(*, session: Session, medication_id: int, on: dt.date, today: dt.date | None = None) -> Medication:
    """The medication marked stopped on `on`. Refused (InputError) when it is stopped already: a
    stop date is changed with an edit, so a second stop never moves the first one silently."""
    item = get_medication(session=session, medication_id=medication_id)
    if item.stopped is not None:
        shown = format_id(MEDICATION, medication_id)
        raise InputError(
            "id", shown, f"a medication with no stop date ({item.name} stopped on {item.stopped.isoformat()}; "
            f"`tracker med edit {shown} --stopped D` changes it)"
        )  # fmt: skip
    before, what = journal.changed(session, TABLE, [medication_id]), medication_words(item)
    checked = validate.medication(name=item.name, dose=item.dose, started=item.started, stopped=on, note=item.note,
                                  today=today or local_now().date())  # fmt: skip
    item.stopped = checked[3]
    session.add(item)
    session.flush()
    journal.record(session, done=f"stopped {what} on {day_words(on)}", undo=f"took the stop date off {what}",
                   changes=[before])  # fmt: skip
    return item


def remove_medication(*, session: Session, medication_id: int) -> Medication:
    """Delete one medication (entered by mistake); `tracker undo` puts it back, id and all.
    Returns the row as it was."""
    item = get_medication(session=session, medication_id=medication_id)
    change, what = journal.removed(session, TABLE, [medication_id]), medication_words(item)
    session.delete(item)
    session.flush()
    journal.record(session, done=f"removed {what}", undo=f"restored {what}", changes=[change])
    return item


def _refuse_a_second_course(
    session: Session, name: str, dose: str, started: dt.date | None, *, editing: int | None = None
) -> None:
    """InputError (nothing written) when the diary holds a course of this name, dose and start
    already, other than the one being edited: that is what makes a course the same one (the
    import and a merge match by it), so a second would list the medicine twice in a visit report."""
    same = select(col(Medication.id)).where(
        col(Medication.name) == name, col(Medication.dose) == dose, col(Medication.id) != (editing or 0)
    )
    same = same.where(col(Medication.started).is_(None) if started is None else col(Medication.started) == started)
    found = session.exec(same.order_by(col(Medication.id))).first()
    if found is None:
        return
    shown = format_id(MEDICATION, found)
    course = " ".join([name, *([dose] if dose else [])])
    start = f"started {started.isoformat()}" if started else "start unknown"
    raise InputError(
        "med", f"{course}, {start}", f"a course not recorded yet: {shown} is that medicine, dose and start already; "
        f"change it with `tracker med edit {shown}` (--dose, --started, --stopped, --note)",
    )  # fmt: skip


def get_medication(*, session: Session, medication_id: int) -> Medication:
    """The medication with this id; InputError naming the ids that exist when there is none."""
    item = session.get(Medication, medication_id)
    if item is not None:
        return item
    shown = format_id(MEDICATION, medication_id)
    deleted = journal.deleting_action(session, TABLE, medication_id)
    if deleted is not None:
        undo = "; `tracker undo` brings it back" if deleted[1] else ""
        raise InputError("id", shown, f"a medication that exists: {shown} was removed{undo}")
    known = [format_id(MEDICATION, row.id or 0) for row in list_medications(session=session)]
    listed = f" ({', '.join(known[:5])})" if known else " (none recorded yet: `tracker med add NAME`)"
    raise InputError("id", shown, f"a medication id from `tracker med list`{listed}")


def medication_words(item: Medication) -> str:
    """A medication as the journal names it: "medication prednisolone 20 mg daily"."""
    return f"medication {item.name}" + (f" {item.dose}" if item.dose else "")

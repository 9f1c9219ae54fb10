"""Read-only helpers the TUI needs that tracker.store and tracker.days do not offer."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from tracker.models import Episode


def active_dates(*, session: Session, until: dt.date) -> list[dt.date]:
    """Every local date up to `until` with at least one episode, oldest first."""
    return list(
        session.exec(
            select(Episode.local_date)
            .where(col(Episode.local_date) <= until)
            .distinct()
            .order_by(col(Episode.local_date))
        )
    )


def episode_count(*, session: Session, day: dt.date) -> int:
    return len(list(session.exec(select(Episode.id).where(Episode.local_date == day))))

"""The further sites of episodes (table `episode_site`): read for many episodes at once, written
and removed with their episode in the same journal action, so undo brings them back with it.

The episode's own location and side stay its first site; these rows are the others, in the order
the person gave them (their ids). Called through tracker.storage.store and removal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from tracker.core.sites import Site
from tracker.storage import journal
from tracker.storage.models import EpisodeSite

TABLE = str(EpisodeSite.__tablename__)
CHUNK = 500  # ids per IN (...): well under every database's limit on bound values


def further_sites(*, session: Session, episode_ids: Iterable[int | None]) -> dict[int, list[Site]]:
    """Each episode's further sites, in the order given; an episode with none is left out."""
    wanted = sorted({key for key in episode_ids if key is not None})
    found: dict[int, list[Site]] = defaultdict(list)
    for start in range(0, len(wanted), CHUNK):
        rows = session.exec(
            select(EpisodeSite.episode_id, EpisodeSite.location, EpisodeSite.side)
            .where(col(EpisodeSite.episode_id).in_(wanted[start : start + CHUNK]))
            .order_by(col(EpisodeSite.episode_id), col(EpisodeSite.id))
        )
        for episode_id, location, side in rows:
            found[episode_id].append((location, side))
    return dict(found)


def add_sites(session: Session, episode_id: int, sites: Sequence[Site]) -> journal.Change | None:
    """Store `sites` (checked already) as the episode's further sites; the journal change that
    undo reverses (None when there are none)."""
    rows = [EpisodeSite(episode_id=episode_id, location=location, side=side) for location, side in sites]
    if not rows:
        return None
    session.add_all(rows)
    session.flush()
    return journal.added(TABLE, [row.id for row in rows])


def remove_sites(session: Session, episode_ids: Sequence[int]) -> journal.Change | None:
    """Delete the further sites of these episodes, kept whole for undo (call before deleting the
    episodes: a site row names its episode). None when they had none."""
    keys = [
        key
        for start in range(0, len(episode_ids), CHUNK)
        for key in session.exec(
            select(EpisodeSite.id).where(col(EpisodeSite.episode_id).in_(list(episode_ids[start : start + CHUNK])))
        )
    ]
    if not keys:
        return None
    change = journal.removed(session, TABLE, keys)
    for row in session.exec(select(EpisodeSite).where(col(EpisodeSite.id).in_(keys))):
        session.delete(row)
    session.flush()
    return change

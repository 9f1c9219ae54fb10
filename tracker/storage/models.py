"""SQLModel tables and their Create families. Alembic owns the schema (see migrations/).

Times are stored in UTC plus the UTC offset the person was living in, and the local
calendar date is stored beside them: that date is the one the person lived, so it stays
right across DST changes and travel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

# The enums live in tracker.core.vocabulary (no database needed to read them); callers may import them from here too.
from tracker.core.vocabulary import DailyRule, FactorKind, Location, RedFlagKind, Side

# A naming convention lets Alembic's batch mode find constraints on SQLite.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

# Row ids are never reused (SQLite AUTOINCREMENT): an id a person saw, and the one an undo puts
# back, always names the same entry, even after the newest row was deleted.
NEVER_REUSE_IDS: dict[str, Any] = {"sqlite_autoincrement": True}


# An entry brought in from another app says where from, as "app:file name" ("daylio:export.csv");
# "" is an entry the person logged in tracker (tracker.io.apps.sources reads and writes the form).
SOURCE_MEANING = "where an imported entry came from, as app:file; empty when logged in tracker"


def utc_now() -> dt.datetime:
    """Aware UTC now."""
    return dt.datetime.now(dt.UTC)


# --- episodes -------------------------------------------------------------------------------


class EpisodeBase(SQLModel):
    started_at: dt.datetime = Field(index=True, description="UTC")
    utc_offset_min: int = Field(description="the offset the person was living in")
    local_date: dt.date = Field(index=True)
    location: str
    side: str
    intensity: int | None = Field(default=None, description="1-5; None when the person did not say")
    duration_s: int | None = None
    context: str = Field(default="", description="';'-separated tags")
    relief: str = Field(default="", description="';'-separated tags")
    note: str = ""
    source: str = Field(default="", sa_column_kwargs={"server_default": ""}, description=SOURCE_MEANING)


class Episode(EpisodeBase, table=True):
    __table_args__ = NEVER_REUSE_IDS
    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utc_now, index=True)

    @property
    def local_started_at(self) -> dt.datetime:
        """The start as the person lived it, with its UTC offset."""
        tz = dt.timezone(dt.timedelta(minutes=self.utc_offset_min))
        return self.started_at.astimezone(tz)

    @property
    def context_tags(self) -> list[str]:
        return split_tags(self.context)

    @property
    def relief_tags(self) -> list[str]:
        return split_tags(self.relief)


class EpisodeCreate(SQLModel):
    """An episode as a person describes it; the store fills in the stored form."""

    started_at: dt.datetime  # timezone-aware
    location: Location = Location.UNSPECIFIED
    side: Side = Side.UNSPECIFIED
    intensity: int | None = None  # not given: stored as such, never a made-up number
    duration_s: int | None = None
    context: list[str] = Field(default_factory=list)
    relief: list[str] = Field(default_factory=list)
    note: str = ""
    # The further places the same twitch involved, in order (its own location and side are the first).
    also_sites: list[tuple[Location, Side]] = Field(default_factory=list)


class EpisodeUpdate(SQLModel):
    started_at: dt.datetime | None = None
    location: Location | None = None
    side: Side | None = None
    intensity: int | None = None
    duration_s: int | None = None
    context: list[str] | None = None
    relief: list[str] | None = None
    note: str | None = None
    also_sites: list[tuple[Location, Side]] | None = None  # given: replaces the further sites ([] clears them)


# --- factors ---------------------------------------------------------------------------------


class FactorBase(SQLModel):
    name: str = Field(unique=True, description="short name, e.g. caffeine")
    column: str = Field(unique=True, description="column name, e.g. caffeine_mg")
    kind: str
    unit: str = ""
    min_value: float | None = None
    max_value: float | None = None
    daily_rule: str
    builtin: bool = False
    # On a day whose twitches were answered, whether the analysis reads "nothing logged" as none
    # (0): true for things logged only when taken (caffeine, a supplement, a yes-no factor).
    # Storage and exports keep the blank either way; only the analysis reads it.
    absent_means_none: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # The local day the factor was added (or its earliest entry, if logged for a day before):
    # the days before are "not tracked" for it. None: tracked for as long as the diary goes back.
    tracked_from: dt.date | None = None


class Factor(FactorBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    position: int = 0


class FactorCreate(SQLModel):
    name: str
    kind: FactorKind
    unit: str = ""
    min_value: float | None = None
    max_value: float | None = None
    daily_rule: DailyRule | None = None
    absent_means_none: bool | None = None  # None: the kind's default (absent_means_none_by_default)
    tracked_from: dt.date | None = None  # the day it is added (the caller's today); None: always tracked


class FactorUpdate(SQLModel):
    """What may change on a factor: a user factor's range and daily rule (not its column), and on
    any factor how the analysis reads a day with nothing logged."""

    min_value: float | None = None
    max_value: float | None = None
    daily_rule: DailyRule | None = None
    absent_means_none: bool | None = None


class FactorEntryBase(SQLModel):
    factor_id: int = Field(foreign_key="factor.id", index=True)
    at: dt.datetime | None = Field(default=None, description="UTC; None for a date-only entry")
    utc_offset_min: int | None = None
    local_date: dt.date = Field(index=True)
    value: float
    note: str = ""
    source: str = Field(default="", sa_column_kwargs={"server_default": ""}, description=SOURCE_MEANING)


class FactorEntry(FactorEntryBase, table=True):
    __tablename__ = "factor_entry"
    __table_args__ = NEVER_REUSE_IDS
    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utc_now, index=True)

    @property
    def local_at(self) -> dt.datetime | None:
        if self.at is None or self.utc_offset_min is None:
            return None
        tz = dt.timezone(dt.timedelta(minutes=self.utc_offset_min))
        return self.at.astimezone(tz)


class FactorEntryCreate(SQLModel):
    factor: str  # short or column name
    value: float
    at: dt.datetime | None = None  # timezone-aware; or
    date: dt.date | None = None  # a date-only entry
    note: str = ""


# --- days, red flags, interventions, presets -------------------------------------------------


class Day(SQLModel, table=True):
    """A day's check-in ("tracked", or "no twitches today") and its note."""

    date: dt.date = Field(primary_key=True)
    checked_in: bool = False
    note: str = ""
    created_at: dt.datetime = Field(default_factory=utc_now, index=True)


class RedFlagBase(SQLModel):
    date: dt.date = Field(index=True)
    kind: str
    note: str = ""


class RedFlag(RedFlagBase, table=True):
    __tablename__ = "red_flag"
    __table_args__ = (UniqueConstraint("date", "kind", name="uq_red_flag_date_kind"), NEVER_REUSE_IDS)
    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utc_now, index=True)


class RedFlagCreate(SQLModel):
    date: dt.date
    kind: RedFlagKind
    note: str = ""


class RedFlagNo(SQLModel, table=True):
    """A red-flag question answered "no" on a day: what a clinician reads as asked and denied.
    A "yes" is a RedFlag row; a question never answered has neither."""

    __tablename__ = "red_flag_no"
    __table_args__ = (UniqueConstraint("date", "kind", name="uq_red_flag_no_date_kind"), NEVER_REUSE_IDS)
    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(index=True, description="the day the question was answered")
    kind: str
    created_at: dt.datetime = Field(default_factory=utc_now)


class DiarySetting(SQLModel, table=True):
    """A fact about the whole diary the person gives once and may change (the onset date):
    kept in the diary, so it travels with its backups and exports."""

    __tablename__ = "diary_setting"
    key: str = Field(primary_key=True)
    value: str
    updated_at: dt.datetime = Field(default_factory=utc_now)


class EpisodeSite(SQLModel, table=True):
    """A further place one episode involved (eyelid and mouth together on one side): the episode's
    own `location`/`side` is the first site, these are the others, in the order the person gave them."""

    __tablename__ = "episode_site"
    __table_args__ = (
        UniqueConstraint("episode_id", "location", "side", name="uq_episode_site_episode_id"),
        NEVER_REUSE_IDS,
    )
    id: int | None = Field(default=None, primary_key=True)
    episode_id: int = Field(foreign_key="episode.id", index=True)
    location: str
    side: str


class Medication(SQLModel, table=True):
    """A medicine the person takes or took: a clinician weighs new drugs (corticosteroids,
    stimulants, some inhalers) against the onset. No stop date means none was given (not that it
    is still taken); no start date means the person did not say when it began."""

    __table_args__ = NEVER_REUSE_IDS
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    dose: str = Field(default="", description="as the person writes it: 20 mg daily")
    started: dt.date | None = None
    stopped: dt.date | None = None
    note: str = ""
    created_at: dt.datetime = Field(default_factory=utc_now)


class MedicationCreate(SQLModel):
    """A medication as the person gives it; a date not given is unknown, never guessed."""

    name: str
    dose: str = ""
    started: dt.date | None = None
    stopped: dt.date | None = None
    note: str = ""


class MedicationUpdate(SQLModel):
    """What an edit changes: only the fields set (a date set to None becomes unknown)."""

    name: str | None = None
    dose: str | None = None
    started: dt.date | None = None
    stopped: dt.date | None = None
    note: str | None = None


class InterventionBase(SQLModel):
    name: str = Field(index=True)
    start_date: dt.date
    end_date: dt.date | None = None
    note: str = ""
    # A planned experiment: blocks of this many days from start_date to end_date, off first,
    # then on, off, on (tracker.core.plans). None: a plain start (and maybe a stop).
    block_days: int | None = None


class Intervention(InterventionBase, table=True):
    __table_args__ = NEVER_REUSE_IDS
    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utc_now)


class PresetBase(SQLModel):
    name: str = Field(unique=True, description="e.g. espresso, glass")
    factor_id: int = Field(foreign_key="factor.id")
    amount: float


class Preset(PresetBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class PresetCreate(SQLModel):
    name: str
    factor: str
    amount: float


# --- the action journal ----------------------------------------------------------------------


class Action(SQLModel, table=True):
    """One thing a person did (a log, a delete, an import, ...) and what undoing it takes.

    `changes` lists, in order, what the action did to which rows (tracker.storage.journal reads and
    writes them); `undone_at` is set when `tracker undo` (or the TUI's undo) reversed it.
    """

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utc_now, description="UTC")
    done: str = Field(description="what was done, in words: logged stress 4 on Mon 30 Nov")
    undo: str = Field(description="what undoing it does, in words: removed stress 4 on Mon 30 Nov")
    changes: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    undone_at: dt.datetime | None = Field(default=None, description="UTC")


# --- tags ------------------------------------------------------------------------------------


def split_tags(text: str) -> list[str]:
    return [tag for tag in text.split(";") if tag]


def join_tags(tags: list[str]) -> str:
    return ";".join(tags)

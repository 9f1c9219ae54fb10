"""The CSV columns of the export contract, in one place: export, import, the data dictionary
and the check that a user factor's name cannot collide with them all read these."""

DAILY_HEAD = ["date", "tracked", "episodes", "total_duration_s", "max_intensity", "locations"]
DAILY_TAIL = ["red_flags", "note"]
EPISODE_COLUMNS = [
    "started_at",
    "date",
    "location",
    "side",
    "intensity",
    "duration_s",
    "context",
    "relief",
    "note",
]

# Where imported entries came from (tracker.core.sources): the last column of each file, and
# only when something in the export was imported, so a diary without imports exports byte for
# byte as it always did.
DAILY_SOURCES = "sources"  # "caffeine_mg=daylio:export.csv;sleep_h=oura:trends.csv"
EPISODE_SOURCE = "source"  # "daylio:export.csv"
# The further places one twitch involved (tracker.core.sites), before `source`, and only when some
# twitch in the export has any, for the same reason.
EPISODE_SITES = "also_sites"  # "mouth-corner:left;cheek:left"

# The factors file written beside the daily file: one row per factor of the person's own, so that
# an import into a fresh diary can make them before it reads their columns (tracker.io.factors_file).
# The settings are named as `tracker factor add` names them (--kind, --unit, --min, --max, --daily, --absent).
FACTOR_COLUMNS = ["name", "column", "kind", "unit", "min", "max", "daily", "absent"]

# The diary file written beside the daily file: what the person told the diary beyond each day's
# numbers (the onset date, red flags' notes, checklist questions answered "no"), one fact a row
# (tracker.io.diary_file).
DIARY_COLUMNS = ["fact", "date", "sign", "note"]

# A user factor's column may not take any of these names.
RESERVED_COLUMNS = frozenset([*DAILY_HEAD, *DAILY_TAIL, *EPISODE_COLUMNS, DAILY_SOURCES, EPISODE_SOURCE, EPISODE_SITES])

"""Importing another app's export: one small module per app, all behind one interface.

A format module has `APP` (its name on the command line) and
`read(path, sections, progress=None) -> Parsed`: what the file says, as readings of named items
("coffee", "mood", "sleep") with default targets. What happens to each item (a factor, a twitch,
the day's note, nothing) is the mapping's business (tracker.io.apps.mapping), and what that does
to the diary is the plan's (tracker.io.apps.plan): no format knows about either, so adding a
format is one module and one line below.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# app name -> module; imported only when that app's import runs.
FORMATS = {
    "daylio": "tracker.io.apps.daylio",
    "loop": "tracker.io.apps.loop",
    "oura": "tracker.io.apps.oura",
    "fitbit": "tracker.io.apps.fitbit",
    "apple-health": "tracker.io.apps.apple_health",
    "flaredown": "tracker.io.apps.flaredown",
    "bearable": "tracker.io.apps.bearable",
}
# What each app's export holds that tracker reads, for `tracker import --help` (here, not in
# the modules: the help must not import them).
ABOUT = {
    "daylio": "Daylio CSV export (moods, activities, notes)",
    "loop": "Loop Habit Tracker CSV export (zip or folder)",
    "oura": "Oura trends CSV or the data export's sleepmodel.csv (sleep)",
    "fitbit": "Fitbit sleep (Takeout sleep-*.json or UserSleeps_*.csv, or the fitbit.com export CSV)",
    "apple-health": "Apple Health export.zip or export.xml (sleep, caffeine, water)",
    "flaredown": "Flaredown CSV export (long, choose --user; or the e-mailed wide form)",
    "bearable": "Bearable CSV export (symptoms, sleep, mood, energy, medication, factors)",
}
# Options of one format's own: `--user X` reaches its read() as sections[app]["user"], like the
# same setting in the mapping file's [app] table.
OPTIONS = {
    "flaredown": {"user": "whose check-ins to import, when the file holds several people's (their user_id)"},
}


def format_module(app: str) -> ModuleType:
    """The module that reads `app`'s exports (KeyError for an app with none)."""
    return importlib.import_module(FORMATS[app])

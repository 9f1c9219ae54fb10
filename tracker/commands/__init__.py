"""Command handlers, one module per area. Each module has `register(subparsers)`."""

from tracker.commands import data, database, demo, entries, factors, insights, interventions, log

COMMAND_MODULES = [log, factors, entries, data, insights, interventions, database, demo]

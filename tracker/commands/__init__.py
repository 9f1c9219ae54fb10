"""Command handlers, one module per area. Each module has `register(subparsers)`.

Imported only when the full parser is built: `tracker` alone opens the TUI without them.
"""

from __future__ import annotations

from types import ModuleType


def command_modules() -> list[ModuleType]:
    """The command modules, in the order their commands appear in `tracker --help`."""
    from tracker.commands import (
        data,
        database,
        demo,
        entries,
        factors,
        history_facts,
        insights,
        interventions,
        log,
        medications,
        remind,
    )

    return [log, factors, entries, data, insights, interventions, medications, history_facts, remind, database, demo]

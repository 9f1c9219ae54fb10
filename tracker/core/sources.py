"""Where an entry came from: "" when the person logged it in tracker, "app:file name" when an
import brought it ("daylio:export.csv"). The one home of that form: the importer writes it,
`tracker list` shows it, the CSV export carries it.
"""

from __future__ import annotations

from pathlib import Path


def source_of(app: str, path: Path) -> str:
    """The source stored with every entry an import adds: "daylio:export.csv"."""
    return f"{app}:{path.name}"


def source_app(source: str) -> str:
    """The app part of a stored source ("" for an entry logged in tracker)."""
    return source.split(":", 1)[0] if source else ""


def source_words(source: str) -> str:
    """A stored source as people read it: "from daylio: export.csv"."""
    app, _, name = source.partition(":")
    return f"from {app}: {name}" if name else f"from {app}"


def sources_cell(by_column: dict[str, str]) -> str:
    """A day's sources as the daily CSV writes them: "caffeine_mg=daylio:export.csv;sleep_h=..."."""
    return ";".join(f"{column}={source}" for column, source in sorted(by_column.items()))


def read_sources_cell(text: str) -> dict[str, str]:
    """The daily CSV's sources cell back as {column: source}; a part without "=" is skipped."""
    pairs = (part.partition("=") for part in text.split(";"))
    return {column.strip(): source.strip() for column, equals, source in pairs if equals and source.strip()}

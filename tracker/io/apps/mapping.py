"""Where each item of an app's export goes, read from and printed as a small TOML file.

    [items]
    coffee = { to = "factor", factor = "caffeine", amount = 95 }   # each one: caffeine 95 mg
    mood = { to = "factor", factor = "mood", kind = "scale", min = 1, max = 5 }
    gaming = { to = "factor", factor = "gaming", kind = "yes-no" }  # created if the diary has none
    twitch = { to = "episode", location = "eyelid" }              # a twitch at the entry's time
    note = "note"                                                  # the day's note
    nap = "skip"

A format's own sections (Daylio's [moods]) ride along untouched for the format to read.
`--dry-run` prints the mapping in use, defaults filled in, ready to save and edit.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.core.vocabulary import FactorKind, Location
from tracker.errors import InputError

TARGETS = ("factor", "episode", "note", "skip")
# The keys each kind of item may have: one a target does not read is refused, never ignored.
_KEYS = {
    "factor": ("to", "factor", "kind", "unit", "min", "max", "amount"),
    "episode": ("to", "location"),
    "note": ("to",),
    "skip": ("to",),
}


@dataclass(frozen=True)
class Target:
    """Where one item goes: `factor` (with `amount` each time it happens, or the reading's value),
    `episode` (a twitch at `location`), the day's `note`, or `skip`."""

    to: str
    factor: str = ""
    kind: str = ""  # for a factor the diary does not have yet
    unit: str = ""
    min: float | None = None
    max: float | None = None
    amount: float | None = None
    location: str = Location.UNSPECIFIED.value

    def as_toml(self) -> str | dict[str, Any]:
        """This target as the mapping file writes it."""
        if self.to in ("note", "skip"):
            return self.to
        if self.to == "episode":
            return {"to": "episode", "location": self.location}
        shown: dict[str, Any] = {"to": "factor", "factor": self.factor}
        for key in ("kind", "unit", "min", "max", "amount"):
            value = getattr(self, key)
            if value not in ("", None):
                shown[key] = value
        return shown


@dataclass
class Mapping:
    items: dict[str, Target]
    sections: dict[str, dict[str, Any]]  # a format's own tables, e.g. "moods"


def load_mapping(path: Path | None) -> Mapping:
    """The mapping in a TOML file (empty when there is none); InputError names the entry at fault."""
    if path is None:
        return Mapping({}, {})
    where = f"--map {path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("--map", str(path), "a TOML file that exists") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError("--map", str(path), f"a TOML mapping file ({str(exc)[:60]})") from None
    items = data.pop("items", {})
    if not isinstance(items, dict):
        raise InputError(f"{where} items", items, "a table: [items]")
    sections = {name: table for name, table in data.items() if isinstance(table, dict)}
    stray = sorted(set(data) - set(sections))
    if stray:
        raise InputError(where, stray[0], "tables only: [items] and the app's own, like [moods]")
    return Mapping({name: _target(f"{where} items.{name}", spec) for name, spec in items.items()}, sections)


def _target(where: str, spec: object) -> Target:
    allowed = 'one of "note", "skip", or a table like { to = "factor", factor = "caffeine", amount = 95 }'
    if isinstance(spec, str):
        if spec in ("note", "skip", "episode"):
            return Target(spec)
        raise InputError(where, spec, allowed)
    if not isinstance(spec, dict) or spec.get("to") not in TARGETS:
        raise InputError(where, spec, allowed)
    keys = _KEYS[spec["to"]]
    unknown = [key for key in spec if key not in keys]
    if unknown:
        said = f'to = "{spec["to"]}"'
        raise InputError(f"{where}.{unknown[0]}", spec[unknown[0]], f"with {said}, only the keys {', '.join(keys)}")
    if spec["to"] == "episode":
        location = spec.get("location", Location.UNSPECIFIED.value)
        if location not in {place.value for place in Location}:
            raise InputError(f"{where}.location", location, "one of " + ", ".join(place.value for place in Location))
        return Target("episode", location=location)
    if spec["to"] != "factor":
        return Target(spec["to"])
    factor = spec.get("factor")
    if not isinstance(factor, str) or not factor.strip():
        raise InputError(f"{where}.factor", factor, "a factor's name, like caffeine")
    kind = spec.get("kind", "")
    if kind and kind not in {k.value for k in FactorKind}:
        raise InputError(f"{where}.kind", kind, "one of " + ", ".join(k.value for k in FactorKind))
    numbers = {key: spec.get(key) for key in ("min", "max", "amount")}
    for key, value in numbers.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise InputError(f"{where}.{key}", value, "a number")
    return Target(
        "factor",
        factor=factor.strip().lower(),
        kind=kind,
        unit=str(spec.get("unit", "")),
        **{key: None if value is None else float(value) for key, value in numbers.items()},  # type: ignore[arg-type]  # min, max, amount
    )


def mapping_toml(items: dict[str, Target], sections: dict[str, dict[str, Any]]) -> str:
    """The mapping as a TOML file a person can save, edit and pass back with --map."""
    # deferred: only a dry run writes TOML
    import tomli_w

    document: dict[str, Any] = dict(sections)
    document["items"] = {name: items[name].as_toml() for name in sorted(items, key=str.lower)}
    return tomli_w.dumps(document)

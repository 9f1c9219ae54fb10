"""An import in words: what a dry run would do, and what an import did."""

from __future__ import annotations

from tracker.core.formatting import plural
from tracker.io.apps.mapping import Target, mapping_toml
from tracker.io.apps.plan import ImportPlan
from tracker.io.apps.readings import Parsed

MOST_SHOWN = 10  # conflicts and skipped rows listed one by one before "and N more"


def summary_lines(plan: ImportPlan, parsed: Parsed, *, dry_run: bool) -> list[str]:
    """The date range, days, entries per factor, factors to create, twitches, conflicts and
    skipped rows, one fact a line."""
    lines = []
    if plan.days:
        first, last = min(plan.days), max(plan.days)
        lines.append(f"dates: {first} to {last}, {plural(len(plan.days), 'day')} with entries")
    else:
        lines.append("dates: none (nothing in the file maps to the diary)")
    lines.append(f"rows read: {parsed.rows}")
    per_factor = ", ".join(f"{name} {count}" for name, count in sorted(plan.per_factor.items()))
    lines.append(f"entries per factor: {per_factor or 'none'}")
    if plan.factors_to_create:
        created = ", ".join(f"{f.name} ({_kind(f.kind, f.min_value, f.max_value)})" for f in plan.factors_to_create)
        lines.append(f"factors {'to create' if dry_run else 'created'}: {created}")
    lines.append(f"twitches {'to add' if dry_run else 'added'}: {len(plan.episodes)}")
    lines.append(f"day notes {'to set' if dry_run else 'set'}: {len(plan.notes)}")
    lines.append(f"already in the diary: {plan.unchanged}")
    lines.append(f"conflicts: {len(plan.conflicts)}")
    lines += [f"  {c.words(prefer_import=plan.prefer_import)}" for c in plan.conflicts[:MOST_SHOWN]]
    if len(plan.conflicts) > MOST_SHOWN:
        lines.append(f"  and {len(plan.conflicts) - MOST_SHOWN} more")
    if plan.newer_import is not None:
        lines.append(f"  (an older export than the one already imported, which reaches {plan.newer_import}:"
                     " it replaces none of that one's values)")  # fmt: skip
    if any(not conflict.replaced for conflict in plan.conflicts) and not plan.prefer_import:
        lines.append("  (your entries are kept; --prefer import takes the file's instead)")
    if plan.mapped_out:
        out = ", ".join(f"{item} {count}" for item, count in sorted(plan.mapped_out.items()))
        lines.append(f'left out by the mapping ("skip"): {out}')
    lines.append(f"skipped: {sum(parsed.skipped.values())}")
    for why, count in sorted(parsed.skipped.items()):
        where = parsed.skipped_at[why]
        shown = ", ".join(where) + (f" and {count - len(where)} more" if count > len(where) else "")
        # `why` names the rows in the plural ("naps (not the night's sleep)"): the count follows
        # it, so one reads "naps ...: 1", never "1 naps".
        lines.append(f"  {why}: {count} ({shown})")
    return lines


def mapping_lines(items: dict[str, Target], parsed: Parsed) -> list[str]:
    """The mapping in use, as TOML ready to save and pass back with --map."""
    return ["# the mapping used; save it, edit it and pass it with --map FILE", mapping_toml(items, parsed.sections)]


def _kind(kind: str, low: float | None, high: float | None) -> str:
    if kind == "scale":
        return f"scale {low:g}–{high:g}"
    return kind

"""Insights: what `tracker analyze` says, on one page.

The analysis imports pandas and statsmodels and fits a model per factor (a second or two on
a few months of diary), so it runs in a thread worker behind a loading indicator and comes
back as AnalysisReady. The page follows the report's order: how long it has lasted, red flags,
associations (the ones whose q passes the threshold first, each saying it is not proof of cause), the
adjusted model and interventions. The rendering is plain functions of the analysis dict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static

from tracker.analysis.text import DASH, LOGGED, SUGGESTED, TIMES, chance_text, q_words, range_coverage
from tracker.core.formatting import days as plural_days
from tracker.core.formatting import rounded
from tracker.tui.messages import AnalysisReady, ReadFailed
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from tracker.tui.diary import Diary

SECTIONS = ("range", "persistence", "red-flags", "triggers", "adjusted", "interventions")
NOT_A_DIAGNOSIS = "This app keeps a diary; it does not diagnose. If something worries you, see a doctor."


class InsightsScreen(Writes, Screen[None]):
    TITLE = "Insights"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "analyse", "Recompute"),
        Binding("T", "app.open_trends", "Trends"),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.result: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Analysing your diary…", id="insights-progress")
        yield LoadingIndicator(id="insights-loading")
        with VerticalScroll(id="insights"):
            for name in SECTIONS:
                yield Static("", id=f"insights-{name}", classes="insights-section")
            yield Static(NOT_A_DIAGNOSIS, id="insights-note")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_analyse()

    def action_analyse(self) -> None:
        self.sub_title = f"as of {self.diary.today():%a %d %b %Y}"  # read again: the app may be open past midnight
        self._busy(True)
        self.read(lambda: AnalysisReady(self.diary.analysis()), group="analysis")

    def on_read_failed(self, _message: ReadFailed) -> None:
        self._busy(False)  # Writes.on_read_failed then says why (Textual calls both handlers)

    def _busy(self, busy: bool) -> None:
        self.query_one("#insights-progress").display = busy
        self.query_one("#insights-loading").display = busy

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self.result = result = message.result
        self._busy(False)
        texts = {
            "range": range_text(result["range"]),
            "persistence": persistence_text(result["persistence"]),
            "red-flags": red_flags_text(result["red_flags"]),
            "triggers": triggers_text(result["triggers"]),
            "adjusted": adjusted_text(result["adjusted"], result["triggers"]),
            "interventions": interventions_text(result["interventions"]),
        }
        for name, text in texts.items():
            self.query_one(f"#insights-{name}", Static).update(text)


# --- the page, as markup -------------------------------------------------------------------


def range_text(span: dict[str, Any]) -> str:
    unknown = " On a day with only other entries the twitches are unknown, not 0."
    unknown = unknown if span.get("unanswered_days") else ""
    return f"{span['from']} to {span['to']}: {range_coverage(span)}.{unknown}"


def persistence_text(result: dict[str, Any]) -> str:
    from tracker.analysis.persistence import persistence_status_line

    colour = {"persistent": "$error", "watch": "$warning"}.get(result.get("status", ""), "$text")
    lines = ["[b]How long it has lasted[/b]", f"[b {colour}]{persistence_status_line(result)}[/]"]
    current, longest = result.get("current_run"), result.get("longest_run")
    if current:
        lines.append(f"Current run: {_run(current)}")
    if longest and longest != current:
        lines.append(f"Longest run: {_run(longest)}")
    if result.get("recurrent"):
        lines.append("Recurrent: twitching in at least 3 calendar months in a row.")
    return "\n".join(lines)


def _run(run: dict[str, Any]) -> str:
    return f"{run['start']} to {run['end']} ({plural_days(run['days'])}, {run['active_days']} with twitching)"


def red_flags_text(flags: list[dict[str, Any]]) -> str:
    """Logged flags first, then the ones the episodes suggest (analyze keeps that order)."""
    if not flags:
        return "[b]Red flags[/b]\nnone"
    lines = ["[b]Red flags[/b] — signs to show a doctor"]
    for flag in flags:
        source = "you logged it" if flag["source"] == LOGGED else SUGGESTED
        note = f": {escape(flag['note'])}" if flag.get("note") else ""
        lines.append(f"[$error]•[/] {flag['date']}  [b]{escape(flag['name'])}[/b] ({source}){note}")
    return "\n".join(lines)


def triggers_text(entries: list[dict[str, Any]]) -> str:
    from tracker.analysis.config import AnalysisConfig

    alpha = AnalysisConfig().alpha
    lines = ["[b]Possible triggers[/b] — an association is not proof of cause"]
    if not entries:
        return "\n".join([*lines, "no factors logged yet"])
    tested = sorted((e for e in entries if e["q_value"] is not None), key=lambda e: e["q_value"])
    if tested:
        lines.append(f"({q_words(len(tested), alpha)}.)")
    associations = [e for e in tested if e["association"]]
    for entry in associations:
        facts = f"{entry['confidence']}, {plural_days(entry['n_days'])}, {chance_text('q', entry['q_value'])}"
        lines += [f"[b $accent]{_label(entry)}[/]: {facts}", f"  {escape(entry['summary'])}"]
    if not associations:
        lines.append("No factor goes with more or fewer twitches clearly enough yet.")
    chance = [e for e in tested if not e["association"]]
    if chance:
        lines.append("No clear association (could be chance):")
        lines += [f"  {_label(e)}: {_ratio(e)}, {chance_text('q', e['q_value'])}" for e in chance]
    lines += [f"  {escape(e['summary'])}" for e in entries if e["q_value"] is None]
    return "\n".join(lines)


def _label(entry: dict[str, Any]) -> str:
    when = "same day" if entry["lag_days"] == 0 else "day before"
    return f"{escape(entry['name'])}, {when}"


def _ratio(entry: dict[str, Any]) -> str:
    per = "yes vs no" if entry["per"] == "yes vs no" else f"per {entry['per']}"
    low, high = rounded(entry["ci_low"], 2), rounded(entry["ci_high"], 2)
    return f"{rounded(entry['rate_ratio'], 2)}{TIMES} {per} (95% CI {low}{DASH}{high})"


def adjusted_text(entries: list[dict[str, Any]], triggers: list[dict[str, Any]]) -> str:
    if not entries:
        return "[b]Adjusted for each other[/b]\nnot enough data for a combined model yet"
    names = {entry["factor"]: entry["name"] for entry in triggers}
    lines = [f"[b]Adjusted for each other[/b] — same day, {plural_days(entries[0]['n_days'])} with every factor logged"]
    lines += [f"  {escape(names.get(e['factor'], e['factor']))}: {_ratio(e)}, p = {e['p_value']:.2g}" for e in entries]
    return "\n".join(lines)


def interventions_text(items: list[dict[str, Any]]) -> str:
    lines = ["[b]Interventions[/b]"]
    lines += [f"  {escape(item['summary'])}" for item in items] or ["  none (`tracker intervention start` adds one)"]
    return "\n".join(lines)

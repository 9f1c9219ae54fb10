"""Insights: what `tracker analyze` says, on one page.

The analysis imports pandas and statsmodels and fits the trigger model (a second or two on
a few months of diary), so it runs in a thread worker behind a loading indicator and comes
back as AnalysisReady. A logged sign that cannot wait (drooping or weakness on one side, slurred
speech, trouble swallowing) comes first, with what to do about it. Otherwise the page follows the
report's order: how long it has lasted, red flags,
possible triggers (the primary model's estimates, associations first, each saying it is not
proof of cause) and interventions. The words are tracker.report.wording's, as in the CLI and PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static

from tracker.analysis.text import range_coverage
from tracker.report.wording import (
    estimate_line,
    persistence_lines,
    red_flag_advice_lines,
    red_flag_parts,
    trigger_lines,
    urgent_first,
)
from tracker.tui.messages import AnalysisReady, ReadFailed
from tracker.tui.screen_keys import screen_keys
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.widgets.notice_line import NoticeLine
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from tracker.tui.diary import Diary

SECTIONS = ("range", "persistence", "red-flags", "triggers", "interventions", "medications")
NOT_A_DIAGNOSIS = "This app keeps a diary; it does not diagnose. If something worries you, see a doctor."


class InsightsScreen(Writes, Screen[None]):
    TITLE = "Insights"
    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys("insights"),
        Binding("r", "analyse", "Recompute"),
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
        yield NoticeLine()
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
            "red-flags": red_flags_text(result["red_flags"], result["as_of"]),
            "triggers": triggers_text(result),
            "interventions": interventions_text(result["interventions"]),
            "medications": medications_text(result.get("medications") or []),
        }
        for name, text in texts.items():
            self.query_one(f"#insights-{name}", Static).update(text)
        # A sign that cannot wait is the first thing on the page, above how long it has lasted.
        urgent, _ = urgent_first(result["red_flags"])
        page = self.query_one("#insights", VerticalScroll)
        flags, first = self.query_one("#insights-red-flags"), page.children[0]
        if urgent and first is not flags:
            page.move_child(flags, before=first)
        elif not urgent and first is flags:  # recomputed after the flag was deleted: back in its place
            page.move_child(flags, after=self.query_one("#insights-persistence"))


# --- the page, as markup -------------------------------------------------------------------


def range_text(span: dict[str, Any]) -> str:
    unknown = " On a day with only other entries the twitches are unknown, not 0."
    unknown = unknown if span.get("unanswered_days") else ""
    return f"{span['from']} to {span['to']}: {range_coverage(span)}.{unknown}"


def persistence_text(result: dict[str, Any]) -> str:
    """The persistence lines every reader shows (tracker.report.wording), the status coloured."""
    colour = {"persistent": "$error", "watch": "$warning"}.get(result.get("status", ""), "$text")
    status, *rest = persistence_lines(result)
    return "\n".join(["[b]How long it has lasted[/b]", f"[b {colour}]{status}[/]", *map(escape, rest)])


def red_flags_text(flags: list[dict[str, Any]], as_of: str) -> str:
    """Logged signs that cannot wait first, with the emergency line under them (as the report's
    box has them); then the other logged flags and the ones the episodes suggest, in analyze's
    order, and what to do about the rest."""
    if not flags:
        return "[b]Red flags[/b]\nnone"
    urgent, rest = urgent_first(flags)
    # What to do about the signs logged, graded as `tracker log redflag` and the checklist say it
    # (suggested ones are patterns, not signs the person reported, so they get no advice).
    advice = [escape(line) for line in red_flag_advice_lines(flags, as_of)]
    emergency = [f"[b $error]{advice.pop(0)}[/]"] if urgent else []
    lines = ["[b]Red flags[/b] — signs to show a doctor"]
    lines += [_flag_line(flag) for flag in urgent] + emergency + [_flag_line(flag) for flag in rest]
    return "\n".join(lines + advice)


def _flag_line(flag: dict[str, Any]) -> str:
    when, name, source, note = red_flag_parts(flag)  # the words every reader uses
    said = f": {escape(note)}" if note else ""
    return f"[$error]•[/] {when}  [b]{escape(name)}[/b] ({source}){said}"


def triggers_text(result: dict[str, Any]) -> str:
    """The model's estimates in the words of tracker.report.wording (the CLI and the PDF say the
    same), escaped, with the associations picked out."""
    lines = ["[b]Possible triggers[/b] — one model, every factor together; an association is not proof of cause"]
    for line in trigger_lines(result):
        text = escape(line)
        lines.append(f"[b $accent]{text}[/]" if any(line == estimate_line(e) for e in _found(result)) else text)
    return "\n".join(lines)


def _found(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for entry in result.get("triggers") or [] if entry["association"]]


def medications_text(lines: list[str]) -> str:
    """The medication list in the report's words (tracker.report.medication_words), a new
    medicine marked as such: what `analyze` and the PDF say too."""
    return "\n".join(["[b]Medications[/b]", *(f"  {escape(line)}" for line in lines)])


def interventions_text(items: list[dict[str, Any]]) -> str:
    lines = ["[b]Interventions[/b]"]
    lines += [f"  {escape(item['summary'])}" for item in items] or ["  none (`tracker intervention start` adds one)"]
    return "\n".join(lines)

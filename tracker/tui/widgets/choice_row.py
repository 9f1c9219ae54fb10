"""A row of single-key choices with the current one highlighted: `[u] upper-lip  [l] lower-lip`."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ChoiceRow(Static):
    """Shows every (key, label) pair; `value` is the label of the chosen one."""

    DEFAULT_CSS = """
    ChoiceRow { height: auto; }
    """

    def __init__(self, label: str, choices: list[tuple[str, str]], value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.choices = choices
        self.value = value

    def on_mount(self) -> None:
        self._render_choices()

    def choose(self, value: str) -> None:
        self.value = value
        self._render_choices()

    def _render_choices(self) -> None:
        text = Text(f"{self.label:<10}")
        for key, label in self.choices:
            chosen = label == self.value
            style = "bold reverse" if chosen else ""
            if key:
                text.append(f"{key} ", style="bold" if not chosen else style)
            text.append(f"{label}" if key else f" {label} ", style=style)
            text.append("  ")
        self.update(text)

"""A row of single-key choices with the current one highlighted: `[u] upper-lip  [l] lower-lip`."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

INDENT = 10  # the field's name, then its choices


class ChoiceRow(Static):
    """Shows every (key, label) pair; `value` is the label of the chosen one."""

    DEFAULT_CSS = """
    ChoiceRow { height: auto; }
    """

    def __init__(
        self,
        label: str,
        choices: list[tuple[str, str]],
        value: str,
        *,
        unchosen: str = "(unspecified)",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.unchosen = unchosen  # what the row says while none is chosen
        self.label = label
        self.choices = choices
        self.value = value

    def on_mount(self) -> None:
        self._render_choices()

    def choose(self, value: str) -> None:
        self.value = value
        self._render_choices()

    def on_resize(self) -> None:
        self._render_choices()

    def _render_choices(self) -> None:
        # Wrapped here, not by the terminal's width alone: a key stays with its label ("h chin",
        # never "h" at the end of one line and "chin" on the next) and a second line starts
        # under the first choice, not under the field's name.
        width = self.size.width or self.app.size.width
        text = Text(f"{self.label:<{INDENT}}")
        used = INDENT
        for key, label in self.choices:
            chosen = label == self.value
            style = "bold reverse" if chosen else ""
            choice = Text()
            if key:
                choice.append(f"{key} ", style="bold" if not chosen else style)
            choice.append(label if key else f" {label} ", style=style)
            if used > INDENT and used + choice.cell_len > width:
                text.append("\n" + " " * INDENT)
                used = INDENT
            text.append_text(choice)
            text.append("  ")
            used += choice.cell_len + 2
        if not any(label == self.value for _, label in self.choices):
            # Nothing chosen is an answer too; a key pressed again comes back here.
            if used + len(self.unchosen) > width:
                text.append("\n" + " " * INDENT)
            text.append(self.unchosen, style="italic")
        self.update(text)

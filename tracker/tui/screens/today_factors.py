"""The Today screen's factor keys: caffeine, water, sleep, stress, magnesium, any factor.

A mixin so today.py stays readable; it relies on TodayScreen's `diary`, `day`, `view`
and `write`. Its forms are imported when first opened, not before the first frame.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tracker.formatting import format_number
from tracker.tui.messages import EntrySaved

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.message import Message

    from tracker.models import Factor
    from tracker.tui.diary import DayView, Diary


class FactorLogging:
    diary: Diary
    day: dt.date
    view: DayView | None
    if TYPE_CHECKING:
        app: object

        def write(self, job: Callable[[], Message]) -> None: ...
        def notify(self, message: str, **kwargs: object) -> None: ...
        async def day_ready(self) -> bool: ...

    def _factor(self, name: str) -> Factor | None:
        if self.view is None:
            return None
        found = next((f for f in self.view.factors.values() if f.name == name), None)
        if found is None:
            self.notify(f"There is no {name} factor in this database.")
        return found

    def log_value(self, factor: Factor, value: float, note: str = "", *, date_only: bool = False) -> None:
        """One entry for `factor` on the day shown: timed now today, date-only on other days."""
        from tracker.models import FactorEntryCreate  # loaded with the database before any entry

        day = self.day
        today = day == self.diary.today() and not date_only
        entry_in = FactorEntryCreate(
            factor=factor.name, value=value, note=note,
            at=self.diary.now() if today else None, date=None if today else day,
        )  # fmt: skip

        def job() -> EntrySaved:
            entry = self.diary.add_factor_entry(entry_in)
            unit = f" {factor.unit}" if factor.unit else ""
            return EntrySaved(entry.local_date, f"{factor.name} {format_number(entry.value)}{unit} added")

        self.write(job)

    async def ask_value(self, factor: Factor) -> None:
        """The quickest way to a value for this factor: presets, a key, or a number."""
        from tracker.tui.screens.number_form import NumberForm
        from tracker.tui.screens.preset_picker import PresetPicker
        from tracker.tui.screens.sleep_form import SleepForm
        from tracker.tui.screens.stress_picker import StressPicker

        presets = [p for p, f in (self.view.presets if self.view else []) if f.id == factor.id]
        if factor.name == "sleep":
            await self.app.push_screen(  # type: ignore[attr-defined]
                SleepForm(wake_day=self.day),
                lambda result: result and self.log_value(factor, result[0], result[1], date_only=True),
            )
        elif factor.name == "stress":
            await self.app.push_screen(  # type: ignore[attr-defined]
                StressPicker(), lambda level: level is not None and self.log_value(factor, level)
            )
        elif presets:
            await self.app.push_screen(  # type: ignore[attr-defined]
                PresetPicker(factor=factor, presets=presets),
                lambda amount: amount is not None and self.log_value(factor, amount),
            )
        else:
            await self.app.push_screen(
                NumberForm(factor=factor),
                lambda value: value is not None and self.log_value(factor, value),
            )  # type: ignore[attr-defined]

    async def action_log_caffeine(self) -> None:
        if await self.day_ready() and (factor := self._factor("caffeine")):
            await self.ask_value(factor)

    async def action_log_water(self) -> None:
        if await self.day_ready() and (factor := self._factor("water")):
            await self.ask_value(factor)

    async def action_log_sleep(self) -> None:
        if await self.day_ready() and (factor := self._factor("sleep")):
            await self.ask_value(factor)

    async def action_log_stress(self) -> None:
        if await self.day_ready() and (factor := self._factor("stress")):
            await self.ask_value(factor)

    async def action_log_magnesium(self) -> None:
        """Repeat the last dose in one key; ask for a dose the first time."""
        factor = self._factor("magnesium") if await self.day_ready() else None
        if factor is None or self.view is None:
            return
        if self.view.last_magnesium is None:
            from tracker.tui.screens.number_form import NumberForm

            await self.app.push_screen(
                NumberForm(factor=factor),
                lambda value: value is not None and self.log_value(factor, value),
            )  # type: ignore[attr-defined]
        else:
            self.log_value(factor, self.view.last_magnesium)

    async def action_log_factor(self) -> None:
        if not await self.day_ready() or self.view is None:
            return
        from tracker.tui.screens.factor_picker import FactorPicker

        await self.app.push_screen(  # type: ignore[attr-defined]
            FactorPicker(list(self.view.factors.values())),
            lambda factor: factor and self.ask_value(factor),
        )

    def edit_factor_entry(self, entry_id: int) -> None:
        if self.view is None:
            return
        from tracker.tui.screens.number_form import NumberForm

        entry = next(e for e in self.view.summary.entries if e.id == entry_id)
        factor = self.view.factors[entry.factor_id]

        def replace(value: float | None) -> None:
            if value is None:
                return
            from tracker.models import FactorEntryCreate

            entry_in = FactorEntryCreate(
                factor=factor.name, value=value, note=entry.note,
                at=entry.local_at, date=None if entry.local_at else entry.local_date,
            )  # fmt: skip
            self.write(
                lambda: EntrySaved(
                    self.diary.replace_factor_entry(entry_id, entry_in).local_date,
                    f"{factor.name} updated",
                )
            )

        self.app.push_screen(NumberForm(factor=factor, value=entry.value), replace)  # type: ignore[attr-defined]

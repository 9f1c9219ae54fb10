"""The Today screen's factor keys: caffeine, water, sleep, stress, magnesium, any factor.

A mixin so today.py stays readable; it relies on TodayScreen's `diary`, `day`, `view`
and `write`. Its forms are imported when first opened, not before the first frame. A save
that fails reopens the form it came from with the value kept.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tracker.core.factor_rules import one_figure_a_day
from tracker.core.formatting import amount_words, factor_words, format_number, which_day
from tracker.core.ids import FACTOR_ENTRY, format_id
from tracker.tui.messages import EntrySaved
from tracker.tui.screens.today_parts import TodayParts

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from tracker.storage.models import Factor
    from tracker.tui.day_so_far import DaySoFar


class FactorLogging(TodayParts):
    def _so_far(self, factor: Factor, day: dt.date) -> DaySoFar:
        """The day shown's entries of `factor`, for a form to say what one more makes of the day."""
        from tracker.tui.day_so_far import DaySoFar

        values = [e.value for e in self._entries_of(factor)] if day == self.day else []
        when = which_day(day, today=self.diary.today())
        one_figure = one_figure_a_day(factor)
        return DaySoFar(factor.name, factor.unit, factor.kind, factor.daily_rule, values, when, one_figure)

    def _factor(self, name: str) -> Factor | None:
        if self.view is None:
            return None
        found = next((f for f in self.view.factors.values() if f.name == name), None)
        if found is None:
            self.notify(f"There is no {factor_words(name)} factor in this database.")
        return found

    def log_value(
        self,
        factor: Factor,
        value: float,
        note: str = "",
        *,
        day: dt.date,
        date_only: bool = False,
        in_place: bool = False,
        again: Callable[[str], object],
    ) -> None:
        """One entry for `factor` on `day` (the day shown when its form opened, even if the
        screen has moved on since): timed now today, date-only on other days; with `in_place`,
        in place of the day's entries of the factor. If it cannot be saved, `again(reason)`
        reopens the form it came from."""
        from tracker.storage.models import FactorEntryCreate  # loaded with the database before any entry

        today = day == self.diary.today() and not date_only
        entry_in = FactorEntryCreate(
            factor=factor.name, value=value, note=note,
            at=self.diary.now() if today else None, date=None if today else day,
        )  # fmt: skip

        def job() -> EntrySaved:
            entry = self.diary.add_factor_entry(entry_in, in_place=in_place)
            text = f"{factor_words(factor.name)} {amount_words(entry.value, factor.unit, factor.kind)}"
            text += " in place of the day's (u undoes it)" if in_place else " added"
            return EntrySaved(entry.local_date, text, row=format_id(FACTOR_ENTRY, entry.id or 0))

        self.write(job, keep=again)

    async def ask_value(self, factor: Factor, problem: str = "", typed: Any = None, *, day: dt.date) -> None:
        """The quickest way to a value for this factor on `day`: presets, a key, or a number.
        `typed` fills the form again after a failed save, with `problem` saying why."""
        await self.app.push_screen(*self._value_form(factor, problem, typed, day))

    def _value_form(
        self, factor: Factor, problem: str, typed: Any, day: dt.date
    ) -> tuple[Screen[Any], Callable[[Any], None]]:
        from tracker.tui.screens.number_form import NumberForm
        from tracker.tui.screens.preset_picker import PresetPicker
        from tracker.tui.screens.sleep_form import SleepForm, already_logged
        from tracker.tui.screens.stress_picker import StressPicker

        def again(value: Any) -> Callable[[str], object]:
            return lambda reason: self.ask_value(factor, reason, value, day=day)

        so_far = self._so_far(factor, day)
        form: SleepForm | StressPicker | NumberForm

        def in_place() -> bool:
            """Enter on a one-figure factor's day that has one puts the value in its place; `+` adds it."""
            return so_far.asks() and not form.adds

        def save(value: float | None) -> None:
            if value is not None:
                self.log_value(factor, value, day=day, in_place=in_place(), again=again(value))

        presets = [p for p, f in (self.view.presets if self.view else []) if f.id == factor.id]
        if factor.name == "sleep":

            def save_sleep(result: tuple[float, str] | None) -> None:
                if result is not None:
                    hours = format_number(result[0])
                    self.log_value(factor, *result, day=day, date_only=True, in_place=in_place(), again=again(hours))

            already = already_logged([(e.value, e.note) for e in self._entries_of(factor)])
            form = SleepForm(
                wake_day=day, factor=factor, hours=typed or "", problem=problem, already=already, so_far=so_far,
            )  # fmt: skip
            return form, save_sleep
        if factor.name == "stress" and typed is None:
            form = StressPicker(when=so_far.when, so_far=so_far)
            return form, save
        if presets:

            def save_drink(result: tuple[float, str] | None) -> None:
                if result is not None:  # the drink's name is the note, as on the command line
                    self.log_value(factor, result[0], result[1], day=day, again=again(result[0]))

            amount = format_number(typed)
            picker = PresetPicker(factor=factor, presets=presets, amount=amount, problem=problem, so_far=so_far)
            return picker, save_drink
        form = NumberForm(factor=factor, value=typed, problem=problem, so_far=so_far)
        return form, save

    async def action_log_caffeine(self) -> None:
        if await self.day_ready() and (factor := self._factor("caffeine")):
            await self.ask_value(factor, day=self.day)

    async def action_log_water(self) -> None:
        if await self.day_ready() and (factor := self._factor("water")):
            await self.ask_value(factor, day=self.day)

    async def action_log_sleep(self) -> None:
        if await self.day_ready() and (factor := self._factor("sleep")):
            await self.ask_value(factor, day=self.day)

    async def action_log_stress(self) -> None:
        if await self.day_ready() and (factor := self._factor("stress")):
            await self.ask_value(factor, day=self.day)

    async def action_log_magnesium(
        self, problem: str = "", typed: float | str | None = None, day: dt.date | None = None
    ) -> None:
        """The latest dose up to the day shown, saved by Enter or `g` again; the dose is asked the first time."""
        from tracker.tui.screens.number_form import NumberForm

        factor = self._factor("magnesium") if await self.day_ready() else None
        if factor is None or self.view is None:
            return
        day = day or self.day
        last = self.view.last_magnesium
        dose = typed if typed is not None else last
        heading = f"[b]Magnesium[/b] — your latest dose was {format_number(last)} {factor.unit}" if last else ""

        def save(value: float | None) -> None:
            if value is not None:
                self.log_value(
                    factor, value, day=day, again=lambda reason: self.action_log_magnesium(reason, value, day)
                )

        # `g` again confirms, with or without a dose to repeat: with none, it says what to type
        # rather than type a "g" into the empty box (a key that writes does one thing each time).
        so_far = self._so_far(factor, day)
        form = NumberForm(factor=factor, value=dose, heading=heading, again="g", problem=problem, so_far=so_far)
        await self.app.push_screen(form, save)

    async def action_log_factor(self) -> None:
        if not await self.day_ready() or self.view is None:
            return
        from tracker.tui.screens.factor_picker import FactorPicker

        day = self.day
        await self.app.push_screen(
            FactorPicker(list(self.view.factors.values())),
            lambda factor: factor and self.ask_value(factor, day=day),
        )

    def _entries_of(self, factor: Factor) -> list[Any]:
        """The day shown's entries of `factor`, oldest first."""
        return [e for e in self.view.summary.entries if e.factor_id == factor.id] if self.view else []

    def edit_factor_entry(self, entry_id: int, problem: str = "", typed: float | str | None = None) -> None:
        if self.view is None:
            return
        from tracker.tui.screens.number_form import NumberForm

        entry = next((e for e in self.view.summary.entries if e.id == entry_id), None)
        if entry is None:
            return
        factor = self.view.factors[entry.factor_id]
        if factor.name == "sleep":
            self._edit_sleep(entry, factor, problem, typed)
            return

        presets = [p for p, f in self.view.presets if f.id == factor.id]

        def save(value: float | None, note: str | None = None) -> None:
            if value is None or (value == entry.value and note in (None, entry.note)):
                return
            self.write(
                lambda: EntrySaved(
                    self.diary.update_factor_entry(entry_id, value, note).local_date,
                    f"{factor_words(factor.name)} updated",
                    row=format_id(FACTOR_ENTRY, entry_id),
                ),
                keep=lambda reason: self.edit_factor_entry(entry_id, reason, value),
            )

        value = entry.value if typed is None else typed
        if not presets:
            self.app.push_screen(NumberForm(factor=factor, value=value, problem=problem), save)
            return
        from tracker.tui.screens.preset_picker import PresetPicker, drink_note

        def save_drink(result: tuple[float, str] | None) -> None:
            if result is None:
                return
            amount, drink = result
            # A drink picked is the new note; an amount typed leaves a note that named the old
            # drink ("2 × coffee" over 50 mg would contradict it), and keeps any other note.
            stale = drink_note(entry.note, presets) and amount != entry.value
            save(amount, drink or ("" if stale else entry.note))

        heading = f"Edit {factor_words(factor.name)}" + (f" — {entry.note}" if entry.note else "")
        amount = value if isinstance(value, str) else format_number(value)  # str: as typed before a refusal
        picker = PresetPicker(factor=factor, presets=presets, amount=amount, problem=problem, heading=heading)
        self.app.push_screen(picker, save_drink)

    def _edit_sleep(self, entry: Any, factor: Factor, problem: str, typed: float | str | None) -> None:
        """Sleep is edited in the form it was logged with (6h10, 6:10, bed and wake), and new
        hours replace the old bed and wake times in its note rather than contradict them."""
        from tracker.tui.screens.sleep_form import LOGGED_TIMES, SleepForm, edited_note, hours_text

        def save(result: tuple[float, str] | None) -> None:
            if result is None:
                return
            hours, bed_and_wake = result
            # The same hours typed again leave the bed and wake times they came from in place.
            note = entry.note if hours == entry.value and not bed_and_wake else edited_note(entry.note, bed_and_wake)
            if hours == entry.value and note == entry.note:
                return
            self.write(
                lambda: EntrySaved(
                    self.diary.update_factor_entry(entry.id, hours, note).local_date,
                    f"{factor_words(factor.name)} updated",
                    row=format_id(FACTOR_ENTRY, entry.id),
                ),
                keep=lambda reason: self.edit_factor_entry(entry.id, reason, hours_text(hours)),
            )

        hours = typed if isinstance(typed, str) else hours_text(entry.value if typed is None else typed)
        times = LOGGED_TIMES.search(entry.note) if typed is None else None
        if times:  # logged as bed and wake times: edited as them
            form = SleepForm(wake_day=entry.local_date, factor=factor, bed=times["bed"], wake=times["wake"])
        else:
            form = SleepForm(wake_day=entry.local_date, factor=factor, hours=hours, problem=problem)
        self.app.push_screen(form, save)

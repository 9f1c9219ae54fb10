"""The Today screen's entry keys: twitches, "no twitches", red flags, the day note, the onset
date, edit, delete and undo.

A mixin so today.py stays readable; it relies on TodayScreen's `diary`, `day`, `view`,
`write` and `day_ready`. Every key that writes at once asks first (Confirm), and every form
whose save fails reopens with what was typed (the `keep` of tracker.tui.writing).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.markup import escape

from tracker.core.formatting import (
    no_twitches_replaced,
    plural,
    report_date,
    twitch_words,
    twitches_so_far,
    which_day,
)
from tracker.core.ids import DAY, EPISODE, FACTOR_ENTRY, format_id, parse_id
from tracker.tui.messages import (
    EntriesDeleted,
    EntriesRestored,
    EntrySaved,
    EpisodeSaved,
    OnsetRead,
    RedFlagsSaved,
)
from tracker.tui.screens.today_parts import TodayParts
from tracker.tui.widgets.day_table import DayTable

if TYPE_CHECKING:
    from tracker.storage.models import EpisodeCreate

EDITABLE = ("started_at", "location", "side", "intensity", "duration_s", "note", "also_sites")  # the twitch form's


class EntryKeys(TodayParts):
    def init_entry_keys(self) -> None:
        self._undo_cursor: tuple[int, str] | None = None  # the last delete's action, and its first entry

    # --- twitches ----------------------------------------------------------------------------

    async def action_log_twitch(self) -> None:
        if not await self.day_ready() or self.view is None:
            return
        location, side, intensity = self.view.episode_defaults
        await self._twitch_form(
            started_at=self.diary.moment_on(self.day),
            location=location,
            side=side,
            intensity=intensity,
            also_sites=self.view.repeated_sites,  # the latest twitch's whole set of sites, as `tracker log twitch`
            sites_repeated=True,
        )

    async def _twitch_form(self, problem: str = "", **values: Any) -> None:
        from tracker.tui.screens.episode_form import EpisodeForm  # forms load on first use, after the first frame

        so_far = self._twitches_line()
        form = EpisodeForm(problem=problem, defaults_for=self.diary.episode_defaults, so_far=so_far, **values)
        await self.app.push_screen(form, self._save_episode)

    def _twitches_line(self) -> str:
        """The day shown's twitches in one line, for the form that logs another."""
        if self.view is None:
            return ""
        summary = self.view.summary
        twitches = [(e.location, e.side, e.local_started_at) for e in summary.episodes]
        return twitches_so_far(summary.date, twitches, today=self.diary.today(), checked_in=summary.checked_in)

    def _save_episode(self, episode_in: EpisodeCreate | None) -> None:
        if episode_in is None:
            return

        def job() -> EpisodeSaved:
            # A twitch logged on a day answered "no twitches" is real: it is saved as the command
            # line saves it, the store withdraws the answer with it (one action, one undo), and
            # the notice says so in the command line's words.
            day = episode_in.started_at.date()
            replaced = self.diary.answered_no_twitches(day)
            episode = self.diary.add_episode(episode_in)
            at = episode.local_started_at
            also = [(str(place), str(side)) for place, side in episode_in.also_sites]
            what = twitch_words(episode.location, episode.side, episode.intensity, episode.duration_s, also)
            text = f"Twitch saved: {at:%H:%M} {what}"
            if replaced:
                text += f" ({no_twitches_replaced(day, today=self.diary.today())})"
            row = format_id(EPISODE, episode.id or 0)
            return EpisodeSaved(episode.local_date, text, episode_id=episode.id or 0, row=row)

        self.write(job, keep=lambda problem: self._twitch_form(problem, **_form_values(episode_in)))

    def action_edit(self) -> None:
        self.follow_clock()
        entry = self.query_one(DayTable).selected_id()
        if entry is None or self.view is None:
            return
        ref = parse_id(entry)
        if ref.kind == EPISODE:
            episode = next(e for e in self.view.summary.episodes if e.id == ref.key)
            before = {
                "started_at": episode.local_started_at, "location": episode.location, "side": episode.side,
                "intensity": episode.intensity, "duration_s": episode.duration_s, "note": episode.note,
                "also_sites": [tuple(site) for site in self.view.summary.further.get(episode.id or 0, ())],
            }  # fmt: skip
            self._edit_form(episode.id or 0, before, before)
        elif ref.kind == FACTOR_ENTRY and isinstance(ref.key, int):  # always an int: only d ids hold a date
            self.edit_factor_entry(ref.key)
        else:
            self.notify("Red flags and check-ins can be deleted (Delete) but not edited.")

    def _edit_form(self, episode_id: int, before: dict[str, Any], shown: dict[str, Any], problem: str = "") -> None:
        from tracker.tui.screens.episode_form import EpisodeForm

        form = EpisodeForm(heading="Edit twitch", problem=problem, **shown)
        self.app.push_screen(form, lambda changed: self._update_episode(episode_id, before, changed))

    def on_data_table_row_selected(self, _event: object) -> None:
        self.action_edit()

    def _update_episode(self, episode_id: int, before: dict[str, Any], changed: EpisodeCreate | None) -> None:
        if changed is None:
            return
        from tracker.storage.models import EpisodeUpdate

        # Only what the person changed: the fields the form does not show (context and relief
        # tags) and the ones left alone are not part of the update, so they stay as they were.
        after = _form_values(changed)
        changes = EpisodeUpdate(**{k: v for k, v in after.items() if v != before[k]})
        if not changes.model_fields_set:
            self.notify("Nothing changed.", timeout=2)
            return
        self.write(
            lambda: EpisodeSaved(
                self.diary.update_episode(episode_id, changes).local_date,
                "Twitch updated",
                row=format_id(EPISODE, episode_id),
            ),
            keep=lambda problem: self._edit_form(episode_id, before, after, problem),
        )

    # --- "no twitches", red flags, the day's note ----------------------------------------------

    async def action_no_twitches(self) -> None:
        if not await self.day_ready() or self.view is None:
            return
        await ask_no_twitches(self, self.day, len(self.view.summary.episodes))

    async def action_red_flags(self) -> None:
        if await self.day_ready():
            await self._red_flag_form(self.day)

    async def _red_flag_form(self, day: dt.date, problem: str = "", ticked: tuple[str, ...] = ()) -> None:
        from tracker.tui.screens.red_flags import RedFlagChecklist

        logged = tuple(flag.kind for flag in self.view.summary.red_flags) if self.view else ()
        try:  # the answers already given show beside their questions, with the day they were given
            noes = await asyncio.to_thread(self.diary.checklist_noes, day)
        except Exception:  # the diary cannot be read now: the questions alone, as before any answer
            noes = {}
        checklist = RedFlagChecklist(
            ticked=ticked,
            logged=logged,
            noes=noes,
            problem=problem,
            when=which_day(day, today=self.diary.today()),
            day=day,
            today=self.diary.today(),
        )
        await self.app.push_screen(checklist, lambda kinds: self._save_red_flags(day, kinds, checklist.unchanged))

    def _save_red_flags(self, day: dt.date, kinds: list[str] | None, unchanged: bool = False) -> None:
        if kinds is None:  # cancelled: nothing was answered
            return
        if unchanged:  # every answer as it was already stored for the day: nothing to write
            self.notify("Nothing changed: the day's answers are as they were.", timeout=3)
            return
        if not kinds:  # saved with nothing ticked: "no" to every sign, kept for the doctor

            def answered_no() -> RedFlagsSaved:
                self.diary.add_red_flags(day, [])
                return RedFlagsSaved(day, "no red flags: your answers are saved")

            self.write(answered_no, keep=lambda problem: self._red_flag_form(day, problem))
            return
        from tracker.tui.screens.red_flag_alert import RedFlagAlert

        # The advice comes first, while the write happens behind it.
        when = which_day(day, today=self.diary.today())
        self.app.push_screen(RedFlagAlert(kinds, when=when, day=day, today=self.diary.today()))
        self.write(
            lambda: RedFlagsSaved(
                day,
                f"{plural(len(kinds), 'red flag')} saved",
                tuple(f.kind for f in self.diary.add_red_flags(day, kinds)),
            ),
            keep=lambda problem: self._red_flag_form(day, problem, tuple(kinds)),
        )

    async def action_day_note(self) -> None:
        if await self.day_ready() and self.view is not None:
            self._note_form(self.view.summary.note)

    def _note_form(self, text: str, problem: str = "") -> None:
        from tracker.tui.screens.note_form import NoteForm

        day = self.day
        checked_in = self.view is not None and self.view.summary.checked_in

        def save(note: str | None) -> None:
            if note is None:
                return

            def job() -> EntrySaved:
                self.diary.set_day_note(day, note)
                text = f"Note for {day:%a %d %b} " + ("saved" if note else "cleared")
                # The note is shown in the day's row once the day is checked in, else above the table.
                return EntrySaved(day, text, row=format_id(DAY, day) if checked_in else "")

            self.write(job, keep=lambda problem: self._note_form(note, problem))

        self.app.push_screen(NoteForm(day=day, note=text, problem=problem), save)

    # --- the onset date ----------------------------------------------------------------------

    async def action_onset(self) -> None:
        if await self.day_ready():
            self.read(lambda: OnsetRead(self.diary.onset()), group="onset")

    def on_onset_read(self, message: OnsetRead) -> None:
        self._onset_form(message.day)

    def _onset_form(self, given: dt.date | None, problem: str = "", typed: str = "") -> None:
        from tracker.tui.screens.onset_form import OnsetAnswer, OnsetForm

        day = self.day

        def save(answer: OnsetAnswer | None) -> None:
            if answer is None:
                return
            wanted = answer.day

            def job() -> EntrySaved:
                stored = self.diary.set_onset(wanted)
                text = f"Onset set to {report_date(stored)}" if stored else "Onset date forgotten"
                return EntrySaved(day, f"{text} (u undoes it)")

            typed = wanted.isoformat() if wanted else ""
            self.write(job, keep=lambda problem: self._onset_form(given, problem, typed))

        self.app.push_screen(OnsetForm(today=self.diary.today(), given=given, problem=problem, typed=typed), save)

    # --- delete and undo ---------------------------------------------------------------------

    def action_delete(self) -> None:
        from tracker.tui.screens.confirm import Confirm

        self.follow_clock()
        table = self.query_one(DayTable)
        entry = table.selected_id()
        if entry is None:
            return
        # From the cells as written (a label cut to its column reads as cut), with which one it is
        # when two read the same: two twitches at 08:00 must not leave the person guessing.
        label = table.label_of(entry)
        day = self.day

        def delete(yes: bool | None) -> None:
            if yes:
                self.write(lambda: EntriesDeleted(day, self.diary.delete([entry]), f"Deleted {label}"))

        question = f"[b]Delete[/b] {label} from {day:%a %d %b}?"
        self.app.push_screen(Confirm(question, keys="delete,backspace", key_label="Delete", yes="delete"), delete)

    def on_entries_deleted(self, message: EntriesDeleted) -> None:
        # Undone by its action (u, then u or Enter), the cursor goes back to the first of them.
        self._undo_cursor = (message.removed[0].action_id, message.removed[0].entry_id)
        self.notify(f"{message.text}. Press [b]u[/b] (or ctrl+z) to undo.", timeout=10)
        self.load()
        self.app.diary_written()

    async def action_undo(self) -> None:
        """Undo the last thing done, whatever it was and wherever (as `tracker undo`): it is
        named first, and undone on `u` again or Enter."""
        from tracker.tui.screens.confirm import Confirm

        if not await self.day_ready():
            return
        last = await asyncio.to_thread(self.diary.last_action)
        if last is None:
            self.notify("Nothing to undo: nothing has been logged, changed or deleted yet.")
            return
        action_id, done = last
        day = self.day

        def job() -> EntriesRestored:
            return EntriesRestored(day, f"Undone: {self.diary.undo(action_id)}")

        def undo(yes: bool | None) -> None:
            if not yes:
                return
            if self._undo_cursor and self._undo_cursor[0] == action_id:
                # The cursor goes back to what came back, not to whatever row now sits where it was.
                self.query_one(DayTable).select_next(self._undo_cursor[1])
            self.write(job, kept="")

        question = f"[b]Undo[/b] the last thing done: {escape(done)}?"
        await self.app.push_screen(Confirm(question, keys="u,ctrl+z", key_label="u", yes="undo"), undo)

    def on_entries_restored(self, message: EntriesRestored) -> None:
        self.notify(message.text, timeout=4)
        self.load()
        self.app.diary_written()


async def ask_no_twitches(screen: Any, day: dt.date, logged: int | None, *, keys: str = "n") -> None:
    """ "No twitches" for `day` (Today's day, or History's highlighted one), asked first and
    written by `screen` (a Writes screen), which gets EntrySaved; refused with a notice when
    the day has `logged` twitches. `keys`: the key that asked, which confirms too."""
    from tracker.tui.screens.confirm import Confirm

    if logged:
        screen.notify(
            f"{day:%a %d %b} has {plural(logged, 'twitch', 'twitches')} logged; "
            "no twitches is for a day without episodes."
        )
        return

    def job() -> EntrySaved:
        screen.diary.check_in(day)
        return EntrySaved(day, f"No twitches on {day:%a %d %b} — noted", row=format_id(DAY, day))

    async def ask(problem: str = "") -> None:
        question = f"[b]No twitches[/b] on {day:%A %d %B}?"
        await screen.app.push_screen(
            Confirm(question, keys=keys, yes="save", problem=problem),
            lambda yes: yes and screen.write(job, keep=ask),
        )

    await ask()


def _form_values(episode_in: EpisodeCreate) -> dict[str, Any]:
    """The fields the twitch form shows, as plain values (to compare, or to fill the form again)."""
    values = episode_in.model_dump(include=set(EDITABLE))
    values["location"], values["side"] = str(episode_in.location), str(episode_in.side)
    values["also_sites"] = [(str(place), str(side)) for place, side in episode_in.also_sites]
    return values

"""`tracker` with no command: the TUI in a terminal; today's summary and the help otherwise."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tracker.commands.context import Context

PASSPHRASE_TRIES = 3


def open_home(context: Context) -> int:
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        # Piped or redirected: a TUI would be unusable, so print what it would show.
        print(today_summary(context))
        print()
        context.parser.print_help()
        return 0
    if context.server_url is None:
        ask_for_the_key(context.db_path)  # before the app: the terminal's own prompt, never echoed
    from tracker.tui.app import make_app  # deferred: Textual costs ~150 ms, only for the TUI

    # The app paints first and opens the database in a thread worker (context.engine: the
    # database stack alone costs ~0.5 s to import, a migration more), so nothing heavy here.
    app = make_app(
        db_path=None if context.server_url else context.db_path, open_engine=context.engine, server=context.server_url
    )
    context.on_wait = app.write_waiting  # said on screen: stderr is hidden under the app
    context.may_prompt = False  # a server's password comes from ~/.pgpass or PGPASSWORD here
    app.run()
    if app.open_error is not None:
        raise app.open_error  # already shown in the app; cli.main says it in one line, with its exit code
    return app.return_code or 0


def ask_for_the_key(path: Path, tries: int = PASSPHRASE_TRIES) -> None:
    """An encrypted diary whose key is neither in the keyring nor in TRACKER_PASSPHRASE: ask for
    its passphrase (up to `tries` times, each wrong one said in a line) and keep the key in the
    keyring, as `tracker db unlock` does. WrongPassphrase after the last wrong one (exit code 2)."""
    import os

    from tracker.core.key_names import key_file_name

    if not os.path.isfile(key_file_name(path)):
        return  # one stat for a plain diary: the key handling (hashlib, hmac, ~4 ms) waits for a key file
    from tracker.storage.keys import NO_KEYRING, WrongPassphrase, is_encrypted, needs_passphrase

    if not is_encrypted(path) or not needs_passphrase(path):
        return
    import getpass

    from tracker.storage.cipher import unlock  # deferred: SQLCipher, only for an encrypted diary

    for attempt in range(1, tries + 1):
        try:
            kept = unlock(path, getpass.getpass(f"{path.name} is encrypted; its passphrase: "))
        except WrongPassphrase as wrong:
            if attempt == tries:
                raise
            left = tries - attempt
            print(f"tracker: {wrong} ({left} more {'try' if left == 1 else 'tries'})", file=sys.stderr)
            continue
        if not kept:
            print(f"tracker: {NO_KEYRING}", file=sys.stderr)
        return


def today_summary(context: Context) -> str:
    from tracker.core.formatting import amount_words, factor_words, intensity_words, place_words, plural
    from tracker.storage.queries import consecutive_active_days, day_summary

    today = context.now().date()
    with context.session(write=False, read_only=False) as session:
        summary = day_summary(session=session, day=today)
        streak = consecutive_active_days(session=session, as_of=today)
    lines = [f"Today, {today:%A %d %B %Y} — {context.db_name}"]
    if summary.episodes:
        lines.append(f"  twitches: {len(summary.episodes)}")
        for episode in summary.episodes:
            when = episode.local_started_at.strftime("%H:%M")
            sites = [(episode.location, episode.side), *summary.further.get(episode.id or 0, ())]
            where = " + ".join(place_words(*site) for site in sites)  # every site of a twitch at several
            lines.append(f"    {when} {where}, {intensity_words(episode.intensity)}")
    elif summary.twitches_answered:
        lines.append("  no twitches today")
    else:  # unknown, whatever else was logged: never "0"
        lines.append("  twitches: not logged yet (`tracker log twitch`, or `tracker log none` if there were none)")
    for total in summary.totals:
        amount = amount_words(total.value, total.factor.unit)
        entries = plural(total.entries, "entry", "entries")
        lines.append(f"  {factor_words(total.factor.name)}: {amount} from {entries}")
    if summary.unlogged:
        lines.append("  not logged yet: " + ", ".join(factor_words(f.name) for f in summary.unlogged))
    if summary.note:
        lines.append(f"  note: {summary.note}")
    if streak:
        lines.append(f"  days in a row with twitching: {streak}")
    return "\n".join(lines)

"""`tracker db backups` and `tracker db restore BACKUP|--latest|--date D`: the copies to go back
to, and going back to one (tracker.storage.backup_choice, tracker.storage.restore)."""

from __future__ import annotations

from tracker.commands.context import Context

# True of a diary begun today as of one begun earlier: the automatic copy skips the day a diary
# is begun (it would hold nothing the diary does not), so "the first write of each day makes one"
# was not true on day one.
NO_BACKUPS_YET = (
    "one is made on the first write of each day, from the day after the diary was begun; "
    "`tracker db backup` makes one now"
)


def list_copies(context: Context) -> int:
    from tracker.storage.backup_choice import backups_of, diary_identity
    from tracker.storage.diary_id import Identity

    mine = Identity()  # a server diary's copies are all its own (tracker.storage.server_backups)
    if context.server_url is not None:
        from tracker.storage.postgres import server_url
        from tracker.storage.server_backups import server_backups

        copies = server_backups(server_url(context.server_url))
    else:
        copies = backups_of(context.db_path)
        mine = diary_identity(context.db_path)
    if not copies:
        when = "one is made on the first write of each day" if context.server_url is not None else NO_BACKUPS_YET
        print(f"no backups of {context.db_name} yet: {when}")
        return 0
    for copy in reversed(copies):  # newest first: the one most likely wanted
        held = copy.contents.words() if copy.contents else "cannot be read"
        shared = "  (in the shared folder: may be another diary's of this name)" if copy.shared else ""
        kept = f"  ({copy.label()}; --latest and --date pass over it)" if copy.kind else ""
        if copy.contents is not None and not mine.owns(copy.diary_id, copy.taken):
            kept += "  (a copy of another diary)"
        print(f"{copy.taken.astimezone():%Y-%m-%d %H:%M}  {_size(copy.size):>8}  {held:<36}  {copy.path}{shared}{kept}")
    return 0


def restore_copy(context: Context) -> int:
    from tracker.core.when import parse_date
    from tracker.storage.backup_choice import AHEAD, ANOTHER_DIARY, choose_backup
    from tracker.storage.restore import restore_backup

    day = parse_date(context.args.date, today=context.now().date(), field="--date") if context.args.date else None
    if context.server_url is not None:
        from tracker.storage.postgres import server_url
        from tracker.storage.server_backups import choose_server_backup, restore_server

        url = server_url(context.server_url)
        chosen = choose_server_backup(url, context.db_name, named=context.args.backup, day=day)
        done = restore_server(url, context.engine(), chosen)
    else:
        from tracker.storage.in_use import refuse_if_in_use

        path = context.db_path
        refuse_if_in_use(path)  # before choosing, which reads the diary (and would leave its side files)
        choice = choose_backup(path, named=context.args.backup, day=day)
        for other in choice.passed_over:
            context.say(f"tracker: note: passed over {other}: {ANOTHER_DIARY}")
        for later in choice.ahead:
            context.say(f"tracker: note: passed over {later}: {AHEAD}")
        chosen = choice.path
        done = restore_backup(path, chosen, force=context.args.force)
        if done.key_note is not None:
            context.say(f"tracker: note: {done.key_note}")
    if done.saved is not None:
        print(f"the diary as it was is kept in {done.saved}")
    before = done.before.words() if done.before else "unreadable"
    print(f"restored {chosen.name}: before, {before}; now, {done.after.words()}")
    if done.before is not None and context.server_url is None:
        print(
            f"what differs: {'; '.join(done.changes)}"
            if done.changes
            else "what differs: nothing: the copy holds what the diary held"
        )
    return 0


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024**2 else f"{size / 1024**2:.1f} MB"

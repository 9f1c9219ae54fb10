"""The core never imports the UI, and quick commands never pay for the heavy libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ["pandas", "matplotlib", "statsmodels", "scipy", "textual", "alembic"]


def loaded_modules(code: str, env_db: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)), file=sys.__stderr__)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_DB": env_db},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["log", "twitch"], ["log", "caffeine", "95"], ["log", "drink", "coffee"], ["list"], ["export", "csv"]],
)
def test_quick_commands_leave_heavy_modules_out(tmp_path, argv: list[str]) -> None:
    db = str(tmp_path / "t.db")
    subprocess.run([sys.executable, "-m", "tracker", "--db", db, "db", "upgrade"], check=True, capture_output=True)
    code = f"from tracker.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    loaded = loaded_modules(code, db)
    assert not [name for name in HEAVY if name in loaded]


DATABASE_STACK = ["sqlalchemy", "sqlmodel", "pydantic", "alembic"]


@pytest.mark.parametrize(
    "argv", [["log", "twitch"], ["log", "caffeine", "95"], ["log", "none"], ["log", "note", "slept", "badly"]]
)
def test_the_commonest_logs_load_no_database_stack(tmp_path, argv: list[str]) -> None:
    """Typed many times a day (a shell alias): what `tracker` runs them with is the standard library."""
    db = str(tmp_path / "t.db")
    subprocess.run([sys.executable, "-m", "tracker", "--db", db, "db", "upgrade"], check=True, capture_output=True)
    code = f"import sys\nsys.argv = ['tracker', '--db', {db!r}, *{argv!r}]\n"
    code += "from tracker.quick import main\nassert main() == 0"
    loaded = loaded_modules(code, db)
    assert not [name for name in DATABASE_STACK if name in loaded]
    check = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", db, "undo"], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0 and check.stdout.strip(), check.stderr  # written, and journalled for undo


def test_core_modules_never_import_textual(tmp_path) -> None:
    code = (
        "import tracker.storage.models, tracker.storage.engine, tracker.storage.store, tracker.storage.queries,"
        " tracker.io.export, tracker.io.importer,"
        " tracker.analysis, tracker.storage.history"
    )
    loaded = loaded_modules(code, str(tmp_path / "t.db"))
    assert "textual" not in loaded and "pandas" not in loaded


def test_python_dash_m_tracker_runs(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("tracker ")


@pytest.mark.parametrize("argv", [[], ["--db", "DB"]])
def test_tracker_alone_goes_straight_to_the_app(tmp_path, argv: list[str]) -> None:
    """The installed command with no command loads the app and nothing of the command line's
    grammar or of the encryption keys (a plain diary): all of it was CPU before the first frame."""
    db = str(tmp_path / "t.db")
    subprocess.run([sys.executable, "-m", "tracker", "--db", db, "db", "upgrade"], check=True, capture_output=True)
    code = (
        "import io, sys\n"
        "class Terminal(io.StringIO):\n"
        "    def isatty(self): return True\n"
        "import tracker.tui.app\n"
        "tracker.tui.app.TrackerApp.run = lambda self, *args, **kwargs: None  # built, about to draw\n"
        "sys.stdin = sys.stdout = Terminal()\n"
        f"sys.argv = ['tracker', *{[db if arg == 'DB' else arg for arg in argv]!r}]\n"
        "from tracker.quick import main\n"
        "assert main() == 0\n"
    )
    loaded = loaded_modules(code, db)
    assert "tracker.tui.app" in loaded
    assert not {"argparse", "tracker.commands.parser", "tracker.storage.keys"} & loaded

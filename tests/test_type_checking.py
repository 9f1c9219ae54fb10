"""`make lint` type-checks the whole package strictly, and every place the checker is told to
look away names the error it silences and says why."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tracker"
EXPLAINED = re.compile(r"type: ignore\[[\w\-, ]+\]\s+#")  # the error code, then a comment


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    bare = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "type: ignore" in line and not EXPLAINED.search(line)
    ]
    assert bare == []


def test_the_type_checker_covers_every_module_strictly() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    checked = [ROOT / name for name in config["files"]]
    unchecked = [str(path.relative_to(ROOT)) for path in modules() if not any(path.is_relative_to(c) for c in checked)]
    assert unchecked == []
    assert config.get("strict") is True
    # Overrides only say which libraries publish no types: every module is checked by the same rules.
    own_rules = [o["module"] for o in config.get("overrides", []) if set(o) - {"module", "ignore_missing_imports"}]
    assert own_rules == []

"""Every import test runs on a fresh clone: the files it reads are in the repository, and
none is skipped for want of a file kept somewhere else."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from tests.apps.conftest import FIXTURES

APPS_TESTS = Path(__file__).parent
REPOSITORY = APPS_TESTS.parents[1]


def _modules() -> list[object]:
    return [importlib.import_module(f"tests.apps.{path.stem}") for path in sorted(APPS_TESTS.glob("test_*.py"))]


def _listed(marks: object) -> list[Any]:
    """A module's `pytestmark` may be one mark or a list of them."""
    return list(marks) if isinstance(marks, list | tuple) else [marks]


def test_no_import_test_can_be_skipped() -> None:
    skipping = []
    for module in _modules():
        marks = _listed(getattr(module, "pytestmark", []))
        for thing in vars(module).values():
            marks += _listed(getattr(thing, "pytestmark", []))
        skipping += [f"{module.__name__}: {mark.name}" for mark in marks if mark.name in ("skip", "skipif")]
    assert skipping == []


def test_every_file_an_import_test_names_is_in_the_repository() -> None:
    outside = [
        f"{module.__name__}.{name}"
        for module in _modules()
        for name, value in vars(module).items()
        if isinstance(value, Path) and not value.resolve().is_relative_to(REPOSITORY)
    ]
    assert outside == []


def test_every_fixture_says_where_it_came_from() -> None:
    folders = [folder.name for folder in FIXTURES.iterdir() if folder.is_dir()]
    assert {"apple_health", "bearable", "daylio", "fitbit", "flaredown", "loop", "oura"} <= set(folders)
    assert [name for name in folders if not (FIXTURES / name / "SOURCE.txt").is_file()] == []

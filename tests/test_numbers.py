"""A number is taken as written or refused: never a value nobody typed (1e-400 stored as 0)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize("typed", ["1e-400", "1_000", "９５", "95x", "infinity", "nan"])
def test_log_refuses_a_number_it_could_not_keep_as_written(cli, typed: str) -> None:
    result = cli("log", "caffeine", typed)
    assert result.code == 2 and result.err.count("\n") == 1 and "caffeine" in result.err
    assert cli("export", "csv").out.count("\n") <= 1  # nothing logged: the header at most


@pytest.mark.parametrize("typed", ["1e-400", "1_000", "９５"])
def test_import_refuses_the_same_cells(cli, tmp_path, typed: str) -> None:
    path = tmp_path / "daily.csv"
    path.write_text(f"date,tracked,caffeine_mg\n2026-11-20,1,{typed}\n", encoding="utf-8")
    result = cli("import", "csv", str(path))
    assert result.code == 2 and "caffeine_mg" in result.err and "line 2" in result.err


def test_plain_numbers_and_presets_still_log(cli) -> None:
    assert cli("log", "caffeine", "95").code == 0
    assert cli("log", "caffeine", "12.5").code == 0  # a bare amount under 1 mg asks for its unit (test_amounts)
    assert cli("log", "caffeine", "1e2").code == 0
    assert cli("log", "water", "glass").code == 0
    assert "caffeine 95 mg" in cli("list").out

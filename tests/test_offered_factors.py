"""Alcohol and nicotine, the other two a clinician asks about beside caffeine: offered when the
factors are listed, added by name alone when the person says so, never there unasked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_a_new_diary_offers_alcohol_and_nicotine_without_adding_them(cli) -> None:
    cli("log", "stress", "3")

    listed = cli("factor", "list").out

    assert "offered, not added: alcohol (units), nicotine (cigarettes or mg)" in listed
    names = [line.split()[0] for line in listed.splitlines()[1:] if line and not line.startswith(("not", "the", "off"))]
    assert "alcohol" not in names and "nicotine" not in names
    assert "alcohol" not in cli("export", "csv").out.splitlines()[0]


def test_the_name_alone_adds_an_offered_factor_logged_when_taken(cli) -> None:
    alcohol = cli("factor", "add", "alcohol")
    nicotine = cli("factor", "add", "nicotine", "--unit", "mg")

    assert alcohol.code == 0 and nicotine.code == 0, alcohol.err + nicotine.err
    assert "0–100 units, daily sum, not logged counts as none; CSV column alcohol_units" in alcohol.out
    assert "CSV column nicotine_mg" in nicotine.out
    assert cli("log", "alcohol", "3", "--date", "2026-11-22").code == 0
    assert "offered" not in cli("factor", "list").out
    header = cli("export", "csv").out.splitlines()[0]
    assert "alcohol_units" in header and "nicotine_mg" in header


def test_a_name_not_offered_still_needs_its_kind_in_one_line(cli) -> None:
    cli("log", "stress", "3")

    refused = cli("factor", "add", "beer")

    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1
    assert "--kind" in refused.err and "alcohol, nicotine" in refused.err

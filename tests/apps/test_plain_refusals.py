"""Small things an import says: what a path is when it is no file, a mapping key the item
cannot use, and counts in words ("2 twitches")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

STATICF0X = FIXTURES / "daylio" / "staticf0x_test_data.csv"


@pytest.mark.parametrize("app", ["daylio", "oura", "apple-health", "loop", "bearable"])
def test_a_device_is_named_as_a_device(cli, db_path, frozen, app: str) -> None:
    result = cli("import", app, "/dev/null")
    refused(result, mentions="this is a device")
    assert "this is a folder" not in result.err
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("item", "mentions"),
    [
        ('twitch = { to = "episode", unit = "g" }', "twitch.unit: 'g' is not allowed; with to = \"episode\", only"),
        ('nap = { to = "skip", factor = "nap" }', "items.nap.factor"),
    ],
    ids=["episode-unit", "skip-factor"],
)
def test_a_key_the_item_does_not_read_is_refused(cli, db_path, tmp_path, frozen, item: str, mentions: str) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(f"[items]\n{item}\n", encoding="utf-8")
    refused(cli("import", "daylio", str(STATICF0X), "--map", str(mapping)), mentions=mentions)
    assert not db_path.exists()


def test_a_unit_other_than_the_diarys_factor_is_refused(cli, db_path, tmp_path: Path, frozen) -> None:
    export = tmp_path / "daylio.csv"
    export.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2026-11-20,20 November,Friday,8:15 am,meh,coffee,,\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text('[items]\ncoffee = { to = "factor", factor = "caffeine", amount = 0.1, unit = "g" }\n', "utf-8")
    cli("log", "water", "500")
    before = diary(db_path)
    result = cli("import", "daylio", str(export), "--map", str(mapping))
    refused(result, mentions="coffee.unit: 'g' is not allowed; caffeine's own unit (mg)")
    assert diary(db_path) == before


def test_counts_of_twitches_read_as_words(cli, tmp_path: Path, frozen) -> None:
    export = tmp_path / "daylio.csv"
    export.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2026-11-20,20 November,Friday,8:15 am,meh,twitch,,\n2026-11-20,20 November,Friday,9:15 am,meh,twitch,,\n",
        encoding="utf-8",
    )
    result = cli("import", "daylio", str(export))
    assert "2 twitches" in result.out and "twitchs" not in result.out

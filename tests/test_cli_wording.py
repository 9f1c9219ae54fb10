"""What the command line says, in the words a person uses: factor names, "no twitches",
places, and ids that exist. Run against a real database file with the clock frozen."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.usefixtures("frozen")

# Column names of the built-in factors: right in a CSV header, wrong in a sentence.
COLUMNS = ("caffeine_mg", "sleep_h", "water_ml", "magnesium_mg")


def test_list_names_factors_as_people_do(cli) -> None:
    cli("log", "caffeine", "95")
    cli("log", "sleep", "7.5", "--date", "today")
    cli("log", "magnesium", "200")

    text = cli("list").out

    assert "caffeine 95 mg" in text and "sleep 7 h 30 min" in text and "magnesium 200 mg" in text
    assert not any(column in text for column in COLUMNS)
    # The machine-readable listing keeps the column and adds the name.
    items = json.loads(cli("list", "--json").out)
    assert {(item["factor"], item["name"]) for item in items} >= {("caffeine_mg", "caffeine"), ("sleep_h", "sleep")}


def test_list_shows_a_day_answered_no_twitches_as_no_twitches(cli) -> None:
    cli("log", "none", "--date", "yesterday")

    text = cli("list", "--date", "yesterday").out

    assert "no twitches" in text
    assert "check-in" not in text and "tracked" not in text


def test_list_and_log_say_where_a_twitch_was_in_words(cli) -> None:
    logged = cli("log", "twitch", "--location", "upper-lip", "--side", "center", "--intensity", "2", "--duration", "90")
    cli("log", "twitch", "--location", "mouth-corner", "--side", "left")

    text = cli("list").out

    assert "upper lip (center)" in logged.out and "1 min 30 s" in logged.out
    assert "twitch, upper lip (center), intensity 2, 1 min 30 s" in text
    assert "twitch, left mouth corner" in text
    assert "upper-lip" not in text and "centre" not in text


def test_a_bad_id_suggests_only_ids_that_exist(cli) -> None:
    cli("log", "twitch")
    cli("log", "caffeine", "95")

    for bad in ("x1", "e99", "d2026-02-30", "f2"):
        result = cli("delete", bad)
        assert result.code == 2 and result.out == ""
        suggested = set(re.findall(r"\b[efri]\d+\b|\bd\d{4}-\d\d-\d\d\b", result.err)) - {bad}
        assert suggested, result.err
        assert suggested <= {"e1", "f1"}, result.err  # nothing that `tracker list` would not show
    assert len(json.loads(cli("list", "--json").out)) == 2  # nothing deleted


def test_a_bad_id_on_an_empty_diary_says_nothing_is_logged(cli) -> None:
    result = cli("delete", "e12")

    assert result.code == 2
    assert "nothing is logged yet" in result.err
    assert not re.search(r"\b[efri]\d+\b", result.err.replace("'e12'", ""))


def test_analyze_names_factors_and_red_flags_in_words(cli) -> None:
    assert cli("demo", "--days", "150", "--seed", "5").code == 0
    cli("log", "redflag", "eye-closure", "--date", "2026-11-20")

    text = cli("analyze").out

    triggers = text.split("3. Possible triggers")[1].split("4. Interventions")[0]
    assert "Water, same day:" in triggers and "Caffeine, the day before:" in triggers
    assert "Adjusted for sleep, water, stress, caffeine the day before" in triggers
    # the demo's magnesium is taken every day from its intervention on: said in words, no estimate
    assert "Magnesium changed from one day to the next on" in triggers
    assert not any(column in text for column in COLUMNS)
    assert "eye forced shut (you logged it)" in text
    assert ": confident," not in text and ": insufficient," not in text


def test_today_summary_says_no_twitches(cli) -> None:
    cli("log", "none")
    cli("log", "caffeine", "95")

    text = cli().out

    assert "no twitches today" in text and "checked in" not in text
    assert "caffeine: 95 mg from 1 entry" in text


def test_a_factor_of_your_own_reads_as_words(cli) -> None:
    cli("factor", "add", "screen_time", "--kind", "number", "--unit", "h")
    cli("log", "screen_time", "2")

    assert "screen time 2 h" in cli("list").out
    assert "screen time: 2 h from 1 entry" in cli().out
    assert "screen_time" not in cli("analyze").out


def test_log_redflag_says_the_sign_in_words(cli) -> None:
    result = cli("log", "redflag", "eye-closure", "--note", "left eye")

    assert "red flag, eye forced shut, on 2026-11-24" in result.out
    assert "RED FLAG eye forced shut — left eye" in cli("list").out


def test_delete_says_what_each_id_was_and_list_orders_ids_as_numbers(cli) -> None:
    for amount in range(1, 12):  # f1 … f11, all date-only on one day
        cli("log", "water", str(amount * 10), "--date", "yesterday")
    ids = [line.split()[0] for line in cli("list", "--date", "yesterday").out.splitlines()]
    assert ids == [f"f{number}" for number in range(1, 12)]
    deleted = cli("delete", "f7").out
    assert "f7 (water 70 ml on" in deleted


def test_a_factor_of_ones_own_is_named_in_words_when_logged_undone_and_analysed(cli) -> None:
    cli("factor", "add", "late_screen", "--kind", "yes-no")
    cli("log", "twitch", "--at", "08:00")

    logged = cli("log", "late_screen", "no").out
    undone = cli("undo").out
    analysed = cli("analyze").out

    assert "logged f1: late screen no" in logged, logged
    assert "removed late screen no on" in undone, undone  # a yes-no 0 is "no", never "0"
    assert "no caffeine, magnesium or late screen logged" in analysed, analysed
    assert "late_screen" not in logged + undone


def test_import_help_says_what_each_kind_reads_and_how_to_try_it_first(cli) -> None:
    text = " ".join(cli("import", "--help").out.split())

    assert "written by `export csv`" not in text.split("KIND")[0]  # not only tracker's own files
    for app in ("Daylio", "Loop", "Oura", "Fitbit", "Apple Health", "Flaredown", "Bearable"):
        assert app in text, app
    assert "--dry-run" in text and "tracker undo" in text
    assert not re.search(r"\ba [aeiou]", text.lower()), text  # "a oura export"


def test_backups_of_a_diary_begun_today_says_when_the_first_comes_and_how_to_make_one(cli, monkeypatch) -> None:
    monkeypatch.delenv("TRACKER_BACKUPS", raising=False)  # the automatic copies as a person has them
    cli("log", "caffeine", "95")
    cli("log", "caffeine", "60")

    said = cli("db", "backups").out

    assert "from the day after the diary was begun" in said, said  # today's writes made none, rightly
    assert "`tracker db backup` makes one now" in said
    assert "the first write of each day makes one)" not in said  # untrue on the diary's first day

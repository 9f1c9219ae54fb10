"""Smaller slips: a second `s` on Trends writes as Enter does, a packet over an existing folder, a date typed as
"26 nov", and refusals that name command-line options inside the app."""

from __future__ import annotations

from tests.helpers.tui import field_error, on, rows, twitch
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.paths import default_export


async def test_a_second_s_on_trends_writes_the_chart_as_enter_does(app, seed) -> None:
    seed(lambda s: twitch(s, 7))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        suggested = default_export("chart", TODAY)
        assert on(app, "ExportForm") and not app.screen.query_one("#path").has_focus
        await pilot.press("s")  # again: what the form shows is written, as Enter would
        await settle(pilot)
        assert on(app, "TrendsScreen")
        assert suggested.is_file()
        await pilot.press("s")  # and a third time it asks again, for a new name
        await settle(pilot)
        assert on(app, "ExportForm") and app.screen.query_one("#path").value != str(suggested)


async def test_tab_in_the_path_box_lets_s_be_typed(app, seed) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("s", "tab", "s")
        await settle(pilot)
        box = app.screen.query_one("#path")
        assert on(app, "ExportForm") and box.value == str(default_export("chart", TODAY)) + "s"
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "TrendsScreen")


async def test_a_visit_packet_typed_over_an_existing_folder_asks_first(app, seed, tmp_path) -> None:
    seed(lambda s: twitch(s, 7))
    folder = tmp_path / "for-the-doctor"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert app.screen.query_one("#path").value == str(default_export("visit", TODAY))  # a new name
        app.screen.query_one("#path").value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "ExportForm") and "already there" in field_error(app, "path")
        assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]  # nothing written yet


async def test_the_date_prompt_takes_a_day_and_a_month_name(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", *"2 mar", "enter")
        await settle(pilot)
        assert app.today_screen.day == TODAY.replace(day=2)


async def test_a_refusal_in_the_app_names_no_command_line_option(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", "a", *"mood", "tab", "tab", "tab", "5", "tab", "2", "enter")  # min 5, max 2
        await settle(pilot)
        shown = screen_text(app) + "\n".join(n.message for n in app._notifications)
        assert "max: '2' is not allowed; more than the lowest (5)" in shown  # the form's own words
        assert "--min" not in shown and "--max" not in shown


async def test_g_twice_with_no_dose_before_asks_for_one_rather_than_type_a_g(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g", "g")
        await settle(pilot)
        assert on(app, "NumberForm")
        assert app.screen.query_one("#value").value == ""  # the second g confirmed, it typed nothing
        assert field_error(app, "value")  # and the line under the box says what is missing
        await pilot.press(*"300mg", "enter")  # an amount typed: its g is text, Enter saves it
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert rows(app, "SELECT value FROM factor_entry") == [(300.0,)]

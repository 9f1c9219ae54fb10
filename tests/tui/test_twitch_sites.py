"""One twitch at several sites in the app: `+` keeps a site and starts another, `-` takes it back,
an edit keeps the sites it did not change, and Today's row names every site."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, on, rows, twitch
from tests.tui.conftest import settle
from tracker.core.vocabulary import Location, Side
from tracker.tui.widgets.day_table import DayTable

SITES = "SELECT episode_id, location, side FROM episode_site ORDER BY id"
TWITCHES = "SELECT id, location, side FROM episode ORDER BY id"


def row_cells(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DayTable)
    return [str(cell).replace("\xa0", " ").replace("\n", " ") for cell in table.get_row_at(0)]


async def test_plus_keeps_a_site_and_the_side_stays_for_the_next(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "left", ("plus", "+"), "m", ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [(1, "eyelid", "left")]
        assert rows(app, SITES) == [(1, "mouth-corner", "left")]
        assert "eyelid + mouth-corner" in " ".join(row_cells(app))


async def test_minus_takes_the_last_site_back(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "left", ("plus", "+"), "m", ("plus", "+"), "c", ("minus", "-"), ENTER)
        await settle(pilot)
        # `-` put the mouth corner back in the rows, in place of the cheek not yet kept
        assert rows(app, TWITCHES) == [(1, "eyelid", "left")]
        assert rows(app, SITES) == [(1, "mouth-corner", "left")]


async def test_a_site_kept_twice_is_not_kept_again(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "left", ("plus", "+"), "e", ("plus", "+"))
        await settle(pilot)
        assert app.screen.sites == [("eyelid", "left")]
        burst(app, "c", ENTER)
        await settle(pilot)
        assert rows(app, SITES) == [(1, "cheek", "left")]


async def test_an_edit_of_the_intensity_keeps_the_sites(app, seed) -> None:
    also = [(Location.MOUTH_CORNER, Side.LEFT)]
    seed(lambda s: twitch(s, 8, also_sites=also))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "eyelid + mouth-corner" in " ".join(row_cells(app))
        burst(app, "e")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        assert "left eyelid + left mouth corner" in str(app.screen.query_one("#sites").render())
        burst(app, "5", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT intensity FROM episode") == [(5,)]
        assert rows(app, SITES) == [(1, "mouth-corner", "left")]
        assert rows(app, "SELECT changes FROM action ORDER BY id DESC LIMIT 1")[0][0].count("episode_site") == 0


async def test_t_enter_repeats_every_site_of_the_latest_twitch(app, seed) -> None:
    seed(lambda s: twitch(s, 8, also_sites=[(Location.MOUTH_CORNER, Side.LEFT)]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "t", ENTER)
        await settle(pilot)
        [first, second] = rows(app, TWITCHES)
        assert first[1:] == second[1:]
        assert rows(app, SITES) == [(1, "mouth-corner", "left"), (2, "mouth-corner", "left")]


async def test_a_place_key_after_t_names_the_one_place_instead_of_the_repeated_sites(app, seed) -> None:
    seed(lambda s: twitch(s, 8, also_sites=[(Location.MOUTH_CORNER, Side.LEFT)]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "t", "c", ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [(1, "eyelid", "left"), (2, "cheek", "left")]
        assert rows(app, SITES) == [(1, "mouth-corner", "left")]

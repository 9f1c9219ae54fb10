"""A twitch at several sites: adding, removing and keeping sites do what the line under the
place rows says, in the new-twitch form and the edit form, and what is saved is the sites that
line named."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, on, rows, twitch
from tests.tui.conftest import settle
from tracker.core.vocabulary import Location, Side

SITES = "SELECT location, side FROM episode_site WHERE episode_id = ? ORDER BY id"
MOUTH = [(Location.MOUTH_CORNER, Side.LEFT)]


def sites_line(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#sites").render())


def saved(app, episode_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every site of the twitch, its first one first."""
    first = rows(app, f"SELECT location, side FROM episode WHERE id = {episode_id}")
    return first + rows(app, SITES.replace("?", str(episode_id)))


async def test_minus_in_the_edit_form_removes_a_site(app, seed) -> None:
    seed(lambda s: twitch(s, 8, also_sites=MOUTH))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "e")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        burst(app, ("minus", "-"))
        await settle(pilot)
        line = sites_line(app)
        assert "left eyelid" in line and "mouth corner" not in line
        burst(app, ENTER)
        await settle(pilot)
    assert saved(app, 1) == [("eyelid", "left")]


async def test_a_place_key_in_the_edit_form_adds_the_site_the_line_names(app, seed) -> None:
    seed(lambda s: twitch(s, 8, also_sites=MOUTH))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "e")
        await settle(pilot)
        burst(app, "l")
        await settle(pilot)
        assert "left eyelid + left mouth corner + left lower lip" in sites_line(app)
        burst(app, ENTER)
        await settle(pilot)
    assert saved(app, 1) == [("eyelid", "left"), ("mouth-corner", "left"), ("lower-lip", "left")]


async def test_t_on_a_day_of_several_sites_says_a_place_key_replaces_them_and_plus_keeps_them(app, seed) -> None:
    seed(lambda s: twitch(s, 8, also_sites=MOUTH))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "t")
        await settle(pilot)
        line = sites_line(app)
        assert "as last time: left eyelid + left mouth corner" in line and "place" in line and "instead" in line
        burst(app, ("plus", "+"), "l")  # keep them, and one more
        await settle(pilot)
        assert "left eyelid + left mouth corner + left lower lip" in sites_line(app)
        burst(app, ENTER)
        await settle(pilot)
    assert saved(app, 2) == [("eyelid", "left"), ("mouth-corner", "left"), ("lower-lip", "left")]


async def test_minus_after_t_removes_the_last_repeated_site(app, seed) -> None:
    seed(lambda s: twitch(s, 8, also_sites=MOUTH))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "t", ("minus", "-"))
        await settle(pilot)
        assert "mouth corner" not in sites_line(app)
        burst(app, ENTER)
        await settle(pilot)
    assert saved(app, 2) == [("eyelid", "left")]

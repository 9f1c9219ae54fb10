from tests.helpers.tui import ENTER, burst, on, rows, twitch
from tests.tui.conftest import settle, screen_text
from tracker.core.vocabulary import Location, Side

SITES = "SELECT episode_id, location, side FROM episode_site ORDER BY id"
TWITCHES = "SELECT id, location, side FROM episode ORDER BY id"

async def test_edit_l(app, seed):
    seed(lambda s: twitch(s, 8, also_sites=[(Location.MOUTH_CORNER, Side.LEFT)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "e")
        await settle(pilot)
        print(screen_text(app))
        burst(app, "l")
        await settle(pilot)
        print(screen_text(app))
        burst(app, ENTER)
        await settle(pilot)
        print(rows(app, TWITCHES), rows(app, SITES))

async def test_edit_minus(app, seed):
    seed(lambda s: twitch(s, 8, also_sites=[(Location.MOUTH_CORNER, Side.LEFT)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "e")
        await settle(pilot)
        burst(app, ("minus", "-"))
        await settle(pilot)
        print(screen_text(app))
        burst(app, ENTER)
        await settle(pilot)
        print(rows(app, TWITCHES), rows(app, SITES))

"""A picker's hint shows what a person types in that picker: a count and a letter from its own
list ("2g" for two glasses of water, not the caffeine list's "2e"), and typing the example
writes what the hint says."""

from __future__ import annotations

import re

import pytest

from tests.helpers.tui import entries
from tests.tui.conftest import screen_text, settle


@pytest.mark.parametrize(("key", "name"), [("c", "caffeine"), ("w", "water")])
async def test_the_count_example_in_a_pickers_hint_is_one_of_its_letters(app, engine, key, name) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        shown = screen_text(app)
        examples = re.findall(r"\b(\d)([a-z]): \d × ([a-z-]+)", shown)
        assert examples, shown
        count, letter, drink = examples[0]
        picker = app.screen
        assert letter in picker.keys and picker.keys[letter].name.startswith(drink), (letter, drink)
        await pilot.press(count, letter, "enter")
        await settle(pilot)
    assert entries(engine) == {name: [int(count) * picker.keys[letter].amount]}

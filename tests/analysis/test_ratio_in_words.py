"""An intervention's rate ratio is said in words beside the number, the way round a reader
takes it: as many times as before, or a share fewer."""

from __future__ import annotations

import json
import re

import pytest

from tracker.analysis.text import ratio_in_words

pytestmark = pytest.mark.usefixtures("frozen")


def test_the_demo_intervention_says_its_ratio_in_words(cli) -> None:
    assert cli("demo", "--days", "150", "--seed", "5").code == 0
    result = json.loads(cli("analyze", "--json").out)
    item = next(item for item in result["interventions"] if item.get("rate_ratio") is not None)

    said = re.search(r"(about [\d.]+ times as many|about \d+% fewer) twitches a day (as|than) before", item["summary"])

    assert said, item["summary"]


def test_the_words_go_the_way_of_the_ratio() -> None:
    assert ratio_in_words(5.22, than="before") == "about 5.2 times as many twitches a day as before"
    assert ratio_in_words(0.6, than="on off-days") == "about 40% fewer twitches a day than on off-days"
    assert ratio_in_words(1.01, than="before") == "about as many twitches a day as before"

"""The medicines best known for drug-induced movements of the face (dopamine-blocking
antiemetics, antipsychotics, SSRIs and SNRIs) are marked in the medication list as corticosteroids
and inhalers are; a medicine with no such record is not."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

MARK = "(known to cause twitching in some people)"


@pytest.mark.parametrize(
    "name", ["Metoclopramide (Maxolon)", "haloperidol", "Sertraline", "venlafaxine", "prochlorperazine"]
)
def test_a_medicine_known_for_facial_movements_is_marked(cli, name: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("med", "add", name, "--dose", "10 mg").code == 0

    assert cli("med", "list").out.strip().endswith(MARK)


def test_a_medicine_not_known_for_them_is_not_marked(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("med", "add", "omeprazole", "--dose", "20 mg").code == 0

    assert MARK not in cli("med", "list").out

"""The sites of one twitch: its own place and side first, then the further places the same twitch
involved (an eyelid and a mouth corner pulled together on one side). Written as `eyelid:left`, and
several as `eyelid:left;mouth-corner:left`: the form of the CSV's `also_sites` column and of
`tracker log twitch --site`. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.core import validate
from tracker.core.formatting import place_words
from tracker.core.vocabulary import Location, Side
from tracker.errors import InputError

Site = tuple[str, str]  # (location, side), as stored
SITE_FORM = "PLACE:SIDE, such as eyelid:left or mouth-corner:left"


def site_text(location: str, side: str) -> str:
    """One site as written: "eyelid:left" (the stored spellings)."""
    return f"{location}:{side}"


def sites_cell(sites: Iterable[Site]) -> str:
    """Further sites as one CSV cell: "eyelid:left;mouth-corner:left"; "" for none."""
    return ";".join(site_text(location, side) for location, side in sites)


def read_site(field: str, text: str) -> tuple[Location, Side]:
    """The place and side `text` names ("eyelid:left", "cheek:center"; a place alone has its side
    unspecified). InputError names the part that is not a place or a side."""
    place, _, side = text.strip().partition(":")
    if not place:
        raise InputError(field, text, SITE_FORM)
    return validate.choice(field, place, Location), validate.choice(field, side or "unspecified", Side)


def read_sites_cell(field: str, text: str) -> list[tuple[Location, Side]]:
    """The further sites a CSV cell holds, in order ("" holds none)."""
    return [read_site(field, part) for part in text.split(";") if part.strip()]


def check_sites(first: Site, further: Sequence[Site]) -> list[Site]:
    """The further sites of a twitch whose own site is `first`, checked: each a place (not
    "unspecified"), each place and side once in the twitch (its own site included), and a first
    site that is a place. Returns them as stored; InputError names the first site refused."""
    seen = [(str(first[0]), str(first[1]))]
    checked: list[Site] = []
    for location, side in further:
        site = (str(location), str(side))
        if site[0] == Location.UNSPECIFIED or first[0] == Location.UNSPECIFIED:
            raise InputError("site", site_text(*site), "a place for every site of a twitch with several")
        if site in seen:
            twice = place_words(*site)
            raise InputError("site", site_text(*site), f"each site and side once per twitch ({twice} is given twice)")
        same = next((other for other in seen if overlap(other, site)), None)
        if same is not None:
            raise InputError(
                "site", site_text(*site),
                f"each place once per side ({place_words(*same)} and {place_words(*site)} are the same place twice)",
            )  # fmt: skip
        seen.append(site)
        checked.append(site)
    return checked


def overlap(one: Site, other: Site) -> bool:
    """Whether two different sites of a twitch name the same place on a side they share: "both"
    holds the left and the right, and a side not given may be either (the left eyelid and both
    eyelids; the eyelid and the left eyelid). The left and the right of a place do not overlap."""
    if one[0] != other[0] or one == other:
        return False
    sides = {one[1], other[1]}
    return bool(sides & {Side.BOTH, Side.UNSPECIFIED})


def all_sites(location: str, side: str, further: Iterable[Site]) -> list[Site]:
    """Every site of a twitch: its own first, then the further ones."""
    return [(str(location), str(side)), *((str(loc), str(sd)) for loc, sd in further)]

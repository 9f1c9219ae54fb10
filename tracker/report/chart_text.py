"""How wide a line of text is on paper, so the charts and the report place and wrap their
words to fit instead of guessing a number of characters.

Widths come from the font's own advance widths (FreeType, through matplotlib), read once
per character and cached: measuring through a renderer costs ~1.7 ms a string, this ~1 µs.
Kerning is left out, so a small margin (SAFETY) keeps estimates on the wide side. Import
lazily: it loads matplotlib's font manager.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from tracker.report.glyphs import drawable_text

SAFETY = 1.06  # hinting and rounding make drawn text up to ~5% wider than its advances
SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
_MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# A date the report writes ("Tue 1 Dec 2026", "1 Dec 2026", "5 Jun–6 Sep 2026", "Jun 2026",
# "Jun–Nov 2026"): never broken over two lines, where "1 Dec" then "2026" reads as two things.
_DATE = re.compile(
    rf"\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?\d{{1,2}} {_MONTH}(?:[–-]\d{{1,2}} {_MONTH})?(?: \d{{4}})?\b"
    rf"|\b{_MONTH}(?:[–-]{_MONTH})? \d{{4}}\b"
)


def text_width(text: str, *, size: float, weight: str = "normal", family: str = SANS) -> float:
    """The width of `text` in inches at `size` points (the widest line if there are several)."""
    advances = _advances(family, weight)
    widest = max((sum(advances(char) for char in line) for line in text.split("\n")), default=0.0)
    return widest * size * SAFETY / 72


def wrap(text: str, *, width: float, size: float, weight: str = "normal", family: str = SANS) -> list[str]:
    """`text` broken into lines no wider than `width` inches: at spaces where it can, never inside
    a date, inside a word too long for a line of its own (a long link in a note). Always at
    least one line."""
    lines: list[str] = []
    text = drawable_text(text, family=family)
    for paragraph in text.split("\n") or [""]:
        line = ""
        for word in _words(paragraph):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size=size, weight=weight, family=family) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while text_width(line, size=size, weight=weight, family=family) > width and len(line) > 1:
                cut = _longest_prefix(line, width=width, size=size, weight=weight, family=family)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines or [""]


def _words(paragraph: str) -> list[str]:
    """The paragraph split at its spaces, each date kept whole as one word."""
    kept = _DATE.sub(lambda found: found.group().replace(" ", "\0"), paragraph)
    return [word.replace("\0", " ") for word in kept.split(" ")]


def shorten(text: str, *, width: float, size: float, weight: str = "normal", family: str = SANS) -> str:
    """`text`, or as many of its whole words as fit in `width` inches followed by "…": a word
    cut in two reads as another word ("appoin…"). Only a first word too long for the width on
    its own (a long link) is cut inside."""
    text = drawable_text(text, family=family)
    full = text_width(text, size=size, weight=weight, family=family)
    if full <= width:
        return text
    # Start near where the width runs out (a long note would otherwise be measured once per character).
    fitting = ""
    for cut in range(min(len(text) - 1, int(len(text) * width / full) + 2), 0, -1):
        candidate = text[:cut].rstrip() + "…"
        if text_width(candidate, size=size, weight=weight, family=family) <= width:
            fitting = text[:cut]
            break
    if not fitting:
        return "…"
    whole = fitting if text[len(fitting)] == " " else fitting.rpartition(" ")[0]
    # Back to the end of the last whole word, and without a dangling comma or colon before "…".
    return (whole or fitting).rstrip().rstrip(",;:") + "…"


def line_height(size: float) -> float:
    """Inches from one line of text to the next at `size` points."""
    return size * 1.4 / 72


def _longest_prefix(word: str, *, width: float, size: float, weight: str, family: str) -> int:
    fitting = 1
    for cut in range(1, len(word) + 1):
        if text_width(word[:cut], size=size, weight=weight, family=family) > width:
            break
        fitting = cut
    return fitting


@functools.cache
def _advances(family: str, weight: str) -> Callable[[str], float]:
    """A function from a character to its advance width in ems, for one font."""
    from matplotlib import font_manager, ft2font  # deferred: the font manager, ~100 ms on first use

    # A font object of our own: matplotlib's cached one is resized by every renderer that draws.
    font = ft2font.FT2Font(font_manager.findfont(font_manager.FontProperties(family=family, weight=weight)))
    font.set_size(100, 72)  # 100 pt at 72 dpi: an advance in pixels is 100x its size in ems

    @functools.cache
    def advance(char: str) -> float:
        if font.get_char_index(ord(char)) == 0:
            return 1.0  # drawn from a fallback font or as a box: count a full em
        glyph = font.load_char(ord(char), flags=ft2font.LoadFlags.NO_HINTING)
        return glyph.linearHoriAdvance / 65536 / 100

    return advance

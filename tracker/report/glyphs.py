"""Text the report's font has no glyph for, drawn as Unicode says it may be written.

A note typed with a phone keyboard or an East Asian input method holds fullwidth forms ("＝", "ｍｇ"),
and compatibility characters such as "ﬁ" or "①". The report's font (matplotlib's DejaVu Sans, present on
every machine) has no glyph for many of them, and matplotlib draws an empty box in their place. Their
compatibility form (NFKC) is the same text in characters the font has: "＝" is "=", "ｍｇ" is "mg".
A symbol with no such form (an emoji: "\N{GRIMACING FACE}") is written as its Unicode name in brackets
("[grimacing face]"), and a variation selector or joiner between emoji, which draws nothing, is left out. A
letter with no such form (CJK, say) stays as typed: the box is the honest picture of a glyph we cannot draw,
and matplotlib's warning about it never reaches the terminal.
"""

from __future__ import annotations

import functools
import unicodedata
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def drawable(figure: Figure) -> None:
    """Rewrite, in place, every text of `figure` with characters its font lacks in their NFKC form,
    and have each drawn as the characters it holds: matplotlib reads the words between two dollar
    signs as a formula ("coffee $3 and tea $2" came out as "coffee 3andtea2")."""
    from matplotlib.text import Text  # deferred: matplotlib is already loaded by whoever drew the figure

    for text in figure.findobj(Text):
        assert isinstance(text, Text)
        shown = text.get_text()
        if "$" in shown:
            text.set_parse_math(False)
        if shown and not shown.isascii():
            covered = _charmap(text.get_fontname())
            fixed = "".join(_drawable_char(char, covered) for char in shown)
            if fixed != shown:
                text.set_text(fixed)


def drawable_text(text: str, *, family: str) -> str:
    """`text` as `drawable` writes it for the font of `family`: what wrapping and measuring read,
    so a line is as wide as it is drawn."""
    if text.isascii():
        return text
    covered = _charmap(family)
    return "".join(_drawable_char(char, covered) for char in text)


# A glyph missing from a font: matplotlib warns on every draw (with its own source path).
warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
_INVISIBLE = {"\u200d", *(chr(code) for code in range(0xFE00, 0xFE10))}  # the joiner, the variation selectors


def _drawable_char(char: str, covered: frozenset[int]) -> str:
    if char in _INVISIBLE:
        return ""
    if ord(char) in covered or char in "\n\t":
        return char
    compatible = unicodedata.normalize("NFKC", char)
    if compatible != char and all(ord(c) in covered for c in compatible):
        return compatible
    if unicodedata.category(char) == "So":
        return f"[{unicodedata.name(char, 'symbol').lower()}]"
    return char


@functools.cache
def _charmap(family: str) -> frozenset[int]:
    """The code points the font named `family` can draw (read once per font)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=family))
    return frozenset(FT2Font(path).get_charmap())

"""The schematic tile map's texts, kept as an option (issue 26 item 1): one labelled square per
region with its code and status symbol, so the option works without colour.

The tiles are drawn like the real boundaries (dashboard/svg_map.py: they are rectangles in
WGS84); this module says what is written on each and in which ink, so the text contrasts with
the tile's fill.
"""
from __future__ import annotations

from core import presentation
from core.vocabulary import NO_STATUS_SYMBOL, STATUS_SYMBOLS

DARK_TEXT, LIGHT_TEXT = "#1a1a1a", "#ffffff"
PROVISIONAL_MARK = "◯"   # the same open ring the real map and its legend use


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a #rrggbb colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(fill: str) -> str:
    """Dark or white text, whichever contrasts more with the tile's fill."""
    light = luminance(fill)
    return DARK_TEXT if (light + 0.05) / (luminance(DARK_TEXT) + 0.05) >= 1.05 / (light + 0.05) else LIGHT_TEXT


def label(row: object) -> list[str]:
    """The tile's text in two lines: its code, then its status symbol and the provisional ring
    when it applies."""
    symbol = STATUS_SYMBOLS.get(row.status, NO_STATUS_SYMBOL) if isinstance(row.status, str) else NO_STATUS_SYMBOL
    ring = f" {PROVISIONAL_MARK}" if presentation.flag(row.provisional) else ""
    return [row.region, symbol + ring]

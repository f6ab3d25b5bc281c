"""The schematic tile map as a plain chart: one labelled square per region with its status
symbol, so the option works without colour and without a map library.

Text on the map layer needs a glyph server, which the offline map has not got; on a chart's
axes Plotly writes it as SVG. Each tile is a layout shape in its status colour (or its place on
the measure's scale); one text trace puts the region's code and symbol on it and carries the
hover and the click (customdata: the region code, as assets and kaart.py expect).
"""
from __future__ import annotations

import json

import pandas as pd
from plotly.colors import sample_colorscale, unlabel_rgb

from core import presentation
from core.formats import plotly_separators
from core.texts import _
from core.vocabulary import NO_STATUS_SYMBOL, STATUS_SYMBOLS
from dashboard.status_style import NO_TARGET_COLOUR, STATUS_COLOURS

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


def hex_colour(rgb: str) -> str:
    """#rrggbb of plotly's "rgb(r, g, b)", as the status colours are written."""
    return "#" + "".join(f"{round(float(c)):02x}" for c in unlabel_rgb(rgb))


def fills(progress: pd.DataFrame, measure: str, scale: list, values: pd.Series) -> list[str]:
    """Each region's tile colour: its status colour, or its place on the measure's scale;
    no target (or no figure) in the map's light grey."""
    if measure == "status":
        return [STATUS_COLOURS.get(s, NO_TARGET_COLOUR) if isinstance(s, str) else NO_TARGET_COLOUR
                for s in progress["status"]]
    known = values.dropna()
    low, high = (0.0, 1.0) if measure == "pct" else (known.min(), known.max()) if len(known) else (0, 1)
    span = (high - low) or 1.0
    return [hex_colour(sample_colorscale(scale, [min(max((v - low) / span, 0.0), 1.0)])[0])
            if isinstance(s, str) and pd.notna(v) else NO_TARGET_COLOUR
            for s, v in zip(progress["status"], values)]


def label(row: object) -> str:
    """The tile's text: code, then status symbol, then the provisional ring when it applies."""
    symbol = STATUS_SYMBOLS.get(row.status, NO_STATUS_SYMBOL) if isinstance(row.status, str) else NO_STATUS_SYMBOL
    ring = f" {PROVISIONAL_MARK}" if presentation.flag(row.provisional) else ""
    return f"<b>{row.region}</b><br>{symbol}{ring}"


def bounds(geojson: str) -> tuple[float, float, float, float]:
    """A tile's box (the schematic tiles are stored as rectangles in WGS84)."""
    ring = json.loads(geojson)["coordinates"][0]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def tile_figure(progress: pd.DataFrame, geometry: pd.DataFrame, measure: str, values: pd.Series,
                colours: dict, hovers: list[str], lang: str) -> dict:
    """The tile map for one measure: shapes for the tiles, one text trace on top of them."""
    boxes = dict(zip(geometry["code"], geometry["geojson"].map(bounds)))
    progress = progress[progress["region"].isin(boxes)]
    values = values.reindex(progress.index)
    tile_fills = fills(progress, measure, colours["colorscale"], values)
    shapes = [{"type": "rect", "xref": "x", "yref": "y", "layer": "below", "x0": x0, "y0": y0,
               "x1": x1, "y1": y1, "fillcolor": fill, "line": {"color": "#6e6e6e", "width": 1}}
              for fill, (x0, y0, x1, y1) in zip(tile_fills, (boxes[c] for c in progress["region"]))]
    centres = [((x0 + x1) / 2, (y0 + y1) / 2) for x0, y0, x1, y1 in (boxes[c] for c in progress["region"])]
    data = [{"type": "scatter", "mode": "markers+text", "x": [c[0] for c in centres],
             "y": [c[1] for c in centres], "text": [label(r) for r in progress.itertuples()],
             "textfont": {"color": [text_colour(f) for f in tile_fills], "size": 12},
             "marker": {"symbol": "square", "size": 34, "opacity": 0},   # the whole tile hovers
             "customdata": progress["region"].tolist(), "hovertext": hovers,
             "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False,
             "name": _("Schematic tiles", lang)}]
    if colours.get("showscale"):
        data.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "hoverinfo": "skip",
                     "showlegend": False, "marker": {
                         "colorscale": colours["colorscale"], "showscale": True, "colorbar": colours["colorbar"],
                         "cmin": 0 if measure == "pct" else values.min(),
                         "cmax": 1 if measure == "pct" else values.max(), "color": [0]}})
    hidden = {"visible": False, "fixedrange": True}
    return {"data": data, "layout": {
        "shapes": shapes, "xaxis": hidden, "yaxis": hidden | {"scaleanchor": "x", "scaleratio": 1.6},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 560, "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff", "separators": plotly_separators(lang)}}

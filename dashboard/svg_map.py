"""The region map drawn on the server as SVG (issue 27, page ready round 9).

The map page's map is 35 coloured shapes with links: drawn here it needs no chart library in the
browser (plotly.js and dcc's graph chunk were the last script between the map page and its goal),
it shows before any script runs, every region is a real link a keyboard reaches, it prints
crisply and scales to any width from its viewBox. The real boundaries and the schematic tiles
are drawn the same way: the tiles are shapes too (rectangles in WGS84), with their code and
status symbol written on them.

The shapes are projected once (`project`, per snapshot in the page); a redraw only colours them.
The region page's gemeente map is drawn here too, so no page draws a map with plotly.
Every text goes through markupsafe, as the static tables' do (components.static_markup).
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd
from markupsafe import Markup

from dashboard.status_style import NO_TARGET_COLOUR, PROGRESS_SCALE, STATUS_COLOURS

WIDTH = 1000.0            # the viewBox's width; its height follows from the shapes' aspect ratio
OUTLINE, NO_TARGET_OUTLINE, TILE_OUTLINE = "#ffffff", "#bdbdbd", "#6e6e6e"
RING_RADIUS = 9.0         # viewBox units: ~6 px on a 700 px wide map, ~3,5 px on a phone
LABEL_SIZE = 26.0         # the tiles' labels, in viewBox units


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """A point in Mercator, in degrees of longitude, y growing downwards as in SVG (plotly's geo
    drew the maps in Mercator before)."""
    return lon, -math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


class Drawing(NamedTuple):
    """The shapes in viewBox units: each region's path and its box's centre, and the box."""

    width: float
    height: float
    paths: dict[str, str]
    centres: dict[str, tuple[float, float]]


def rings(geometry: dict) -> list[list[tuple[float, float]]]:
    """The rings of a Polygon or MultiPolygon (outer rings and holes alike)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[tuple(point[:2]) for point in ring] for polygon in polygons for ring in polygon if ring]


def project(geometry: pd.DataFrame) -> Drawing:
    """Every region's shape (code, geojson rows) as an SVG path, fitted to a viewBox WIDTH wide;
    coordinates rounded to 0,1 of its units (a 1.000 px wide map: a tenth of a pixel). A ring's
    closing point is left out: the path's Z draws that side."""
    shapes = {code: [[mercator(*p) for p in ring] for ring in rings(json.loads(geo))]
              for code, geo in zip(geometry["code"], geometry["geojson"])}
    xs = [x for shape in shapes.values() for ring in shape for x, _y in ring]
    ys = [y for shape in shapes.values() for ring in shape for _x, y in ring]
    left, top = min(xs), min(ys)
    scale = WIDTH / ((max(xs) - left) or 1.0)

    def place(x: float, y: float) -> tuple[float, float]:
        return round((x - left) * scale, 1), round((y - top) * scale, 1)

    paths, centres = {}, {}
    for code, shape in shapes.items():
        placed = [[place(x, y) for x, y in ring[:-1 if ring[0] == ring[-1] else None]] for ring in shape]
        paths[code] = "".join("M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z" for ring in placed)
        px = [x for ring in placed for x, _y in ring]
        py = [y for ring in placed for _x, y in ring]
        centres[code] = (round((min(px) + max(px)) / 2, 1), round((min(py) + max(py)) / 2, 1))
    return Drawing(WIDTH, round((max(ys) - top) * scale, 1), paths, centres)


def interpolate(scale: Sequence[Sequence], position: float) -> str:
    """The colour at `position` (0–1, clipped) on a scale of [stop, #rrggbb] pairs, linear in RGB
    between the two stops around it (as plotly and an SVG gradient do)."""
    position = min(max(position, 0.0), 1.0)
    for (start, low), (end, high) in zip(scale, scale[1:]):
        if position <= end:
            share = (position - start) / ((end - start) or 1.0)
            return "#" + "".join(   # halves round up
                f"{int(int(low[i:i + 2], 16) + share * (int(high[i:i + 2], 16) - int(low[i:i + 2], 16)) + 0.5):02x}"
                for i in (1, 3, 5))
    return scale[-1][1]


def value_range(progress: pd.DataFrame, measure: str) -> tuple[float, float]:
    """The values the scale runs over: 0–100 % of target, or the regions' own gains per 10.000."""
    if measure == "pct":
        return 0.0, 1.0
    known = progress.loc[progress["status"].notna(), "gain_per_10k"].dropna()
    return (float(known.min()), float(known.max())) if len(known) else (0.0, 1.0)


def fills(progress: pd.DataFrame, measure: str) -> list[str]:
    """Each region's colour: its status colour, or its place on the YlGnBu scale (share of target
    up to 100 %, gain per 10.000 between the lowest and highest); no target (or no figure) in
    the map's light grey."""
    if measure == "status":
        return [STATUS_COLOURS.get(s, NO_TARGET_COLOUR) if isinstance(s, str) else NO_TARGET_COLOUR
                for s in progress["status"]]
    low, high = value_range(progress, measure)
    values = progress["achievement" if measure == "pct" else "gain_per_10k"]
    return [interpolate(PROGRESS_SCALE, (v - low) / ((high - low) or 1.0))
            if isinstance(s, str) and pd.notna(v) else NO_TARGET_COLOUR
            for s, v in zip(progress["status"], values)]


class Region(NamedTuple):
    """One region as the map draws it: its colour, its figures in lines of plain text (the first
    its name), the page it opens (none: a shape with a name, not a link), whether it is known
    (has a target: a white outline, else grey), whether a provisional ring marks it, and a label
    written on it (the tiles)."""

    code: str
    fill: str
    lines: list[str]
    href: str | None = None
    known: bool = True
    ring: bool = False
    label: Sequence[str] = ()
    ink: str = "#1a1a1a"


def markup(drawing: Drawing, regions: Sequence[Region], name: str, tiles: bool = False) -> Markup:
    """The map: one link per region (opened in the app like the static tables' links:
    assets/static_html.js), its figures as its accessible name and tooltip, then the
    provisional rings on top, which let a click through to the region below. The region page's
    gemeenten have no page: each is a named shape (role img) instead of a link."""
    shapes = Markup("").join(region_markup(drawing, r, tiles) for r in regions if r.code in drawing.paths)
    circles = Markup("").join(
        Markup('<circle class="ring" cx="{:g}" cy="{:g}" r="{:g}"/>').format(*drawing.centres[r.code], RING_RADIUS)
        for r in regions if r.ring and r.code in drawing.centres)
    return Markup('<svg class="region-map" viewBox="0 0 {:g} {:g}" role="group" aria-label="{}">{}'
                  '<g aria-hidden="true">{}</g></svg>').format(drawing.width, drawing.height, name, shapes,
                                                              circles)


def region_markup(drawing: Drawing, region: Region, tiles: bool) -> Markup:
    """One region's link: its shape and, on a tile, its label."""
    outline, kind = (TILE_OUTLINE, "tile") if tiles else (OUTLINE, "known") if region.known else (
        NO_TARGET_OUTLINE, "unknown")
    shape = Markup('<path class="{}" d="{}" fill="{}" stroke="{}"/>').format(
        kind, drawing.paths[region.code], region.fill, outline)
    opening = Markup('<a href="{}" data-app-link="" aria-label="{}">').format(region.href, ", ".join(region.lines)) \
        if region.href else Markup('<g role="img" aria-label="{}">').format(", ".join(region.lines))
    return Markup('{}<title>{}</title>{}{}{}').format(
        opening, "\n".join(region.lines), shape, label_markup(drawing.centres[region.code], region.label, region.ink),
        Markup("</a>" if region.href else "</g>"))


def label_markup(centre: tuple[float, float], lines: Sequence[str], ink: str) -> Markup:
    """Text written on a shape, one line under the other around its centre, the first bold."""
    if not lines:
        return Markup("")
    x, y = centre
    first = y - (len(lines) - 1) * LABEL_SIZE * 0.6 + LABEL_SIZE * 0.35
    spans = Markup("").join(
        Markup('<tspan x="{:g}" y="{:g}"{}>{}</tspan>').format(
            x, round(first + i * LABEL_SIZE * 1.2, 1), Markup(' font-weight="bold"') if i == 0 else Markup(""), line)
        for i, line in enumerate(lines))
    return Markup('<text fill="{}" font-size="{:g}" text-anchor="middle" aria-hidden="true">{}</text>').format(
        ink, LABEL_SIZE, spans)


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values between `low` and `high` for a scale's ticks (a step of 1, 2, 2,5 or 5 times
    a power of ten), at most `most` of them."""
    if high <= low:
        return [low]
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def colour_bar(low: float, high: float, ticks: Sequence[tuple[float, str]], name: str, title: str = "",
               gradient: str = "kaart-scale") -> Markup:
    """The scale under the map: the YlGnBu gradient from `low` to `high` with its ticks written
    below it (texts formatted by the caller) and `title` above it, named for screen readers;
    `gradient` is the gradient's id, unique in the page."""
    width, bar, left = 400.0, 16.0, 20.0
    top = 20.0 if title else 0.0
    span = (high - low) or 1.0
    stops = Markup("").join(Markup('<stop offset="{:g}" stop-color="{}"/>').format(round(stop, 4), colour)
                            for stop, colour in PROGRESS_SCALE)
    marks = Markup("").join(
        Markup('<line x1="{x:g}" x2="{x:g}" y1="{y1:g}" y2="{y2:g}"/><text x="{x:g}" y="{y3:g}" '
               'text-anchor="middle">{label}</text>').format(
            x=round(left + (value - low) / span * (width - 2 * left), 1), y1=top + bar, y2=top + bar + 5,
            y3=top + bar + 20, label=label)
        for value, label in ticks)
    heading = Markup('<text x="{:g}" y="14">{}</text>').format(left, title) if title else Markup("")
    return Markup('<svg class="colour-bar" viewBox="0 0 {:g} {:g}" role="img" aria-label="{}">'
                  '<defs><linearGradient id="{}">{}</linearGradient></defs>{}'
                  '<rect x="{:g}" y="{:g}" width="{:g}" height="{:g}" fill="url(#{})"/>{}</svg>'
                  ).format(width, top + bar + 26, name, gradient, stops, heading, left, top, width - 2 * left, bar,
                           gradient, marks)

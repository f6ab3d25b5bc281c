"""Drive the served dashboard's Dash callbacks over HTTP, as the browser does, many at a time.

The page router callback (POST /_dash-update-component with the location's pathname and
search) returns exactly what a browser would render; a page that raises there is a blank
page for the reader. Used by tests/test_page_sweep.py.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from core.texts import _
from dashboard import ids
from dashboard.components import ERROR_MESSAGE

# The message a failed layout or callback shows (components.error_message): never expected.
FAILED = [_(ERROR_MESSAGE, lang)[:40] for lang in ("nl", "en")]


@dataclass(frozen=True)
class Call:
    """One callback request: its outputs, inputs and states as (id, property[, value])."""

    outputs: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str, object], ...]
    state: tuple[tuple[str, str, object], ...] = ()

    def body(self) -> bytes:
        outs = [{"id": i, "property": p} for i, p in self.outputs]
        key = (f"{self.outputs[0][0]}.{self.outputs[0][1]}" if len(outs) == 1
               else ".." + "...".join(f"{i}.{p}" for i, p in self.outputs) + "..")
        return json.dumps({
            "output": key, "outputs": outs[0] if len(outs) == 1 else outs,
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in self.inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in self.state],
            "changedPropIds": [f"{self.inputs[0][0]}.{self.inputs[0][1]}"]}).encode()


def page(path: str, search: str = "") -> Call:
    """The page router: what the reader sees at path?search."""
    return Call((("_pages_content", "children"), ("_pages_store", "data")),
                (("_pages_location", "pathname", path), ("_pages_location", "search", search)))


def map_view(month: str, lang: str, indicator: str = "leerwerkplaatsen") -> Call:
    """Kaart: the redraw after a change of controls."""
    return Call(((ids.KAART_MAP, "data-html"), (ids.KAART_LEGEND, "children"), (ids.KAART_TABLE, "children"),
                 (ids.KAART_SUMMARY, "children"), (ids.KAART_ATTRIBUTION, "children"),
                 (ids.KAART_NATIONAL, "children")),
                ((ids.KAART_PROGRAMME, "value", "lw2005"), (ids.KAART_INDICATOR, "data", indicator),
                 (ids.KAART_MONTH, "value", month), (ids.KAART_MEASURE, "data", "status"),
                 (ids.KAART_SHAPE, "data", "schematic")), ((ids.KAART_LANG, "data", lang),))


def ranking(month: str, lang: str, indicator: str = "leerwerkplaatsen") -> Call:
    """Vergelijken: the ranking redrawn (by share of target, as a first visit shows it)."""
    return Call(((ids.CMP_RANKING, "data-html"),),
                ((ids.CMP_PROGRAMME, "value", "lw2005"), (ids.CMP_INDICATOR, "value", indicator),
                 (ids.CMP_MONTH, "value", month), (ids.CMP_SORT, "data", "-achievement")),
                ((ids.CMP_LANG, "data", lang),))


def comparison(month: str, lang: str, regions: list[str]) -> Call:
    """Vergelijken: the side-by-side chart for some regions."""
    return Call(((ids.CMP_CHART, "figure"), (ids.CMP_TABLE, "children"), (ids.CMP_SUMMARY, "children")),
                ((ids.CMP_REGIONS, "data", regions), (ids.CMP_PROGRAMME, "value", "lw2005"),
                 (ids.CMP_INDICATOR, "value", "stages"), (ids.CMP_MONTH, "value", month)),
                ((ids.CMP_LANG, "data", lang),))


def boundary(region: str, month: str, lang: str, view: str) -> Call:
    """Regio: the gemeenten under another boundary view."""
    return Call(((ids.REGIO_GEMEENTEN, "children"),), ((ids.REGIO_BOUNDARY, "data", view),),
                ((ids.REGIO_STATE, "data", {"region": region, "programme": "lw2005", "month": month,
                                            "lang": lang}),))


def post(base: str, call: Call) -> tuple[int, str]:
    """Status and body of one callback request."""
    request = urllib.request.Request(f"{base}/_dash-update-component", data=call.body(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", errors="replace")


def sweep(base: str, calls: list[Call], workers: int = 4) -> list[tuple[Call, int, str]]:
    """Every call that did not give a 200 with a rendered result (no error message in it)."""
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda call: (call, *post(base, call)), calls))
    return [(call, status, body[:300]) for call, status, body in results
            if status != 200 or any(text in body for text in FAILED)]


def log_sizes(folder: Path) -> dict[str, int]:
    """How far each server log beside a served warehouse has been written: a test that must
    see only its own tracebacks passes this to `tracebacks` (the served app is shared, and
    tests/test_serving.py posts a broken callback on purpose)."""
    return {log.name: log.stat().st_size for log in folder.glob("*.log")}


def tracebacks(folder: Path, since: dict[str, int] | None = None) -> list[str]:
    """Tracebacks in the server logs beside a served warehouse, written after `since`."""
    logs = sorted(folder.glob("*.log"))
    assert logs, f"no server log in {folder}: the sweep cannot see tracebacks"
    found = []
    for log in logs:
        with log.open("rb") as handle:
            handle.seek((since or {}).get(log.name, 0))
            if b"Traceback" in handle.read():
                found.append(log.name)
    return found

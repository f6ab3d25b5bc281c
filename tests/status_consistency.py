"""What a progress card says, checked against itself (issue 23): its status may not contradict
its projection or its "doel bereikt in" text, wherever it is shown — the CLI's table, the region
page, its printed factsheet. Reads the text a reader reads; the words come from the catalogue
and the status labels from data/reference/statuses.csv, so nothing here restates the rule's
numbers. Used by tests/test_status_sweep.py and tests/test_phone_print.py."""
from __future__ import annotations

import csv
import re

from core.settings import REFERENCE_DIR
from core.texts import _
from core.vocabulary import STATUS_SYMBOLS

PACE = ("on_track", "acceleration_needed", "limited_progress", "deterioration")
NOTHING_TO_PROJECT = ("not_achieved", "no_data", "not_started")


def status_code(label: str, lang: str) -> str:
    """The status code a shown status ("▲ Op koers (onzeker, voorlopig)") names."""
    words = label.strip().lstrip("".join(STATUS_SYMBOLS.values())).strip().split(" (")[0]
    with (REFERENCE_DIR / "statuses.csv").open(encoding="utf-8") as f:
        codes = {row[f"label_{lang}"]: row["code"] for row in csv.DictReader(f)}
    return codes[words]


def amount(text: str, lang: str) -> float | None:
    """A shown count or amount ("€ 1.648.787", "1,585") as a number; None for "–"."""
    text = text.split(" (")[0].replace("€", "").replace("\xa0", "").replace(" ", "")
    if text in ("–", ""):
        return None
    thousands, decimal = (".", ",") if lang == "nl" else (",", ".")
    return float(text.replace(thousands, "").replace(decimal, "."))


def contradiction(code: str, projected: str, target: str, reached: str, lang: str) -> str | None:
    """Why a card's status, projection and "target reached in" disagree, or None when they agree."""
    expected, late, never = (_("expected", lang), _("after the deadline", lang), _("not at this pace", lang))
    p, t = amount(projected, lang), amount(target, lang)
    if code == "on_track":
        if p is None or p < t:
            return f"on track, but the projection {projected} misses the target {target}"
        if expected not in reached or late in reached:
            return f"on track, but reached: {reached}"
    elif code in PACE:
        if p is None or p >= t:
            return f"{code}, but the projection {projected} reaches the target {target}"
        if late not in reached and reached != never:
            return f"{code}, but reached: {reached}"
    elif code == "achieved" and (expected in reached or reached == "–"):
        return f"achieved, but reached: {reached}"
    elif code in NOTHING_TO_PROJECT and reached != "–":
        return f"{code}, but reached: {reached}"
    return None


def cli_cards(report: str, lang: str) -> list[dict[str, str]]:
    """The columns of `regiomonitor progress`'s table: per indicator, its status, projection,
    target and "target reached in", as printed (cells are separated by at least two spaces)."""
    rows = {}
    for line in report.splitlines():
        cells = re.split(r" {2,}", line.strip())
        if len(cells) > 1:
            rows.setdefault(cells[0], cells[1:])
    wanted = {"status": "Status", "projected": "Projected at deadline", "target": "Target",
              "reached": "Target reached in"}
    columns = {key: rows[_(label, lang)] for key, label in wanted.items()}
    return [dict(zip(columns, cells)) for cells in zip(*columns.values())]


def texts_of(node: object) -> list[str]:
    """Every text in a Dash component tree (its children, not a chart's figure)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for child in node for t in texts_of(child)]
    if isinstance(node, dict) and "props" in node:
        return texts_of(node["props"].get("children"))
    return []


def components_where(node: object, test) -> list[dict]:
    """Every component in a Dash component tree for which `test(props)` holds."""
    found = []
    if isinstance(node, list):
        for child in node:
            found += components_where(child, test)
    elif isinstance(node, dict) and "props" in node:
        if test(node["props"]):
            found.append(node)
        found += components_where(node["props"].get("children"), test)
    return found


def page_cards(tree: object, lang: str) -> dict[str, dict[str, str]]:
    """The region page's cards (the page router's component tree), per indicator: the status
    code its badge is drawn with, the status as read, and the figures projected, target and
    "target reached in" as shown."""
    terms = {_("Projected at the deadline", lang): "projected", _("Target", lang): "target",
             _("Target reached in", lang): "reached"}
    cards = {}
    for card in components_where(tree, lambda props: str(props.get("id", "")).startswith("card-")):
        [badge] = components_where(card, lambda props: "status " in str(props.get("className", "")))
        shown = {"code": badge["props"]["className"].split("status-")[1],
                 "status": "".join(texts_of(badge)).strip()}
        for pair in components_where(card, lambda props: isinstance(props.get("children"), list)
                          and len(props["children"]) == 2
                          and all(isinstance(c, dict) and c.get("type") in ("Dt", "Dd")
                                  for c in props["children"])):
            term, value = ("".join(texts_of(c)) for c in pair["props"]["children"])
            if term in terms:
                shown[terms[term]] = value
        cards[card["props"]["id"].removeprefix("card-")] = shown
    return cards

"""Methode generated from the rules it describes (issue 23): every number on the page read back
from the reference data the views use (statuses.csv, core/settings.py's settings, targets.csv,
programme_frame.csv, regions.csv), the sentences the issue found contradicting the code gone,
no internal note on any page, and the national frame on the map as context, never as a share.
The real app runs in process on a copy of the demo warehouse and is asked for its pages with the
request bodies a browser sends."""
from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from core import settings as config
from core.formats import fmt_amount, fmt_month, fmt_number, fmt_pct
from core.settings import DEMO_DIR, REFERENCE_DIR
from tests.helpers import page_render
from tests.page_sweep import map_view

LANGS = ("nl", "en")
# What an internal note looks like: an issue number, a to-do, a note that a figure is unchecked.
INTERNAL_NOTE = re.compile(r"\bissue\s*#?\d+|\bTODO\b|\bFIXME\b|\bXXX\b|nog te (controleren|verifiëren)|"
                           r"to be (checked|verified)|van dit project|of this project", re.IGNORECASE)


def rows(name: str, folder: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def served(demo_warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("methode")
    return Path(shutil.copyfile(demo_warehouse, folder / "warehouse.duckdb"))


@pytest.fixture(scope="module")
def client(served):
    from dashboard.app import create_app

    folder = served.parent
    app = create_app(served, folder / "accounts.sqlite", folder / "inbox")
    client = app.server.test_client()
    client.get("/")     # Dash sets up its page router at the first request
    return client


def post(client, body: dict) -> dict:
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.get_json()["response"]


def text(node: object) -> str:
    """Every text in a Dash component tree, block elements on their own line."""
    if isinstance(node, (str, int, float)):
        return str(node)
    if isinstance(node, list):
        return "".join(text(n) for n in node)
    if isinstance(node, dict) and "props" in node:
        inner = text(node["props"].get("children"))
        return f"\n{inner}" if node.get("type") in {"P", "Li", "Dd", "Dt", "H2", "H3", "Tr"} else inner
    return ""


def find(node: object, component_id: str) -> object | None:
    """The component with this id in a Dash component tree."""
    if isinstance(node, list):
        return next((hit for n in node if (hit := find(n, component_id)) is not None), None)
    if isinstance(node, dict) and "props" in node:
        if node["props"].get("id") == component_id:
            return node
        return find(node["props"].get("children"), component_id)
    return None


def page(client, path: str, lang: str) -> object:
    return post(client, page_render(path, f"?lang={lang}"))["_pages_content"]["children"]


def map_panel(client, month: str, lang: str, indicator: str) -> str:
    """The map's national panel, as the browser receives it after choosing month and indicator."""
    response = post(client, json.loads(map_view(month, lang, indicator).body()))
    return text(response["kaart-national"]["children"])


def section(client, component_id: str, lang: str) -> str:
    found = find(page(client, "/methode", lang), component_id)
    assert found is not None, f"Methode has no section #{component_id}"
    return text(found)


@pytest.mark.parametrize("lang", LANGS)
def test_thresholds_on_methode_are_the_status_table_and_its_texts_agree(client, lang):
    shown = text(page(client, "/methode", lang))
    statuses = rows("statuses.csv")
    thresholds = set()
    for status in statuses:
        if status["kind"] == "pace" and math.isfinite(float(status["min_ratio"])):
            ratio = float(status["min_ratio"])
            thresholds.add(round(ratio * 100))
            assert f"{fmt_pct(ratio, lang)} ≤ α" in shown      # the band of α it starts
        assert status[f"description_{lang}"] in shown
    # a percentage written in a status's description is one of the thresholds, not a copy of its own
    for status in statuses:
        for pct in re.findall(r"(\d+)\s?%", status[f"description_{lang}"]):
            assert int(pct) in thresholds | {0}, (status["code"], pct)


@pytest.mark.parametrize("lang", LANGS)
def test_completeness_parameters_on_methode_are_the_settings_the_views_apply(client, served, lang):
    shown = section(client, "voorlopig", lang)
    with duckdb.connect(str(served), read_only=True) as con:
        applied = dict(con.execute("select name, value from setting").fetchall())
        month = con.execute("select as_of_month from mv_current_month").fetchone()[0]
    assert applied == {"default_month_complete_share": config.DEFAULT_MONTH_COMPLETE_SHARE,
                       "due_month_reported_share": config.DUE_MONTH_REPORTED_SHARE,
                       "recent_pace_months": config.RECENT_PACE_MONTHS,
                       "context_min_regions": config.CONTEXT_MIN_REGIONS}
    default, due = (fmt_pct(config.DEFAULT_MONTH_COMPLETE_SHARE, lang, 0),
                    fmt_pct(config.DUE_MONTH_REPORTED_SHARE, lang, 0))
    words = {"nl": (f"minstens {default} van de regio's", f"minstens {due} van de regio's met een leveringsplicht",
                    f"de laatste {config.RECENT_PACE_MONTHS} kalendermaanden"),
             "en": (f"at least {default} of the regions", f"at least {due} of the regions with reporting",
                    f"the last {config.RECENT_PACE_MONTHS} calendar months")}[lang]
    for phrase in words:
        assert phrase in shown
    assert fmt_month(month, lang) in shown
    obligations = len(rows("obligations.csv"))
    assert f"obligations.csv, {'nu' if lang == 'nl' else 'now'} {obligations} " in shown


@pytest.mark.parametrize("lang", LANGS)
def test_worked_example_is_the_first_real_target_computed_by_hand(client, lang):
    first = sorted(rows("targets.csv"), key=lambda r: (r["region"], r["indicator"]))[0]
    baseline, deadline = (dt.date.fromisoformat(first[k]) for k in ("baseline_date", "deadline"))
    months = (deadline.year - baseline.year) * 12 + deadline.month - baseline.month   # 24 for Rivierenland
    required = (float(first["target_value"]) - float(first["baseline_value"])) / months
    start = dt.date(baseline.year + baseline.month // 12, baseline.month % 12 + 1, 1)
    target, baseline_value = (fmt_number(float(first[k]), lang) for k in ("target_value", "baseline_value"))
    to = "t/m" if lang == "nl" else "to"
    shown = section(client, "formules", lang)
    assert f"({target} − {baseline_value}) / {months} = {fmt_number(required, lang, 1)}" in shown
    assert f"{fmt_month(start, lang)} {to} {fmt_month(deadline, lang)}, N = {months}" in shown
    assert months == 24 and fmt_number(required, "nl", 1) == "48,3"   # (1.500 − 340) / 24 for AM10 EVC


@pytest.mark.parametrize("lang", LANGS)
def test_sources_and_demo_share_are_the_reference_and_demo_files(client, served, lang):
    shown = section(client, "bronnen", lang)
    real = rows("targets.csv")
    for target in real:
        assert target["source"] in shown
    demo_targets = len(rows("targets.csv", DEMO_DIR))
    with duckdb.connect(str(served), read_only=True) as con:
        figures = con.execute("select count(*) from observation").fetchone()[0]
    of = "van" if lang == "nl" else "of"
    assert f"{fmt_number(demo_targets, lang)} {of} {fmt_number(demo_targets + len(real), lang)}" in shown
    assert f"{fmt_number(figures, lang)} {of} {fmt_number(figures, lang)}" in shown   # every figure is demo
    codes = {r["code"] for r in rows("regions.csv")}
    numbers = sorted(int(code[2:]) for code in codes)
    gaps = [f"AM{n:02d}" for n in range(numbers[0], numbers[-1] + 1) if f"AM{n:02d}" not in codes]
    assert gaps == ["AM04", "AM16", "AM31"]
    assert f"{len(codes)} " in shown and ", ".join(gaps) in shown


@pytest.mark.parametrize("lang", LANGS)
def test_programme_frame_on_methode_gives_each_goal_with_its_source(client, lang):
    shown = section(client, "kader", lang)
    for row in rows("programme_frame.csv"):
        assert f": {fmt_amount(float(row['goal']), 'aantal', lang)}" in shown
        assert row["source"] in shown
    assert "%" not in shown     # context, never a share


@pytest.mark.parametrize("lang", LANGS)
def test_methode_no_longer_contradicts_the_code(client, lang):
    """The two sentences issue 23 found: 'a month without delivery counts as zero' beside 'never
    counts as 0', and 'later figures can only raise R' while a withdrawal lowers it."""
    shown = text(page(client, "/methode", lang))
    for wrong in ("telt als nul", "counts as zero", "alleen verhogen", "can only raise",
                  "R never falls", "R daalt nooit"):
        assert wrong not in shown
    assert ("kan R dus verlagen" if lang == "nl" else "can lower R as well as raise it") in shown


PAGES = ["/", "/regio/AM10", "/vergelijken", "/data", "/methode"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_internal_note_on_any_page_or_in_the_map_panel(client, lang):
    for path in PAGES:
        shown = text(page(client, path, lang))
        assert shown.strip() and not INTERNAL_NOTE.search(shown), (path, INTERNAL_NOTE.search(shown))
    for indicator in ("leerwerkplaatsen", "evc_trajecten"):
        assert not INTERNAL_NOTE.search(map_panel(client, "2007-03", lang, indicator))


def test_no_internal_note_in_any_reference_file_the_interface_shows():
    """Reference texts reach the pages (labels, definitions, descriptions, sources, notes); a note
    for the maintainers belongs in a data/reference/*.SOURCE.md, which no page shows."""
    found = [(path.name, i, cell) for path in sorted(REFERENCE_DIR.glob("*.csv"))
             for i, row in enumerate(rows(path.name), start=2) for cell in row.values()
             if cell and INTERNAL_NOTE.search(cell)]
    assert found == []
    assert (REFERENCE_DIR / "programme_frame.SOURCE.md").exists()


def test_the_map_never_sets_the_regions_sum_against_the_national_goal(client, served):
    """'Landelijk doel 15.000; alle regio's samen 279,8%' (issue 23) set a sum of demonstration
    figures against a real national goal. The frame is context: the goal and its source are
    shown, no percentage of it, in any month."""
    with duckdb.connect(str(served), read_only=True) as con:
        columns = {c for (c,) in con.execute("select column_name from information_schema.columns "
                                             "where table_name in ('mv_national', 'v_national')").fetchall()}
        sums = con.execute("select indicator, strftime(as_of_month, '%Y-%m'), realised_total, national_goal, "
                           "first_regions_goal from mv_national where national_goal is not null "
                           "and as_of_month between '2006-01-01' and '2007-11-01' order by 2, 1").fetchall()
    assert not {c for c in columns if c.startswith("share_of")}
    assert len(sums) == 2 * 23
    frame = {r["indicator"]: r for r in rows("programme_frame.csv") if r["scope"] == "national"}
    for indicator, month, realised, goal, first_goal in sums[::5]:
        shown = map_panel(client, month, "nl", indicator)
        context = shown[shown.index("Context: het programmakader"):]
        assert f"voor het hele programma: {fmt_number(goal, 'nl')}." in context
        assert f"samen ongeveer {fmt_number(first_goal, 'nl')}." in context
        assert frame[indicator]["source"] in context
        assert "%" not in context
        assert fmt_pct(realised / goal, "nl") not in shown     # e.g. 279,8% for leerwerkplaatsen
        assert "demonstratiedata" in shown                    # the regions' own sum is labelled demo

"""Expectations in context on the pages (issue 26): the region card and factsheet say
"Verwacht gezien de context" with a figure, a region with too little data gets no figure and the
reason, Vergelijken has the column, and Methode documents the model with its fit and check. The
real app runs in process on a copy of the demo warehouse (tests/test_methode.py's fixtures); every
figure is read back from the warehouse's own tables."""
from __future__ import annotations

import datetime as dt
import sys
from types import ModuleType

import duckdb
import pytest

from core.formats import fmt_number
from tests.test_methode import client, find, page, served, text  # noqa: F401 (fixtures)


def one(served, sql: str, *params) -> tuple:
    with duckdb.connect(str(served), read_only=True) as con:
        return con.execute(sql, params).fetchone()


def page_module(name: str) -> ModuleType:
    """A page module as the app imported it. Importing it again under another name would
    register its path twice, and every app made later in this process would refuse to route."""
    import dash
    return sys.modules[next(p["module"] for p in dash.page_registry.values()
                            if p["module"].rsplit(".", 1)[-1] == name)]


def link(node: object, words: str) -> dict | None:
    """The props of the link with these words in a Dash component tree."""
    if isinstance(node, list):
        return next((hit for n in node if (hit := link(n, words)) is not None), None)
    if isinstance(node, dict) and "props" in node:
        if node.get("type") == "A" and node["props"].get("children") == words:
            return node["props"]
        return link(node["props"].get("children"), words)
    return None


def test_region_card_shows_expected_given_context_with_its_figure(client, served):
    per_10k, = one(served, "select expected_per_10k from v_context_expected "
                           "where region = 'AM10' and indicator = 'leerwerkplaatsen'")
    card = text(find(page(client, "/regio/AM10", "nl"), "card-leerwerkplaatsen"))
    assert "Verwacht gezien de context" in card
    assert f"{fmt_number(per_10k, 'nl', 1)} per 10.000" in card
    english = text(find(page(client, "/regio/AM10", "en"), "card-leerwerkplaatsen"))
    assert f"Expected given context\n{fmt_number(per_10k, 'en', 1)} per 10,000" in english
    own, = one(served, "select baseline_per_10k from v_context_expected "
                       "where region = 'AM10' and indicator = 'leerwerkplaatsen'")
    assert f"Deze regio bij de start\n{fmt_number(own, 'nl', 1)} per 10.000" in card


def test_region_with_too_little_data_gets_no_figure_and_the_reason(client):
    found = find(page(client, "/regio/AM38", "nl"), "card-leerwerkplaatsen")
    assert "Verwacht gezien de context\ngeen cijfer: context onvolledig (waarom?)" in text(found)
    why = link(found, "waarom?")   # in full on Methode, and in the link's title
    assert why["href"] == "/methode?lang=nl#context"
    assert why["title"].startswith("geen cijfer: de context van 2005 is onvolledig")
    oo = text(find(page(client, "/regio/AM10", "nl"), "card-oo_uitgaven_eur"))
    assert "geen cijfer: te weinig regio's" in oo


def test_compare_has_the_context_column_and_sorts_on_it(client):
    vergelijken = page_module("vergelijken")
    with client.application.test_request_context("/vergelijken"):
        markup = vergelijken.ranking_markup([], "-achievement", "nl")
    assert ('<th scope="col" class="num"><button type="button" class="sort" data-sort="context_per_10k">'
            "Verwacht gezien de context (per 10.000)</button></th>") in markup


def test_compare_rows_carry_the_figure_or_why_not(client, served):
    vergelijken = page_module("vergelijken")
    with client.application.test_request_context("/vergelijken"):
        rows = {r["region"]: r for r in vergelijken.ranking_rows.__wrapped__(
            "lw2005", "leerwerkplaatsen", dt.date(2007, 6, 1), "nl")}
    per_10k, = one(served, "select expected_per_10k from v_context_expected "
                           "where region = 'AM10' and indicator = 'leerwerkplaatsen'")
    assert rows["AM10"]["context_per_10k"] == pytest.approx(per_10k)
    assert rows["AM10"]["context_per_10k_text"] == fmt_number(per_10k, "nl", 1)
    assert rows["AM38"]["context_per_10k"] is None
    assert rows["AM38"]["context_per_10k_text"] == "geen cijfer: context onvolledig"


def test_methode_documents_the_model_its_fit_and_its_check(client, served):
    shown = text(find(page(client, "/methode", "nl"), "context"))
    assert "log E[B] = log(P / 10.000) + b0" in shown
    assert "geen doel, en geen oordeel" in shown
    b1, low, high = one(served, "select estimate, ci_low, ci_high from context_coefficient "
                                "where indicator = 'leerwerkplaatsen' and term = 'unemployment_pct'")
    assert f"{fmt_number(low, 'nl', 3)} – {fmt_number(high, 'nl', 3)}" in shown
    r2, = one(served, "select pseudo_r2 from context_fit where indicator = 'leerwerkplaatsen'")
    assert f"Pseudo-R² (1 − deviantie / nuldeviantie): {fmt_number(r2, 'nl', 3)}" in shown
    assert "Leave-one-out-controle" in shown
    assert "FoodValley (geen cijfer: de context van 2005 is onvolledig" in shown
    assert "Demonstratiedata: gegenereerd door pipelines/demo_data.py" in shown

"""No page loads dash_table's bundle (dashboard/unused_scripts.py): the pages' script tags, a
guard that the dashboard draws no DataTable, and in Chromium the pages drawn without it, also
after moving to a region's page inside the app."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import unused_scripts

DASHBOARD = Path(unused_scripts.__file__).parent


def test_no_page_names_the_data_table_bundle(demo_warehouse, tmp_path):
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    for path in ("/", "/regio/AM10", "/vergelijken", "/data", "/methode", "/nergens"):
        scripts = re.findall(r'<script src="([^"]+)"', client.get(path).get_data(as_text=True))
        assert not any("dash_table" in src for src in scripts), path
        assert any("dash_renderer" in src for src in scripts) and any("/dcc/" in src for src in scripts)


def test_only_the_data_table_tag_goes():
    table = '<script src="/_dash-component-suites/dash/dash_table/bundle.v7_4_1m1.js"></script>\n'
    html_tag = '<script src="/_dash-component-suites/dash/html/dash_html_components.v4_4_1m1.min.js"></script>\n'
    assert unused_scripts.without_data_table(html_tag + table + html_tag) == html_tag + html_tag
    assert unused_scripts.without_data_table(html_tag) == html_tag


def test_the_dashboard_draws_no_data_table():
    """Without its bundle a DataTable in a layout would not be drawn: no module may use it."""
    for module in DASHBOARD.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, (ast.Import, ast.ImportFrom))
                     else [node.attr] if isinstance(node, ast.Attribute) else [])
            module_name = node.module if isinstance(node, ast.ImportFrom) else None
            assert "dash_table" not in (*names, module_name) and "DataTable" not in names, module


@pytest.mark.slow
def test_pages_are_drawn_without_it(page, served_app):
    page.goto(served_app + "/")
    expect(page.locator("#kaart-map svg.region-map")).to_be_attached(timeout=60_000)
    page.evaluate("window.firstDocument = true")   # gone if the browser loads a new document
    page.locator("#kaart-table").get_by_role("link", name="Rivierenland", exact=True).click()
    expect(page.locator(".covenant tbody tr").first).to_be_visible(timeout=60_000)
    assert page.evaluate("window.firstDocument") is True
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")   # this document's
    assert any("dash_renderer" in url for url in loaded) and not any("dash_table" in url for url in loaded)
    assert page.console_errors == []

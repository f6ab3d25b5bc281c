"""Pieces every page shares: header with navigation and language switch, demo label, footer, tables."""
from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import dcc, html

from dashboard import warehouse
from dashboard.i18n import LANGUAGES, fmt_date, t


def href(path: str, lang: str, **params: str | None) -> str:
    """A link within the app that keeps the language (and any other view state)."""
    query = {k: v for k, v in {**params, "lang": lang}.items() if v}
    return f"{path}?{urlencode(query)}"


def header(lang: str, path: str, **params: str | None) -> html.Header:
    """Title, navigation from the page registry, and the language switch."""
    pages = [p for p in dash.page_registry.values() if p.get("path_template") is None]
    nav = html.Nav(html.Ul([html.Li(dcc.Link(t(p["label_key"], lang), href=href(p["path"], lang)))
                            for p in pages]), **{"aria-label": t("nav_label", lang)})
    switch = html.Div([
        html.Span(f"{t('language_label', lang)}: ", className="switch-label"),
        *[html.A(code.upper(), href=href(path, code, **params), lang=code, hrefLang=code,
                   className="lang-link" + (" current" if code == lang else ""),
                   **({"aria-current": "true"} if code == lang else {}))
          for code in LANGUAGES],
    ], className="lang-switch")
    return html.Header([
        html.A(t("skip_link", lang), href="#main", className="skip-link"),
        html.Div([html.Span(t("app_title", lang), className="brand"),
                  html.Span(t("tagline", lang), className="tagline")], className="brand-block"),
        nav, switch,
    ], className="site-header")


def demo_banner(lang: str, shown: bool) -> html.Div | None:
    """The visible "demonstratiedata" label wherever generated figures appear."""
    if not shown:
        return None
    return html.Div([html.Strong(t("demo_tag", lang).capitalize() + ". "), t("demo_banner", lang)],
                    className="demo-banner", role="note")


def footer(lang: str) -> html.Footer:
    """When the figures were published, so a reader knows how fresh they are."""
    info = warehouse.current().query("warehouse_info").iloc[0]
    published = info["published_at"]
    return html.Footer(t("footer", lang, published=fmt_date(published.date(), lang)
                         if published is not None else "–"), className="site-footer")


def table(caption: str, columns: list[str], rows: list[list], numeric: set[int] = frozenset(),
          table_id: str | None = None) -> html.Table:
    """An accessible data table: caption, header cells with scope, numbers right-aligned."""
    head = html.Thead(html.Tr([html.Th(c, scope="col", className="num" if i in numeric else None)
                               for i, c in enumerate(columns)]))
    body = html.Tbody([html.Tr([html.Td(cell, className="num" if i in numeric else None)
                                for i, cell in enumerate(row)]) for row in rows])
    props = {"id": table_id} if table_id else {}
    return html.Table([html.Caption(caption), head, body], className="data-table", **props)

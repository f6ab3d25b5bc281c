"""Pieces every page shares: header with navigation and language switch, demo label, footer, tables."""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode

import dash
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html
from dash.exceptions import MissingCallbackContextException
from markupsafe import Markup, escape

from core import states
from core.formats import as_date, fmt_date, fmt_month
from core.presentation import flag  # noqa: F401 -- the pages' yes/no test
from core.texts import LANGUAGES, N_, _, language
from dashboard import first_page, ids, navigation, response_cache, search, warehouse

LOG = logging.getLogger("regiomonitor.dashboard")


def page_title(label: str) -> Callable[..., str]:
    """A page's browser title in the reader's language, for dash.register_page: Dash asks for it
    when it serves the first page and its layout (the page's address holds the language:
    dashboard/first_page.py) and in its router callback on every later page (the callback's
    address input holds it)."""
    def title(**_path_variables: str) -> str:
        try:
            search = dash.ctx.inputs.get("_pages_location.search") or ""
            lang = language(parse_qs(search.removeprefix("?")).get("lang", [None])[0])
        except (MissingCallbackContextException, LookupError):   # no callback: the first page load
            lang = language(first_page.query_param("lang"))
        return f"Regiomonitor – {_(label, lang)}"
    return title


def href(path: str, lang: str, **params: str | None) -> str:
    """A link within the app that keeps the language (and any other view state)."""
    query = {k: v for k, v in {**params, "lang": lang}.items() if v}
    return f"{path}?{urlencode(query)}"


def header(lang: str, path: str, **params: str | None) -> html.Header:
    """Title, navigation and who is signed in (dashboard/navigation.py, as on the Flask pages),
    search, and the language switch."""
    shown = navigation.for_viewer()
    nav = html.Nav(html.Ul([html.Li(html.A(_(link.label, lang), href=href(link.path, lang),
                                           **({"aria-current": "page"} if link.path == path else {})))
                            for link in shown.links]),
                   **{"aria-label": _("Main navigation", lang)})
    switch = html.Div([
        html.Span(_("Language", lang) + ": ", className="switch-label"),
        *[html.A(code.upper(), href=href(path, code, **params), lang=code, hrefLang=code,
                   className="lang-link" + (" current" if code == lang else ""),
                   **({"aria-current": "true"} if code == lang else {}))
          for code in LANGUAGES],
    ], className="lang-switch")
    return html.Header([
        html.A(_("Skip to content", lang), href="#main", className="skip-link"),
        html.Div([html.Span(_("Regiomonitor", lang), className="brand"),
                  html.Span(_("Regional learning and work covenants: targets and progress per "
                              "labour-market region", lang), className="tagline")], className="brand-block"),
        nav, search_box(lang), account_bar(shown, lang), switch,
    ], className="site-header")


def account_bar(shown: navigation.Header, lang: str) -> html.Div:
    """"Ingelogd als …" with Sessies and Uitloggen, or Inloggen for a public reader."""
    who = [html.Span(_("Signed in as {user}", lang, user=shown.username), className="signed-in")
           ] if shown.username else []
    return html.Div(who + [html.A(_(link.label, lang), href=navigation.href(link.path, lang))
                           for link in shown.account_links], className="account-bar")


def search_box(lang: str) -> html.Form:
    """Find my region: a plain GET form to /zoek (dashboard/search.py), so it works by keyboard
    and without scripts; the datalist (in the page's HTML: search.install) offers every region
    and gemeente name as you type."""
    return html.Form([
        html.Label(_("Find region or municipality", lang), htmlFor=ids.SEARCH_INPUT),
        html.Div([
            dcc.Input(id=ids.SEARCH_INPUT, type="search", name="q", list=ids.SEARCH_OPTIONS,
                      autoComplete="off", maxLength=search.MAX_QUERY),
            dcc.Input(type="hidden", name="lang", value=lang),
            html.Button(_("Search", lang), type="submit", className="button"),
        ], className="search-row"),
    ], action="/zoek", method="get", role="search", className="site-search no-print")


DEMO_BANNER = N_("The realisations and most targets on this page are generated, not real figures. Only "
                 "Rivierenland's targets and baselines come from the covenant.")


def demo_banner(lang: str, shown: bool) -> html.Div | None:
    """The visible "demonstratiedata" label wherever generated figures appear."""
    if not shown:
        return None
    return html.Div([html.Strong(_(states.DEMO_TAG, lang).capitalize() + ". "), _(DEMO_BANNER, lang)],
                    className="demo-banner", role="note")


def footer(lang: str) -> html.Footer:
    """When the figures were published, so a reader knows how fresh they are."""
    info = warehouse.current().query("warehouse_info").iloc[0]
    published = info["published_at"]
    return html.Footer(_("Regiomonitor · figures from the warehouse published {published}", lang,
                         published=fmt_date(published.date(), lang)
                         if published is not None else "–"), className="site-footer")


def table(caption: str, columns: list[str], rows: list[list], numeric: set[int] = frozenset(),
          table_id: str | None = None, phone_hidden: set[int] = frozenset(),
          box_class: str = "") -> html.Div:
    """An accessible data table (caption, header cells with scope, numbers right-aligned) in its
    own scroll box, so a wide table scrolls inside the page instead of widening it (a 390 px
    phone). Columns in `phone_hidden` are left out on narrow screens (style.css)."""
    head = html.Thead(html.Tr([html.Th(c, scope="col", className=column_class(i, numeric, phone_hidden))
                               for i, c in enumerate(columns)]))
    body = html.Tbody([html.Tr([html.Td(cell, className=column_class(i, numeric, phone_hidden))
                                for i, cell in enumerate(row)]) for row in rows])
    props = {"id": table_id} if table_id else {}
    return scroll_box(html.Table([html.Caption(caption), head, body], className="data-table", **props),
                      caption, box_class)


def column_class(i: int, numeric: set[int], phone_hidden: set[int], extra: str | None = None) -> str | None:
    """The class of column `i`'s cells in both kinds of table (`table`, `static_table`): "num"
    right-aligns a number, "phone-hidden" leaves it out on narrow screens (style.css); `extra`
    is a cell's own (the coverage's colours). None when it has none."""
    return " ".join(c for c in ("num" if i in numeric else "", "phone-hidden" if i in phone_hidden else "",
                                extra or "") if c) or None


class Cell(NamedTuple):
    """A cell of a static table with more than text: a class (the coverage's colours), or a row
    header (<th scope="row">). A plain str or Markup is an ordinary <td>."""

    content: str | Markup
    class_name: str | None = None
    row_header: bool = False


class Header(NamedTuple):
    """A column header of a static table that sorts: its button asks for `sort` (the value a
    click puts in the table's sort store, assets/static_html.js), and `aria_sort` ("ascending",
    "descending") says how the column is sorted now. A plain str or Markup is an ordinary <th>."""

    content: str | Markup
    sort: str | None = None
    aria_sort: str | None = None


def static_table(caption: str, columns: Sequence[str | Markup | Header],
                 rows: Sequence[Sequence[str | Markup | Cell]], numeric: set[int] = frozenset(),
                 table_id: str | None = None, phone_hidden: set[int] = frozenset(), box_class: str = "",
                 table_class: str = "data-table") -> html.Div:
    """The same table as `table`, for a large read-only one: its HTML is built here, every text
    escaped, and the browser draws it from one component (assets/static_html.js) instead of a
    Dash component per cell. React and Dash spent the first visit's long task on those (issue 27,
    page ready: /data's freshness and coverage were 2.000 of its components)."""
    markup = static_markup(caption, columns, rows, numeric, table_id, phone_hidden, table_class)
    return scroll_box(static_box(markup), caption, box_class)


def static_box(markup: Markup, box_id: str | None = None, sort_store: str | None = None) -> html.Div:
    """The one component a static table is drawn from; with `box_id`, a callback can redraw it
    (its data-html), and with `sort_store` its headers' sort buttons set that dcc.Store."""
    props = {"data-html": str(markup)} | ({"id": box_id} if box_id else {}) | (
        {"data-sort-store": sort_store} if sort_store else {})
    return html.Div(className="static-html", **props)


def static_markup(caption: str, columns: Sequence[str | Markup | Header],
                  rows: Sequence[Sequence[str | Markup | Cell]], numeric: set[int] = frozenset(),
                  table_id: str | None = None, phone_hidden: set[int] = frozenset(),
                  table_class: str = "data-table", column_classes: dict[int, str] | None = None) -> Markup:
    """A static table's HTML (`static_table`); `column_classes` gives a column's header and cells
    a class of its own (the ranking's columns that stay in view)."""
    own = column_classes or {}

    def cls(i: int, extra: str | None = None) -> Markup:
        names = column_class(i, numeric, phone_hidden, " ".join(c for c in (own.get(i), extra) if c))
        return Markup(' class="{}"').format(names) if names else Markup("")

    plain = [cls(i) for i in range(len(columns))]

    def cell(i: int, value: str | Markup | Cell) -> str:
        # Each cell's markup as a str, escaped here, joined once below: Markup.format per cell
        # was most of a region page's rendering time in its tables (~1.700 cells a page).
        if not isinstance(value, Cell):
            return f"<td{plain[i] if i < len(plain) else cls(i)}>{escape(value)}</td>"
        if value.row_header:
            return f'<th scope="row"{cls(i, value.class_name)}>{escape(value.content)}</th>'
        return f"<td{cls(i, value.class_name)}>{escape(value.content)}</td>"

    def header(i: int, value: str | Markup | Header) -> Markup:
        if not isinstance(value, Header) or value.sort is None:
            return Markup('<th scope="col"{}>{}</th>').format(cls(i), getattr(value, "content", value))
        state = Markup(' aria-sort="{}"').format(value.aria_sort) if value.aria_sort else Markup("")
        return Markup('<th scope="col"{}{}><button type="button" class="sort" data-sort="{}">{}</button></th>'
                      ).format(cls(i), state, value.sort, value.content)

    head = Markup("").join(header(i, c) for i, c in enumerate(columns))
    body = Markup("".join(f"<tr>{''.join([cell(i, v) for i, v in enumerate(row)])}</tr>" for row in rows))
    return Markup('<table class="{}"{}><caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
                  ).format(table_class, Markup(' id="{}"').format(table_id) if table_id else Markup(""),
                           caption, head, body)


def link_markup(content: str | Markup, href: str, app: bool = True) -> Markup:
    """A link inside a static table. With `app` it opens the page in the app without reloading
    it, as dcc.Link does (assets/static_html.js); without, as html.A does, the browser loads it."""
    return Markup('<a href="{}"{}>{}</a>').format(href, Markup(' data-app-link=""') if app else Markup(""),
                                                  content)


def breakable(name: str) -> list:
    """A name a line may end in only after its slashes and underscores ("Zaanstreek/|Waterland",
    "AM10_|roc.csv"), never inside a word: the rest of the name stays whole on a 390 px phone
    (issue 26), where the browser would otherwise widen the table or break it anywhere."""
    parts = break_points(name)
    return [piece for part in parts[:-1] for piece in (part, html.Wbr())] + parts[-1:]


def breakable_markup(name: str) -> Markup:
    """`breakable` for a static table: the name escaped, <wbr> at the same places."""
    return Markup("<wbr>").join(break_points(name))


def break_points(name: str) -> list[str]:
    """A name cut after its slashes and underscores: where a line may end (`breakable`)."""
    return re.split(r"(?<=[/_])", name)


def scroll_box(content: html.Table | html.Div, label: str, box_class: str = "") -> html.Div:
    """A box that scrolls sideways (and down, with box_class="scroll") on its own; reachable by
    keyboard (tabindex 0) and named, as axe's scrollable-region-focusable rule asks."""
    return html.Div(content, className=f"table-scroll {box_class}".strip(), tabIndex="0", role="region",
                    **{"aria-label": label})


def labels(query: str, lang: str) -> dict[str, str]:
    """Code → label in `lang` from a reference query (indicators, statuses)."""
    frame = warehouse.current().query(query)
    return dict(zip(frame["code"], frame[f"label_{lang}"]))


def select(component_id: str, label: str, value: str, options: dict[str, str]) -> html.Div:
    """A dropdown with a visible label tied to it."""
    return html.Div([html.Label(label, htmlFor=component_id),
                     dcc.Dropdown(id=component_id, value=value, clearable=False, searchable=False,
                                  options=[{"label": v, "value": k} for k, v in options.items()])],
                    className="control")


def choice_group(group_id: str, legend: str, options: dict[str, str], value: str | list[str],
                 hint: str | None = None) -> html.Fieldset:
    """A choice as toggle buttons (aria-pressed) in a fieldset; the chosen value (or list of
    values, when `value` is a list) is in the dcc.Store `group_id`. Native buttons: Tab to
    reach, Enter or Space to choose.

    Dash 4's RadioItems renders radio inputs inside role=option labels and its multi-select
    dropdown's name differs from its content, both reported by axe-core; buttons are clean.
    """
    chosen = value if isinstance(value, list) else [value]
    buttons = [html.Button(label, id={"type": group_id, "index": code}, type="button",
                           className="choice", **{"aria-pressed": "true" if code in chosen else "false"})
               for code, label in options.items()]
    return html.Fieldset([html.Legend(legend), html.P(hint, className="hint") if hint else None,
                          html.Div(buttons, className="choices"), dcc.Store(id=group_id, data=value)],
                         className="control")


def register_choice(group_id: str, max_selected: int | None = None) -> None:
    """The callback that presses the chosen button; with `max_selected`, a multiple choice in
    which a click toggles, and a click beyond the maximum is ignored."""
    @dash.callback(Output({"type": group_id, "index": ALL}, "aria-pressed"), Output(group_id, "data"),
                   Input({"type": group_id, "index": ALL}, "n_clicks"),
                   State({"type": group_id, "index": ALL}, "aria-pressed"), prevent_initial_call=True)
    def choose(_clicks: list, pressed: list[str]) -> tuple[list[str], str | list[str]]:
        clicked = dash.ctx.triggered_id["index"]
        codes = [item["id"]["index"] for item in dash.ctx.inputs_list[0]]
        if max_selected is None:
            return ["true" if code == clicked else "false" for code in codes], clicked
        selected = {c for c, p in zip(codes, pressed) if p == "true"} ^ {clicked}
        if len(selected) > max_selected:
            selected.discard(clicked)
        return (["true" if c in selected else "false" for c in codes],
                [c for c in codes if c in selected])


ERROR_MESSAGE = N_("This part could not be shown because of an error on our side. Choose another month or "
                   "region, or reload the page. The error has been logged.")


def error_message(lang: str) -> html.Div:
    """What a reader sees where a part of the page failed: a message, never a blank page."""
    return html.Div(_(ERROR_MESSAGE, lang), role="alert", className="error-message")


def error_region() -> html.Div:
    """Where callback_failed puts its message; empty until a callback fails."""
    return html.Div(id=ids.CALLBACK_ERROR, **{"aria-live": "assertive"})


def callback_failed(err: Exception) -> None:
    """on_error of every page callback: log the traceback, show the message in Dutch and English
    (the callback does not know the page's language), leave the outputs as they were."""
    LOG.error("callback %s failed", dash.ctx.triggered_id, exc_info=err)
    response_cache.keep_none()
    dash.set_props(ids.CALLBACK_ERROR, {"children": html.Div(
        [html.P(_(ERROR_MESSAGE, "nl")), html.P(_(ERROR_MESSAGE, "en"), lang="en")],
        role="alert", className="error-message")})


def safe_layout(layout: Callable[..., html.Div]) -> Callable[..., html.Div]:
    """A page layout that, should it fail, logs the traceback and shows the header and a message
    in the reader's language instead of a white page."""
    @functools.wraps(layout)
    def render(*args: object, **kwargs: object) -> html.Div:
        try:
            return layout(*args, **kwargs)
        except Exception:  # noqa: BLE001 -- any failure must still give the reader a page
            lang = language(kwargs.get("lang"))
            LOG.exception("page layout %s failed for %s", layout.__module__, kwargs)
            response_cache.keep_none()
            return html.Div([header(lang, "/"), html.Main([html.H1(_("Regiomonitor", lang)),
                                                            error_message(lang)],
                                                           id="main", tabIndex="-1")])
    return render


def provisional_tag(lang: str) -> html.Span:
    """The visible 'voorlopig' label: text, not colour alone."""
    return html.Span(_("provisional", lang), className="badge badge-provisional")


# How the map and Compare compare regions (issue 23: one reference month per view).
COMMON_MONTH = N_("All regions are compared at the same month, the one chosen: realised, percentage of "
                  "target and gain per 10,000 (and the ranks on them) are the figures at the end of that "
                  "month, marked provisional where not every expected partner has delivered yet. Pace ρ "
                  "and status rest on each region's last complete month, as on its own page (a missing "
                  "delivery never counts as 0); where that month is earlier, the row names it.")


def common_month_note(lang: str) -> html.P:
    """The comparison's reference month, stated where regions are compared (COMMON_MONTH)."""
    return html.P(_(COMMON_MONTH, lang), className="hint common-month")


def default_month_note(current: pd.Series, lang: str) -> html.P:
    """Which month a page shows by default, and why (the rule in v_current_month)."""
    month = fmt_month(as_date(current["as_of_month"]), lang)
    share = f"{current['share_required'] * 100:.0f}%" if pd.notna(current["share_required"]) else "–"
    if pd.isna(current["regions_expected"]):
        return html.P(_("No month is complete for {share} of the regions; the start month {month} is "
                        "shown by default.", lang, share=share, month=month),
                      className="hint default-month")
    return html.P(_("By default this page shows {month}: the latest month that is complete for at least "
                    "{share} of the regions ({k} of {n}). Later months can be chosen but are provisional.",
                    lang, month=month, share=share,
                    k=int(current["regions_complete"]), n=int(current["regions_expected"])),
                  className="hint default-month")

"""The page shell and the view state every page starts from, in one place.

Each page is header, a <main> with the page's content, and footer; and each page reads the
same programme, indicator and as-of month from its address, falling back to the same
defaults (the first programme, leerwerkplaatsen, the month v_current_month chooses).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dash import html

from core.formats import as_date
from core.vocabulary import DEFAULT_INDICATOR
from dashboard import components, url_state, warehouse


def page(lang: str, path: str, content: list, **params: str | None) -> html.Div:
    """Header (navigation, language switch keeping `params`), main content, footer."""
    return html.Div([components.header(lang, path, **params),
                     html.Main(content, id="main", tabIndex="-1"),
                     components.footer(lang)])


@dataclass(frozen=True)
class View:
    """A page's programme, indicator and as-of month, each valid for the warehouse."""
    programme: str
    indicator: str
    month: dt.date
    months: list[dt.date]
    programmes: dict[str, str]


def view(lang: str, programme: str | None, indicator: str | None, month: str | None) -> View:
    """The view an address asks for; anything unknown falls back to the default."""
    db = warehouse.current()
    frame = db.query("programmes")
    programmes = dict(zip(frame["code"], frame["name"]))
    programme = programme if programme in programmes else next(iter(programmes))
    indicator = (indicator if indicator in components.labels("indicators", lang)
                 else DEFAULT_INDICATOR)
    choices = db.query("as_of_months", programme=programme)
    months = [as_date(m) for m in choices["as_of_month"]]
    chosen = url_state.parse_month(month)
    current = as_date(choices[choices["is_current"]]["as_of_month"].iloc[0])
    return View(programme, indicator, chosen if chosen in months else current, months, programmes)

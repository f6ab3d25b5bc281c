"""The view state lives in the URL: reading it into a page, and writing control changes back.

Controls update their outputs through callbacks; a clientside callback then rewrites the
address with history.replaceState, which changes the URL without re-rendering the page, so
copying the address at any moment reproduces the view.
"""
from __future__ import annotations

import datetime as dt
import json

from dash import Input, Output, clientside_callback


def month_param(month: dt.date) -> str:
    """A month as it appears in the URL: 2007-06."""
    return f"{month:%Y-%m}"


def parse_month(value: str | None) -> dt.date | None:
    """'2007-06' → 1 June 2007; anything else → None (the page then uses its default)."""
    try:
        return dt.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None


def sync_url(sink_id: str, params: dict[str, tuple[str, str]]) -> None:
    """Mirror controls into the URL: URL parameter → (component id, property)."""
    names = json.dumps(list(params))
    clientside_callback(
        f"""function(...values) {{
            const names = {names};
            const url = new URL(window.location.href);
            names.forEach((name, i) => {{
                const v = Array.isArray(values[i]) ? values[i].join(',') : values[i];
                if (v === null || v === undefined || v === '') {{ url.searchParams.delete(name); }}
                else {{ url.searchParams.set(name, v); }}
            }});
            window.history.replaceState(window.history.state, '', url.pathname + url.search);
            return url.search;
        }}""",
        Output(sink_id, "children"),
        [Input(component, prop) for component, prop in params.values()],
        prevent_initial_call=True,
    )

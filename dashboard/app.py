"""The Dash app: builds the shell only. Pages live in dashboard/pages/ and read the
published warehouse read-only; this package never imports Prefect."""
from __future__ import annotations

from pathlib import Path

import dash
from dash import Input, Output, clientside_callback, html

from dashboard import ids
from dashboard.warehouse import EXTENSION_KEY, Warehouse

HERE = Path(__file__).parent

# Dutch first: the document language is Dutch unless the URL asks for English.
INDEX = """<!DOCTYPE html>
<html lang="nl">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}{%config%}{%scripts%}{%renderer%}</body>
</html>"""


def create_app(warehouse_path: Path) -> dash.Dash:
    """A Dash app serving the warehouse at `warehouse_path`."""
    app = dash.Dash(__name__, use_pages=True, pages_folder=str(HERE / "pages"),
                    assets_folder=str(HERE / "assets"), title="Regiomonitor",
                    suppress_callback_exceptions=True, update_title=None)
    app.index_string = INDEX
    app.server.extensions[EXTENSION_KEY] = Warehouse(warehouse_path)
    app.layout = html.Div([dash.page_container, html.Div(id=ids.LANG_SINK, hidden=True)])
    return app


# Keep <html lang> in step with the language in the address, for screen readers.
clientside_callback(
    """function(search) {
        const lang = new URLSearchParams(search || '').get('lang') === 'en' ? 'en' : 'nl';
        document.documentElement.lang = lang;
        return lang;
    }""",
    Output(ids.LANG_SINK, "children"),
    Input("_pages_location", "search"),
)

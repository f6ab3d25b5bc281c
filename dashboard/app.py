"""The Dash app: builds the shell only. Pages live in dashboard/pages/ and read the
published warehouse read-only; this package never imports Prefect."""
from __future__ import annotations

from pathlib import Path

import dash
from dash import Input, Output, clientside_callback, html

from core.settings import default_accounts, default_upload_inbox
from dashboard import (
    account_sessions,
    auth,
    compression,
    downloads,
    feeds,
    first_page,
    grid_on_demand,
    ids,
    navigation,
    notifications,
    plotly_bundle,
    polyfill,
    request_language,
    response_cache,
    search,
    security,
    shared_cache,
    unused_scripts,
    upload,
)
from dashboard.accounts import Store
from dashboard.warehouse import EXTENSION_KEY, Warehouse

HERE = Path(__file__).parent

# Dutch first: the document language is Dutch unless the URL asks for English.
INDEX = """<!DOCTYPE html>
<html lang="nl">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}
<link rel="alternate" type="application/atom+xml" title="Regiomonitor (Atom)" href="/feeds/alles.atom">
</head>
<body>{%app_entry%}{%config%}{%scripts%}{%renderer%}</body>
</html>"""


def create_app(warehouse_path: Path, accounts_path: Path | None = None,
               upload_inbox: Path | None = None) -> dash.Dash:
    """A Dash app serving the warehouse at `warehouse_path`, hardened, with sign-in for partners
    and stewards (accounts in `accounts_path`) and browser uploads into `upload_inbox`.

    The warehouse is opened lazily, at the first query: under gunicorn that is in the worker,
    after the fork, never in the master."""
    app = dash.Dash(__name__, use_pages=True, pages_folder=str(HERE / "pages"),
                    assets_folder=str(HERE / "assets"), title="Regiomonitor",
                    suppress_callback_exceptions=True, update_title=None)
    compression.install(app)      # first: its after-request hook must run last
    app.index_string = INDEX
    app.server.extensions[EXTENSION_KEY] = Warehouse(warehouse_path)
    first_page.install(app, [html.Div(id=ids.LANG_SINK, hidden=True)])
    accounts = Store(accounts_path or default_accounts())
    app.server.extensions[auth.EXTENSION_KEY] = accounts
    app.server.extensions[upload.INBOX_KEY] = Path(upload_inbox or default_upload_inbox())
    request_language.install(app.server)
    security.harden(app, accounts.path.with_name("secret_key"))
    auth.init_app(app.server)
    shared_cache.install(app, warehouse_path)
    response_cache.init_app(app)
    plotly_bundle.install(app)
    polyfill.install(app)
    grid_on_demand.install(app)
    unused_scripts.install(app)
    search.install(app)
    navigation.install(app.server)
    app.server.register_blueprint(auth.blueprint)
    app.server.register_blueprint(account_sessions.blueprint)
    app.server.register_blueprint(upload.blueprint)
    app.server.register_blueprint(search.blueprint)
    app.server.register_blueprint(downloads.blueprint)
    app.server.register_blueprint(feeds.blueprint)
    app.server.register_blueprint(notifications.blueprint)
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

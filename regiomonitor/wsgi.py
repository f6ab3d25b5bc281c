"""The WSGI entry point for production servers: `gunicorn regiomonitor.wsgi:server`.

Settings come from the environment (core/settings.py): REGIOMONITOR_WAREHOUSE,
REGIOMONITOR_ACCOUNTS, REGIOMONITOR_UPLOAD_INBOX.

`regiomonitor serve` imports this in the gunicorn master, before the fork (preload): the code,
the app and the compressed bundles are built once and every worker shares those pages, instead of
each worker holding its own copy. Nothing here opens the warehouse: DuckDB is opened lazily, at
a worker's first query, after the fork (dashboard/warehouse.py); `after_fork` makes sure of it.
The accounts store opens a short SQLite connection per call, so none crosses the fork either.
"""
from __future__ import annotations

from core.settings import default_warehouse
from dashboard import compression, plotly_bundle, shared_cache
from dashboard.app import create_app
from dashboard.warehouse import EXTENSION_KEY

app = create_app(default_warehouse())
server = app.server

# Dash learns which of its JavaScript files it may serve only while it renders the index page.
# A worker that has not rendered one answers the browser's script requests with a 500
# (DependencyException) and the page stays at "Loading...": render it once, before anyone is
# served (this also runs Dash's first-request set-up ahead of the first visitor). Then compress
# the scripts the page names, and plotly.js, once for all workers.
with server.test_client() as client:
    index = client.get("/").get_data(as_text=True)
compression.prepare(app, [*compression.bundle_paths(app, index), plotly_bundle.ROUTE])
server.extensions[EXTENSION_KEY].close()    # the index page read the warehouse: not in the master


def after_fork() -> None:
    """In a new worker: forget any warehouse snapshot the master may have opened, and watch the
    warehouse for publishes to warm the shared view cache (dashboard/shared_cache.py)."""
    server.extensions[EXTENSION_KEY].after_fork()
    shared_cache.watch(app)

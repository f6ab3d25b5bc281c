"""The WSGI entry point for production servers: `gunicorn regiomonitor.wsgi:server`.

Settings come from the environment (core/settings.py): REGIOMONITOR_WAREHOUSE,
REGIOMONITOR_ACCOUNTS, REGIOMONITOR_UPLOAD_INBOX. Do not use gunicorn's --preload: each worker
must build the app, and open the warehouse, after the fork.
"""
from __future__ import annotations

from core.settings import default_warehouse
from dashboard.app import create_app

app = create_app(default_warehouse())
server = app.server

# Dash learns which of its JavaScript files it may serve only while it renders the index page.
# A worker that has not rendered one answers the browser's script requests with a 500
# (DependencyException) and the page stays at "Loading...": render it once in every worker,
# before it serves anyone (this also runs Dash's first-request set-up ahead of the first visitor).
with server.test_client() as client:
    client.get("/")

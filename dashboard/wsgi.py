"""The WSGI entry point for production servers: `gunicorn dashboard.wsgi:server`.

Settings come from the environment (regiomonitor/config.py): REGIOMONITOR_WAREHOUSE,
REGIOMONITOR_ACCOUNTS, REGIOMONITOR_UPLOAD_INBOX. Do not use gunicorn's --preload: each worker
must build the app, and open the warehouse, after the fork.
"""
from __future__ import annotations

from dashboard.app import create_app
from regiomonitor.config import default_warehouse

app = create_app(default_warehouse())
server = app.server

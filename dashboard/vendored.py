"""Scripts the product ships itself (dashboard/vendor/, each beside its licence): served at
/vendor/<file name> and cached for a year, since a file's name changes with its version
(plotly_bundle.py, polyfill.py)."""
from __future__ import annotations

from pathlib import Path

import dash
import flask

ONE_YEAR = 365 * 24 * 3600


def route(file: Path) -> str:
    """Where `file` is served, below the app's prefix."""
    return f"/vendor/{file.name}"


def install(app: dash.Dash, file: Path, endpoint: str) -> str:
    """Serve `file` at its route; the address the pages name it by (with the app's prefix)."""
    def serve() -> flask.Response:
        return flask.send_file(file, mimetype="text/javascript", max_age=ONE_YEAR, conditional=True)

    app.server.add_url_rule(route(file), endpoint, serve)
    return app.config.requests_pathname_prefix.rstrip("/") + route(file)

"""Compressed responses: brotli or gzip for HTML, JSON and the JavaScript bundles (issue 27 part 3).

Uncompressed, a first visit moved up to 6,4 MB: plotly.js (3 MB) and dash-ag-grid (1,3 MB) went
out as they are. flask-compress compresses every text response the browser accepts brotli or gzip
for (brotli level 4 for answers made per request: a few milliseconds for a page's callbacks).

The bundles never change (Dash names component files by version, plotly's file carries its
version), so compressing them per request would repeat the same work for every first visitor.
They are compressed once per install, as hard as brotli goes (quality 11: plotly's 3,0 MB becomes
0,66 MB instead of 0,84 MB at level 4 and 0,73 MB at 9; that took 5 s, once), kept on disk named
by their content (core/settings.default_static_cache), and held in memory: `prepare` loads them in
the gunicorn master before the fork (regiomonitor/wsgi.py), so every worker shares them and no
first visitor waits for a compression. With brotli 9 a first visit to Vergelijken moved 1,57 MB.

Install this first, before any other after-request hook: Flask runs those hooks in reverse order,
so compression then runs last, after the response cache has kept the plain bytes.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from pathlib import Path

import brotli
import dash
import flask
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm

from core.settings import default_static_cache

ALGORITHMS = ["br", "gzip"]
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/vendor/")
STATIC_BROTLI_LEVEL = 11          # for bundles of LARGE_BYTES or more (seconds, once)
STATIC_BROTLI_LEVEL_SMALL = 9     # the others: brotli 11 gains little there, in many files
STATIC_GZIP_LEVEL = 9
LARGE_BYTES = 200_000
# The chunks a component loads when it first appears, for the components the pages use.
ASYNC_CHUNKS = ("dcc/async-graph.js", "dcc/async-dropdown.js", "dash_ag_grid/async-community.js")
EXTENSION_KEY = "regiomonitor_compression"


class StaticBundles:
    """Compressed bodies of unchanging files, per (path, encoding): in memory for the life of the
    process, on disk in `folder` (by content) for the life of the install."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._bodies: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def body(self, path: str, encoding: str, plain: bytes) -> bytes:
        """`plain` compressed with `encoding`, compressed once for `path`."""
        key = (path, encoding)
        with self._lock:
            kept = self._bodies.get(key)
        if kept is None:
            kept = self._from_disk(encoding, plain)
            with self._lock:
                self._bodies[key] = kept
        return kept

    def _from_disk(self, encoding: str, plain: bytes) -> bytes:
        """The compressed file for this content, made (and written, whole or not at all) if new."""
        level = _level(encoding, len(plain))
        name = f"{hashlib.sha256(plain).hexdigest()[:32]}.{encoding}{level}"
        file = self.folder / name
        try:
            return file.read_bytes()
        except OSError:
            pass
        body = (brotli.compress(plain, quality=level) if encoding == "br"
                else gzip.compress(plain, compresslevel=level, mtime=0))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            part = file.with_name(f"{name}.{os.getpid()}.part")
            part.write_bytes(body)
            os.replace(part, file)
        except OSError:
            pass    # a read-only install: compressed once per process instead
        return body


def _level(encoding: str, size: int) -> int:
    if encoding != "br":
        return STATIC_GZIP_LEVEL
    return STATIC_BROTLI_LEVEL if size >= LARGE_BYTES else STATIC_BROTLI_LEVEL_SMALL


def _static(request: flask.Request, response: flask.Response) -> bool:
    return (request.method == "GET" and response.status_code == 200
            and request.path.startswith(STATIC_PREFIXES)
            and "Content-Encoding" not in response.headers)


def install(app: dash.Dash) -> None:
    """Compress what the app sends (call right after creating the Dash app, see the module doc)."""
    server = app.server
    server.config.update(COMPRESS_ALGORITHM=ALGORITHMS, COMPRESS_ALGORITHM_STREAMING=["br"],
                         COMPRESS_REGISTER=False, COMPRESS_BR_LEVEL=4, COMPRESS_LEVEL=6,
                         COMPRESS_MIN_SIZE=500)
    compress = Compress(server)
    bundles = server.extensions[EXTENSION_KEY] = StaticBundles(default_static_cache())

    @server.after_request
    def compressed(response: flask.Response) -> flask.Response:
        request = flask.request
        if not _static(request, response):
            return compress.after_request(response)
        encoding = _chosen(request, compress)
        if encoding is None or response.mimetype not in compress.compress_mimetypes_set:
            return compress.after_request(response)
        response.direct_passthrough = False     # send_file's stream: read it once, whole
        body = bundles.body(request.path, encoding, response.get_data())
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(body))
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:{encoding}")
        return response.make_conditional(request)


def _chosen(request: flask.Request, compress: Compress) -> str | None:
    """The encoding flask-compress would choose for this request (None: the browser takes none)."""
    return _choose_algorithm(compress.enabled_algorithms, request.headers.get("Accept-Encoding", ""))


def bundle_paths(app: dash.Dash, index_html: str) -> list[str]:
    """What a first visit may load: the scripts the index page names, in script tags or in the
    `<meta name="…-bundle">` elements that the pages' loaders read (plotly.js, the grid: see
    plotly_bundle.py, grid_on_demand.py), and the chunks Dash's components load when they first
    appear (a graph, a dropdown, the grid: ASYNC_CHUNKS)."""
    prefix = app.config.requests_pathname_prefix + "_dash-component-suites/"
    chunks = [f"{prefix}{'dash/' if chunk.startswith('dcc/') else ''}{chunk}" for chunk in ASYNC_CHUNKS]
    return [*re.findall(r'<script src="([^"?]+)', index_html),
            *re.findall(r'<meta name="[\w-]+-bundle" content="([^"?]+)"', index_html), *chunks]


def prepare(app: dash.Dash, paths: list[str]) -> None:
    """Load or compress the bundles at `paths` now, for both encodings (in the master, before
    the fork)."""
    with app.server.test_client() as client:
        for path in paths:
            for encoding in ALGORITHMS:
                client.get(path, headers={"Accept-Encoding": encoding})

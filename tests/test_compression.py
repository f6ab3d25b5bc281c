"""Compressed responses under gunicorn (dashboard/compression.py, issue 27 part 3): brotli or gzip
for HTML, JSON and the JavaScript bundles when the browser takes them, the same bytes after
decoding, and plain bytes for a client that takes neither."""
from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest
import requests

from dashboard import compression, plotly_bundle
from tests.helpers import page_render

pytestmark = pytest.mark.slow   # talks HTTP to the served app (gunicorn)


def raw(url: str, encoding: str, method: str = "GET", body: dict | None = None) -> requests.Response:
    """The response with its body as sent (requests would decode it)."""
    headers = {"Accept-Encoding": encoding, **({"Content-Type": "application/json"} if body else {})}
    response = requests.request(method, url, headers=headers, timeout=60, stream=True,
                                data=json.dumps(body) if body else None)
    response.sent = response.raw.read(decode_content=False)
    return response


def decoded(response: requests.Response) -> bytes:
    encoding = response.headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding, bytes)(response.sent)


def bundles(served_app: str) -> dict[str, str]:
    """A page's biggest files by kind: the HTML, the layout JSON, Dash's and AG Grid's scripts."""
    index = requests.get(served_app + "/vergelijken", timeout=60).text
    scripts = re.findall(r'<script src="([^"?]+)', index)
    return {"html": "/vergelijken", "json": "/_dash-layout",
            "renderer": next(s for s in scripts if "dash_renderer" in s),
            "grid": re.search(r'<meta name="grid-bundle" content="([^"?]+)"', index)[1],
            "grid chunk": "/_dash-component-suites/dash_ag_grid/async-community.js",
            "plotly": plotly_bundle.ROUTE}


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_pages_json_and_bundles_go_out_compressed(served_app, encoding):
    for kind, path in bundles(served_app).items():
        plain = raw(served_app + path, "identity")
        packed = raw(served_app + path, encoding)
        assert plain.status_code == packed.status_code == 200, kind
        assert "Content-Encoding" not in plain.headers, kind
        assert packed.headers["Content-Encoding"] == encoding, kind
        assert "Accept-Encoding" in packed.headers["Vary"], kind
        assert int(packed.headers["Content-Length"]) == len(packed.sent), kind
        if kind == "html":      # made per request (the header names the viewer)
            assert decoded(packed).startswith(b"<!DOCTYPE html>")
        else:
            assert decoded(packed) == plain.sent, kind
        assert len(packed.sent) < len(plain.sent) / 2, kind


def test_the_big_bundles_are_compressed_hard_once(served_app):
    """plotly.js (the basic bundle): 1,19 MB as it is, about 0,33 MB with brotli 11 (the map
    bundle was 3,0 MB and 0,66 MB)."""
    packed = raw(served_app + plotly_bundle.ROUTE, "br, gzip")
    plain = plotly_bundle.FILE.read_bytes()
    assert packed.headers["Content-Encoding"] == "br"
    assert len(packed.sent) <= len(brotli.compress(plain, quality=compression.STATIC_BROTLI_LEVEL_SMALL))
    assert brotli.decompress(packed.sent) == plain


def test_callback_answers_are_compressed_and_a_repeated_one_too(served_app):
    body = page_render("/regio/AM10")
    first = raw(served_app + "/_dash-update-component", "br", "POST", body)
    again = raw(served_app + "/_dash-update-component", "br", "POST", body)
    assert first.status_code == again.status_code == 200
    assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == "br"
    assert json.loads(decoded(first)) == json.loads(decoded(again))

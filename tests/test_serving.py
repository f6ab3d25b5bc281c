"""The served app as a browser meets it (gunicorn via `regiomonitor serve`): security headers,
no product banner, body limits, generic errors, and pages and uploads refused to anonymous
visitors. Plain HTTP with requests; the browser tests are in tests/test_upload_e2e.py."""
from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from core.settings import limits, max_request_bytes
from tests.helpers import PARTNER

pytestmark = pytest.mark.slow   # every test talks HTTP to a served app (gunicorn)


def csp(response: requests.Response) -> dict[str, str]:
    """The Content-Security-Policy as directive → value."""
    parts = [p.strip().split(" ", 1) for p in response.headers["Content-Security-Policy"].split(";")]
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


@pytest.mark.parametrize("path", ["/", "/regio/AM10", "/login", "/_dash-layout", "/assets/style.css"])
def test_security_headers_on_every_response(served_app, path):
    response = requests.get(served_app + path, timeout=30)
    assert response.status_code == 200
    policy = csp(response)
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["worker-src"] == "'self'" and "blob:" in policy["img-src"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert re.search(r"'sha256-[A-Za-z0-9+/=]+'", policy["script-src"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Server"] == "regiomonitor"    # not gunicorn, no version


def test_anonymous_visitors_cannot_reach_upload_or_steward_pages(served_app):
    session = requests.Session()
    for path in ("/aanleveren", "/beheer", "/aanleveren/sjabloon.csv"):
        response = session.get(served_app + path, allow_redirects=False, timeout=30)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(served_app + "/login").text)[1]
    refused = session.post(served_app + "/beheer/run", data={"action": "refresh", "csrf_token": token}, timeout=30)
    assert refused.status_code == 403
    # Bevestigen without a session: the page a partner whose session ended gets (issue 24)
    ended = session.post(served_app + "/aanleveren/bevestigen", data={"csrf_token": token}, timeout=30)
    assert ended.status_code == 401 and "Opnieuw inloggen" in ended.text
    upload = session.post(served_app + "/aanleveren", data={"csrf_token": token}, timeout=30,
                          files={"file": ("a.csv", b"regio;indicator\n")})
    assert upload.status_code == 403
    assert requests.post(served_app + "/beheer/run", data={"action": "refresh"},
                         timeout=30).status_code == 400      # and no token at all: refused first


def test_a_partner_is_no_steward(served_app):
    session = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(served_app + "/login").text)[1]
    response = session.post(served_app + "/login", data={"username": PARTNER[0], "password": PARTNER[1],
                                                         "csrf_token": token}, timeout=30)
    assert response.url.endswith("/aanleveren") and PARTNER[0] in response.text
    assert session.get(served_app + "/beheer", timeout=30).status_code == 403


def test_the_upload_check_is_a_preview_that_counts_the_valid_rows(served_app):
    session = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(served_app + "/login").text)[1]
    session.post(served_app + "/login", data={"username": PARTNER[0], "password": PARTNER[1],
                                              "csrf_token": token}, timeout=30)
    rows = ["AM10;stages;2007-05;5;roc;zorg;", "AM10;stages;2007-05;zes;roc;bouw;",
            "AM10;stages;2007-05;7;roc;techniek;"]
    body = ("regio;indicator;periode;waarde;partner;sector;opmerking\n" + "\n".join(rows) + "\n").encode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(served_app + "/aanleveren").text)[1]
    report = session.post(served_app + "/aanleveren", data={"csrf_token": token}, timeout=120,
                          files={"file": ("roc_mei.csv", body)}).text
    verdict = re.search(r'class="report-verdict"[^>]*>(.*?)</p>', report, re.S)[1]
    assert "wordt zo niet geladen: 1 fout (en" in verdict
    assert "1 van de 3 rijen heeft fouten; de andere 2 rijen zijn in orde." in verdict
    assert "geladen" not in report.replace("worden geladen", "").replace("wordt zo niet geladen", "")


def test_a_file_just_over_the_file_limit_gets_the_same_reason_in_the_browser(served_app):
    # The body limit leaves room for the form only: such a file reaches the check, which
    # rejects it as the inbox and the CLI would, naming the limit and its setting.
    session = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(served_app + "/login").text)[1]
    session.post(served_app + "/login", data={"username": PARTNER[0], "password": PARTNER[1],
                                              "csrf_token": token}, timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(served_app + "/aanleveren").text)[1]
    body = b"x" * (limits().file_bytes + 1)
    report = session.post(served_app + "/aanleveren", data={"csrf_token": token}, timeout=120,
                          files={"file": ("roc_groot.csv", body)})
    assert report.status_code == 200 and "Traceback" not in report.text
    assert "REGIOMONITOR_MAX_FILE_MB" in report.text


def test_oversized_bodies_get_a_clear_413(served_app):
    body = b"x" * (max_request_bytes() + 1)
    upload = requests.post(served_app + "/aanleveren", files={"file": ("big.csv", body)}, timeout=60)
    assert upload.status_code == 413
    assert f"{limits().file_bytes // 1024 ** 2} MB" in upload.text and "Traceback" not in upload.text
    callback = requests.post(served_app + "/_dash-update-component", data=body, timeout=60,
                             headers={"Content-Type": "application/json"})
    assert callback.status_code == 413


def test_errors_are_generic_pages(served_app):
    wrong_method = requests.put(served_app + "/methode", timeout=30)
    assert wrong_method.status_code == 405 and "<h1>Fout 405</h1>" in wrong_method.text
    broken = requests.post(served_app + "/_dash-update-component", data=json.dumps({"output": "x"}),
                           headers={"Content-Type": "application/json"}, timeout=30)
    assert broken.status_code in (400, 500)
    assert "Traceback" not in broken.text and "File \"" not in broken.text


def test_every_worker_serves_the_dash_scripts_from_its_first_request(demo_warehouse, serve, tmp_path):
    """A fresh server whose index page one worker has rendered (the readiness check): every
    script the page names must load from whichever worker takes the request. Without the
    warm-up in regiomonitor/wsgi.py the other worker answered 500 and the page hung at "Loading..."."""
    copy = tmp_path / "fresh.duckdb"
    shutil.copyfile(demo_warehouse, copy)
    with serve(copy, workers=4) as url:
        page = requests.get(url, timeout=30).text
        scripts = re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', page)
        assert scripts
        with ThreadPoolExecutor(8) as pool:  # at once, as a browser does: every worker gets some
            statuses = list(pool.map(lambda src: requests.get(url + src, timeout=30).status_code,
                                     scripts * 4))
    assert set(statuses) == {200}

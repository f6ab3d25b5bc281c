"""A session that ends between Controleren and Bevestigen (issue 24): the press gets a page that
says so, nothing is lost, and after signing in again the checked file waits on /aanleveren to be
confirmed, once. In process (Flask test client); no Prefect is configured, so the upload's run
waits to be started and the page says that too."""
from __future__ import annotations

import io
import re

from tests.test_accounts import client, csrf_token, login  # noqa: F401 (fixture)

VALID = "regio;indicator;periode;waarde;partner;sector;opmerking\nAM10;stages;2007-05;9;roc;zorg;\n"


def test_a_session_that_ended_before_bevestigen_loses_nothing(client, monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_PREFECT_API", raising=False)
    store = client.application.extensions["regiomonitor_accounts"]
    login(client, "anna")
    report = client.post("/aanleveren", data={"csrf_token": csrf_token(client, "/aanleveren"),
                                              "file": (io.BytesIO(VALID.encode()), "am10_mei.csv")},
                         content_type="multipart/form-data")
    check = re.search(r'name="check" value="([^"]+)"', report.text).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', report.text).group(1)
    with store.connect() as con:                       # the session ends (idle for a working day)
        con.execute("update session set seen_at = '2000-01-01T00:00:00+00:00'")
    ended = client.post("/aanleveren/bevestigen", data={"csrf_token": token, "check": check})
    assert ended.status_code == 401
    assert "Uw sessie is verlopen voordat het bestand werd bevestigd" in ended.text
    assert "Er is niets verloren" in ended.text and store.uploads() == []

    login(client, "anna")
    page = client.get("/aanleveren").text
    assert "Gecontroleerd, nog niet bevestigd" in page and "am10_mei.csv bevestigen en aanleveren" in page
    token = csrf_token(client, "/aanleveren")
    for _press in range(2):                              # pressed twice: one upload, one run
        assert client.post("/aanleveren/bevestigen", data={"csrf_token": token, "check": check}).status_code == 302
    [done] = store.uploads()
    assert done.id == check and [r.key for r in store.runs()] == [f"upload:{check}"]
    page = client.get("/aanleveren").text
    assert "Gecontroleerd, nog niet bevestigd" not in page
    assert 'data-state="unsent"' in page and "Prefect is nu niet bereikbaar" in page

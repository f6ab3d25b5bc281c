"""Uploads confirmed by what was checked (issue 25): every check has its own id, carried in the
confirm form; confirming is its owner's, once; two checks in one browser confirm two files; a
name of any length is accepted, stored under a safe shortened name, without a 500.

The real app in process (Flask's test client), each check running `regiomonitor validate --json`
in a subprocess as the server does; the browser's two tabs are in tests/test_upload_e2e.py."""
from __future__ import annotations

import hashlib
import io
import re

import pytest

from dashboard.upload_checks import STORED_NAME_MAX, stored_name
from tests.test_accounts import client, csrf_token, login  # noqa: F401 (fixture)

HEADER = "regio;indicator;periode;waarde;partner;sector;opmerking\n"
TAB_A = HEADER + "AM10;leerwerkplaatsen;2007-05;9;roc;zorg;tab A\n"
TAB_B = HEADER + "AM10;evc_trajecten;2007-05;4;roc;zorg;tab B\n"
CHECK_ID = "20260101T120000-a1b2c3"
SHA = hashlib.sha256(b"x").hexdigest()


@pytest.mark.parametrize("name, expected", [
    ("AM10_roc_mei.csv", f"{CHECK_ID}_AM10_roc_mei.csv"),
    ("a" * 93 + ".csv", f"{CHECK_ID}_{'a' * 93}.csv"),                         # 120: as it is
    ("a" * 94 + ".csv", f"{CHECK_ID}_{'a' * 80}-{SHA[:12]}.csv"),              # 121: shortened
    ("b" * 300 + ".XLSX", f"{CHECK_ID}_{'b' * 79}-{SHA[:12]}.XLSX"),
])
def test_a_long_name_keeps_its_start_and_extension_and_gets_part_of_the_hash(name, expected):
    """At most 120 characters: '<id>_' (22 + 1), the start of the name, '-' and 12 hex digits of the
    file's SHA-256 (13), the extension."""
    assert stored_name(CHECK_ID, name, SHA) == expected
    assert len(expected) <= STORED_NAME_MAX


def check(test_client, name: str, text: str):
    """Send a file to /aanleveren as the form does; the response shows its report."""
    return test_client.post("/aanleveren", data={
        "csrf_token": csrf_token(test_client, "/aanleveren"),
        "file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")


def check_id_of(report) -> str:
    assert report.status_code == 200, report.text
    return re.search(r'name="check" value="([^"]+)"', report.text).group(1)


def confirm(test_client, check_id: str):
    return test_client.post("/aanleveren/bevestigen", data={
        "csrf_token": csrf_token(test_client, "/aanleveren"), "check": check_id})


def inbox_texts(client) -> dict[str, str]:
    inbox = client.application.extensions["regiomonitor_upload_inbox"]
    return {p.name: p.read_text() for p in inbox.iterdir()} if inbox.exists() else {}


@pytest.mark.slow
def test_two_checks_in_one_browser_confirm_their_own_files(client):
    """The case of issue 25: check tabA.csv, then tabB.csv (a second tab: the same session),
    confirm tab A first. Each confirms its own file; pressing again changes nothing."""
    login(client, "anna")
    first = check_id_of(check(client, "tabA.csv", TAB_A))
    second = check_id_of(check(client, "tabB.csv", TAB_B))
    assert first != second
    assert confirm(client, first).status_code == 302
    assert inbox_texts(client) == {f"{first}_tabA.csv": TAB_A}
    assert confirm(client, second).status_code == 302
    assert confirm(client, first).status_code == 302            # again: the same, once
    assert inbox_texts(client) == {f"{first}_tabA.csv": TAB_A, f"{second}_tabB.csv": TAB_B}
    store = client.application.extensions["regiomonitor_accounts"]
    # Ids are the second plus a random suffix: two checks in one second need not sort in order.
    assert sorted((u.id, u.file_name) for u in store.uploads()) == sorted([(first, "tabA.csv"),
                                                                           (second, "tabB.csv")])
    assert [r["action"] for r in store.audit_log()].count("upload") == 2
    page = client.get("/aanleveren").text
    assert "tabA.csv" in page and "tabB.csv" in page


@pytest.mark.slow
def test_a_check_is_confirmed_by_its_owner_only(client):
    login(client, "anna")
    own = check_id_of(check(client, "tabA.csv", TAB_A))
    steward = client.application.test_client()
    login(steward, "stef")
    assert confirm(steward, own).status_code == 404           # another account: as if unknown
    assert confirm(steward, "20260101T120000-000000").status_code == 404
    assert confirm(steward, "../../accounts").status_code == 400
    assert inbox_texts(client) == {}
    assert confirm(client, own).status_code == 302
    assert confirm(steward, own).status_code == 404           # confirmed: still not theirs
    assert list(inbox_texts(client)) == [f"{own}_tabA.csv"]


@pytest.mark.slow
def test_a_file_with_errors_cannot_be_confirmed_by_its_id(client):
    login(client, "anna")
    report = check(client, "fout.csv", HEADER + "AM10;leerwerkplaatsen;2007-05;negen;roc;zorg;\n")
    assert report.status_code == 200 and 'name="check"' not in report.text
    pending = client.application.extensions["regiomonitor_accounts"].path.parent / "pending"
    assert list(pending.iterdir()) == []      # nothing of it is kept: no id could confirm it


@pytest.mark.slow
@pytest.mark.parametrize("length", [230, 300])
def test_a_long_name_is_accepted_under_a_shortened_name(client, length):
    """230 characters gave a 500 at Bevestigen, 300 one at the check (issue 25)."""
    login(client, "anna")
    name = "x" * (length - len(".csv")) + ".csv"
    report = check(client, name, TAB_A)
    assert "kan worden geladen" in report.text
    assert confirm(client, check_id_of(report)).status_code == 302
    [(stored, text)] = inbox_texts(client).items()
    sha = hashlib.sha256(TAB_A.encode()).hexdigest()
    assert text == TAB_A and len(stored) <= STORED_NAME_MAX and stored.endswith(f"-{sha[:12]}.csv")
    [upload] = client.application.extensions["regiomonitor_accounts"].uploads()
    assert (upload.file_name, upload.stored_name) == (name, stored)
    assert name in client.get("/aanleveren").text

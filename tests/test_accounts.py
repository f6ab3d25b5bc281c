"""Accounts, the audit log, `regiomonitor user`, and the sign-in rules of the Flask server
(cookies, CSRF, single sign-on), tested in process with Flask's test client. Sessions and the
sign-in limits: tests/test_sessions.py."""
from __future__ import annotations

import re
import subprocess

import pytest

from benchmarks.serving import cli
from dashboard.accounts import AccountError, Store


def user_cli(accounts, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    """`regiomonitor user …` on `accounts`, the password (if any) on standard input."""
    return cli("user", *args, "--accounts", str(accounts),
               *(["--password-stdin"] if password is not None else []),
               stdin=(password + "\n") if password is not None else None, timeout=60)


def test_store_hashes_passwords_and_refuses_wrong_ones(tmp_path):
    store = Store(tmp_path / "accounts.sqlite")
    store.add("anna", "een-lang-wachtwoord", "partner", ["roc"], ["AM10"])
    raw = (tmp_path / "accounts.sqlite").read_bytes()
    assert b"een-lang-wachtwoord" not in raw
    assert store.authenticate("anna", "een-lang-wachtwoord").orgs == ("roc",)
    assert store.authenticate("anna", "fout") is None
    assert store.authenticate("niemand", "een-lang-wachtwoord") is None
    store.set_disabled("anna", True)
    assert store.authenticate("anna", "een-lang-wachtwoord") is None
    with pytest.raises(AccountError, match="exists"):
        store.add("anna", "x" * 12, "steward")
    with pytest.raises(AccountError, match="organisation"):
        store.add("bob", "x" * 12, "partner")


@pytest.mark.slow
def test_user_command_adds_lists_disables_and_resets_with_an_audit_trail(tmp_path):
    accounts = tmp_path / "acc" / "accounts.sqlite"
    assert user_cli(accounts, "add", "anna", "--org", "roc", "--org", "uwv",
                    password="een-lang-wachtwoord").returncode == 0
    assert user_cli(accounts, "add", "piet", "--role", "steward", password="kort").returncode != 0
    unknown = user_cli(accounts, "add", "piet", "--org", "rocc", password="een-lang-wachtwoord")
    assert unknown.returncode != 0 and "rocc" in unknown.stderr
    listed = user_cli(accounts, "list").stdout
    assert re.search(r"anna\s+partner\s+actief\s+organisaties roc,uwv, regio's alle", listed)
    english = user_cli(accounts, "list", "--lang", "en").stdout
    assert re.search(r"anna\s+partner\s+active\s+organisations roc,uwv, regions all", english)
    assert user_cli(accounts, "disable", "anna").returncode == 0
    assert "uitgeschakeld" in user_cli(accounts, "list").stdout
    assert user_cli(accounts, "reset", "anna", password="nog-een-wachtwoord").returncode == 0
    assert user_cli(accounts, "enable", "anna").returncode == 0
    store = Store(accounts)
    assert store.authenticate("anna", "nog-een-wachtwoord") is not None
    assert user_cli(accounts, "disable", "onbekend").returncode != 0
    actions = [row["action"] for row in store.audit_log()]
    assert actions == ["user enable", "user reset", "user disable", "user add"]


@pytest.fixture
def client(tmp_path, monkeypatch, demo_warehouse):
    """The real app in process (Flask test client), with one partner and one steward."""
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    from dashboard.app import create_app

    accounts = tmp_path / "accounts.sqlite"
    store = Store(accounts)
    store.add("anna", "een-lang-wachtwoord", "partner", ["roc"])
    store.add("stef", "een-lang-wachtwoord", "steward")
    app = create_app(demo_warehouse, accounts, tmp_path / "inbox")
    app.server.config["TESTING"] = True
    return app.server.test_client()


def csrf_token(client, path: str = "/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def login(client, name: str, password: str = "een-lang-wachtwoord", address: str = "127.0.0.1",
          headers: dict | None = None):
    """Sign in through the form, from `address` (the client's own address as the server sees it)."""
    return client.post("/login", data={"username": name, "password": password,
                                       "csrf_token": csrf_token(client)},
                       environ_base={"REMOTE_ADDR": address}, headers=headers or {})


def test_session_cookie_is_httponly_and_samesite_and_login_is_audited(client):
    response = login(client, "anna")
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/aanleveren").status_code == 200
    assert client.get("/beheer").status_code == 403            # a partner is no steward


def test_stewards_land_on_beheer_partners_on_aanleveren_where_their_organisation_has_its_name(client):
    """Issue 24: a sign-in without a page to return to leads to the role's own page, and the
    partner reads the name of its organisation from the partner register, not its code."""
    landed = login(client, "anna")
    assert landed.headers["Location"] == "/aanleveren"
    page = client.get("/aanleveren").text
    assert "U levert aan voor: ROC (beroepsonderwijs)." in page and "voor: roc" not in page
    client.post("/logout", data={"csrf_token": csrf_token(client, "/aanleveren")})
    assert login(client, "stef").headers["Location"] == "/beheer"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/beheer")})
    asked = client.post("/login", data={"username": "stef", "password": "een-lang-wachtwoord",
                                        "next": "/data", "csrf_token": csrf_token(client)})
    assert asked.headers["Location"] == "/data"     # a page asked for still wins


def test_one_header_names_the_account_and_its_links_on_flask_pages(client):
    """Issue 24: every page's header (dashboard/navigation.py) has Methode, who is signed in and
    the links of that role; a partner gets no Beheer, a public reader an Inloggen link."""
    public = client.get("/login").text
    assert 'href="/methode"' in public and 'href="/login"' in public and "Ingelogd als" not in public
    login(client, "anna")
    partner = client.get("/aanleveren").text
    assert "Ingelogd als anna" in partner and 'href="/methode"' in partner
    assert 'href="/aanleveren"' in partner and 'href="/beheer"' not in partner and 'href="/sessies"' in partner
    assert 'action="/logout"' in partner
    assert "Ingelogd als anna" in client.get("/logout").text      # the Dash pages' link: a form
    client.post("/logout", data={"csrf_token": csrf_token(client, "/aanleveren")})
    login(client, "stef")
    steward = client.get("/sessies?lang=en").text
    assert "Signed in as stef" in steward and 'href="/beheer?lang=en"' in steward
    assert 'href="/methode?lang=en"' in steward


def cells(html: str) -> str:
    """The table's cells without their data-label (the audit log stacks on a phone)."""
    return re.sub(r'<td data-label="[^"]*">', "<td>", html)


def test_the_audit_log_is_said_in_the_pages_language_and_a_check_is_a_check(client):
    """Issue 24: entries are stored by key and parameters and said in the page's language; a
    check that would load is "gecontroleerd: kan geladen worden", never "loaded"; an entry from
    before keys is shown as it was stored."""
    from dashboard.upload import Report, verdict

    assert [verdict(Report(status, 2, errors, [])) for status, errors in
            (("loaded", []), ("unchanged", []), ("loaded", [{"row": 2}]), ("rejected", []), ("failed", []))
            ] == ["can_load", "unchanged", "cannot_load", "cannot_load", "check_failed"]
    store = client.application.extensions["regiomonitor_accounts"]
    with store.connect() as con:   # as a store from before issue 24 wrote it
        con.execute("insert into audit (at, actor, action, detail) values "
                    "('2026-01-01T10:00:00+00:00', 'oud', 'iets ouds', 'zoals het was')")
    store.audit("anna", "upload checked", file="AM10.csv", verdict="can_load", rows=2, errors=0, warnings=1)
    login(client, "stef")
    dutch = cells(client.get("/beheer").text.split('id="audit"', 1)[1])
    assert "<td>bestand gecontroleerd</td><td>AM10.csv: kan geladen worden; rijen 2, fouten 0, waarschuwingen 1</td>" in dutch
    assert "<td>ingelogd</td><td>vanaf 127.0.0.1</td>" in dutch
    assert "<td>iets ouds</td><td>zoals het was</td>" in dutch
    assert "loaded" not in dutch and "login" not in dutch
    english = cells(client.get("/beheer?lang=en").text.split('id="audit"', 1)[1])
    assert "<td>file checked</td><td>AM10.csv: can be loaded; rows 2, errors 0, warnings 1</td>" in english


def test_a_review_without_a_reason_is_asked_for_one_not_answered_with_an_error(client):
    """A reason of only spaces sends the steward back to /beheer?started=no_reason, which once
    looked up a text that did not exist: a 500. It says what to do, in the page's language; an
    unknown `started` says nothing."""
    login(client, "stef")
    dutch = client.get("/beheer?started=no_reason")
    assert dutch.status_code == 200 and "Geef een reden bij goedkeuren of afkeuren." in dutch.text
    english = client.get("/beheer?started=no_reason&lang=en")
    assert english.status_code == 200 and "Give a reason to approve or reject." in english.text
    other = client.get("/beheer?started=%3Cscript%3E")
    assert other.status_code == 200 and "script" not in other.text.split("<main", 1)[1].split("</main>")[0]


def test_secure_cookies_when_configured(tmp_path, monkeypatch, demo_warehouse):
    monkeypatch.setenv("REGIOMONITOR_SECURE_COOKIES", "1")
    from dashboard.app import create_app

    store = Store(tmp_path / "accounts.sqlite")
    store.add("anna", "een-lang-wachtwoord", "partner", ["roc"])
    client = create_app(demo_warehouse, store.path, tmp_path / "inbox").server.test_client()
    assert "Secure" in login(client, "anna").headers["Set-Cookie"]


def test_forms_without_a_csrf_token_are_refused(client):
    assert client.post("/login", data={"username": "anna", "password": "een-lang-wachtwoord"}
                       ).status_code == 400
    login(client, "anna")
    response = client.post("/aanleveren/bevestigen", data={})
    assert response.status_code == 400 and "Traceback" not in response.text


STEWARD_HEADERS = {"X-Forwarded-User": "sam@example.org",
                   "X-Forwarded-Groups": "staff,regiomonitor-stewards"}


def test_proxy_headers_are_ignored_by_default(client):
    assert client.get("/beheer", headers=STEWARD_HEADERS).status_code == 302


def test_sso_trusts_proxy_headers_when_enabled(tmp_path, monkeypatch, demo_warehouse):
    monkeypatch.setenv("REGIOMONITOR_SSO", "1")
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    assert client.get("/beheer", headers=STEWARD_HEADERS).status_code == 200
    partner = {"X-Forwarded-User": "pim@example.org", "X-Forwarded-Groups": "regiomonitor-partner-uwv"}
    assert client.get("/beheer", headers=partner).status_code == 403
    assert "U levert aan voor: UWV." in client.get("/aanleveren", headers=partner).text
    assert client.get("/aanleveren", headers={"X-Forwarded-User": "eve"}).status_code == 302

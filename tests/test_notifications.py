"""Issue 24, notifications: Atom feeds read with feedparser, mail digests received by a real SMTP
server on 127.0.0.1 (aiosmtpd's Controller), /meldingen with its CSRF and hostile input.

The story (module fixture): on a copy of the demo warehouse, one ingest corrects a late figure
of AM10 (its O&O status turns "op koers"), withdraws a ROC figure and corrects one of May 2006;
a second ingest brings a figure that is held for review, and a steward rejects it with a reason.
Every publish runs pipelines/notify.after_publish, as every flow does."""
from __future__ import annotations

import email
import json
import re
import shutil
import socket
import urllib.request
from pathlib import Path

import duckdb
import feedparser
import pytest
from aiosmtpd.controller import Controller

from dashboard.accounts import NotifyChoice, Store
from pipelines import notify, review
from pipelines.ingest import Options, ingest_files
from tests.helpers import query, wait_for, write_csv

CORRECTION = ["AM10;oo_uitgaven_eur;mrt 2007;125007,47;oo_fondsen;logistiek;correctie",
              "AM10;leerwerkplaatsen;mrt 2007;intrekken;roc;logistiek;dubbel geteld",
              "AM10;stages;mei 2006;9;roc;zorg;laat verbeterd"]
HELD = ["AM10;stages;mrt 2007;2500;roc;zorg;klopt dit?"]


class Inbox:
    """aiosmtpd handler: keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[email.message.Message]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture(scope="module")
def smtp():
    """A real SMTP server on 127.0.0.1, on a free port."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def text(mail: email.message.Message) -> str:
    """A digest's body, with the non-breaking spaces of Dutch amounts as plain ones."""
    return mail.get_payload(decode=True).decode().replace("\u00a0", " ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail_env(mp: pytest.MonkeyPatch, accounts: Path, port: int) -> None:
    mp.setenv("REGIOMONITOR_ACCOUNTS", str(accounts))
    mp.setenv("REGIOMONITOR_SMTP_HOST", "127.0.0.1")
    mp.setenv("REGIOMONITOR_SMTP_PORT", str(port))
    mp.setenv("REGIOMONITOR_SMTP_TLS", "none")
    mp.setenv("REGIOMONITOR_MAIL_FROM", "regiomonitor@example.nl")
    mp.setenv("REGIOMONITOR_PUBLIC_URL", "https://regiomonitor.example.nl")


def people(accounts: Path) -> Store:
    """A steward following AM10 in Dutch and one in English, a ROC partner hearing its own files,
    one following AM01 only."""
    store = Store(accounts)
    store.add("stef", "een-lang-wachtwoord", "steward")
    store.add("anna", "een-lang-wachtwoord", "partner", ["roc"])
    store.add("verre", "een-lang-wachtwoord", "steward")
    store.add("eve", "een-lang-wachtwoord", "steward")
    store.save_notify_choice("stef", NotifyChoice("stef@example.nl", "nl", False, ("AM10",)))
    store.save_notify_choice("anna", NotifyChoice("anna@example.nl", "nl", True, ()))
    store.save_notify_choice("verre", NotifyChoice("verre@example.nl", "en", False, ("AM01",)))
    store.save_notify_choice("eve", NotifyChoice("eve@example.nl", "en", False, ("AM10",)))
    return store


@pytest.fixture(scope="module")
def story(demo_warehouse, smtp, tmp_path_factory):
    """The warehouse after the story, its accounts store, and the mail it caused."""
    folder = tmp_path_factory.mktemp("notify")
    served = Path(shutil.copyfile(demo_warehouse, folder / "regiomonitor.duckdb"))
    accounts = folder / "accounts" / "accounts.sqlite"
    people(accounts)
    controller, inbox = smtp
    with pytest.MonkeyPatch.context() as mp:
        mail_env(mp, accounts, controller.port)
        results = ingest_files(served, [write_csv(folder / "inbox" / "AM10_correctie.csv", CORRECTION)],
                               Options(approve_warnings=True))
        assert [r.status for r in results] == ["loaded"]
        held = ingest_files(served, [write_csv(folder / "inbox" / "AM10_stages.csv", HELD)])
        assert [r.status for r in held] == ["loaded"]
        waiting = review.waiting_in(served, "AM10")
        assert len(waiting) == 1
        review.decide(served, [waiting[0].id], "rejected", "stef", "2.500 stages in één maand is te hoog")
    return served, accounts, inbox


def app_client(warehouse: Path, accounts: Path):
    from dashboard.app import create_app

    app = create_app(warehouse, accounts, accounts.parent / "uploads")
    app.server.config["TESTING"] = True
    return app.server.test_client()


@pytest.fixture
def feeds_client(story):
    served, accounts, _ = story
    return app_client(served, accounts)


def parsed(client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200 and response.content_type.startswith("application/atom+xml")
    feed = feedparser.parse(response.data.replace("\u00a0".encode(), b" "))   # Dutch amounts: "€\u00a0125.007"
    assert not feed.bozo and feed.version == "atom10", feed.get("bozo_exception")
    return feed


def test_region_feed_has_an_entry_per_publication_status_change_and_figure(feeds_client):
    feed = parsed(feeds_client, "/feeds/regio/AM10.atom")
    assert feed.feed.title == "Regiomonitor: Rivierenland"
    titles = [e.title for e in feed.entries]
    assert "Rivierenland: 3 cijfers gewijzigd" in titles
    assert "Rivierenland · O&O-uitgaven: status Versnelling nodig → Op koers" in titles
    corrected = next(e for e in feed.entries if "gecorrigeerd € 25.007 → € 125.007" in e.title)
    assert corrected.summary == "Uit bestand AM10_correctie.csv."
    assert re.fullmatch(r"http://localhost/data\?submission=\w+", corrected.link) or \
        re.fullmatch(r"https://regiomonitor\.example\.nl/data\?submission=\w+", corrected.link)
    assert any("mei 2006" in t and "gecorrigeerd" in t for t in titles)   # a late correction
    withdrawn = next(e for e in feed.entries if e.title.endswith("ingetrokken"))
    assert "ROC" in withdrawn.title and "logistiek" in withdrawn.title
    status = next(e for e in feed.entries if "status" in e.title)
    assert status.link.endswith("/regio/AM10")
    assert all(e.updated_parsed for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_no_public_feed_tells_a_rejected_value_or_each_new_figure(feeds_client):
    for path in ("/feeds/alles.atom", "/feeds/regio/AM10.atom"):
        text = " ".join(e.title + e.summary for e in parsed(feeds_client, path).entries)
        assert "2.500" not in text and "afgekeurd" not in text and "te hoog" not in text
        assert "nieuw cijfer" not in text and "wacht op controle" not in text


def test_ids_are_stable_across_requests_and_languages(feeds_client):
    dutch = [e.id for e in parsed(feeds_client, "/feeds/alles.atom").entries]
    english = parsed(feeds_client, "/feeds/alles.atom?lang=en")
    assert [e.id for e in english.entries] == dutch and dutch
    assert "O&O fund spending: status Acceleration needed → On track" in " ".join(e.title for e in english.entries)


def test_a_reader_that_has_the_feed_gets_304(feeds_client):
    first = feeds_client.get("/feeds/regio/AM10.atom")
    again = feeds_client.get("/feeds/regio/AM10.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


@pytest.mark.parametrize("code", ["AM99", "am10", "AM1", "AM100", "AM10'--", "AM10%3Cscript%3E", "%00AM10"])
def test_an_unknown_or_hostile_region_code_is_404(feeds_client, code):
    response = feeds_client.get(f"/feeds/regio/{code}.atom")
    assert response.status_code == 404
    assert b"<feed" not in response.data


def test_a_region_without_changes_has_an_empty_feed_that_parses(feeds_client):
    feed = parsed(feeds_client, "/feeds/regio/AM01.atom")
    assert feed.entries == [] and feed.feed.updated_parsed


def test_a_following_steward_gets_one_digest_with_region_change_and_link(story):
    served, _, inbox = story
    mails = inbox.to("stef@example.nl")
    assert len(mails) == 1   # the held file and its rejection changed nothing public
    body = text(mails[0])
    public = query(served, "select count(*) from v_notice where region = 'AM10' and kind in "
                           "('publication', 'status', 'corrected', 'withdrawn')")[0][0]
    assert mails[0]["Subject"].startswith(f"Regiomonitor: {public} wijzigingen in de publicatie van")
    assert "Rivierenland: 3 cijfers gewijzigd" in body
    assert "status Versnelling nodig → Op koers" in body
    assert "https://regiomonitor.example.nl/regio/AM10" in body
    assert "https://regiomonitor.example.nl/meldingen" in body


def test_a_follower_who_reads_english_gets_the_digest_in_english(story):
    _, _, inbox = story
    [mail] = inbox.to("eve@example.nl")
    body = text(mail)
    assert mail["Subject"].startswith("Regiomonitor: ") and " changes in the publication of " in mail["Subject"]
    assert "Rivierenland · O&O fund spending: status Acceleration needed → On track" in body
    assert "https://regiomonitor.example.nl/regio/AM10?lang=en" in body
    assert "https://regiomonitor.example.nl/meldingen?lang=en" in body and "cijfer" not in body


def test_a_partner_hears_its_own_files_and_the_rejection_with_its_reason(story):
    _, _, inbox = story
    bodies = [text(m) for m in inbox.to("anna@example.nl")]
    assert len(bodies) == 3   # one per publication: the correction, the held file, the decision
    assert "ingetrokken" in bodies[0] and "mei 2006" in bodies[0]
    assert "O&O" not in bodies[0]   # another organisation's figure
    assert "2.500 wacht op controle door een beheerder" in bodies[1] and "Uit bestand AM10_stages.csv." in bodies[1]
    assert "afgekeurd door een beheerder" in bodies[2] and "Reden: 2.500 stages in één maand is te hoog" in bodies[2]


def test_nobody_hears_of_a_region_they_do_not_follow(story):
    _, accounts, inbox = story
    assert inbox.to("verre@example.nl") == []
    with notify.store(accounts) as con:
        assert con.execute("select count(*) from outbox where sent_at is null").fetchone()[0] == 0


def test_digests_wait_while_the_mail_server_is_down_and_go_with_the_next_publish(published, smtp,
                                                                                   monkeypatch):
    controller, inbox = smtp
    accounts = published.parent / "accounts.sqlite"
    people(accounts)
    mail_env(monkeypatch, accounts, free_port())   # nothing listens there
    inbox_dir = published.parent / "inbox"
    first = ingest_files(published, [write_csv(inbox_dir / "a.csv", ["AM10;stages;jan 2006;4;roc;zorg;"])])
    assert [r.status for r in first] == ["loaded"]   # the publish succeeded all the same
    with notify.store(accounts) as con:
        waiting = con.execute("select recipient, attempts, last_error from outbox where sent_at is null").fetchall()
    assert sorted((w[0], w[1]) for w in waiting) == [("anna@example.nl", 1), ("eve@example.nl", 1),
                                                      ("stef@example.nl", 1)]
    assert all("Connection refused" in w[2] for w in waiting)

    before = len(inbox.messages)
    monkeypatch.setenv("REGIOMONITOR_SMTP_PORT", str(controller.port))
    ingest_files(published, [write_csv(inbox_dir / "b.csv", ["AM10;stages;feb 2006;5;roc;zorg;"])])
    later = inbox.messages[before:]
    assert len([m for m in later if m["To"] == "stef@example.nl"]) == 2   # the one that waited, and the new one
    partner = [text(m) for m in later if m["To"] == "anna@example.nl"]
    assert len(partner) == 2 and "januari 2006" in partner[0] and "februari 2006" in partner[1]   # oldest first
    with notify.store(accounts) as con:
        assert con.execute("select count(*) from outbox where sent_at is null").fetchone()[0] == 0


def test_a_warehouse_rebuilt_without_its_history_is_told_again(published, smtp, monkeypatch):
    """The mark of the last publication told belongs to a warehouse file; one rebuilt from
    nothing counts its publications from 1 again, and its next publication is still told."""
    controller, inbox = smtp
    accounts = published.parent / "accounts.sqlite"
    people(accounts)
    mail_env(monkeypatch, accounts, controller.port)
    with notify.store(accounts) as con:
        con.execute("insert into notify_mark values (?, 99)", (str(published.resolve()),))
    before = len(inbox.messages)
    ingest_files(published, [write_csv(published.parent / "inbox" / "a.csv", ["AM10;stages;jan 2006;4;roc;zorg;"])])
    assert [m["To"] for m in inbox.messages[before:]].count("stef@example.nl") == 1
    with notify.store(accounts) as con:
        assert con.execute("select publication from notify_mark").fetchone()[0] == 2


def test_without_mail_settings_nothing_is_queued(published, monkeypatch):
    accounts = published.parent / "accounts.sqlite"
    people(accounts)
    monkeypatch.setenv("REGIOMONITOR_ACCOUNTS", str(accounts))
    monkeypatch.delenv("REGIOMONITOR_SMTP_HOST", raising=False)
    ingest_files(published, [write_csv(published.parent / "inbox" / "a.csv", ["AM10;stages;jan 2006;4;roc;zorg;"])])
    with notify.store(accounts) as con:
        assert con.execute("select count(*) from outbox").fetchone()[0] == 0


def test_each_publication_records_the_statuses_it_shows(story):
    served, _, _ = story
    per = dict(query(served, "select publication, count(*) from published_status group by all"))
    changed = query(served, "select n.publication, n.region, n.indicator, o.status, n.status "
                            "from published_status as n join published_status as o using (programme, region, indicator) "
                            "where n.publication = o.publication + 1 and n.status <> o.status order by all")
    assert len(per) >= 4 and len(set(per.values())) == 1   # every publication, every region × indicator
    assert {c[:2] for c in changed} == {(2, "AM10")}        # only the correction moved statuses, of AM10 only
    assert (2, "AM10", "oo_uitgaven_eur", "acceleration_needed", "on_track") in changed
    notices = query(served, "select region, indicator, status_from, status_to from v_notice where kind = 'status'")
    assert sorted(notices) == sorted(c[1:] for c in changed)


def test_a_warehouse_without_statuses_per_publication_asks_for_one_refresh(published):
    """A file built before issue 24 has no published_status and no v_notice: ingest refuses it
    whole, with the command that fixes it (README, Meldingen), and the file stays untouched."""
    con = duckdb.connect(str(published))
    con.execute("drop view v_notice")
    con.close()
    before = published.read_bytes()
    with pytest.raises(Exception, match="regiomonitor refresh"):
        ingest_files(published, [write_csv(published.parent / "inbox" / "a.csv", ["AM10;stages;jan 2006;4;roc;zorg;"])])
    assert published.read_bytes() == before


def test_the_region_page_links_its_feed(feeds_client):
    from tests.helpers import page_render

    answer = feeds_client.post("/_dash-update-component", json=page_render("/regio/AM10"))
    assert answer.status_code == 200
    link = json.dumps({"id": "region-feed", "href": "/feeds/regio/AM10.atom?lang=nl"}, separators=(",", ":"))[1:-1]
    assert link.replace("/", "\\u002f") in answer.text   # Dash's JSON writes / as \u002f


# /meldingen
def csrf_token(client, path: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def signed_in(client, name: str):
    client.post("/login", data={"username": name, "password": "een-lang-wachtwoord",
                                "csrf_token": csrf_token(client, "/login")})
    return client


@pytest.fixture
def meldingen(published, monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    accounts = published.parent / "accounts.sqlite"
    store = people(accounts)
    return app_client(published, accounts), store


def test_meldingen_is_for_signed_in_accounts_only(meldingen):
    client, _ = meldingen
    assert client.get("/meldingen").status_code == 302
    assert client.post("/meldingen", data={"email": "x@example.nl"}).status_code in (400, 403)


def test_meldingen_says_when_the_server_sends_no_mail(meldingen, monkeypatch):
    client, _ = meldingen
    monkeypatch.delenv("REGIOMONITOR_SMTP_HOST", raising=False)
    page = signed_in(client, "stef").get("/meldingen").text
    assert 'id="no-mail"' in page and "Deze server verstuurt geen e-mail" in page
    monkeypatch.setenv("REGIOMONITOR_SMTP_HOST", "127.0.0.1")
    assert 'id="no-mail"' not in client.get("/meldingen").text


def test_a_partner_saves_regions_and_own_files_and_hostile_input_is_refused(meldingen):
    client, store = meldingen
    signed_in(client, "anna")
    assert 'href="/meldingen"' in client.get("/aanleveren").text   # the header's link (navigation.py)
    token = csrf_token(client, "/meldingen")
    saved = client.post("/meldingen", data={"csrf_token": token, "email": "anna@roc.example.nl",
                                            "region": ["AM10", "AM99", "<script>", "AM01"], "own_files": "1"})
    assert saved.status_code == 200 and 'id="saved"' in saved.text
    assert store.notify_choice("anna") == NotifyChoice("anna@roc.example.nl", "nl", True, ("AM01", "AM10"))
    assert 'href="/feeds/regio/AM10.atom"' in saved.text
    bad = client.post("/meldingen", data={"csrf_token": token, "email": "niet een adres<script>",
                                          "region": ["AM10"]})
    assert bad.status_code == 400 and 'id="invalid"' in bad.text and "<script>" not in bad.text.split("</header>")[1]
    assert store.notify_choice("anna").email == "anna@roc.example.nl"   # nothing lost
    assert client.post("/meldingen", data={"email": "x@example.nl"}).status_code == 400   # no CSRF token
    stop = client.post("/meldingen", data={"csrf_token": token, "email": ""})
    assert stop.status_code == 200 and store.notify_choice("anna") == NotifyChoice("", "nl", False, ())


def test_a_steward_cannot_ask_for_partner_file_outcomes(meldingen):
    client, store = meldingen
    signed_in(client, "stef")
    client.post("/meldingen?lang=en", data={"csrf_token": csrf_token(client, "/meldingen"), "lang": "en",
                                            "email": "stef@example.nl", "own_files": "1", "region": ["AM10"]})
    assert store.notify_choice("stef") == NotifyChoice("stef@example.nl", "en", False, ("AM10",))


@pytest.mark.slow
def test_after_an_ingest_that_changes_am10_its_feed_and_a_subscribed_stewards_digest_tell_it(
        prefect_harness, demo_warehouse, serve, browser, axe_source, smtp, tmp_path, monkeypatch):
    """Done-when of issue 24: a steward subscribes to Rivierenland on /meldingen at 390 px; an
    ingest that changes AM10 (the real flow) publishes; /feeds/regio/AM10.atom, fetched from the
    served app, parses with an entry for it, and the steward gets one digest with the region,
    the change and a link."""
    from playwright.sync_api import expect

    from pipelines.flows import ingest
    from tests.helpers import STEWARD, signed_in_phone
    from tests.test_upload_e2e import axe_violations

    controller, inbox = smtp
    served = Path(shutil.copyfile(demo_warehouse, tmp_path / "regiomonitor.duckdb"))
    mail = {"REGIOMONITOR_SMTP_HOST": "127.0.0.1", "REGIOMONITOR_SMTP_PORT": str(controller.port),
            "REGIOMONITOR_SMTP_TLS": "none"}
    with serve(served, env=mail) as url, signed_in_phone(browser, url, STEWARD) as phone:
        phone.goto(f"{url}/meldingen")
        expect(phone.locator("main h1")).to_have_text("Meldingen")
        expect(phone.locator("#no-mail")).to_have_count(0)   # the server has mail settings
        assert axe_violations(phone, axe_source) == []
        assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
        phone.get_by_label("E-mailadres").fill("beheer@example.nl")
        phone.get_by_label("Rivierenland").check()
        phone.get_by_role("button", name="Opslaan").click()
        expect(phone.locator("#saved")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
        assert phone.console_errors == []

        accounts = tmp_path / f"accounts-{url.rsplit(':', 1)[1]}" / "accounts.sqlite"
        for name, value in {**mail, "REGIOMONITOR_ACCOUNTS": str(accounts),
                            "REGIOMONITOR_PUBLIC_URL": url}.items():
            monkeypatch.setenv(name, value)
        before = len(inbox.messages)
        path = write_csv(tmp_path / "inbox" / "AM10_stages.csv", ["AM10;stages;mrt 2007;14;roc;logistiek;nagekomen"])
        assert [r.status for r in ingest([str(path)], warehouse_path=str(served))] == ["loaded"]

        def changed_feed() -> feedparser.FeedParserDict | None:
            with urllib.request.urlopen(f"{url}/feeds/regio/AM10.atom") as response:
                feed = feedparser.parse(response.read())
            return feed if "Rivierenland: 1 cijfer gewijzigd" in [e.title for e in feed.entries] else None

        # Readers move to a publication once the server has warmed it (about a second), not at once.
        feed = wait_for(changed_feed, 30, "the region's feed to show the new publication")
        assert not feed.bozo and feed.version == "atom10"
        entry = next(e for e in feed.entries if "gecorrigeerd" in e.title)
        assert "Stages" in entry.title and entry.link.startswith(f"{url}/data?submission=")

        digests = [m for m in inbox.messages[before:] if m["To"] == "beheer@example.nl"]
        assert len(digests) == 1
        body = text(digests[0])
        assert "Rivierenland: 1 cijfer gewijzigd" in body and "gecorrigeerd 12 → 14" in body
        assert f"{url}/regio/AM10" in body


def test_behind_single_sign_on_meldingen_offers_the_feeds_not_mail(meldingen, monkeypatch):
    """Digests go to this server's own accounts (recipients.sql joins them): a proxy-vouched user is
    told so and pointed at the feeds, and a choice sent anyway is refused, not silently kept."""
    client, store = meldingen
    monkeypatch.setenv("REGIOMONITOR_SSO", "1")
    partner = {"X-Forwarded-User": "pim@example.org", "X-Forwarded-Groups": "regiomonitor-partner-uwv"}
    page = client.get("/meldingen", headers=partner)
    assert page.status_code == 200 and 'id="sso-no-mail"' in page.text
    assert 'name="email"' not in page.text and 'href="/feeds/alles.atom"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    sent = client.post("/meldingen", headers=partner,
                       data={"email": "pim@example.org", "region": ["AM10"],
                             **({"csrf_token": token.group(1)} if token else {})})
    assert sent.status_code in (400, 403)
    assert store.notify_choice("pim@example.org") == NotifyChoice("", "nl", False, ())

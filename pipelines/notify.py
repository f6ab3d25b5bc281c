"""Mail digests after a publish (issue 24): one mail per publication per account, never one per
figure, sent with the standard library's smtplib to the server the environment names
(core/settings.mail_settings; none set: no mail).

`after_publish` runs once the new warehouse is served (pipelines/warehouse.staging, after its
os.replace) and never raises: a publish that succeeded stays a success whatever the mail does.
Each digest is first written to the outbox in the accounts store, then sent; one that fails
stays there with its error and is tried again after the next publish. The notices are the rows
of v_notice (sql/views/90_notices.sql), said by core/notices.py as the Atom feeds say them.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import smtplib
import sqlite3
import ssl
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import duckdb

from core import notices
from core.settings import LOCAL_URL, MailSettings, default_accounts, mail_settings, public_url
from core.sql_files import query_text, sql_text
from core.texts import _

LOG = logging.getLogger("regiomonitor.notify")
# How long one SMTP conversation may take before the digests wait for the next publish.
SMTP_TIMEOUT_S = 10


@dataclass(frozen=True)
class Recipient:
    """An account that wants digests: where, in which language, about what."""

    username: str
    email: str
    lang: str
    regions: frozenset[str]
    orgs: frozenset[str]


def after_publish(warehouse: Path, accounts: Path | None = None,
                  settings: MailSettings | None = None) -> None:
    """Write the digests of every publication not yet told, then send what waits in the outbox.
    Does nothing without mail settings or an accounts store; logs, never raises."""
    try:
        settings = settings or mail_settings()
        accounts = Path(accounts or default_accounts())
        if settings is None or not accounts.exists():
            return
        queue_digests(warehouse, accounts)
        send_outbox(accounts, settings)
    except Exception:   # the publish succeeded: mail must never turn it into a failure
        LOG.exception("mail digests after publishing %s failed; they are tried again after the "
                      "next publish", warehouse)


@contextmanager
def store(accounts: Path) -> Iterator[sqlite3.Connection]:
    """The accounts store (its schema applied, as dashboard/accounts.py does), in one transaction."""
    with closing(sqlite3.connect(accounts, timeout=10)) as con:
        con.row_factory = sqlite3.Row
        with con:
            con.executescript(sql_text("accounts/schema"))
        with con:
            yield con


def queue_digests(warehouse: Path, accounts: Path) -> int:
    """Put one digest per publication after the last one told (only the latest the first time)
    and per recipient with something to hear into the outbox; returns how many were written."""
    key = str(warehouse.resolve())
    with store(accounts) as con:
        mark = con.execute("select publication from notify_mark where warehouse = ?", (key,)).fetchone()
        recipients = [recipient(r) for r in con.execute(sql_text("accounts/recipients"))]
    rows, latest = read_notices(warehouse, mark[0] if mark else None)
    written = 0
    with store(accounts) as con:
        for publication, told in group(rows).items():
            for person in recipients:
                digest = compose(person, told)
                if digest:
                    written += con.execute(
                        "insert or ignore into outbox (publication, username, recipient, subject, body, "
                        "created_at) values (?, ?, ?, ?, ?, ?)",
                        (publication, person.username, person.email, *digest, now())).rowcount
        if latest is not None:
            con.execute("insert into notify_mark values (?, ?) on conflict (warehouse) do update "
                        "set publication = excluded.publication", (key, latest))
    return written


def recipient(row: sqlite3.Row) -> Recipient:
    return Recipient(row["username"], row["email"], row["lang"], frozenset(json.loads(row["regions"])),
                     frozenset(json.loads(row["orgs"])))


def read_notices(warehouse: Path, after: int | None) -> tuple[list[dict], int | None]:
    """The notices of the publications after `after` (the latest alone when None, or when the
    warehouse has fewer publications), and the latest publication's id, from the served
    warehouse (read-only)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        latest = con.execute("select max(id) from publication").fetchone()[0]
        if latest is None:
            return [], None
        # A mark past the latest publication is of a warehouse rebuilt without its history
        # (its ids start again): tell its latest publication, as the first time.
        start = after if after is not None and after <= latest else latest - 1
        cursor = con.execute(query_text("publication_notices"), {"after": start})
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()], latest
    finally:
        con.close()


def group(rows: list[dict]) -> dict[str, list[dict]]:
    """The notices per publication, keyed '<id>@<published_at>' (ids restart in a new warehouse)."""
    told: dict[str, list[dict]] = {}
    for row in rows:
        told.setdefault(f"{row['publication']}@{notices.published_at(row).isoformat()}", []).append(row)
    return told


def relevant(person: Recipient, notice: Mapping) -> bool:
    """A public notice of a region the account follows, or news of its own organisation's figure."""
    return ((notice["kind"] in notices.PUBLIC_KINDS and notice["region"] in person.regions)
            or (notice["kind"] in notices.OWN_KINDS and notice.get("partner") in person.orgs))


def compose(person: Recipient, told: list[dict]) -> tuple[str, str] | None:
    """Subject and plain-text body of one digest, or None when nothing concerns the account."""
    mine = [n for n in told if relevant(person, n)]
    if not mine:
        return None
    lang, base = person.lang, public_url() or LOCAL_URL
    lines = [_("Regiomonitor has published new figures. What changed for you:", lang), ""]
    for n in mine:
        lines += [f"- {notices.title(n, lang)}", f"  {notices.detail(n, lang)}",
                  f"  {base}{notices.path(n, lang)}", ""]
    settings_page = f"{base}/meldingen" + ("?lang=en" if lang == "en" else "")
    lines.append(_("You receive this because you asked for it. Change or stop it at {url}", lang,
                   url=settings_page))
    return notices.subject(len(mine), notices.published_at(mine[0]), lang), "\n".join(lines) + "\n"


def send_outbox(accounts: Path, settings: MailSettings) -> tuple[int, int]:
    """Send every digest that waits, oldest first, over one SMTP connection; returns (sent,
    failed). A refused recipient fails alone; a server that cannot be reached fails the rest,
    which wait for the next publish."""
    with store(accounts) as con:
        waiting = con.execute("select id, recipient, subject, body from outbox where sent_at is null "
                              "order by id").fetchall()
    if not waiting:
        return 0, 0
    sent = failed = 0
    try:
        with connect(settings) as smtp:
            for row in waiting:
                try:
                    smtp.send_message(message(settings.sender, row))
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError,
                        smtplib.SMTPSenderRefused) as err:
                    failed += 1
                    record(accounts, row["id"], err)
                    continue
                sent += 1
                record(accounts, row["id"], None)
    except (OSError, smtplib.SMTPException) as err:
        rest = waiting[sent + failed:]
        for row in rest:
            record(accounts, row["id"], err)
        failed += len(rest)
        LOG.warning("mail server %s:%s: %s; %d digest(s) wait for the next publish",
                    settings.host, settings.port, err, len(rest))
    return sent, failed


@contextmanager
def connect(settings: MailSettings) -> Iterator[smtplib.SMTP]:
    """An SMTP session secured as the settings say, signed in when they name a user."""
    context = ssl.create_default_context()
    if settings.tls == "ssl":
        smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=SMTP_TIMEOUT_S, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_S)
    with smtp:
        if settings.tls == "starttls":
            smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        yield smtp


def message(sender: str, row: sqlite3.Row) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, row["recipient"], row["subject"]
    mail["Message-ID"] = f"<outbox-{row['id']}@regiomonitor>"
    mail.set_content(row["body"])
    return mail


def record(accounts: Path, outbox_id: int, error: BaseException | None) -> None:
    """Mark a digest sent, or count a failed attempt with its error (logged)."""
    with store(accounts) as con:
        if error is None:
            con.execute("update outbox set sent_at = ?, attempts = attempts + 1, last_error = null "
                        "where id = ?", (now(), outbox_id))
        else:
            LOG.warning("digest %s not sent: %s", outbox_id, error)
            con.execute("update outbox set attempts = attempts + 1, last_error = ? where id = ?",
                        (str(error)[:500], outbox_id))


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()

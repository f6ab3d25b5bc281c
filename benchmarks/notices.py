"""Section 6: the feeds and the mail digests of issue 24 on the benchmark's warehouse.

The Atom feeds are asked over HTTP of the served app like any reader asks them, first whole and
then again with the ETag (a reader that polls gets 304). The digests of every publication of
the warehouse are written for `recipients` accounts that each follow every region and sent to
a real SMTP server on 127.0.0.1 (aiosmtpd), through the same pipelines/notify.py a publish runs.
"""
from __future__ import annotations

import statistics
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.serving import free_port

FEEDS = ("/feeds/alles.atom", "/feeds/regio/AM10.atom")


@dataclass(frozen=True)
class FeedTiming:
    path: str
    bytes: int
    entries: int
    whole_ms: float       # median of the whole answers
    revalidate_ms: float  # median of the 304 answers


@dataclass(frozen=True)
class Digests:
    recipients: int
    queued: int           # one per recipient and publication with a notice
    sent: int
    queue_s: float        # writing the digests into the outbox
    send_s: float         # sending them over one SMTP connection


def get(url: str, etag: str | None = None) -> tuple[int, bytes, str | None]:
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), response.headers.get("ETag")
    except urllib.error.HTTPError as err:   # 304 arrives as an HTTPError
        return err.code, b"", etag


def feed_timing(url: str, path: str, calls: int) -> FeedTiming:
    """The median time of `calls` whole answers and of `calls` revalidations."""
    whole, again = [], []
    body, etag = b"", None
    for _ in range(calls):
        start = time.perf_counter()
        _, body, etag = get(url + path)
        whole.append(time.perf_counter() - start)
    for _ in range(calls):
        start = time.perf_counter()
        status, _, _ = get(url + path, etag)
        again.append(time.perf_counter() - start)
        assert status == 304, f"{path}: {status} with its own ETag"
    return FeedTiming(path, len(body), body.count(b"<entry>"), statistics.median(whole) * 1000,
                      statistics.median(again) * 1000)


def digests(served: Path, recipients: int) -> Digests:
    """Queue and send every publication's digests for `recipients` accounts (a mark before the
    first: the benchmark's last publish may be one that changed no figure, such as boundaries)."""
    from aiosmtpd.controller import Controller

    from core.settings import MailSettings
    from dashboard.accounts import NotifyChoice, Store
    from pipelines import notify

    class Count:
        received = 0

        async def handle_DATA(self, server, session, envelope) -> str:
            Count.received += 1
            return "250 OK"

    folder = Path(tempfile.mkdtemp(prefix="regiomonitor-bench-mail-"))
    store = Store(folder / "accounts.sqlite")
    regions = tuple(f"AM{n:02d}" for n in range(1, 41))
    for n in range(recipients):
        store.add(f"volger{n}", "een-lang-wachtwoord", "steward")
        store.save_notify_choice(f"volger{n}", NotifyChoice(f"volger{n}@example.nl", "nl", False, regions))
    controller = Controller(Count(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings = MailSettings("127.0.0.1", controller.port, "bench@example.nl", "none")
        with notify.store(store.path) as con:
            con.execute("insert into notify_mark values (?, 0)", (str(served.resolve()),))
        start = time.perf_counter()
        queued_n = notify.queue_digests(served, store.path)
        queued = time.perf_counter()
        sent, _ = notify.send_outbox(store.path, settings)
        done = time.perf_counter()
    finally:
        controller.stop()
    return Digests(recipients, queued_n, sent, queued - start, done - queued)


def run(url: str, served: Path, calls: int, recipients: int) -> dict[str, object]:
    return {"feeds": [feed_timing(url, path, calls) for path in FEEDS],
            "digests": digests(served, recipients)}

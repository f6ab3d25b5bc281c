"""Checked files waiting to be confirmed, each under an id of its own (issue 25).

The check of a file used to live in the session, one per browser: checking tabA.csv, then
tabB.csv in a second tab, and confirming the first tab delivered tabB. Now every check is kept
beside the accounts store as `pending/<id><ext>` (the file) and `pending/<id>.json` (whose it
is, its name, rows, warnings), and the confirm form carries the id. Confirming is for the
account that checked, and once: a second press, in any worker, finds the upload recorded.

Names. The partner's name is kept as they gave it (made safe by werkzeug), but the file
in the inbox is `<id>_<name>`, shortened when that is long: a file system takes 255 bytes per
name, and the ingest adds `.part`, `.rapport.txt` or a hash beside it (a 230-character name
gave a 500 at Bevestigen, 300 characters one at the check).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

# What an id looks like: when it was checked (UTC, to the second) and 6 random hex digits.
CHECK_ID = re.compile(r"\d{8}T\d{6}-[0-9a-f]{6}")
# The longest name a file gets in the inbox: far below 255 bytes, with room for what the ingest
# adds (`.part`, `.rapport.txt`, `.<8 hex of the hash>`).
STORED_NAME_MAX = 120
# How much of the file's SHA-256 a shortened name carries (hex digits).
HASH_DIGITS = 12
# Checks nobody confirmed within a day are removed.
MAX_AGE_S = 24 * 3600


@dataclass(frozen=True)
class Check:
    """A file that passed its check and waits for its owner to confirm it."""

    id: str
    username: str
    file_name: str      # as the partner named it, made safe
    rows: int
    warnings: int


def new_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


def folder(base: Path) -> Path:
    """`base`/pending, created when missing, without the checks older than a day."""
    path = base / "pending"
    path.mkdir(parents=True, exist_ok=True)
    for old in path.iterdir():
        if time.time() - old.stat().st_mtime > MAX_AGE_S:
            old.unlink(missing_ok=True)
    return path


def data_path(pending: Path, check_id: str, file_name: str) -> Path:
    """Where the checked bytes are kept: the id and the name's extension, never the name itself."""
    return pending / f"{check_id}{Path(file_name).suffix.lower()}"


def keep(pending: Path, check: Check) -> None:
    """Record a check that may be confirmed (its file is at data_path already)."""
    part = pending / f"{check.id}.json.part"
    part.write_text(json.dumps(asdict(check)), encoding="utf-8")
    part.replace(pending / f"{check.id}.json")


def load(pending: Path, check_id: str, username: str) -> Check | None:
    """The check with this id if `username` made it and it still waits; else None (someone
    else's id is as unknown as one that never existed)."""
    if not CHECK_ID.fullmatch(check_id):
        return None
    try:
        check = Check(**json.loads((pending / f"{check_id}.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    if check.username != username or not data_path(pending, check.id, check.file_name).exists():
        return None
    return check


def waiting(pending: Path, username: str) -> list[Check]:
    """`username`'s checks that still wait for confirmation (kept a day), oldest first: what a
    session that ended before Bevestigen left behind is confirmed from here."""
    found = (load(pending, path.name.removesuffix(".json"), username) for path in sorted(pending.glob("*.json")))
    return [check for check in found if check is not None]


def forget(pending: Path, check: Check) -> None:
    """The check was confirmed: its file is in the inbox now."""
    data_path(pending, check.id, check.file_name).unlink(missing_ok=True)
    (pending / f"{check.id}.json").unlink(missing_ok=True)


@contextlib.contextmanager
def confirming(pending: Path, check_id: str) -> Iterator[None]:
    """One confirmation of `check_id` at a time, across threads and workers: a second press of
    the button waits for the first, then finds the upload recorded. (The lock file stays until
    `folder` removes it a day later: removed at once, a third press could lock a new file while
    the second still holds the old one.)"""
    with open(pending / f"{check_id}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def stored_name(check_id: str, file_name: str, sha256: str) -> str:
    """`<id>_<name>` in the inbox, or, when that is longer than STORED_NAME_MAX, its start, a
    part of the file's hash and the name's extension: '<id>_<start>-<12 hex>.csv'."""
    full = f"{check_id}_{file_name}"
    if len(full.encode()) <= STORED_NAME_MAX:
        return full
    tail = f"-{sha256[:HASH_DIGITS]}{Path(file_name).suffix}"
    return full[:STORED_NAME_MAX - len(tail)] + tail

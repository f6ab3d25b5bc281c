"""Sign-in attempts slowed down per account and per address, in the accounts store (issue 25).

Flask-Limiter counted per address in each worker's memory: with 4 workers 34 of 60 guesses got
through, after which the right user got 429 too, and behind a proxy every visitor shares one
address. Here every worker reads and writes the same SQLite file, an attempt is counted before
its password is checked (so attempts in several workers at once count each other), and what
follows a failure is a wait that grows and ends (sql/accounts/login_wait.sql), never a lock.
A refused attempt checks no password and is not counted again.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass

from core.settings import LOGIN_THROTTLE
from core.sql_files import sql_text
from dashboard.accounts import Store


@dataclass(frozen=True)
class Refusal:
    """An attempt that must wait: how long, and whether for its account or for its address."""

    wait_s: int
    reason: str   # 'account' or 'address'


def attempt(store: Store, username: str, address: str, at: float | None = None) -> Refusal | None:
    """Count an attempt on `username` from `address` and let it through (None), or say how long
    it must wait. One write transaction: the wait is read and the attempt counted at once."""
    at = time.time() if at is None else at
    with store.connect() as con:
        con.execute("begin immediate")
        con.execute("delete from login_failure where at <= ?", (at - LOGIN_THROTTLE.memory_s,))
        wait_s, reason = con.execute(sql_text("accounts/login_wait"),
                                     {**asdict(LOGIN_THROTTLE), "now": at, "username": username,
                                      "address": address}).fetchone()
        if wait_s > 0:
            return Refusal(math.ceil(wait_s), reason)
        con.execute("insert into login_failure values (?, ?, ?)", (at, username, address))
    return None


def succeeded(store: Store, username: str) -> None:
    """The right password: the account's failures (this attempt's too) are forgotten."""
    with store.connect() as con:
        con.execute("delete from login_failure where username = ?", (username,))

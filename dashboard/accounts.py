"""Local accounts, the audit log and the record of browser uploads, in one SQLite file.

The warehouse is rebuilt from scratch by `refresh`, so accounts and the audit trail live in a
file of their own (core.settings.default_accounts). SQLite in WAL mode lets several
gunicorn workers and the CLI use it at once. Passwords are hashed with werkzeug.security
(scrypt); the hash alone is stored. Nothing here imports Flask, Dash or Prefect: the CLI,
the dashboard and the upload loader all read it.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from core.settings import SQL_DIR

ROLES = ("partner", "steward")
# A hash to compare against when the user does not exist, so that a wrong name costs as much
# time as a wrong password and does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not-a-password")


class AccountError(ValueError):
    """A request the store refuses (unknown user, duplicate, bad role); the message says why."""


@dataclass(frozen=True)
class Account:
    """A signed-in person. Has the attributes Flask-Login asks of a user object."""

    username: str
    role: str
    orgs: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    disabled: bool = False

    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def get_id(self) -> str:
        return self.username

    @property
    def is_steward(self) -> bool:
        return self.role == "steward"


@dataclass(frozen=True)
class Upload:
    """A file confirmed in the browser, as recorded at confirmation."""

    id: str
    username: str
    file_name: str
    stored_name: str
    sha256: str
    rows: int
    warnings: int
    uploaded_at: str


def now() -> str:
    """The current UTC time, to the second, as ISO 8601."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Store:
    """The accounts file. Opens a short connection per call: cheap, and safe across processes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("pragma journal_mode=wal")
            con.executescript((SQL_DIR / "accounts" / "schema.sql").read_text(encoding="utf-8"))

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        con.row_factory = sqlite3.Row
        try:
            with con:
                yield con
        finally:
            con.close()

    # accounts
    def add(self, username: str, password: str, role: str, orgs: list[str] = (),
            regions: list[str] = ()) -> Account:
        """A new account; refuses an existing name or an unknown role."""
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        if role == "partner" and not orgs:
            raise AccountError("a partner account needs at least one organisation (--org)")
        try:
            with self._connect() as con:
                con.execute("insert into account (username, password_hash, role, orgs, regions, "
                            "created_at) values (?, ?, ?, ?, ?, ?)",
                            (username, generate_password_hash(password), role,
                             json.dumps(list(orgs)), json.dumps(list(regions)), now()))
        except sqlite3.IntegrityError:
            raise AccountError(f"account {username!r} exists already") from None
        return self.get(username)

    def get(self, username: str) -> Account | None:
        with self._connect() as con:
            row = con.execute("select * from account where username = ?", (username,)).fetchone()
        return _account(row) if row else None

    def accounts(self) -> list[Account]:
        with self._connect() as con:
            return [_account(r) for r in con.execute("select * from account order by username")]

    def set_disabled(self, username: str, disabled: bool) -> None:
        self._update(username, "update account set disabled = ? where username = ?", int(disabled))

    def reset_password(self, username: str, password: str) -> None:
        self._update(username, "update account set password_hash = ? where username = ?",
                     generate_password_hash(password))

    def _update(self, username: str, sql: str, value: object) -> None:
        with self._connect() as con:
            if con.execute(sql, (value, username)).rowcount != 1:
                raise AccountError(f"no account {username!r}")

    def authenticate(self, username: str, password: str) -> Account | None:
        """The account when the password matches and the account is enabled, else None."""
        with self._connect() as con:
            row = con.execute("select * from account where username = ?", (username,)).fetchone()
        if row is None:
            check_password_hash(_DUMMY_HASH, password)
            return None
        if not check_password_hash(row["password_hash"], password) or row["disabled"]:
            return None
        return _account(row)

    # audit log
    def audit(self, actor: str, action: str, detail: str = "") -> None:
        with self._connect() as con:
            con.execute("insert into audit (at, actor, action, detail) values (?, ?, ?, ?)",
                        (now(), actor, action, detail))

    def audit_log(self, limit: int = 200) -> list[sqlite3.Row]:
        """The newest entries first."""
        with self._connect() as con:
            return con.execute("select at, actor, action, detail from audit "
                               "order by id desc limit ?", (limit,)).fetchall()

    # uploads
    def add_upload(self, upload: Upload) -> None:
        with self._connect() as con:
            con.execute("insert into upload values (?, ?, ?, ?, ?, ?, ?, ?)",
                        (upload.id, upload.username, upload.file_name, upload.stored_name,
                         upload.sha256, upload.rows, upload.warnings, upload.uploaded_at))

    def uploads(self, username: str | None = None) -> list[Upload]:
        """Every upload (a steward's view), or one person's; newest first."""
        with self._connect() as con:
            rows = con.execute("select * from upload where ? is null or username = ? "
                               "order by uploaded_at desc, id desc", (username, username))
            return [Upload(**dict(r)) for r in rows]

    def upload_by_stored_name(self, stored_name: str) -> Upload | None:
        with self._connect() as con:
            row = con.execute("select * from upload where stored_name = ?", (stored_name,)).fetchone()
        return Upload(**dict(row)) if row else None


def _account(row: sqlite3.Row) -> Account:
    return Account(row["username"], row["role"], tuple(json.loads(row["orgs"])),
                   tuple(json.loads(row["regions"])), bool(row["disabled"]))

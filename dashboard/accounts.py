"""Local accounts, their sessions, the audit log and the record of browser uploads, in one SQLite file.

The warehouse is rebuilt from scratch by `refresh`, so accounts and the audit trail live in a
file of their own (core.settings.default_accounts). SQLite in WAL mode lets several
gunicorn workers and the CLI use it at once. Passwords are hashed with werkzeug.security
(scrypt); the hash alone is stored. Nothing here imports Flask, Dash or Prefect: the CLI,
the dashboard and the flows the Prefect worker runs all read it.

Sessions are kept here too (issue 25), so that they can end: a browser that signs in gets a
random token in its (signed) session cookie, and this file keeps the token's hash. Signing out
removes it, and any change to the account removes all of its sessions (a trigger in
sql/accounts/schema.sql), whichever command or page made the change.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from core import audit_log
from core.settings import SESSION_IDLE_HOURS, SQL_DIR

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
    session: str = ""   # the token of the session this account signed in with, if any

    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def get_id(self) -> str:
        """What Flask-Login keeps in the cookie: the session's token, never the user name alone,
        so that a cookie is worth nothing once its session has ended."""
        return self.session

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


@dataclass(frozen=True)
class NotifyChoice:
    """What an account chose on /meldingen: its address, the digests' language, whether (a
    partner) it hears its own organisations' file outcomes, and the regions it follows."""

    email: str
    lang: str
    own_files: bool
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """A run started in the browser, as recorded (its state lives in Prefect)."""

    key: str
    kind: str
    username: str
    subject: str
    flow: str
    parameters: dict
    flow_run_id: str | None
    created_at: str


@dataclass(frozen=True)
class Session:
    """A browser signed in with an account, as its holder sees it on /sessies."""

    id: str            # the token's hash: names the session without being it
    created_at: str
    seen_at: str
    address: str
    agent: str


# A session's last use is written at most this often: one write a minute, not one a request.
SEEN_EVERY = dt.timedelta(minutes=1)


def now(delta: dt.timedelta = dt.timedelta(0)) -> str:
    """The current UTC time (plus `delta`), to the second, as ISO 8601."""
    return (dt.datetime.now(dt.timezone.utc) + delta).replace(microsecond=0).isoformat()


def token_hash(token: str) -> str:
    """How the store names a session: the SHA-256 of its token (a copy of the file opens nothing)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Store:
    """The accounts file. Opens a short connection per call: cheap, and safe across processes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            con.execute("pragma journal_mode=wal")
            con.executescript((SQL_DIR / "accounts" / "schema.sql").read_text(encoding="utf-8"))
            # A store from before issue 24 has no parameters for its audit entries (SQLite has no
            # "add column if not exists"); its old entries keep their stored text.
            if "params" not in {r["name"] for r in con.execute("pragma table_info(audit)")}:
                con.execute("alter table audit add column params text")

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
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
            with self.connect() as con:
                con.execute("insert into account (username, password_hash, role, orgs, regions, "
                            "created_at) values (?, ?, ?, ?, ?, ?)",
                            (username, generate_password_hash(password), role,
                             json.dumps(list(orgs)), json.dumps(list(regions)), now()))
        except sqlite3.IntegrityError:
            raise AccountError(f"account {username!r} exists already") from None
        return self.get(username)

    def get(self, username: str) -> Account | None:
        with self.connect() as con:
            row = con.execute("select * from account where username = ?", (username,)).fetchone()
        return _account(row) if row else None

    def accounts(self) -> list[Account]:
        with self.connect() as con:
            return [_account(r) for r in con.execute("select * from account order by username")]

    def set_disabled(self, username: str, disabled: bool) -> None:
        self._update(username, "update account set disabled = ? where username = ?", int(disabled))

    def reset_password(self, username: str, password: str) -> None:
        self._update(username, "update account set password_hash = ? where username = ?",
                     generate_password_hash(password))

    def _update(self, username: str, sql: str, value: object) -> None:
        with self.connect() as con:
            if con.execute(sql, (value, username)).rowcount != 1:
                raise AccountError(f"no account {username!r}")

    def authenticate(self, username: str, password: str) -> Account | None:
        """The account when the password matches and the account is enabled, else None."""
        with self.connect() as con:
            row = con.execute("select * from account where username = ?", (username,)).fetchone()
        if row is None:
            check_password_hash(_DUMMY_HASH, password)
            return None
        if not check_password_hash(row["password_hash"], password) or row["disabled"]:
            return None
        return _account(row)

    # sessions
    def open_session(self, account: Account, address: str, agent: str) -> Account:
        """A new session for `account`: the account with its token. Sessions unused for
        SESSION_IDLE_HOURS are removed on the way."""
        token = secrets.token_urlsafe(32)
        with self.connect() as con:
            con.execute("delete from session where seen_at < ?", (_idle_since(),))
            con.execute("insert into session values (?, ?, ?, ?, ?, ?)",
                        (token_hash(token), account.username, now(), now(), address[:100], agent[:200]))
        return replace(account, session=token)

    def session_account(self, token: str) -> Account | None:
        """The enabled account of a live session, or None (ended, idle too long, disabled)."""
        key = token_hash(token)
        with self.connect() as con:
            row = con.execute("select a.* from session as s join account as a using (username) "
                              "where s.id = ? and s.seen_at >= ? and not a.disabled",
                              (key, _idle_since())).fetchone()
            if row is not None:
                con.execute("update session set seen_at = ? where id = ? and seen_at < ?",
                            (now(), key, now(-SEEN_EVERY)))
        return replace(_account(row), session=token) if row else None

    def end_session(self, token: str) -> None:
        with self.connect() as con:
            con.execute("delete from session where id = ?", (token_hash(token),))

    def end_sessions(self, username: str) -> int:
        """Sign `username` out everywhere; returns how many sessions ended."""
        with self.connect() as con:
            return con.execute("delete from session where username = ?", (username,)).rowcount

    def sessions(self, username: str) -> list[Session]:
        """The live sessions of `username`, the most recently used first."""
        with self.connect() as con:
            rows = con.execute("select id, created_at, seen_at, address, agent from session "
                               "where username = ? and seen_at >= ? order by seen_at desc, created_at desc",
                               (username, _idle_since()))
            return [Session(**dict(r)) for r in rows]

    # audit log
    def audit(self, actor: str, action: str, detail: str = "", **params: object) -> None:
        """An entry by key (core/audit_log.py ACTIONS) and parameters, said in the reader's
        language when shown; `detail` keeps the English words too, for a reader of the file."""
        with self.connect() as con:
            con.execute("insert into audit (at, actor, action, detail, params) values (?, ?, ?, ?, ?)",
                        (now(), actor, action, detail or audit_log.detail_text(action, params, "en"),
                         json.dumps(params, ensure_ascii=False, default=str) if params else None))

    def audit_log(self, limit: int = 200) -> list[sqlite3.Row]:
        """The newest entries first."""
        with self.connect() as con:
            return con.execute("select at, actor, action, detail, params from audit "
                               "order by id desc limit ?", (limit,)).fetchall()

    # uploads
    def add_upload(self, upload: Upload) -> None:
        with self.connect() as con:
            con.execute("insert into upload values (?, ?, ?, ?, ?, ?, ?, ?)",
                        (upload.id, upload.username, upload.file_name, upload.stored_name,
                         upload.sha256, upload.rows, upload.warnings, upload.uploaded_at))

    def uploads(self, username: str | None = None) -> list[Upload]:
        """Every upload (a steward's view), or one person's; newest first."""
        with self.connect() as con:
            rows = con.execute("select * from upload where ? is null or username = ? "
                               "order by uploaded_at desc, id desc", (username, username))
            return [Upload(**dict(r)) for r in rows]

    def upload(self, upload_id: str) -> Upload | None:
        with self.connect() as con:
            row = con.execute("select * from upload where id = ?", (upload_id,)).fetchone()
        return Upload(**dict(row)) if row else None

    def remove_upload(self, upload_id: str) -> None:
        """Undo a record whose file could not be published (dashboard/upload.py: deliver)."""
        with self.connect() as con:
            con.execute("delete from upload where id = ?", (upload_id,))

    # mail notices (issue 24; pipelines/notify.py sends them)
    def notify_choice(self, username: str) -> NotifyChoice:
        """Where and about what `username` wants digests (nothing chosen: no mail)."""
        with self.connect() as con:
            row = con.execute("select email, lang, own_files from notify_setting where username = ?",
                              (username,)).fetchone()
            regions = [r[0] for r in con.execute("select region from subscription where username = ? "
                                                 "order by region", (username,))]
        if row is None:
            return NotifyChoice("", "nl", False, tuple(regions))
        return NotifyChoice(row["email"], row["lang"], bool(row["own_files"]), tuple(regions))

    def save_notify_choice(self, username: str, choice: NotifyChoice) -> None:
        """Replace `username`'s choice in one transaction; no address and nothing followed
        removes it."""
        with self.connect() as con:
            con.execute("delete from subscription where username = ?", (username,))
            con.execute("delete from notify_setting where username = ?", (username,))
            if choice.email or choice.regions or choice.own_files:
                con.execute("insert into notify_setting values (?, ?, ?, ?, ?)",
                            (username, choice.email, choice.lang, int(choice.own_files), now()))
                con.executemany("insert into subscription values (?, ?)",
                                [(username, region) for region in choice.regions])

    # runs started in the browser (sql/accounts/schema.sql: run)
    def add_run(self, run: Run) -> Run:
        """Record `run` unless its key is known; returns the record that holds (the first one)."""
        with self.connect() as con:
            con.execute("insert into run values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (key) do nothing",
                        (run.key, run.kind, run.username, run.subject, run.flow,
                         json.dumps(run.parameters), run.flow_run_id, run.created_at))
        return self.run(run.key)

    def set_flow_run(self, key: str, flow_run_id: str) -> None:
        with self.connect() as con:
            con.execute("update run set flow_run_id = ? where key = ?", (flow_run_id, key))

    def run(self, key: str) -> Run | None:
        with self.connect() as con:
            row = con.execute("select * from run where key = ?", (key,)).fetchone()
        return _run(row) if row else None

    def runs(self, username: str | None = None, limit: int = 20) -> list[Run]:
        """The newest runs (of one person)."""
        with self.connect() as con:
            rows = con.execute("select * from run where ? is null or username = ? "
                               "order by created_at desc, rowid desc limit ?", (username, username, limit))
            return [_run(r) for r in rows]

    def runs_of(self, subjects: list[str]) -> dict[str, Run]:
        """The newest run of each of these subjects (upload ids), by subject."""
        with self.connect() as con:
            rows = con.execute("select * from run where subject in (select value from json_each(?)) "
                               "order by created_at, rowid", (json.dumps(subjects),)).fetchall()
        return {row["subject"]: _run(row) for row in rows}


def _run(row: sqlite3.Row) -> Run:
    return Run(**{**dict(row), "parameters": json.loads(row["parameters"])})


def _idle_since() -> str:
    """Sessions last used before this moment have ended."""
    return now(-dt.timedelta(hours=SESSION_IDLE_HOURS))


def _account(row: sqlite3.Row) -> Account:
    return Account(row["username"], row["role"], tuple(json.loads(row["orgs"])),
                   tuple(json.loads(row["regions"])), bool(row["disabled"]))

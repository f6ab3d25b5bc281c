"""What many tests use: small warehouses built with the pipeline's plain functions (no
Prefect), partner files, read-only queries, and the accounts every served app has. Real
processes (the CLI, `serve`, Chromium) are started by benchmarks/serving.py."""
from __future__ import annotations

import atexit
import datetime as dt
import contextlib
import fcntl
import functools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

import duckdb
import pytest

from core.sql_files import query_text
from pipelines import inbox as inboxes, reference, runs, schematic_tiles, warehouse

# Accounts every served app has (tests/conftest.py `serve`): (user name, password, role, organisations).
PARTNER = ("roc-rivierenland", "partner-wachtwoord-1", "partner", ["roc"])
STEWARD = ("beheerder", "steward-wachtwoord-1", "steward", [])
ACCOUNTS = (PARTNER, STEWARD)

HEADER = "regio;indicator;periode;waarde;partner;sector;opmerking\n"
# observation's codes and submission are not declared foreign keys (sql/schema.sql): the tests
# check the relationships instead, as a dbt project tests them. Each count must be 0.
ORPHANS_SQL = """
select
    count(*) filter (where r.code is null) as unknown_region,
    count(*) filter (where i.code is null) as unknown_indicator,
    count(*) filter (where p.code is null) as unknown_partner,
    count(*) filter (where s.code is null) as unknown_sector,
    count(*) filter (where m.id is null) as unknown_submission
from observation as o
left join region as r on r.code = o.region
left join indicator as i on i.code = o.indicator
left join partner as p on p.code = o.partner
left join sector as s on s.code = o.sector
left join submission as m on m.id = o.submission_id
"""


def staging(tmp_path: Path, demo_targets: bool = False) -> duckdb.DuckDBPyConnection:
    """A staging warehouse with the schema and the reference data (real targets only by
    default), open for writing at tmp_path/staging.duckdb: a copy of one built once per test
    process (~0,2 s instead of ~2 s; schema.sql and the views create no temporary objects)."""
    path = tmp_path / "staging.duckdb"
    shutil.copyfile(_staging_template(demo_targets), path)
    return duckdb.connect(str(path))


@functools.cache
def _staging_template(demo_targets: bool) -> Path:
    """The file `staging` copies, built the way a refresh starts one, checkpointed and closed."""
    folder = Path(tempfile.mkdtemp(prefix="regiomonitor-staging-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "template.duckdb"
    con = warehouse.create_staging(path, path)
    reference.load_reference(con)
    reference.load_targets(con, demo=reference.DEMO_TARGETS if demo_targets else None)
    reference.load_population(con)
    con.execute("checkpoint")
    con.close()
    return path


def build(tmp_path: Path, inbox: Path, name: str = "test.duckdb", targets: list[dict] = ()) -> Path:
    """A published warehouse from the reference data (real targets, plus `targets` as rows of
    the target table) and the files in `inbox`."""
    path = tmp_path / name
    received, history = warehouse.previous_state(path)
    con = warehouse.create_staging(path)
    runs.restore_history(con, history)
    runs.load_base(con, demo_targets=False)
    if targets:
        reference.insert_rows(con, "target", list(targets))
    results = runs.load_submissions(con, inboxes.received_files(inbox, log=lambda line: None), False, received,
                                       warehouse.accepted_partly(path))
    count = len(history.get("pipeline_run", []))
    runs.record_run(con, f"run-{count}", "test", runs.now(), results)
    return warehouse.publish(con, path)


def write_csv(path: Path, rows: list[str], encoding: str = "utf-8", header: str = HEADER) -> Path:
    """A partner CSV from ';'-separated row strings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((header + "".join(r + "\n" for r in rows)).encode(encoding))
    return path


def region_file(folder: Path, warehouse: Path, drop: str | None = None) -> Path:
    """35 test-made squares (the schematic tiles of a built `warehouse`, read and closed
    again) with CBS-style properties, as GeoJSON in `folder`."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        frame = schematic_tiles.tiles(con)
    frame = frame[frame["code"] != drop].rename(columns={"code": "statcode", "name": "statnaam"})
    frame["jrstatcode"] = "2025" + frame["statcode"]
    path = folder / f"regions{'-' + drop if drop else ''}.geojson"
    frame.to_file(path)
    return path


def month(text: str) -> dt.date:
    """The first day of a month written as 2007-03."""
    return dt.date.fromisoformat(text + "-01")


def page_rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[dict]:
    """A page query (sql/queries/<name>.sql) as the dashboard runs it, as dicts."""
    cursor = con.execute(query_text(name), params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r)) for r in cursor.fetchall()]


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of one query on a warehouse file, opened read-only and closed again."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


T = TypeVar("T")


def wait_for(condition: Callable[[], T], timeout: float, what: str, interval: float = 0.05) -> T:
    """Poll `condition` until it returns something true and return that; fail after `timeout`
    seconds naming `what`. A test waits as long as the thing takes, not a fixed sleep that is
    too short on a busy machine and too long on an idle one."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def built_once(folder: Path, build: Callable[[Path], object]) -> Path:
    """`folder`, filled by `build(folder)` the first time anyone asks in this run. Under
    pytest-xdist every worker is a process with its own session fixtures: the first worker
    builds (a demo refresh takes ~20 s) while the others wait on the lock, then all use it."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".built"
        if not done.exists():
            build(folder)
            done.touch()
    return folder


def after_the_clock_passes(warehouse: Path) -> None:
    """Wait until the clock has passed the received time of the warehouse's newest submission
    (received times are whole seconds, pipelines/runs.now), so the next file is received later."""
    [(newest,)] = query(warehouse, "select max(received_at) from submission")
    wait_for(lambda: runs.now() > newest, 5, "the next second")


def inbox_listing(inbox: Path) -> list[list]:
    """Every entry of an inbox with its modification time."""
    return sorted([p.name, p.stat().st_mtime_ns] for p in inbox.iterdir())


def page_render(path: str, search: str = "") -> dict:
    """The body Dash's router callback posts when a page opens."""
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"]}


@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    """A small file system of its own (root only): a disk that can really fill up."""
    path.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                                            str(path)], capture_output=True).returncode != 0:
        pytest.skip("needs root and mount for a small tmpfs")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


# Where a sign-in without a page to return to leads (dashboard/auth.py landing).
LANDING = {"partner": "/aanleveren", "steward": "/beheer"}


def sign_in(page, url: str, account: tuple, lang: str = "nl") -> None:
    """Sign `account` in on the served app at `url` through the form, as a person would, and wait
    until it lands where its role lands."""
    from playwright.sync_api import expect
    page.goto(f"{url}/login" + ("?lang=en" if lang == "en" else ""))
    page.get_by_label("Gebruikersnaam" if lang == "nl" else "User name").fill(account[0])
    page.get_by_label("Wachtwoord" if lang == "nl" else "Password").fill(account[1])
    page.get_by_role("button", name="Inloggen" if lang == "nl" else "Sign in").click()
    expect(page).to_have_url(f"{url}{LANDING[account[2]]}" + ("?lang=en" if lang == "en" else ""))


@contextlib.contextmanager
def signed_in_phone(browser, url: str, account: tuple):
    """A 390 px phone signed in as `account`, recording console errors (page.console_errors)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    try:
        sign_in(page, url, account)
        yield page
    finally:
        context.close()


def app_on_copy(warehouse: Path, folder: Path):
    """The real Dash app in this process on a copy of `warehouse` in `folder`, its page router
    set up (Dash does that at the first request), for tests that post what a browser posts."""
    from dashboard.app import create_app

    served = folder / "warehouse.duckdb"
    shutil.copyfile(warehouse, served)
    app = create_app(served, folder / "accounts.sqlite", folder / "inbox")
    app.server.test_client().get("/")
    return app


class TableText(HTMLParser):
    """The caption and the body rows' cell texts of a static table's HTML
    (components.static_table), as a reader sees them."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.caption, self.rows, self.part = "", [], None
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"caption", "thead", "tbody"}:
            self.part = tag
        elif tag == "tr" and self.part == "tbody":
            self.rows.append([])
        elif tag in {"td", "th"} and self.part == "tbody":
            self.rows[-1].append("")

    def handle_data(self, data: str) -> None:
        if self.part == "caption":
            self.caption += data
        elif self.part == "tbody" and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data

"""Shared fixtures: one Prefect test harness per session, the demo warehouse built once by the
real refresh flow, a blank published warehouse built once and copied per test, the real
dashboard served in a subprocess, and Debian's Chromium. Helpers live in tests/helpers.py and,
where the benchmarks need them too, in benchmarks/serving.py."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

# Prefect reads these at import: keep its state out of the home folder and offline. Under
# pytest-xdist each worker is a process with its own test harness, and its own PREFECT_HOME
# (it would inherit the controller's otherwise).
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="regiomonitor-prefect-")
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="regiomonitor-prefect-"))
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"

import pipelines  # noqa: E402,F401 -- first: openpyxl without lxml, as the product runs it
from playwright.sync_api import expect  # noqa: E402
from benchmarks.serving import chromium, serving  # noqa: E402
from core.settings import DEMO_DIR, ROOT  # noqa: E402
from tests.helpers import ACCOUNTS, build, built_once, inbox_listing  # noqa: E402

# How long a browser test waits for what it expects on the page (Playwright's default: 5 s). On
# two cores shared with the other test worker's server, a page whose first view is computed
# took longer (the Data page, 6 Dec); a test that passes never waits this long.
expect.set_options(timeout=20_000)

# Fixtures that start `regiomonitor serve` or Chromium: a test using one must be marked slow, so
# that `pytest -m "not slow"` starts no such process (pyproject.toml's marker says what it means).
PROCESS_FIXTURES = {"serve", "served_app", "browser"}

# The files that took longest in a `make test --durations=0` (main f5e6677, 7 Dec), longest
# first, so that no worker is left running one of them alone at the end: pytest-xdist's own
# order (turned off in the Makefile: --no-loadscope-reorder) sends the files with the most
# tests first, which put the page sweep, the bench smoke test and `demo`'s SIGTERM test, with
# few tests each, last. The bench smoke test comes second as it needs no demo warehouse: the
# other worker starts it while the first builds that. The other files keep their order.
LONGEST_FIRST = ("test_page_sweep.py", "test_bench_smoke.py", "test_stale_review.py",
                 "test_upload_e2e.py", "test_expanding_files.py", "test_dashboard_pages.py",
                 "test_disk.py", "test_operations.py", "test_operations_processes.py",
                 "test_ingest.py", "test_ingest_corpus.py", "test_phone_print.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse to run a test that starts a server or a browser without the slow marker; then
    put the longest files first (LONGEST_FIRST)."""
    unmarked = [item.nodeid for item in items
                if PROCESS_FIXTURES & set(getattr(item, "fixturenames", ()))
                and item.get_closest_marker("slow") is None]
    if unmarked:
        raise pytest.UsageError("mark these @pytest.mark.slow (they start a server or a browser): "
                                + ", ".join(unmarked))
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))   # stable: each file's order stays


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's ephemeral test server, started once (it takes ~15 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def prefect_api(prefect_harness) -> dict[str, str]:
    """The environment that sends a command run in a subprocess (benchmarks.serving.cli) to the
    session's Prefect server, as a steward's does with PREFECT_API_URL set. Without it each
    `regiomonitor ingest` or `refresh` that runs its flow starts a temporary Prefect server of
    its own: 23-28 s CPU a command instead of 4-5 (two busy cores, 7 Dec). The temporary
    server is tested where it is the point (tests/test_operations_processes.py, `demo`)."""
    from prefect.settings import PREFECT_API_URL

    return {"PREFECT_API_URL": PREFECT_API_URL.value()}


@pytest.fixture(scope="session")
def run_folder(tmp_path_factory) -> Path:
    """A folder for this test run: with pytest-xdist the one all workers share (their own
    basetemps are inside it), else this session's basetemp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def demo_warehouse(request, run_folder, tmp_path_factory) -> Path:
    """The demo warehouse, built by the real `refresh` flow from data/demo once per run (once
    for all xdist workers) and copied into this session's own folder, where its server logs
    go. Beside it, inbox-before.json lists the demo inbox as it was before
    (tests/test_ingest_flow.py checks the refresh moved and touched nothing). Tests that
    change a warehouse change a copy."""
    def build(folder: Path) -> None:
        from pipelines.flows import refresh

        request.getfixturevalue("prefect_harness")
        (folder / "inbox-before.json").write_text(json.dumps(inbox_listing(DEMO_DIR / "inbox")))
        refresh(str(folder / "regiomonitor.duckdb"), str(DEMO_DIR / "inbox"), True)

    built = built_once(run_folder / "demo", build)
    own = tmp_path_factory.mktemp("warehouse")
    shutil.copyfile(built / "inbox-before.json", own / "inbox-before.json")
    return Path(shutil.copyfile(built / "regiomonitor.duckdb", own / "regiomonitor.duckdb"))


@pytest.fixture(scope="session")
def demo_refreshed_again(request, demo_warehouse, run_folder) -> Path:
    """A copy of the demo warehouse refreshed once more from the same inbox by the real flow,
    once per run (a demo refresh costs ~20 s; tests/test_refresh_flow.py and
    tests/test_rebuild_digest.py compare the same second refresh with the first)."""
    def build(folder: Path) -> None:
        from pipelines.flows import refresh

        request.getfixturevalue("prefect_harness")
        shutil.copyfile(demo_warehouse, folder / "regiomonitor.duckdb")
        refresh(str(folder / "regiomonitor.duckdb"), str(DEMO_DIR / "inbox"), True)

    return built_once(run_folder / "refreshed-again", build) / "regiomonitor.duckdb"


@pytest.fixture(scope="session")
def blank_warehouse(tmp_path_factory) -> Path:
    """A published warehouse with the reference data (real targets only) and no submissions,
    built once with the pipeline's plain functions; `published` copies it."""
    folder = tmp_path_factory.mktemp("blank")
    (folder / "inbox").mkdir()
    return build(folder, folder / "inbox", "published.duckdb")


@pytest.fixture
def published(blank_warehouse, tmp_path) -> Path:
    """A warehouse to ingest into: tmp_path/published.duckdb, a copy of `blank_warehouse`
    (reference data, no submissions), and an empty tmp_path/inbox/ beside it. A copy is what
    a fresh build would give, in milliseconds instead of seconds."""
    (tmp_path / "inbox").mkdir()
    return Path(shutil.copyfile(blank_warehouse, tmp_path / blank_warehouse.name))


@pytest.fixture(scope="session")
def serve() -> Callable[..., AbstractContextManager[str]]:
    """Starts `regiomonitor serve` on a warehouse as the tests use it: gunicorn with 2 workers,
    the PARTNER and STEWARD accounts, its log beside the warehouse (tests/page_sweep.py looks
    for tracebacks there). `with serve(path) as url:`; `env` is added to the server's
    environment; with `runs` its own Prefect server and worker start too (~20 s, ~400 MB)."""
    def start(warehouse: Path, workers: int = 2, env: dict[str, str] | None = None,
              runs: bool = False) -> AbstractContextManager[str]:
        return serving(warehouse, warehouse.parent, workers=workers, env=env, runs=runs,
                       users=ACCOUNTS)
    return start


@pytest.fixture(scope="session")
def served_app(demo_warehouse, serve) -> Iterator[str]:
    """The dashboard on the demo warehouse, served once for the session."""
    with serve(demo_warehouse) as url:
        yield url


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's rules (AXE_CORE_JS, which `make test` sets after fetching it from npm)."""
    path = Path(os.environ.get("AXE_CORE_JS", ROOT / "tests/.cache/axe-core-4.14.1/axe.min.js"))
    assert path.exists(), f"{path} missing: `make test` fetches axe-core from the npm registry"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright, started once for the session."""
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, served_app):
    """A fresh page that records console errors and every request outside localhost."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.console_errors = []
    pg.external_requests = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
          or pg.external_requests.append(r.url))
    yield pg
    context.close()


@pytest.fixture(autouse=True)
def command_language(monkeypatch):
    """Each test starts in Dutch: `regiomonitor --lang en`, run in process, sets
    REGIOMONITOR_LANG for the flows it runs; the next test must not inherit it."""
    monkeypatch.delenv("REGIOMONITOR_LANG", raising=False)

"""The runs a page starts (issue 24), against the session's real Prefect server: each flow's
final state says what the page shows (summary, refusal with its reason and choice), the
deployments exist on the pool, and the web app's own HTTP client creates a run once per key
and says when no worker is there to run it."""
from __future__ import annotations

import concurrent.futures

import json
import os

import pytest

from dashboard import prefect_api, run_status
from dashboard.accounts import Store
from pipelines import deployments, review
from tests.helpers import query, write_csv
from tests.test_stewardship import held_outlier


def said(state) -> dict:
    return json.loads(state.message)


def test_an_upload_run_loads_its_file_and_says_so_in_both_languages(prefect_harness, published, tmp_path):
    inbox = tmp_path / "inbox"
    before = os.environ.get("REGIOMONITOR_STEWARD")
    write_csv(inbox / "u1_am10.csv", ["AM10;stages;2006-05;31;ROC Rivor;;"])
    state = deployments.ingest_upload(str(published), str(inbox), ["u1_am10.csv"], "upload:roc",
                                      {"u1_am10.csv": "am10.csv"}, return_state=True)
    assert state.is_completed()     # the file named as the partner named it
    assert said(state)["nl"] == "am10.csv: geladen; rijen geladen 1, fouten 0, waarschuwingen 0"
    assert said(state)["en"].startswith("am10.csv: loaded; rows loaded 1")
    assert query(published, "select steward from submission") == [("upload:roc",)]
    assert os.environ.get("REGIOMONITOR_STEWARD") == before   # the actor left with the run
    again = deployments.ingest_upload(str(published), str(inbox), ["u1_am10.csv"], "upload:roc",
                                      return_state=True)   # moved to processed/: nothing twice
    assert again.is_completed() and said(again)["nl"] == "Niets te laden: al gedaan."


def test_a_refresh_that_would_drop_files_is_refused_with_the_choice_then_runs_when_confirmed(
        prefect_harness, published, tmp_path):
    write_csv(tmp_path / "inbox" / "a.csv", ["AM10;stages;2006-05;31;ROC Rivor;;"])
    deployments.ingest_upload(str(published), str(tmp_path / "inbox"), ["a.csv"], "anna")
    other = tmp_path / "other-inbox"
    other.mkdir()
    state = deployments.steward_refresh(str(published), str(other), "anna", return_state=True)
    assert state.is_failed() and state.name == deployments.REFUSED
    assert said(state)["choice"] == "drop_missing" and said(state)["n"] == 1
    assert "zou 1 eerder ontvangen bestand laten vallen" in said(state)["nl"]
    assert "a.csv" in said(state)["en"]
    assert query(published, "select count(*) from submission") == [(1,)]     # nothing changed
    state = deployments.steward_refresh(str(published), str(other), "anna", drop_missing=True,
                                        return_state=True)
    assert state.is_completed(), state.message
    assert said(state)["nl"].startswith("Datawarehouse herbouwd: 0 bestanden geladen")
    assert query(published, "select count(*) from submission") == [(0,)]


def test_a_review_decision_publishes_once_and_a_second_one_is_refused_with_the_reason(
        prefect_harness, published, tmp_path):
    held = held_outlier(published, tmp_path / "inbox")
    state = deployments.review_decision(str(published), [held.id], "rejected", "anna", "typefout: 30",
                                        return_state=True)
    assert state.is_completed() and said(state)["nl"] == "1 cijfer afgekeurd"
    assert review.waiting_in(published) == []
    again = deployments.review_decision(str(published), [held.id], "approved", "bert", "toch goed",
                                        return_state=True)
    assert again.is_failed() and again.name == deployments.REFUSED
    assert held.id in said(again)["nl"]


@pytest.fixture
def deployed(prefect_harness, monkeypatch):
    """The pool and deployments on the session's server, which the web app's client talks to."""
    from prefect.settings import PREFECT_API_URL

    # On a thread of its own: Prefect's sync-compatible deploy() only hands back a coroutine in a
    # thread whose event loop runs, as it does in a test process that drives Chromium (Playwright).
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(deployments.register).result()
    monkeypatch.setenv("REGIOMONITOR_PREFECT_API", PREFECT_API_URL.value())


def test_the_web_app_starts_a_run_once_per_key_and_says_when_no_worker_runs_it(deployed, tmp_path):
    store = Store(tmp_path / "accounts.sqlite")
    run = run_status.new_run("ingest", "ingest-upload", "upload:x1", "roc", "x1",
                             {"warehouse_path": str(tmp_path / "w.duckdb"), "inbox": str(tmp_path),
                              "files": ["x1_a.csv"], "actor": "upload:roc"})
    first = run_status.start(store, run)
    second = run_status.start(store, run)             # double click, second tab: the same run
    assert first.flow_run_id and second.flow_run_id == first.flow_run_id
    assert len(store.runs()) == 1
    assert prefect_api.start("ingest-upload", run.parameters, "upload:x1").id == first.flow_run_id
    assert not prefect_api.pool_has_worker()         # the harness runs no worker
    [view] = run_status.views(store, store.runs(), "nl")
    assert view.state == "no_worker" and view.label == "wacht op een worker"
    assert "Er gaat niets verloren" in view.detail and not view.final


def test_a_run_asked_for_while_prefect_is_down_is_kept_and_started_later(deployed, tmp_path, monkeypatch):
    store = Store(tmp_path / "accounts.sqlite")
    api = prefect_api.api_url()
    monkeypatch.setenv("REGIOMONITOR_PREFECT_API", "http://127.0.0.1:9/api")   # nothing listens there
    run = run_status.start(store, run_status.new_run(
        "review", "review-decision", "review:abc:2", "anna", "abc:2",
        {"warehouse_path": str(tmp_path / "w.duckdb"), "held_ids": ["abc:2"], "decision": "approved",
         "steward": "anna", "reason": "klopt"}))
    assert run.flow_run_id is None
    [view] = run_status.views(store, store.runs(), "en")
    assert view.state == "unsent" and "Nothing is lost" in view.detail
    monkeypatch.setenv("REGIOMONITOR_PREFECT_API", api)                        # back up
    [view] = run_status.views(store, store.runs(), "en")
    assert view.state == "no_worker" and store.run("review:abc:2").flow_run_id


@pytest.mark.parametrize(("state_type", "name", "message", "expected"), [
    ("COMPLETED", "Completed", '{"nl": "klaar: 3 rijen", "en": "done: 3 rows"}', ("done", "klaar: 3 rijen", "")),
    ("FAILED", "Refused", '{"nl": "geweigerd", "en": "refused", "choice": "drop_missing"}',
     ("refused", "geweigerd", "drop_missing")),
    ("FAILED", "Failed", "Flow run encountered an exception: OSError: disk full", ("failed", "OSError: disk full", "")),
    ("CRASHED", "Crashed", "", ("failed", "", "")),
    ("RUNNING", "Running", "", ("running", "", "")),
    ("SCHEDULED", "Late", "", ("waiting", "", "")),
])
def test_each_prefect_state_reads_as_a_person_would_say_it(state_type, name, message, expected):
    from dashboard.accounts import Run

    flow_run = prefect_api.FlowRun("f1", state_type, name, message, "2026-12-06T10:00:00+00:00",
                                   "2026-12-06T10:00:01+00:00", "2026-12-06T10:00:13+00:00", 12.0)
    run = Run("k", "refresh", "anna", "", "steward-refresh", {}, "f1", "2026-12-06T10:00:00")
    view = run_status.view(run, flow_run, True, "nl")
    assert (view.state, view.detail, view.choice) == expected
    assert view.duration == "12 seconden"


def test_a_failed_decision_may_be_sent_again_a_waiting_one_is_the_same_run(deployed, tmp_path, monkeypatch,
                                                                           demo_warehouse):
    """/beheer keys a decision by its figure (a double click is one run); after a run that
    failed, the steward's next press is a new run instead of the failed one again."""
    from prefect.client.orchestration import get_client
    from prefect.states import Failed

    from dashboard import upload
    from dashboard.app import create_app

    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    app = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server
    with app.test_request_context():
        store = app.extensions["regiomonitor_accounts"]
        first = run_status.start(store, run_status.new_run(
            "review", "review-decision", upload.review_key("abc:2"), "stef", "abc:2",
            {"warehouse_path": str(demo_warehouse), "held_ids": ["abc:2"], "decision": "approved",
             "steward": "stef", "reason": "klopt"}))
        assert first.key == "review:abc:2" and upload.review_key("abc:2") == "review:abc:2"
        with get_client(sync_client=True) as client:
            client.set_flow_run_state(first.flow_run_id, Failed(message="disk full"), force=True)
        again = upload.review_key("abc:2")
        assert again.startswith("review:abc:2:") and again != first.key

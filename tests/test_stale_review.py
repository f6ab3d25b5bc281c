"""Review decisions that cannot go stale (issue 23, item 7). A decision on a held figure is
checked against what is published now: when a later file changed the same figure, approving
(or rejecting) is refused with the held value, the current one and the later file, and the
queue shows that conflict. And whatever the order of ingests and decisions, a rebuild from the
same files and the same recorded decisions gives the warehouse the ingests and decisions gave.

The issue's case, as a user met it:
  1. ingest AM10 · stages · 2007-04 · 5000 · ROC · zorg: held for review;
  2. ingest a correction of that figure to 25: published;
  3. `review approve <first id>` published 5000 over 25 without a word;
  4. `refresh` brought back 25.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.serving import cli
from pipelines import ingest, review
from tests.helpers import build, query, write_csv
from tests.test_rebuild_digest import digests

CELL = ("AM10", "stages", dt.date(2007, 4, 1), "roc_rivor", "zorg")
# Three usual months of ROC Rivor's stages in zorg (20 a month): 5000 is far above them under
# any outlier rule (the region's monthly total, or the series' own median), 25 is not.
USUAL = [f"AM10;stages;2007-0{m};20;ROC Rivor;zorg;" for m in (1, 2, 3)]


def figure(path: Path, cell: tuple = CELL) -> Decimal | None:
    rows = query(path, "select value from observation where (region, indicator, period, partner, "
                       "sector) = (?, ?, ?, ?, ?)", list(cell))
    return rows[0][0] if rows else None


def served_figures(path: Path) -> dict[str, str]:
    """Every table a rebuild makes again (all but the run and publication history), digested."""
    return digests(path)


def the_issue_case(published: Path) -> review.Held:
    """Steps 1 and 2: the 5000 held, the correction to 25 published; the held figure."""
    inbox = published.parent / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a_usual.csv", USUAL)])
    [held] = ingest.ingest_files(published, [write_csv(inbox / "b_stages_april.csv",
                                                       ["AM10;stages;2007-04;5000;ROC Rivor;zorg;"])])
    assert (held.status, held.change_counts["held"]) == ("loaded", 1)
    assert figure(published) is None                       # held: on no page
    [corrected] = ingest.ingest_files(published, [write_csv(inbox / "c_correction.csv",
                                                            ["AM10;stages;2007-04;25;ROC Rivor;zorg;"])])
    assert corrected.change_counts["added"] == 1
    assert figure(published) == 25
    [queued] = review.waiting_in(published)
    return queued


@pytest.mark.slow   # `regiomonitor review list` in a subprocess
def test_the_queue_shows_a_held_figure_a_later_file_changed_as_a_conflict(published):
    held = the_issue_case(published)
    assert held.overtaken and held.later_file == "c_correction.csv"
    assert (held.change.new_value, held.change.old_value) == (5000, 25)   # held, current
    listed = cli("review", "list", "--warehouse", str(published))
    assert listed.returncode == 0
    assert "Ter controle: 0" in listed.stdout              # nothing to decide
    assert "Ingehaald door een later bestand, geen besluit mogelijk: 1" in listed.stdout
    assert (f"{held.id}  b_stages_april.csv rij 2: AM10 · stages · apr 2007 · ROC Rivor · zorg: "
            "ingehaald: vastgehouden 5.000, nu 25 uit het latere bestand c_correction.csv") in listed.stdout
    english = cli("review", "list", "--warehouse", str(published), "--lang", "en")
    assert "overtaken: held 5,000, now 25 from the later file c_correction.csv" in english.stdout


@pytest.mark.slow
def test_a_stale_approval_is_refused_and_refresh_gives_the_served_figures(published, prefect_api):
    held = the_issue_case(published)
    before = served_figures(published)
    for action in ("approve", "reject"):
        refused = cli("review", action, held.id, "--reason", "gebeld: klopt",
                      "--warehouse", str(published))
        assert refused.returncode != 0
        assert f"Besluit geweigerd voor {held.id} (b_stages_april.csv rij 2" in refused.stderr
        assert "vastgehouden 5.000, nu 25 uit het latere bestand c_correction.csv" in refused.stderr
    assert figure(published) == 25                        # not 5000 over the correction
    assert query(published, "select count(*) from review_decision") == [(0,)]
    assert served_figures(published) == before           # nothing changed, nothing half-done
    # `all` decides what waits for a decision: here nothing.
    assert cli("review", "approve", "all", "--reason", "x", "--warehouse", str(published)).returncode != 0
    assert figure(published) == 25

    rebuilt = cli("refresh", "--warehouse", str(published), "--inbox", str(published.parent / "inbox"),
                  "--no-demo-targets", env=prefect_api, timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert figure(published) == 25
    after = served_figures(published)
    assert {t: after[t] for t in ("observation", "held_figure", "observation_revision",
                                  "mv_progress_monthly")} == {
        t: before[t] for t in ("observation", "held_figure", "observation_revision",
                               "mv_progress_monthly")}


def test_a_decision_before_the_correction_stands_and_the_correction_follows_it(published, tmp_path):
    # Approved while nothing had overtaken it, the 5000 is published; the correction that
    # came after replaces it, live and in the rebuild alike.
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a_usual.csv", USUAL)])
    ingest.ingest_files(published, [write_csv(inbox / "b_stages_april.csv",
                                              ["AM10;stages;2007-04;5000;ROC Rivor;zorg;"])])
    [held] = review.waiting_in(published)
    assert not held.overtaken
    review.decide(published, [held.id], "approved", "anna", "gebeld: klopt")
    assert figure(published) == 5000
    [corrected] = ingest.ingest_files(published, [write_csv(inbox / "c_correction.csv",
                                                            ["AM10;stages;2007-04;25;ROC Rivor;zorg;"])])
    assert corrected.change_counts["replaced"] == 1 and figure(published) == 25
    served = served_figures(published)
    build(tmp_path, inbox, published.name)
    assert figure(published) == 25 and served_figures(published) == served


# The property: files and decisions in random orders. Every file is about ROC Rivor's stages in
# zorg; some are far above the usual 20 (held), some correct or withdraw a figure, one is
# rejected (a valid row beside a month that does not exist).
FILES = {
    "held_april.csv": ["AM10;stages;2007-04;5000;ROC Rivor;zorg;"],
    "held_april_again.csv": ["AM10;stages;2007-04;4000;ROC Rivor;zorg;"],
    "correct_april.csv": ["AM10;stages;2007-04;25;ROC Rivor;zorg;"],
    "withdraw_april.csv": ["AM10;stages;2007-04;intrekken;ROC Rivor;zorg;"],
    "held_may.csv": ["AM10;stages;2007-05;3000;ROC Rivor;zorg;"],
    "correct_may.csv": ["AM10;stages;2007-05;22;ROC Rivor;zorg;"],
    "rejected_june.csv": ["AM10;stages;2007-06;21;ROC Rivor;zorg;",
                          "AM10;stages;2007-13;21;ROC Rivor;zorg;"],
}
ORDERS = 6   # seeded orders; each ingests every file once, with decisions in between


def random_history(published: Path, inbox: Path, rng: random.Random) -> list[str]:
    """Ingest every file of FILES in a random order, taking random decisions on the queue in
    between (a refused one must change nothing); returns what happened, for the message."""
    ingest.ingest_files(published, [write_csv(inbox / "a_usual.csv", USUAL)])
    pending, done = list(FILES), []
    rng.shuffle(pending)
    while pending or (rng.random() < 0.5 and review.waiting_in(published)):
        queue = review.waiting_in(published)
        if queue and (not pending or rng.random() < 0.4):
            held, decision = rng.choice(queue), rng.choice(review.DECISIONS)
            before = served_figures(published)
            try:
                review.decide(published, [held.id], decision, "anna", "property")
                done.append(f"{decision} {held.change.period:%m} {held.change.new_value}")
                assert not held.overtaken
            except review.ReviewError:
                assert held.overtaken and served_figures(published) == before
                done.append(f"refused {decision} {held.change.period:%m} {held.change.new_value}")
        else:
            name = pending.pop()
            [result] = ingest.ingest_files(published, [write_csv(inbox / name, FILES[name])])
            done.append(f"{name}: {result.status}")
    return done


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(ORDERS))
def test_a_rebuild_after_any_order_of_ingests_and_decisions_gives_the_served_warehouse(
        published, tmp_path, seed):
    inbox = tmp_path / "inbox"
    history = random_history(published, inbox, random.Random(seed))
    served, queue = served_figures(published), review.waiting_in(published)
    build(tmp_path, inbox, published.name)
    rebuilt = served_figures(published)
    assert [t for t in served if served[t] != rebuilt.get(t)] == [], history
    assert review.waiting_in(published) == queue, history
    # Every recorded decision is its held figure's status in the rebuild (random_history checked
    # that a decision was taken exactly when no later file had changed its figure).
    assert query(published, "select count(*) from review_decision d join held_figure h "
                            "using (submission_id, source_row) where d.decision <> h.status") == [(0,)]


def test_beheer_shows_the_conflict_and_takes_no_decision_on_it(published, tmp_path, monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    from dashboard.accounts import Store
    from dashboard.app import create_app
    from tests.test_accounts import csrf_token, login

    held = the_issue_case(published)
    store = Store(tmp_path / "accounts.sqlite")
    store.add("stef", "een-lang-wachtwoord", "steward")
    client = create_app(published, store.path, tmp_path / "inbox").server.test_client()
    login(client, "stef")
    page = client.get("/beheer")
    assert page.status_code == 200
    assert ("ingehaald: vastgehouden 5.000, nu 25 uit het latere bestand c_correction.csv. "
            "Geen besluit mogelijk: het cijfer van het latere bestand blijft staan.") in page.text
    assert f'value="{held.id}"' not in page.text                 # no form to decide it with
    english = client.get("/beheer?lang=en").text
    assert "overtaken: held 5,000, now 25 from the later file c_correction.csv" in english
    refused = client.post("/beheer/beoordelen", data={
        "csrf_token": csrf_token(client, "/beheer"), "held": held.id, "decision": "approved",
        "reason": "gebeld: klopt", "lang": "nl"})
    assert refused.status_code == 400
    assert not (tmp_path / "decisions").exists() or list((tmp_path / "decisions").glob("*.json")) == []
    assert figure(published) == 25

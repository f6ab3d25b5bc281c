"""What became of every file and every figure (issue 24): sql/views/75_states.sql, the one
definition /aanleveren, /beheer, the Data page and the command line read. Real ingests and real
review decisions on a real warehouse file, late, partial and corrected files among them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.serving import cli
from pipelines import ingest, review
from tests.helpers import after_the_clock_passes, page_render, query, write_csv

# Three usual months of ROC Rivor's stages in zorg (20 a month): 5000 is far above them.
USUAL = [f"AM10;stages;2007-0{m};20;ROC Rivor;zorg;" for m in (1, 2, 3)]


def file_states(path: Path) -> dict[str, tuple]:
    """file name → (state, figures, held, rejected, replaced, counted, last reason)."""
    rows = query(path, "select file_name, state, figures, figures_held, figures_rejected, figures_replaced, "
                       "figures_counted, decision_reason from v_submission_state")
    return {r[0]: r[1:] for r in rows}


def figure_states(path: Path, file_name: str) -> dict[str, tuple]:
    """month (yyyy-mm) → (state, reason, decided, later file) of one file's figures."""
    rows = query(path, "select strftime(period, '%Y-%m'), state, decision_reason, decided_at is not null, "
                       "replaced_by_file from v_figure_state where file_name = ? order by period",
                 [file_name])
    return {r[0]: r[1:] for r in rows}


def load(published: Path, name: str, rows: list[str], options: ingest.Options = ingest.Options()) -> None:
    if query(published, "select count(*) from submission")[0][0]:
        after_the_clock_passes(published)   # files in the order loaded, as a rebuild replays them
    ingest.ingest_files(published, [write_csv(published.parent / "inbox" / name, rows)], options)


def held_ids(published: Path, file_name: str) -> list[str]:
    return [h.id for h in review.waiting_in(published) if h.file_name == file_name]


def test_a_rejected_held_figure_is_rejected_with_its_reason_never_loaded(published):
    load(published, "a_usual.csv", USUAL)
    load(published, "b_april.csv", ["AM10;stages;2007-04;5000;ROC Rivor;zorg;"])
    assert file_states(published)["b_april.csv"][:2] == ("held", 1)
    assert figure_states(published, "b_april.csv") == {"2007-04": ("held", None, False, None)}
    review.decide(published, held_ids(published, "b_april.csv"), "rejected", "beheerder",
                  "gebeld met het ROC: tikfout")
    state, figures, held, rejected, _replaced, counted, reason = file_states(published)["b_april.csv"]
    assert (state, figures, held, rejected, counted) == ("rejected", 1, 0, 1, 0)   # never "loaded"
    assert reason == "gebeld met het ROC: tikfout"
    assert figure_states(published, "b_april.csv") == {
        "2007-04": ("rejected", "gebeld met het ROC: tikfout", True, None)}
    assert file_states(published)["a_usual.csv"][0] == "loaded"


def test_a_file_with_one_figure_rejected_is_partly_rejected_and_one_approved_is_approved(published):
    load(published, "a_usual.csv", USUAL)
    load(published, "b_two.csv", ["AM10;stages;2007-04;5000;ROC Rivor;zorg;",
                                  "AM10;stages;2007-05;21;ROC Rivor;zorg;"])
    load(published, "c_one.csv", ["AM10;stages;2007-06;4000;ROC Rivor;zorg;"])
    assert [file_states(published)[f][0] for f in ("b_two.csv", "c_one.csv")] == ["held", "held"]
    review.decide(published, held_ids(published, "b_two.csv"), "rejected", "beheerder", "te hoog")
    review.decide(published, held_ids(published, "c_one.csv"), "approved", "beheerder", "klopt: nieuwe klas")
    states = file_states(published)
    assert states["b_two.csv"][0] == "partly_rejected" and states["b_two.csv"][5] == 1   # May counts
    assert states["c_one.csv"][0] == "approved" and states["c_one.csv"][6] == "klopt: nieuwe klas"
    assert figure_states(published, "b_two.csv") == {"2007-04": ("rejected", "te hoog", True, None),
                                                     "2007-05": ("loaded", None, False, None)}
    assert figure_states(published, "c_one.csv")["2007-06"][:2] == ("approved", "klopt: nieuwe klas")


@pytest.mark.slow   # `regiomonitor states` in a subprocess
def test_a_corrected_file_supersedes_and_a_late_or_partial_file_says_so(published):
    """Also what `regiomonitor states` prints of them, from the same views."""
    load(published, "a_usual.csv", USUAL)
    load(published, "b_correction.csv", ["AM10;stages;2007-01;22;ROC Rivor;zorg;",
                                         "AM10;stages;2007-02;intrekken;ROC Rivor;zorg;"])
    assert figure_states(published, "a_usual.csv") == {
        "2007-01": ("replaced", None, False, "b_correction.csv"),
        "2007-02": ("withdrawn", None, False, "b_correction.csv"),
        "2007-03": ("loaded", None, False, None)}
    assert file_states(published)["a_usual.csv"][0] == "loaded"        # March still counts
    load(published, "c_march.csv", ["AM10;stages;2007-03;19;ROC Rivor;zorg;"])
    assert file_states(published)["a_usual.csv"][:2] == ("superseded", 3)
    load(published, "d_late.csv", ["AM10;stages;2006-11;18;ROC Rivor;zorg;"])   # months late: loads
    assert file_states(published)["d_late.csv"][0] == "loaded"
    load(published, "e_partial.csv", ["AM10;stages;2006-12;17;ROC Rivor;zorg;",
                                       "AM10;stages;2006-10;negen;ROC Rivor;zorg;"],
         ingest.Options(accept_valid_rows=True))
    assert file_states(published)["e_partial.csv"][:2] == ("partial", 1)
    load(published, "f_bad.csv", ["Atlantis;stages;2006-09;3;ROC Rivor;zorg;"])
    assert file_states(published)["f_bad.csv"][:2] == ("rejected", 0)
    listed = cli("states", "--warehouse", str(published))
    assert listed.returncode == 0
    assert re.search(r"a_usual\.csv  .*: vervangen door latere bestanden", listed.stdout)
    assert re.search(r"e_partial\.csv  .*: deels geladen", listed.stdout)
    [(usual,)] = query(published, "select id from submission where file_name = 'a_usual.csv'")
    figures = cli("states", usual, "--warehouse", str(published), "--lang", "en").stdout
    assert "row 2: AM10 · stages · Jan 2007 · ROC Rivor · zorg: 20, replaced" in figures
    assert "By the later file b_correction.csv" in figures


def test_the_partner_and_the_data_page_see_the_rejection_with_its_reason_never_geladen(published, tmp_path):
    """The issue's case: a steward rejected a held 5.000 with a reason; the partner's /aanleveren
    and the Data page said "geladen". Now both say what became of the file and of the figure; the
    public Data page says it without the steward's reason."""
    from dashboard.accounts import Store, Upload
    from dashboard.app import create_app
    from tests.test_accounts import login

    load(published, "a_usual.csv", USUAL)
    load(published, "b_april.csv", ["AM10;stages;2007-04;5000;ROC Rivor;zorg;"])
    review.decide(published, held_ids(published, "b_april.csv"), "rejected", "beheerder", "tikfout volgens het ROC")
    [(sub_id, sha)] = query(published, "select id, sha256 from submission where file_name = 'b_april.csv'")
    store = Store(tmp_path / "accounts.sqlite")
    store.add("anna", "een-lang-wachtwoord", "partner", ["roc_rivor"])
    store.add_upload(Upload("c1", "anna", "b_april.csv", "c1_b_april.csv", sha, 1, 1, "2026-12-06T10:00:00+00:00"))
    client = create_app(published, store.path, tmp_path / "inbox").server.test_client()
    login(client, "anna")
    page = client.get("/aanleveren").text
    assert 'data-state="rejected">afgewezen<' in page and ">geladen<" not in page
    assert "AM10 · stages · apr 2007 · ROC Rivor · zorg: 5.000, <strong>afgewezen</strong>" in page
    assert "Reden: tikfout volgens het ROC" in page
    english = client.get("/aanleveren?lang=en").text
    assert "<strong>rejected</strong>" in english and "Reason: tikfout volgens het ROC" in english
    public = client_for_public(published, tmp_path).post(
        "/_dash-update-component", json=page_render("/data", f"?submission={sub_id}")).get_data(as_text=True)
    assert "Wat er met de cijfers gebeurde" in public and "afgewezen" in public
    assert "tikfout" not in public and "(alleen voor databeheerders)" in public   # no steward's words


def client_for_public(published: Path, tmp_path: Path):
    """A reader of the same warehouse who is not signed in."""
    from dashboard.app import create_app
    return create_app(published, tmp_path / "public.sqlite", tmp_path / "inbox").server.test_client()

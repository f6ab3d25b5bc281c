"""Honest reports (issue 23, item 8): reports that do not contradict themselves.

- A rejected file's report said "voegt 2 cijfers toe": a rejected file adds nothing, and its
  report says so.
- A report counted a row "in orde" while listing an error under row "–": a row is either fine
  or in error; an error of the file as a whole is said to be the file's.
- `validate`, a dry run, said "loaded": a dry run never does.
- After a review decision was published, the region page's change list dropped the partner's
  correction ("veranderde hier geen cijfers"): the decision adds to the list instead.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.serving import cli
from pipelines import ingest, reports, review
from pipelines.loading import FileResult
from tests.helpers import TableText, query, write_csv

# Two good rows of ROC Rivor and one with a month that does not exist.
TWO_GOOD_ONE_BAD = ["AM10;stages;2007-01;20;ROC Rivor;zorg;",
                    "AM10;stages;2007-02;21;ROC Rivor;zorg;",
                    "AM10;stages;2007-13;22;ROC Rivor;zorg;"]
USUAL = [f"AM10;stages;2007-0{m};20;ROC Rivor;zorg;" for m in (1, 2, 3)]


@pytest.mark.slow   # `regiomonitor validate` in a subprocess
def test_a_rejected_file_adds_nothing_and_its_report_says_so(published, tmp_path):
    path = write_csv(tmp_path / "inbox" / "twee_goed.csv", TWO_GOOD_ONE_BAD)
    [result] = ingest.ingest_files(published, [path])
    assert (result.status, result.rows, result.rows_valid, result.rows_rejected) == ("rejected", 0, 2, 1)
    assert query(published, "select count(*) from observation") == [(0,)]
    assert set(result.change_counts.values()) == {0} and result.changes == []
    dutch = reports.report_text([result], False, "nl")
    assert "WIJZIGINGEN: niets: een afgewezen bestand voegt geen cijfers toe" in dutch
    assert "voegt 2 cijfers toe" not in dutch
    partner = reports.bilingual_report(result)           # <file>.rapport.txt
    assert "niets: een afgewezen bestand voegt geen cijfers toe" in partner
    assert "nothing: a rejected file adds no figures" in partner and "adds 2" not in partner
    summary = json.loads(reports.report_json([result], False))["files"][0]["changes"]
    assert summary["summary_nl"] == "niets: een afgewezen bestand voegt geen cijfers toe"
    assert set(summary["counts"].values()) == {0} and summary["figures"] == []

    # The dry run of the same file says what would happen: nothing either.
    other = write_csv(tmp_path / "elders" / "twee_goed_2.csv", TWO_GOOD_ONE_BAD[:2] + [
        "AM10;stages;2007-14;22;ROC Rivor;zorg;"])
    dry = cli("validate", "--warehouse", str(published), "--json", str(other))
    [preview] = json.loads(dry.stdout)["files"]
    assert preview["status"] == "rejected" and preview["rows_valid"] == 2
    assert preview["changes"]["summary_nl"] == ("niets: een bestand dat afgewezen zou worden voegt "
                                                "geen cijfers toe")
    assert set(preview["changes"]["counts"].values()) == {0}


def test_an_unreadable_file_counts_no_row_and_says_its_errors_are_the_files(published, tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    [result] = ingest.validate_files(published, [empty])
    assert result.status == "rejected" and [e.row for e in result.errors] == [None]
    assert (result.rows_valid, result.rows_rejected) == (0, 0)   # no row was read, none is in error
    text = reports.report_text([result], True, "nl")
    assert "leeg.csv: zou afwijzen: het bestand als geheel heeft fouten; geen rij is gecontroleerd" in text
    assert "  FOUT bestand: " in text and "met fouten)" not in text


def test_no_row_is_counted_fine_while_an_error_of_the_file_stands(published, tmp_path, monkeypatch):
    # A partner of the organisation 'roc' uploads figures of ROC Rivor (roc_rivor), which its
    # account does not deliver for: an error of the file, with no row. The page used to say
    # "de andere 2 rijen zijn in orde" beside it, under row "–".
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    from dashboard.accounts import Store
    from dashboard.app import create_app
    from tests.test_accounts import csrf_token, login

    store = Store(tmp_path / "accounts.sqlite")
    store.add("anna", "een-lang-wachtwoord", "partner", ["roc"])
    client = create_app(published, store.path, tmp_path / "inbox").server.test_client()
    login(client, "anna")
    content = write_csv(tmp_path / "upload.csv", TWO_GOOD_ONE_BAD).read_bytes()
    page = client.post("/aanleveren", data={"csrf_token": csrf_token(client, "/aanleveren"),
                                            "file": (__import__("io").BytesIO(content), "upload.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 200, page.text
    verdict = re.search(r'class="report-verdict"[^>]*>(.*?)</p>', page.text, re.S).group(1)
    assert "1 van de 3 rijen heeft fouten." in verdict
    assert "in orde" not in verdict
    assert "Fouten van het bestand als geheel, niet van één rij: 1." in verdict
    rows = re.findall(r'<tr><td class="num">([^<]*)</td><td>([^<]*)</td>', page.text)
    assert ("4", "periode") in rows and ("bestand", "partner") in rows
    assert not any(row == "–" for row, _ in rows)


@pytest.mark.slow   # `regiomonitor validate` in a subprocess
def test_a_dry_run_never_says_loaded(published, tmp_path):
    inbox = tmp_path / "inbox"
    known = write_csv(inbox / "bekend.csv", USUAL)
    ingest.ingest_files(published, [known])
    new = write_csv(tmp_path / "nieuw.csv", ["AM10;stages;2007-04;19;ROC Rivor;zorg;"])
    bad = write_csv(tmp_path / "fout.csv", TWO_GOOD_ONE_BAD)
    for lang, word, already in (("nl", "geladen", "al in het warehouse, ongewijzigd"),
                                ("en", "loaded", "already in the warehouse, unchanged")):
        dry = cli("validate", "--warehouse", str(published), "--lang", lang, str(known), str(new), str(bad))
        assert dry.returncode == 1                      # one file would be rejected
        said = dry.stdout + dry.stderr
        assert word not in said.lower(), said
        assert f"bekend.csv: {already}" in dry.stdout
        assert f"1/3 bekend.csv: {already}" in dry.stderr
    # What is said while it runs: the rows read, fine and in error alike.
    assert "3/3 nieuw.csv gelezen: 1 rij" in cli("validate", "--warehouse", str(published), str(known),
                                                 str(bad), str(new)).stderr


def text_of(component) -> str:
    """Every text in a Dash component tree, in order; a static table's (components.static_table)
    as its cells read."""
    if isinstance(component, str):
        return component
    markup = getattr(component, "data-html", None)
    if markup is not None:
        table = TableText(markup)
        return " ".join([table.caption, *(" ".join(row) for row in table.rows)])
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if not isinstance(children, (list, tuple)):
        children = [children]
    return " ".join(text_of(child) for child in children)


def change_list(published: Path, tmp_path: Path) -> str:
    """The region page's "Gewijzigd sinds de vorige publicatie" for AM10, as the app builds it."""
    from dashboard import changes
    from dashboard.app import create_app

    app = create_app(published, tmp_path / "accounts.sqlite", tmp_path / "inbox")
    with app.server.app_context():
        return text_of(changes.since_last_publication("nl", "AM10"))


def test_a_review_decision_keeps_the_partners_correction_in_the_change_list(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a_usual.csv", USUAL)])
    # One file corrects January (20 → 24) and has a figure far above the usual level: held.
    [result] = ingest.ingest_files(published, [write_csv(inbox / "b_correctie.csv", [
        "AM10;stages;2007-01;24;ROC Rivor;zorg;", "AM10;stages;2007-04;5000;ROC Rivor;zorg;"])])
    assert (result.change_counts["replaced"], result.change_counts["held"]) == (1, 1)
    before = change_list(published, tmp_path)
    assert "20 → 24" in before and "b_correctie.csv" in before
    [held] = review.waiting_in(published)

    review.decide(published, [held.id], "rejected", "anna", "typefout")
    after_rejection = change_list(published, tmp_path)
    assert "20 → 24" in after_rejection and "veranderde hier geen cijfers" not in after_rejection
    assert "en de controlebesluiten sindsdien" in after_rejection
    # Both publications' changes (the partner's and the steward's) in one list.
    assert query(published, "select count(*) from publication") == [(4,)]


def test_an_approval_adds_to_the_change_list(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a_usual.csv", USUAL)])
    ingest.ingest_files(published, [write_csv(inbox / "b_correctie.csv", [
        "AM10;stages;2007-01;24;ROC Rivor;zorg;", "AM10;stages;2007-04;5000;ROC Rivor;zorg;"])])
    [held] = review.waiting_in(published)
    review.decide(published, [held.id], "approved", "anna", "gebeld: klopt")
    listed = change_list(published, tmp_path)
    assert "De publicatie van" in listed and "en de controlebesluiten sindsdien veranderden 2 cijfers" in listed
    assert "20 → 24" in listed and "– → 5.000" in listed


def test_a_verdict_counts_its_rows_in_their_number():
    """"1 van 3 rijen hebben fouten" read wrong: each count takes its own number's form."""
    def said(rejected: int, valid: int, dry_run: bool, lang: str) -> str:
        result = FileResult(Path("roc.csv"), "", "submission", "rejected",
                                    rows_rejected=rejected, rows_valid=valid)
        return reports.verdict(result, dry_run, lang)

    assert said(1, 2, False, "nl") == ("afgewezen: 1 van de 3 rijen heeft fouten, 2 zijn geldig; "
                                       "verbeter de fouten en lever het bestand opnieuw aan")
    assert said(2, 1, False, "nl").startswith("afgewezen: 2 van de 3 rijen hebben fouten, 1 is geldig;")
    assert said(2, 1, False, "en").startswith("rejected: 2 of 3 rows have errors, 1 is valid;")
    assert said(1, 1, True, "nl").endswith(
        "1 van de 2 rijen heeft fouten; de 1 geldige rij laadt met `regiomonitor ingest --accept-valid-rows`")
    assert said(1, 1, True, "en").endswith("1 of 2 rows has errors; the 1 valid row loads with "
                                           "`regiomonitor ingest --accept-valid-rows`")

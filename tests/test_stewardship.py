"""Stewards in control (issue 12): the partner register, corrections that change exactly one
figure and say so, the review queue for implausible figures, and a record of what every
publish changed. The four cases of the issue, as a new user met them."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from benchmarks.serving import cli
from pipelines import ingest, reports, review
from tests.helpers import build, query, write_csv

SIGNATORIES = ["KvK Rivierenland", "Regio Rivierenland", "Beursplein Rivierenland", "CWI",
               "ROC Rivor", "LANDER", "VNO-NCW Rivierenland", "UWV"]

# ROC Rivor's nine figures for AM10 in May 2006: three indicators × three sectors.
MAY_2006 = [f"AM10;{indicator};2006-05;{value};ROC Rivor;{sector};"
            for indicator, values in (("leerwerkplaatsen", (12, 13, 14)),
                                      ("evc_trajecten", (21, 22, 23)),
                                      ("stages", (31, 32, 33)))
            for value, sector in zip(values, ("", "zorg", "bouw"))]


def figures(path) -> dict[tuple, Decimal]:
    return {row[:5]: row[5] for row in query(
        path, "select region, indicator, period, partner, sector, value from observation")}


def test_the_register_accepts_the_signatories_by_name_in_any_case(published, tmp_path):
    rows = [f"AM10;stages;2006-03;{n};{name};;" for n, name in enumerate(SIGNATORIES, start=1)]
    rows += ["AM10;evc_trajecten;2006-03;4;rôc  RIVOR;;", "Tiel;evc_trajecten;2006-04;5;rivor;;"]
    [result] = ingest.ingest_files(published, [write_csv(tmp_path / "inbox" / "am10.csv", rows)])
    assert (result.status, result.errors) == ("loaded", [])
    assert set(result.partners) == {"kvk_rivierenland", "regio_rivierenland",
                                    "beursplein_rivierenland", "cwi", "roc_rivor", "lander",
                                    "vno_ncw_rivierenland", "uwv"}
    # Contributions name the organisation and its kind, for grouping on the region page.
    kinds = dict(query(published, "select p.name_nl, k.label_nl from observation o "
                               "join partner p on p.code = o.partner "
                               "join partner_kind k on k.code = p.kind"))
    assert kinds["ROC Rivor"] == "Beroepsonderwijs (ROC)"
    assert kinds["VNO-NCW Rivierenland"] == "Werkgeversorganisaties"


def test_an_unknown_or_out_of_region_organisation_is_refused_with_what_to_do(published, tmp_path):
    path = write_csv(tmp_path / "inbox" / "typos.csv", ["AM10;stages;2006-03;5;ROC Rivr;;",
                                                        "AM11;stages;2006-03;5;ROC Rivor;;"])
    [result] = ingest.validate_files(published, [path])
    assert result.status == "rejected"
    unknown, elsewhere = result.errors
    assert (unknown.row, unknown.column, unknown.value) == (2, "partner", "ROC Rivr")
    assert unknown.reason_nl.startswith("onbekende organisatie; bedoelt u: ROC Rivor (roc_rivor)")
    assert "databeheerder" in unknown.reason_nl and "data/reference/partners.csv" in unknown.reason_en
    assert (elsewhere.row, elsewhere.column) == (3, "partner")
    assert "alleen voor AM10" in elsewhere.reason_nl


@pytest.mark.slow
def test_a_correction_changes_exactly_one_figure_and_says_so(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest.move_files(ingest.ingest_files(published, [write_csv(inbox / "mei.csv", MAY_2006)]))
    before = figures(published)
    assert len(before) == 9
    correction = write_csv(tmp_path / "correctie.csv", ["AM10;stages;2006-05;35;ROC Rivor;;"])
    preview = "vervangt 1 cijfer: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35"

    dry = cli("validate", "--warehouse", str(published), str(correction))
    assert dry.returncode == 0
    assert "WIJZIGINGEN: vervangt 1 cijfer" in dry.stdout
    assert "rij 2: vervangt: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35" in dry.stdout
    report = json.loads(cli("validate", "--warehouse", str(published), "--json",
                            str(correction)).stdout)
    changes = report["files"][0]["changes"]
    assert changes["counts"]["replaced"] == 1 and changes["counts"]["added"] == 0
    assert [(f["change"], f["old_value"], f["new_value"]) for f in changes["figures"]] == [
        ("replaced", 31, 35)]
    assert f"{changes['summary_nl']}: {changes['figures'][0]['text_nl'].split(': ', 1)[1]}" == preview
    assert figures(published) == before                  # validate is a dry run

    [result] = ingest.ingest_files(published, [correction])
    assert "vervangt 1 cijfer" in reports.report_text([result], False, "nl")
    after = figures(published)
    assert {k: v for k, v in after.items() if before[k] != v} == {
        ("AM10", "stages", dt.date(2006, 5, 1), "roc_rivor", "overig"): 35}
    assert after.keys() == before.keys()
    # The publish recorded exactly that change, with the old and the new value.
    assert query(published, "select region, indicator, sector, old_value, new_value from figure_change "
                         "where publication = (select max(id) from publication)") == [
        ("AM10", "stages", "overig", 31, 35)]


def test_a_withdrawal_removes_exactly_its_figure_and_keeps_the_old_one(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "mei.csv", MAY_2006)])
    path = write_csv(inbox / "intrekking.csv", ["AM10;evc_trajecten;2006-05;intrekken;ROC Rivor;zorg;",
                                                "AM10;evc_trajecten;2006-05;Intrekken;ROC Rivor;handel;"])
    [result] = ingest.ingest_files(published, [path])
    assert result.change_counts["withdrawn"] == 1 and result.change_counts["nothing"] == 1
    assert [(w.row, w.value) for w in result.warnings] == [(3, "Intrekken")]   # said, not fatal
    assert len(figures(published)) == 8
    assert query(published, "select sector, value, new_value from observation_revision") == [
        ("zorg", 22, None)]


@pytest.mark.slow
def test_an_outlier_waits_for_a_steward_and_a_rebuild_keeps_the_decision(published, tmp_path):
    inbox = tmp_path / "inbox"
    usual = write_csv(inbox / "a_usual.csv", [f"AM10;stages;2006-0{m};30;ROC Rivor;;" for m in (1, 2, 3)])
    spike = write_csv(inbox / "b_spike.csv", ["AM10;stages;2006-04;310;ROC Rivor;;",
                                              "AM10;stages;2006-05;29;ROC Rivor;;"])
    ingest.ingest_files(published, [usual])
    [result] = ingest.ingest_files(published, [spike])
    assert result.change_counts["held"] == 1 and result.change_counts["added"] == 1
    assert "houdt 1 cijfer vast ter controle" in reports.report_text([result], False, "nl")
    assert dt.date(2006, 4, 1) not in {k[2] for k in figures(published)}       # not on any page
    assert query(published, "select sum(value) from observation") == [(30 * 3 + 29,)]

    listed = cli("review", "list", "--warehouse", str(published))
    [held] = review.waiting_in(published)
    assert held.id in listed.stdout and "ongewoon hoog" in listed.stdout
    refused = cli("review", "approve", held.id, "--warehouse", str(published))
    assert refused.returncode != 0 and "--reason" in refused.stderr

    review.decide(published, [held.id], "approved", "steward-anna", "gebeld: klopt")
    assert figures(published)[("AM10", "stages", dt.date(2006, 4, 1), "roc_rivor", "overig")] == 310
    assert query(published, "select decision, steward, reason from review_decision") == [
        ("approved", "steward-anna", "gebeld: klopt")]
    assert review.waiting_in(published) == []
    # A rebuild from the same files replays the decision: the same figures, nothing waiting.
    ingested = figures(published)
    build(tmp_path, inbox, published.name)
    assert figures(published) == ingested and review.waiting_in(published) == []


def held_outlier(published, inbox) -> review.Held:
    """Three usual months of ROC Rivor's stages, then a figure a hundred times their level:
    held for a steward."""
    ingest.ingest_files(published, [write_csv(inbox / "a.csv", [f"AM10;stages;2006-0{m};30;ROC Rivor;;"
                                                            for m in (1, 2, 3)])])
    ingest.ingest_files(published, [write_csv(inbox / "b.csv", ["AM10;stages;2006-04;3000;ROC Rivor;;"])])
    [held] = review.waiting_in(published)
    return held


def test_a_rejected_outlier_stays_out_also_after_a_rebuild(published, tmp_path):
    inbox = tmp_path / "inbox"
    held = held_outlier(published, inbox)
    with pytest.raises(review.ReviewError):
        review.decide(published, ["nope:9"], "rejected", "anna", "typefout")   # nothing changes
    review.decide(published, [held.id], "rejected", "anna", "typefout: 30")
    build(tmp_path, inbox, published.name)
    assert len(figures(published)) == 3 and review.waiting_in(published) == []
    assert query(published, "select status from held_figure") == [("rejected",)]


def test_approve_warnings_publishes_at_once_and_records_who(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a.csv", [f"AM10;stages;2006-0{m};30;ROC Rivor;;"
                                                            for m in (1, 2, 3)])])
    path = write_csv(inbox / "b.csv", ["AM10;stages;2006-04;310;ROC Rivor;;"])
    [result] = ingest.ingest_files(published, [path], ingest.Options(approve_warnings=True))
    assert result.change_counts["held"] == 0 and len(result.warnings) == 1
    assert len(figures(published)) == 4
    assert query(published, "select decision, reason from review_decision") == [
        ("approved", "ingest --approve-warnings")]


def test_every_publish_records_what_it_changed(published, tmp_path):
    first = query(published, "select id, figures_changed, first from publication")
    assert first == [(1, 0, True)]                      # nothing to compare the first with
    ingest.ingest_files(published, [write_csv(tmp_path / "inbox" / "a.csv", MAY_2006[:2])])
    assert query(published, "select id, figures_changed, first from publication order by id")[-1] == (
        2, 2, False)
    assert query(published, "select count(*) from figure_change where old_value is null") == [(2,)]

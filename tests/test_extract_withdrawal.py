"""A registry extract is a complete statement for what it covers (issue 23, item 6): delivered
again, it withdraws every published figure inside its scope (its regions × indicators ×
partners × the months from its first record to its last) that it no longer supports — the
records gone, or all of them of a status that does not count (data/reference/record_statuses.csv)
— and leaves every figure outside that scope as it was. The withdrawals show in the preview,
in "gewijzigd sinds de vorige publicatie" and in the revision history, with the file that
caused them, and a `refresh` from the same files gives the same warehouse."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from decimal import Decimal

import duckdb
import pytest

from core.settings import DEMO_DIR
from core.sql_files import query_text
from pipelines import extract_pass, ingest, reports
from pipelines.file_content import file_sha256
from tests.helpers import build, query
from tests.test_rebuild_digest import digests

HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"
DEMO_EXTRACT = DEMO_DIR / "inbox" / "AM10_registers_extract.csv"
JUN_2006, AUG_2006 = dt.date(2006, 6, 1), dt.date(2006, 8, 1)
# The issue's two figures, and the one Lingewaal's record (a gemeente of Gorinchem, AM35, until
# 2019) gives: all three rest only on the records the re-delivery drops or cancels.
WITHDRAWN = {("AM10", "leerwerkplaatsen", AUG_2006, "registers", "agrarisch"): Decimal(7),
             ("AM35", "leerwerkplaatsen", AUG_2006, "registers", "agrarisch"): Decimal(1),
             ("AM10", "evc_trajecten", JUN_2006, "registers", "agrarisch"): Decimal(3)}


def redelivered(folder) -> tuple:
    """The demo's extract again, without the 8 records of leerwerkplaatsen / 2006-08 /
    agrarisch and with the 3 records of evc_trajecten / 2006-06 / agrarisch set to
    'geannuleerd' (the issue's steps); returns the file and the line of the first cancelled
    record in it."""
    kept, first_cancelled = [], None
    for line in DEMO_EXTRACT.read_text(encoding="utf-8").splitlines():
        cells = line.split(",")
        if cells[2] == "leerwerkplaatsen" and cells[3].startswith("2006-08") and cells[5] == "agrarisch":
            continue
        if cells[2] == "evc_trajecten" and cells[3].startswith("2006-06") and cells[5] == "agrarisch":
            cells[4] = "geannuleerd"
            first_cancelled = first_cancelled or len(kept) + 1
        kept.append(",".join(cells))
    path = folder / "AM10_registers_extract.csv"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path, first_cancelled


def figures(path) -> dict[tuple, Decimal]:
    return {row[:5]: row[5] for row in query(
        path, "select region, indicator, period, partner, sector, value from observation")}


def registry_sums(path, region: str) -> list[tuple]:
    """Per indicator: the region's registry figures and its gemeente counts in force (at the
    boundaries of signing, where each record counts for the region of its own date)."""
    return query(path, "select indicator, sum(value) from observation where region = ? and "
                       "partner = 'registers' group by all order by 1", [region]), query(
        path, "select indicator, sum(records)::decimal(18, 2) from mv_registry_gemeente where "
              "region = ? and boundary = 'signing' group by all order by 1", [region])


@pytest.fixture
def demo_copy(demo_warehouse, tmp_path):
    """A copy of the demo warehouse to load into (tests change copies only)."""
    return shutil.copyfile(demo_warehouse, tmp_path / "served.duckdb")


def test_the_issues_redelivery_withdraws_the_two_figures_and_nothing_else(demo_copy, tmp_path):
    path, cancelled_line = redelivered(tmp_path / "inbox")
    before = figures(demo_copy)
    old_id = query(demo_copy, "select id from submission where file_name = ?", [DEMO_EXTRACT.name])[0][0]
    assert {k: before[k] for k in WITHDRAWN} == WITHDRAWN        # as the issue found them
    sums_before = {region: registry_sums(demo_copy, region) for region in ("AM10", "AM35")}

    # The preview (validate) says what will happen, and changes nothing.
    [dry] = ingest.validate_files(demo_copy, [path])
    assert (dry.status, dry.rows, dry.warnings, dry.errors) == ("loaded", 592, [], [])
    assert {k: n for k, n in dry.change_counts.items() if n} == {"unchanged": 230, "withdrawn": 3}
    text = reports.report_text([dry], True, "nl")
    assert "WIJZIGINGEN: 230 cijfers ongewijzigd, trekt 3 cijfers in" in text
    assert (f"rij {cancelled_line}: trekt in: AM10 · evc_trajecten · jun 2006 · Landelijke registers "
            "(DUO / UWV) · agrarisch: 3 → ingetrokken") in text
    assert ("geen record meer in het bestand: trekt in: AM10 · leerwerkplaatsen · aug 2006 · "
            "Landelijke registers (DUO / UWV) · agrarisch: 7 → ingetrokken") in text
    assert ("no record left in the file: withdraws: AM35 · leerwerkplaatsen · Aug 2006 · "
            "Landelijke registers (DUO / UWV) · agrarisch: 1 → withdrawn") in reports.report_text([dry], True, "en")
    assert figures(demo_copy) == before

    [result] = ingest.ingest_files(demo_copy, [path])
    assert (result.status, result.change_counts) == ("loaded", dry.change_counts)
    new_id = file_sha256(path)[:16]
    after = figures(demo_copy)
    assert {k: v for k, v in before.items() if k not in after} == WITHDRAWN
    assert {k: v for k, v in before.items() if k not in WITHDRAWN} == after   # outside: untouched

    # The revision history keeps each withdrawn figure, its old file and the file that withdrew it.
    con = duckdb.connect(str(demo_copy), read_only=True)
    try:
        revisions = [r for r in con.execute(query_text("data_revisions"), {"rows": 100, "offset": 0}).fetchall()
                     if r[10] == new_id]   # the newest page: this file's withdrawals come first
        published = con.execute(query_text("publication_changes"), {"region": None}).fetchall()
    finally:
        con.close()
    assert {(r[:5], r[5], r[6], r[8], r[9], r[10]) for r in revisions} == {
        (key, value, None, old_id, DEMO_EXTRACT.name, new_id) for key, value in WITHDRAWN.items()}
    # "Gewijzigd sinds de vorige publicatie": old → withdrawn, linked to the new file.
    assert {((r[1], r[2], r[3], r[4], r[6]), r[7], r[8], r[10]) for r in published} == {
        (key, value, None, new_id) for key, value in WITHDRAWN.items()}
    # The gemeente counts agree with the figures they break down, before and after.
    sums_after = {region: registry_sums(demo_copy, region) for region in ("AM10", "AM35")}
    for figures_sum, gemeente_sum in [*sums_before.values(), *sums_after.values()]:
        assert figures_sum == gemeente_sum
    assert sums_after["AM10"][0] == [("evc_trajecten", Decimal(225 - 3)),
                                     ("leerwerkplaatsen", Decimal(313 - 7))]


def test_the_upload_pages_check_report_lists_the_withdrawals(demo_warehouse, tmp_path, monkeypatch):
    """A steward may check an extract in the browser: the report says what it withdraws, and
    that no record is left for a figure (not "Rij None")."""
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    from dashboard.accounts import Store
    from dashboard.app import create_app

    Store(tmp_path / "accounts.sqlite").add("stef", "een-lang-wachtwoord", "steward")
    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "uploads").server.test_client()

    def token(page: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text).group(1)
    client.post("/login", data={"username": "stef", "password": "een-lang-wachtwoord",
                                "csrf_token": token("/login")})
    path, _ = redelivered(tmp_path / "inbox")
    with path.open("rb") as f:
        page = client.post("/aanleveren", data={"file": (f, path.name), "csrf_token": token("/aanleveren")},
                           content_type="multipart/form-data").text
    changes = page.split('id="report-changes"', 1)[1].split("</section>", 1)[0]
    assert "230 cijfers ongewijzigd, trekt 3 cijfers in" in changes
    assert ("geen record meer in het bestand: trekt in: AM10 · leerwerkplaatsen · aug 2006 · "
            "Landelijke registers (DUO / UWV) · agrarisch: 7 → ingetrokken") in changes
    assert "None" not in changes


def extract(path, *records: str):
    """A registry extract of `records` ('id,gemeente,indicator,date,status,sector'), partner
    'registers'."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{r},registers\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("one_pass", [True, False], ids=["one-pass", "staged"])
def test_only_the_scope_changes_and_a_refresh_gives_the_same_warehouse(published, tmp_path, monkeypatch,
                                                                      one_pass):
    """Tiel (GM0281) is in AM10, Amsterdam (GM0363) in AM18. The second delivery covers AM10 ×
    leerwerkplaatsen, evc_trajecten × registers × March to May 2006: inside, a record gone
    withdraws its figure, a cancelled one withdraws or lowers; outside (July, AM18, ROC's
    figures, stages) nothing changes. Both ways of counting an extract agree."""
    monkeypatch.setattr(extract_pass, "ENABLED", one_pass)
    inbox = tmp_path / "inbox"
    files = [
        extract(inbox / "a_register_2006.csv",
                "1,GM0281,leerwerkplaatsen,2006-07-03,gestart,zorg",      # outside: a later month
                "2,GM0363,leerwerkplaatsen,2006-04-03,gestart,zorg",      # outside: AM18
                "3,GM0281,stages,2006-04-03,gestart,zorg"),               # outside: stages
        inbox / "b_roc.csv",
        extract(inbox / "c_register_mrt_mei.csv",
                "11,GM0281,leerwerkplaatsen,2006-03-02,gestart,zorg",
                "12,GM0281,leerwerkplaatsen,2006-04-02,gestart,zorg",
                "13,GM0281,leerwerkplaatsen,2006-04-09,gestart,bouw",
                "14,GM0281,leerwerkplaatsen,2006-05-02,gestart,zorg",
                "15,GM0281,evc_trajecten,2006-04-02,gestart,zorg",
                "16,GM0281,evc_trajecten,2006-04-12,afgerond,zorg"),
        extract(inbox / "d_register_mrt_mei_opnieuw.csv",
                "11,GM0281,leerwerkplaatsen,2006-03-02,gestart,zorg",
                "12,GM0281,leerwerkplaatsen,2006-04-02,gestart,zorg",
                "14,GM0281,leerwerkplaatsen,2006-05-02,geannuleerd,zorg",
                "15,GM0281,evc_trajecten,2006-04-02,gestart,zorg",
                "16,GM0281,evc_trajecten,2006-04-12,geannuleerd,zorg"),
    ]
    files[1].write_text("regio;indicator;periode;waarde;partner;sector;opmerking\n"
                        "AM10;leerwerkplaatsen;2006-04;5;roc;zorg;\n", encoding="utf-8")
    results = []
    for path in files:   # one ingest each, received one after the other
        [result] = ingest.ingest_files(published, [path])
        ingest.move_files([result])
        results.append(result)
    assert [r.status for r in results] == ["loaded"] * 4
    assert {k: n for k, n in results[2].change_counts.items() if n} == {"added": 5}  # nothing of a, b
    redelivery = results[3]
    assert [(c.source_row, c.region, c.indicator, c.period.month, c.sector, c.old_value, c.new_value,
             c.change) for c in redelivery.changes] == [
        (4, "AM10", "leerwerkplaatsen", 5, "zorg", 1, None, "withdrawn"),     # cancelled: line 4
        (5, "AM10", "evc_trajecten", 4, "zorg", 2, 1, "replaced"),            # one of two cancelled
        (None, "AM10", "leerwerkplaatsen", 4, "bouw", 1, None, "withdrawn")]  # its record is gone
    assert {k: n for k, n in redelivery.change_counts.items() if n} == {
        "unchanged": 2, "replaced": 1, "withdrawn": 2}
    assert sorted((k[0], k[1], k[2].month, k[3], k[4], v) for k, v in figures(published).items()) == [
        ("AM10", "evc_trajecten", 4, "registers", "zorg", 1),
        ("AM10", "leerwerkplaatsen", 3, "registers", "zorg", 1),
        ("AM10", "leerwerkplaatsen", 4, "registers", "zorg", 1),
        ("AM10", "leerwerkplaatsen", 4, "roc", "zorg", 5),             # another partner: stays
        ("AM10", "leerwerkplaatsen", 7, "registers", "zorg", 1),       # another month: stays
        ("AM10", "stages", 4, "registers", "zorg", 1),                 # another indicator: stays
        ("AM18", "leerwerkplaatsen", 4, "registers", "zorg", 1)]       # another region: stays
    # The gemeente counts in force are the re-delivery's inside its scope, the first file's outside.
    assert query(published, "select s.file_name, c.indicator, month(c.period), c.records "
                            "from v_registry_count_in_force c join submission s on s.id = c.submission_id "
                            "where c.region = 'AM10' order by all") == [
        ("a_register_2006.csv", "leerwerkplaatsen", 7, 1), ("a_register_2006.csv", "stages", 4, 1),
        ("d_register_mrt_mei_opnieuw.csv", "evc_trajecten", 4, 1),
        ("d_register_mrt_mei_opnieuw.csv", "leerwerkplaatsen", 3, 1),
        ("d_register_mrt_mei_opnieuw.csv", "leerwerkplaatsen", 4, 1)]

    # refresh: the same files, in the order received, give the same rows in every table.
    ingested = digests(published)
    rebuilt = build(tmp_path, inbox, published.name)
    assert [t for t, digest in digests(rebuilt).items() if ingested.get(t) != digest] == []
    assert query(rebuilt, "select figures_changed from publication order by id desc limit 1") == [(0,)]


def test_a_partner_file_states_only_its_own_rows(published, tmp_path):
    """A partner file is no extract: figures of its region, indicator and month that it does not
    name stay (the revision rule), also for a registry figure."""
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [extract(inbox / "register.csv",
                                            "1,GM0281,leerwerkplaatsen,2006-04-02,gestart,zorg",
                                            "2,GM0281,leerwerkplaatsen,2006-04-03,gestart,bouw")])
    path = inbox / "registers_correctie.csv"
    path.write_text(textwrap.dedent("""\
        regio;indicator;periode;waarde;partner;sector;opmerking
        AM10;leerwerkplaatsen;2006-04;4;registers;zorg;
        """), encoding="utf-8")
    [result] = ingest.ingest_files(published, [path])
    assert {k: n for k, n in result.change_counts.items() if n} == {"replaced": 1}
    assert sorted((k[4], v) for k, v in figures(published).items()) == [("bouw", 1), ("zorg", 4)]

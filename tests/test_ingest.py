"""`ingest` and `validate`: idempotent, revisable, traceable, all-or-nothing, atomic for readers."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from benchmarks.serving import cli
from pipelines import ingest, reports, warehouse
from pipelines.file_content import file_sha256
from tests.helpers import ORPHANS_SQL, after_the_clock_passes, build, query, write_csv

REGISTRY_HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"


def observations(path) -> list[tuple]:
    return query(path, "select region, indicator, period, partner, sector, value from observation "
                       "order by all")


def test_the_same_file_twice_changes_nothing(published, tmp_path):
    first = write_csv(tmp_path / "inbox" / "uwv.csv", ["AM10;stages;2006-03;5;uwv;zorg;"])
    again = tmp_path / "inbox" / "uwv_kopie.csv"
    shutil.copyfile(first, again)
    [loaded] = ingest.ingest_files(published, [first])
    before = query(published, "select * from observation"), query(published, "select * from submission")
    [unchanged] = ingest.ingest_files(published, [again])
    assert (loaded.status, unchanged.status) == ("loaded", "unchanged")
    assert (query(published, "select * from observation"), query(published, "select * from submission")) == before


def test_a_file_sent_ahead_but_loaded_before_leaves_the_next_file_its_own_rows(published, tmp_path):
    """The first partner file goes to the reading worker before the rules' tables are built
    (loading.send_ahead). When the warehouse has it already ('unchanged', not read), its answer
    is dropped: the next file is checked on its own rows, not on that answer."""
    inbox = tmp_path / "inbox"
    first = write_csv(inbox / "a.csv", ["AM10;stages;2006-03;5;uwv;zorg;"])
    ingest.ingest_files(published, [first])
    second = write_csv(inbox / "b.csv", ["AM10;stages;2006-04;7;uwv;zorg;", "AM10;stages;2006-05;8;uwv;zorg;"])
    results = ingest.validate_files(published, [first, second])
    assert [(r.path.name, r.status, r.rows) for r in results] == [("a.csv", "unchanged", 0),
                                                                   ("b.csv", "loaded", 2)]


def test_a_correction_replaces_exactly_its_figures_and_history_stays_queryable(published, tmp_path):
    inbox = tmp_path / "inbox"
    original = write_csv(inbox / "z_uwv_2006.csv", ["AM10;stages;2006-03;5;uwv;zorg;",
                                                    "AM10;stages;2006-04;6;uwv;zorg;",
                                                    "AM10;stages;2006-04;2;uwv;bouw;",
                                                    "AM10;stages;2006-03;9;roc;zorg;"])
    ingest.move_files(ingest.ingest_files(published, [original]))
    after_the_clock_passes(published)  # the correction is received later though its name sorts first
    correction = write_csv(inbox / "a_uwv_2006_correctie.csv", ["AM10;stages;2006-04;8;uwv;zorg;",
                                                                "AM10;stages;2006-04;intrekken;uwv;bouw;"])
    [result] = ingest.ingest_files(published, [correction])
    ingest.move_files([result])
    assert [(c.source_row, c.change, c.old_value, c.new_value) for c in result.changes] == [
        (2, "replaced", 6, 8), (3, "withdrawn", 2, None)]
    assert observations(published) == [
        ("AM10", "stages", dt.date(2006, 3, 1), "roc", "zorg", 9.0),
        ("AM10", "stages", dt.date(2006, 3, 1), "uwv", "zorg", 5.0),
        ("AM10", "stages", dt.date(2006, 4, 1), "uwv", "zorg", 8.0),
    ]
    history = query(published, "select r.period, r.sector, r.value, r.new_value, s.file_name, "
                            "c.file_name, r.replaced_at = c.received_at from observation_revision r "
                            "join submission s on s.id = r.submission_id "
                            "join submission c on c.id = r.replaced_by order by all")
    assert history == [
        (dt.date(2006, 4, 1), "bouw", 2.0, None, "z_uwv_2006.csv", "a_uwv_2006_correctie.csv", True),
        (dt.date(2006, 4, 1), "zorg", 6.0, 8.0, "z_uwv_2006.csv", "a_uwv_2006_correctie.csv", True),
    ]
    # A full rebuild (refresh) reads processed/ in the order files were received: same result.
    tables = ["observation", "observation_revision", "submission"]
    ingested = {t: query(published, f"select * from {t} order by all") for t in tables}
    rebuilt = shutil.copyfile(published, tmp_path / "rebuilt.duckdb")
    build(tmp_path, inbox, rebuilt.name)
    assert {t: query(rebuilt, f"select * from {t} order by all") for t in tables} == ingested


def test_every_observation_traces_to_its_file_row_and_hash(published, tmp_path):
    path = write_csv(tmp_path / "inbox" / "roc.csv", ["AM10;stages;2006-03;5;roc;zorg;",
                                                      "Tiel;evc_trajecten;mrt 2006;3;roc;;"])
    ingest.ingest_files(published, [path])
    rows = query(published, "select o.indicator, o.source_row, s.file_name, s.sha256, s.status, "
                         "s.rows_accepted, s.rows_rejected, s.steward is not null "
                         "from observation o join submission s on s.id = o.submission_id order by 2")
    sha = file_sha256(path)
    assert rows == [("stages", 2, "roc.csv", sha, "loaded", 2, 0, True),
                    ("evc_trajecten", 3, "roc.csv", sha, "loaded", 2, 0, True)]


def test_accept_valid_rows_loads_them_and_keeps_the_rest_with_reasons(published, tmp_path):
    path = write_csv(tmp_path / "inbox" / "mixed.csv", ["AM10;stages;2006-03;5;roc;zorg;",
                                                        "AM10;stages;2006-04;vijf;roc;zorg;"])
    [result] = ingest.ingest_files(published, [path], ingest.Options(accept_valid_rows=True))
    ingest.move_files([result])
    assert (result.status, result.rows) == ("partial", 1)
    assert [r[5] for r in observations(published)] == [5.0]
    assert query(published, "select source_row, column_name, value from rejected_row") == [
        (3, "waarde", "vijf")]
    assert (tmp_path / "inbox" / "processed" / "mixed.csv").exists()
    assert "vijf" in (tmp_path / "inbox" / "processed" / "mixed.csv.rapport.txt").read_text(encoding="utf-8")
    # A later rebuild accepts the same file partly again, as the steward decided.
    build(tmp_path, tmp_path / "inbox", published.name)
    assert query(published, "select status, rows_accepted, rows_rejected from submission") == [
        ("partial", 1, 1)]


def test_a_month_ten_times_the_usual_level_is_held_for_review(published, tmp_path):
    usual = write_csv(tmp_path / "inbox" / "jan_mrt.csv", [f"AM10;stages;2006-0{m};5;roc;zorg;"
                                                           for m in (1, 2, 3)])
    spike = write_csv(tmp_path / "inbox" / "apr.csv", ["AM10;stages;2006-04;500;roc;zorg;"])
    ingest.ingest_files(published, [usual])
    [result] = ingest.ingest_files(published, [spike])
    assert result.status == "loaded" and result.change_counts["held"] == 1
    assert query(published, "select value from observation where period = '2006-04-01'") == []
    assert query(published, "select value, status from held_figure") == [(500, "waiting")]
    [warning] = result.warnings
    assert (warning.row, warning.column, warning.value) == (2, "waarde", "500")
    assert "ongewoon hoog" in warning.reason_nl and "unusually high" in warning.reason_en
    assert query(published, "select count(*) from submission_warning") == [(1,)]


def test_registry_extract_is_counted_per_region_month_partner_and_sector(published, tmp_path):
    path = tmp_path / "inbox" / "register.csv"
    path.write_text(REGISTRY_HEADER + textwrap.dedent("""\
        a1,GM0281,evc_trajecten,2006-03-02,gestart,zorg,uwv
        a2,GM1960,evc_trajecten,2006-03-30,afgerond,zorg,uwv
        a3,gm0281,evc_trajecten,2006-04-01,lopend,,uwv
        a4,GM0363,evc_trajecten,2006-03-15,afgebroken,zorg,uwv
        a5,GM0281,evc_trajecten,2006-03-15,geannuleerd,zorg,uwv
        """), encoding="utf-8")
    [result] = ingest.ingest_files(published, [path])
    assert (result.kind, result.status, result.rows) == ("registry", "loaded", 5)
    rows = query(published, "select region, period, sector, value, source_row, s.file_name "
                         "from observation o join submission s on s.id = o.submission_id order by all")
    assert rows == [("AM10", dt.date(2006, 3, 1), "zorg", 2.0, 2, "register.csv"),
                    ("AM10", dt.date(2006, 4, 1), "overig", 1.0, 4, "register.csv"),
                    ("AM18", dt.date(2006, 3, 1), "zorg", 1.0, 5, "register.csv")]
    assert query(published, ORPHANS_SQL) == [(0, 0, 0, 0, 0)]   # every code and submission known


def test_a_second_figure_for_one_key_is_never_published(published, tmp_path):
    """observation has no primary key (sql/schema.sql): publish_guard.sql stands guard."""
    path = write_csv(tmp_path / "inbox" / "roc.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    ingest.ingest_files(published, [path])
    before = observations(published)
    with pytest.raises(duckdb.Error, match="two figures for one key, nothing published: "
                                           "AM10 · stages · 2006-03 · roc · zorg"):
        with warehouse.staging(published) as con:   # as a faulty writer would leave it
            con.execute("insert into observation select * from observation")
    assert observations(published) == before and len(before) == 1
    assert list(published.parent.glob(published.name + ".*.new")) == []


def test_the_relationship_check_finds_a_figure_that_points_at_nothing(published, tmp_path):
    """ORPHANS_SQL stands in for observation's foreign keys: it must see a broken reference."""
    path = write_csv(tmp_path / "inbox" / "roc.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    ingest.ingest_files(published, [path])
    with duckdb.connect(str(published)) as con:
        con.execute("update observation set region = 'AM99', submission_id = 'nothing'")
    assert query(published, ORPHANS_SQL) == [(1, 0, 0, 0, 1)]


def test_registry_extract_as_parquet(published, tmp_path):
    path = tmp_path / "inbox" / "register.parquet"
    con = duckdb.connect()
    con.execute("copy (select 'r' || i as id, 'GM0281' as gemeente_code, 'stages' as indicator, "
                "date '2006-01-01' + (i % 90)::integer as start_date, 'gestart' as status, "
                "'zorg' as sector, 'roc' as partner from range(3000) t(i)) to ? (format parquet)",
                [str(path)])
    [result] = ingest.ingest_files(published, [path])
    assert (result.status, result.rows) == ("loaded", 3000)
    assert query(published, "select sum(value), count(*) from observation") == [(3000.0, 3)]


def test_ingest_refuses_the_demo_inbox_and_a_second_writer(published, tmp_path):
    from core.settings import DEMO_DIR

    demo_file = sorted((DEMO_DIR / "inbox").glob("*.csv"))[0]
    with pytest.raises(ValueError, match="is de demo-inbox"):
        ingest.ingest_files(published, [demo_file])
    path = write_csv(tmp_path / "inbox" / "x.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    with warehouse.writer_lock(published):
        with pytest.raises(warehouse.WarehouseBusy, match="wacht tot die klaar is"):
            ingest.ingest_files(published, [path])
    assert path.exists() and observations(published) == []


@pytest.mark.slow
def test_validate_is_a_dry_run_with_exit_status_and_json(published, tmp_path):
    good = write_csv(tmp_path / "inbox" / "good.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    bad = write_csv(tmp_path / "inbox" / "bad.csv", ["AM10;stages;2006-Q1;5;roc;zorg;"])
    before = query(published, "select count(*) from submission")
    ok = cli("validate", "--warehouse", str(published), str(good))
    assert ok.returncode == 0 and "good.csv: zou laden (1 rij)" in ok.stdout
    assert "zou laden 1," in ok.stdout and "geladen" not in ok.stdout  # nothing was loaded
    english = cli("validate", "--lang", "en", "--warehouse", str(published), str(good))
    assert "good.csv: would load (1 row)" in english.stdout and "would load 1," in english.stdout
    out = cli("validate", "--warehouse", str(published), "--json", str(good), str(bad))
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert (report["dry_run"], report["would_load"]) == (True, False)
    assert [f["verdict"].split(":")[0] for f in report["files"]] == ["zou afwijzen", "zou laden (1 rij)"]
    assert [f["status"] for f in report["files"]] == ["rejected", "loaded"]  # bad.csv sorts first
    assert report["files"][0]["errors"][0]["column"] == "periode"
    assert (report["files"][0]["rows_rejected"], report["files"][0]["error_count"]) == (1, 1)
    assert report["totals"] == {
        "files_loaded": 1, "files_partial": 0, "files_rejected": 1, "files_unchanged": 0,
        "rows_loaded": 1, "rows_rejected": 1, "errors": 1, "warnings": 0}
    assert query(published, "select count(*) from submission") == before
    assert good.exists() and bad.exists()


@pytest.mark.slow
def test_a_rejected_file_says_how_many_rows_were_valid_and_how_to_load_them(published, tmp_path):
    rows = ["AM10;stages;2006-03;5;roc;zorg;", "AM10;stages;2006-04;zes;roc;zorg;",
            "AM10;stages;2006-05;7;roc;zorg;"]
    path = write_csv(tmp_path / "inbox" / "roc.csv", rows)
    out = cli("validate", "--warehouse", str(published), str(path))
    assert out.returncode == 1
    assert ("roc.csv: zou afwijzen: 1 van de 3 rijen heeft fouten; de 2 geldige rijen laden met "
            "`regiomonitor ingest --accept-valid-rows`") in out.stdout
    assert "rijen die zouden laden 0, met fouten 1" in out.stdout
    report = json.loads(cli("validate", "--warehouse", str(published), "--json", str(path)).stdout)
    assert {k: report["files"][0][k] for k in ("rows", "rows_valid", "rows_rejected")} == {
        "rows": 0, "rows_valid": 2, "rows_rejected": 1}
    [partly] = ingest.validate_files(published, [path], ingest.Options(accept_valid_rows=True))
    assert (partly.status, partly.rows, partly.rows_valid) == ("partial", 2, 2)   # as it says
    [result] = ingest.ingest_files(published, [path])                  # not a dry run: it happened
    assert reports.report_text([result], False, "nl").startswith(
        "roc.csv: afgewezen: 1 van de 3 rijen heeft fouten, 2 zijn geldig; verbeter de fouten")
    assert reports.report_text([result], False, "en").startswith(
        "roc.csv: rejected: 1 of 3 rows has errors, 2 are valid; correct the errors")
    # ... and no --accept-valid-rows there: the same file again is 'unchanged' once rejected
    [again] = ingest.ingest_files(published, [path], ingest.Options(accept_valid_rows=True))
    assert again.status == "unchanged"
    nothing = write_csv(tmp_path / "inbox" / "leeg.csv", ["AM10;stages;2006-13;5;roc;zorg;"])
    [none_valid] = ingest.validate_files(published, [nothing])
    assert reports.verdict(none_valid, True, "nl") == "zou afwijzen: geen geldige rijen (1 met fouten)"
    assert reports.verdict(none_valid, True, "en") == "would reject: no valid rows (1 with errors)"


# Queries the warehouse until the stop file exists; says "reading" after its first attempt.
READER = textwrap.dedent("""
    import os, sys, time, duckdb
    path, stop = sys.argv[1], sys.argv[2]
    queries = errors = 0
    while True:
        try:
            con = duckdb.connect(path, read_only=True)
            con.execute("select count(*), sum(value) from observation").fetchall()
            con.execute("select * from v_progress").fetchall()
            con.close()
            queries += 1
        except Exception as err:
            errors += 1
            print(repr(err), file=sys.stderr)
        if queries + errors == 1:
            print("reading", flush=True)
        if os.path.exists(stop):
            break
        time.sleep(0.02)   # a reader's pace, not a busy loop starving the loads of the CPU
    print(queries, errors)
""")


@pytest.mark.slow
def test_a_reader_process_never_fails_while_loads_publish(published, tmp_path):
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert reader.stdout.readline() == "reading\n"      # it reads while every load publishes
    for month in range(1, 10):
        path = write_csv(tmp_path / "inbox" / f"m{month}.csv", [f"AM10;stages;2006-0{month};5;roc;zorg;"])
        assert ingest.ingest_files(published, [path])[0].status == "loaded"
    stop.touch()
    out, err = reader.communicate(timeout=60)
    queries, errors = map(int, out.split())
    assert (errors, err) == (0, "")
    assert queries > 0
    assert query(published, "select count(*) from observation") == [(9,)]


def test_a_corrected_file_under_the_same_name_keeps_both_versions_for_a_rebuild(published, tmp_path):
    inbox = tmp_path / "inbox"
    first = write_csv(inbox / "roc.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    ingest.move_files(ingest.ingest_files(published, [first]))
    after_the_clock_passes(published)
    second = write_csv(inbox / "roc.csv", ["AM10;stages;2006-03;7;roc;zorg;"])
    moved = ingest.move_files(ingest.ingest_files(published, [second]))
    assert moved == [inbox / "processed" / f"roc.{file_sha256(moved[0])[:8]}.csv"]
    assert (inbox / "processed" / "roc.csv").read_text().endswith(";5;roc;zorg;\n")
    figures = query(published, "select value from observation"), query(
        published, "select value, new_value from observation_revision")
    build(tmp_path, inbox, published.name)  # refresh
    assert (query(published, "select value from observation"),
            query(published, "select value, new_value from observation_revision")) == figures == (
        [(7.0,)], [(5.0, 7.0)])


def test_validation_holds_no_lock_and_a_load_published_meanwhile_is_loaded_again(published, tmp_path):
    path = write_csv(tmp_path / "inbox" / "x.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    with warehouse.writer_lock(published):        # another load is publishing: a dry run still works
        [result] = ingest.validate_files(published, [path])
    assert result.status == "loaded"
    other = write_csv(tmp_path / "other" / "y.csv", ["AM11;stages;2006-03;7;roc;zorg;"])
    meanwhile = []

    def another_load_publishes(*_args) -> None:
        """While the first attempt checks x.csv, another ingest publishes y.csv."""
        if not meanwhile:
            meanwhile.append(ingest.ingest_files(published, [other])[0].status)

    [result] = ingest.ingest_files(published, [path], progress=another_load_publishes)
    assert (meanwhile, result.status) == (["loaded"], "loaded")
    assert [r[0] for r in observations(published)] == ["AM10", "AM11"]   # neither load is lost
    assert query(published, "select count(*) from pipeline_run where flow = 'ingest'") == [(2,)]


def test_a_warehouse_from_before_the_run_records_is_refreshed_first(published, tmp_path):
    con = duckdb.connect(str(published))   # as issue 3's schema left it: counts only in JSON
    con.execute("drop table run_file")
    con.execute("create table old_run as select run_id, flow, started_at, finished_at, status, "
                "'{\"loaded\": 2, \"partial\": 1, \"rejected\": 0, \"unchanged_duplicates\": 0, "
                "\"rows\": 7}' as summary from pipeline_run")
    con.execute("drop table pipeline_run")
    con.execute("alter table old_run rename to pipeline_run")
    con.close()
    refused_until_refreshed(published, tmp_path)
    assert query(published, "select flow, files_loaded, files_partial, rows_loaded from pipeline_run "
                         "order by all") == [("ingest", 0, 0, 0), ("test", 1, 0, 1),
                                             ("test", 2, 1, 7)]


def test_a_warehouse_from_before_the_ranking_macros_is_refreshed_first(published, tmp_path):
    con = duckdb.connect(str(published))   # as sql/views/ left it before ranking_of
    con.execute("drop view v_ranking")
    con.execute("drop macro table ranking_of")
    con.close()
    refused_until_refreshed(published, tmp_path)


@pytest.mark.parametrize("macro", ["progress_monthly_of", "progress_stand_of"])
def test_a_warehouse_from_before_the_progress_macros_is_refreshed_first(published, tmp_path, macro):
    con = duckdb.connect(str(published))   # as sql/views/ left it before materialize.sql used them
    con.execute(f"drop macro table {macro}")
    con.close()
    refused_until_refreshed(published, tmp_path)


@pytest.mark.parametrize("table, view, macro", [("mv_trend", "v_trend", "trend_of"),
                                               ("mv_gemeente_shares", "v_gemeente_shares",
                                                "gemeente_shares_of")])
def test_a_warehouse_from_before_issue_27s_tables_is_refreshed_first(published, tmp_path, table,
                                                                     view, macro):
    con = duckdb.connect(str(published))   # as sql/views/ left it before issue 27's mv_ tables
    con.execute(f"drop view {view}")
    con.execute(f"drop macro table {macro}")
    con.execute(f"drop table {table}")
    con.close()
    refused_until_refreshed(published, tmp_path)
    assert query(published, "select count(*) from duckdb_tables() where table_name = ?",
                 [table]) == [(1,)]


@pytest.mark.parametrize("drop", ["drop view v_counted_months", "drop view v_partner_delivery",
                                  "drop macro table late_counts_of"])
def test_a_warehouse_from_before_issue_23s_views_is_refreshed_first(published, tmp_path, drop):
    con = duckdb.connect(str(published))   # as sql/views/ left it before issue 23
    con.execute(drop)
    con.close()
    refused_until_refreshed(published, tmp_path)


def refused_until_refreshed(published, tmp_path) -> None:
    """`ingest` refuses an outdated warehouse and leaves no staging copy; after one refresh
    (which rebuilds it, history kept) the same file loaded is known."""
    path = write_csv(tmp_path / "inbox" / "x.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    with pytest.raises(ingest.OutdatedWarehouse, match="regiomonitor refresh"):
        ingest.ingest_files(published, [path])
    assert list(tmp_path.glob("*.new")) == []
    build(tmp_path, tmp_path / "inbox", published.name)
    assert ingest.ingest_files(published, [path])[0].status == "unchanged"

"""The three ways to load a registry extract, each run alone in a fresh process by
benchmarks/ingest.py: the real `ingest` path (also with the one pass off: `ingest_staged`), one DuckDB statement,
and a pandas script;
and `validate` of a partner file.

Usage (by the benchmark): python -m benchmarks.ingest_cases CASE EXTRACT WAREHOUSE
Prints one JSON line with 'seconds' (the work only, not the interpreter's start-up),
'cpu_seconds' (the process's CPU time over the same span, all threads: less sensitive to other
processes on a shared machine) and 'peak_mb' (the whole process's peak RSS).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks.subprocess_case import peak_rss_mb
from core.settings import REFERENCE_DIR

GEMEENTEN = REFERENCE_DIR / "gemeente_regions.csv"

RAW_SQL = """
create table registry_counts as
select g.region, e.indicator, date_trunc('month', e.start_date::date)::date as period,
       e.partner, e.sector, count(*) as value
from read_csv(?, header = true) as e
join (select code, region from read_csv(?, all_varchar = true) where valid_to is null) as g
    on g.code = e.gemeente_code
group by all
"""


def real_ingest(extract: Path, served: Path) -> dict:
    """pipelines.ingest.ingest_files into a published warehouse, validation included."""
    from pipelines.ingest import Options, ingest_files

    [result] = ingest_files(served, [extract], Options(), "bench", progress=lambda *a: None)
    return {"status": result.status, "rows": result.rows, "errors": len(result.errors)}


def staged_ingest(extract: Path, served: Path) -> dict:
    """The same ingest with the one pass switched off: every record's text staged first, as
    before issue 11's third pass and as an extract with a failing record still goes."""
    from pipelines import extract_pass

    extract_pass.ENABLED = False
    return real_ingest(extract, served)


def raw_duckdb(extract: Path, target: Path) -> dict:
    """The machine's limit: DuckDB reading and aggregating the file in one statement."""
    import duckdb

    con = duckdb.connect(str(target))
    con.execute(RAW_SQL, [str(extract), str(GEMEENTEN)])
    groups = con.execute("select count(*) from registry_counts").fetchone()[0]
    con.close()
    return {"groups": groups}


def pandas_script(extract: Path, target: Path) -> dict:
    """What an analyst would write: read_csv, map gemeente to region, groupby, load into DuckDB."""
    import duckdb
    import pandas as pd

    frame = pd.read_csv(extract)
    regions = pd.read_csv(GEMEENTEN)
    regions = regions[regions["valid_to"].isna()][["code", "region"]]
    frame = frame.merge(regions, left_on="gemeente_code", right_on="code")
    frame["period"] = pd.to_datetime(frame["start_date"]).dt.to_period("M").dt.to_timestamp()
    counts = (frame.groupby(["region", "indicator", "period", "partner", "sector"])
              .size().reset_index(name="value"))
    con = duckdb.connect(str(target))
    con.register("counts", counts)
    con.execute("create table registry_counts as select * from counts")
    con.close()
    return {"groups": len(counts)}


def validate(partner_file: Path, served: Path) -> dict:
    """`regiomonitor validate` of one partner file against a published warehouse (a dry run),
    its reading worker started before pipelines.ingest is imported, as the command does."""
    from pipelines.reading import start_worker

    start_worker([partner_file])
    from pipelines.ingest import validate_files

    [result] = validate_files(served, [partner_file])
    return {"status": result.status, "rows": result.rows, "errors": result.error_count}


CASES = {"ingest": real_ingest, "ingest_staged": staged_ingest, "duckdb": raw_duckdb, "pandas": pandas_script, "validate": validate}


def main(argv: list[str]) -> None:
    """Run one case and print its timing as JSON."""
    case, extract, target = argv
    started, cpu = time.perf_counter(), time.process_time()
    detail = CASES[case](Path(extract), Path(target))
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_rss_mb(),
                      "cpu_seconds": time.process_time() - cpu, **detail}))


if __name__ == "__main__":
    main(sys.argv[1:])

"""A deterministic national registry extract (CSV and Parquet), generated in DuckDB SQL.

Every value is a function of the row number and the seed (DuckDB's `hash`), so the same
size and seed give the same files; 10 million rows take seconds because no Python loop runs.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from regiomonitor.config import REFERENCE_DIR

FULL_ROWS = 10_000_000
QUICK_ROWS = 100_000
SEED = 2005
FIRST_DAY, DAYS = "2005-11-28", 730   # inside lw2005 (2005-11-28..2007-11-28)
STATUSES = ["gestart", "lopend", "afgerond", "afgebroken", "geannuleerd"]

EXTRACT_SQL = """
with g as (select list(code order by code) as l from read_csv(?, all_varchar = true)
           where valid_to is null),
     i as (select list(code order by code) as l from read_csv(?, all_varchar = true)),
     s as (select list(code order by code) as l from read_csv(?, all_varchar = true)),
     p as (select list(code order by code) as l from read_csv(?, all_varchar = true))
select
    'R' || lpad(r::varchar, 9, '0') as id,
    g.l[(1 + hash(r, ?, 1) % len(g.l))::bigint] as gemeente_code,
    i.l[(1 + hash(r, ?, 2) % len(i.l))::bigint] as indicator,
    (date '{first}' + (hash(r, ?, 3) % {days})::integer)::varchar as start_date,
    {statuses}[(1 + hash(r, ?, 4) % {n_status})::bigint] as status,
    s.l[(1 + hash(r, ?, 5) % len(s.l))::bigint] as sector,
    p.l[(1 + hash(r, ?, 6) % len(p.l))::bigint] as partner
from range(?) as t(r), g, i, s, p
"""


def extract_query() -> str:
    """The generator's SELECT, with the programme window and statuses filled in."""
    return EXTRACT_SQL.format(first=FIRST_DAY, days=DAYS, statuses=STATUSES,
                              n_status=len(STATUSES))


def generate(out: Path, rows: int, seed: int = SEED) -> dict[str, Path]:
    """Write extract_<rows>.csv and .parquet under `out`; reuse files already there."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {fmt: out / f"registry_extract_{rows}.{fmt}" for fmt in ("csv", "parquet")}
    if all(p.exists() for p in paths.values()):
        return paths
    refs = [str(REFERENCE_DIR / f"{n}.csv") for n in ("gemeente_regions", "indicators",
                                                      "sectors", "partners")]
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.execute("create temp table extract as " + extract_query(), [*refs, *[seed] * 6, rows])
    for fmt, options in (("csv", "(header, delimiter ',')"), ("parquet", "(format parquet)")):
        tmp = paths[fmt].with_suffix(f".{fmt}.tmp")
        con.execute(f"copy extract to '{tmp}' {options}")
        tmp.replace(paths[fmt])
    con.close()
    return paths

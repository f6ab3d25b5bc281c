"""A deterministic national registry extract (CSV and Parquet), generated in DuckDB SQL.

Every value is a function of the row number and the seed (DuckDB's `hash`), so the same
size and seed give the same files; 10 million rows take seconds because no Python loop runs.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from core.settings import REFERENCE_DIR

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
     p as (select list(p.code order by p.code) as l
           from read_csv(?, all_varchar = true) as p
           anti join read_csv(?, all_varchar = true) as r on r.partner = p.code)
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
                                                      "sectors", "partners", "partner_regions")]
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.execute("create temp table extract as " + extract_query(), [*refs, *[seed] * 6, rows])
    for fmt, options in (("csv", "(header, delimiter ',')"), ("parquet", "(format parquet)")):
        tmp = paths[fmt].with_suffix(f".{fmt}.tmp")
        con.execute(f"copy extract to '{tmp}' {options}")
        tmp.replace(paths[fmt])
    con.close()
    return paths


PARTNER_ROWS = 10_000
MONTHS_NL = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def partner_rows(rows: int = PARTNER_ROWS) -> list[list[str]]:
    """A partner's valid file: distinct region × indicator × month × partner keys, the regions
    as codes and names, the months as '2006-03' and 'mrt 2006', Dutch numbers ('1.200', '37,5')."""
    regions = [(r["code"], r["name"]) for r in csv_rows(REFERENCE_DIR / "regions.csv")]
    indicators = [r["code"] for r in csv_rows(REFERENCE_DIR / "indicators.csv")]
    partners = national_partners()
    sectors = [r["code"] for r in csv_rows(REFERENCE_DIR / "sectors.csv")]
    months = [(2005 + (10 + m) // 12, (10 + m) % 12 + 1) for m in range(24)]   # 2005-11 … 2007-10
    out = []
    for n in range(rows):
        code, name = regions[n % len(regions)]
        indicator = indicators[n // len(regions) % len(indicators)]
        year, month = months[n // (len(regions) * len(indicators)) % len(months)]
        partner = partners[n // (len(regions) * len(indicators) * len(months)) % len(partners)]
        value = f"{1000 + n % 900:,}".replace(",", ".") if indicator != "oo_uitgaven_eur" \
            else f"{n % 500},{n % 100:02d}"
        out.append([code if n % 2 else name, indicator,
                    f"{year}-{month:02d}" if n % 3 else f"{MONTHS_NL[month - 1]} {year}",
                    value, partner, sectors[n % len(sectors)], ""])
    return out


def national_partners() -> list[str]:
    """The register's organisations that serve every region (none in partner_regions.csv): any
    region may report them, as the generated files do."""
    local = {r["partner"] for r in csv_rows(REFERENCE_DIR / "partner_regions.csv")}
    return [r["code"] for r in csv_rows(REFERENCE_DIR / "partners.csv") if r["code"] not in local]


def csv_rows(path: Path) -> list[dict[str, str]]:
    """A reference file's rows."""
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def partner_files(out: Path, rows: int = PARTNER_ROWS) -> dict[str, Path]:
    """The same partner file as ';'-CSV and as XLSX, under `out`."""
    import openpyxl

    from core.vocabulary import submission_columns

    out.mkdir(parents=True, exist_ok=True)
    data = partner_rows(rows)
    paths = {"csv": out / f"partner_{rows}.csv", "xlsx": out / f"partner_{rows}.xlsx"}
    paths["csv"].write_text("\n".join(";".join(r) for r in [submission_columns(), *data]) + "\n", encoding="utf-8")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("cijfers")
    for row in [submission_columns(), *data]:
        sheet.append(row)
    book.save(paths["xlsx"])
    return paths

"""A registry extract whose every record is fine, checked and counted in one pass over its file.

Almost every extract loads whole, and staging its text first (stage_extract.sql), so that a
failing record can be named by its line and cell, cost more than DuckDB's whole raw statement
(docs/benchmarks.md). So an extract is first read straight from its file: each record's cells
are cast to enums of the checked values an extract written as the register writes it can
hold (extract_enums.sql, from extract_values.sql typed by cell_rules.sql: the rules every
input meets), kept as integers, and its ids counted on a bitmap; what needs the gemeente with
the month or the partner is checked on the groups. Only when that finds nothing wrong does the
extract load from those integers (extract_groups.sql). Any failing record, any value not
foreseen, any id that repeats or is no integer after its prefix: the caller stages the text
and the full rules run, naming every failing cell as before. The read is projections only, so
DuckDB keeps file order on every core and a record's line is its rowid + 2, as when staged.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from pipelines import statements

# The widest range of ids counted on a bitmap: 2^28 bits, 32 MB per thread. Wider (or ids that
# are no integers) go through the staged path, whose GROUP BY hashes them.
MAX_ID_SPAN = 1 << 28
# False sends every extract through the staged path: the tests and the benchmark compare both.
ENABLED = True
# A CSV extract read with its cells typed (extract_records_csv.sql says why each type only
# accepts what the rules accept); any other column stays text. The only text formatted into
# SQL here, a fixed string.
TYPED_CSV_READER = (
    "read_csv($path, all_varchar = true, header = true, dateformat = '%Y-%m-%d', "
    "max_line_size = $max_cell_chars, types = {'id': 'VARCHAR', "
    "'gemeente_code': 'intake_gemeente', 'indicator': 'intake_indicator', "
    "'start_date': 'DATE', 'partner': 'intake_partner', 'sector': 'intake_sector', "
    "'status': 'intake_status'})")


def counted(con: duckdb.DuckDBPyConnection, path: Path, reader: str, first_id: str) -> bool:
    """True when every record of the extract at `path` passes every rule and no id repeats:
    `intake_group` then holds its records, as groups.sql would have built it. False: only the
    checked values are left on `con` (the staged path builds its own). `reader`: the extract's
    plain reader (pipelines/staging.py), read with projections only (extract_records.sql);
    `first_id`: the first record's id as text, read with the header (one sniff of a CSV less)."""
    if not ENABLED:
        return False
    try:
        fine = read_and_counted(con, path, reader, id_prefix(first_id))
    except duckdb.Error:   # e.g. a cell DuckDB cannot read: the staged path reads it plainly
        fine = False
    finally:
        statements.run(con, "extract_cleanup")
    if not fine:
        con.execute("drop table if exists temp.intake_group")
    return fine


def read_and_counted(con: duckdb.DuckDBPyConnection, path: Path, reader: str,
                     prefix: str) -> bool:
    """The pass itself: the checked values as enums, the records as integers, the verdicts,
    the groups. Leaves its records and enums for extract_cleanup.sql. A Parquet extract is
    read with `reader` and its cells cast; one staging reads as CSV (pipelines/staging.py's
    EXTRACT_READERS decides) with its cells typed by the reader, which costs half the CPU of
    casting its text."""
    statements.run(con, "extract_values")
    statements.run(con, "cell_rules")
    enums = statements.run(con, "extract_enums")
    values = dict(zip([d[0] for d in enums.description], enums.fetchone()))
    values.update(path=str(path), id_prefix=prefix)
    if reader.startswith("read_csv("):     # the reader staging chose for the file
        statements.run(con, "extract_records_csv", values, source=TYPED_CSV_READER)
    else:
        statements.run(con, "extract_records", values, source=reader)
    return all_fine(con) and groups_fine(con)


def all_fine(con: duckdb.DuckDBPyConnection) -> bool:
    """No record failed, every id is an integer after its prefix and none repeats."""
    failing, records, numbered, lowest, highest = statements.run(con, "extract_verdict").fetchone()
    if failing or numbered < records:
        return False
    if not records:
        return True
    if highest - lowest >= MAX_ID_SPAN:
        return False
    [distinct_ids] = statements.run(con, "extract_ids",
                                    {"lowest": lowest, "highest": highest}).fetchone()
    return distinct_ids == records


def groups_fine(con: duckdb.DuckDBPyConnection) -> bool:
    """Counted into `intake_group`, no group fails what needs the gemeente with the month or
    the partner (extract_groups.sql)."""
    [failing] = statements.run(con, "extract_groups").fetchone()
    return failing == 0


def id_prefix(first_id: str) -> str:
    """The letters before the digits of the first record's id ('R' of 'R000000001'): ids that
    share it are counted as integers. Another form only makes the staged path check the ids."""
    match = re.match(r"\D{0,20}", first_id)
    return match.group(0) if match else ""

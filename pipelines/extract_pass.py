"""A registry extract whose every record is fine, checked and counted in one pass over its file.

Almost every extract loads whole, and staging its text first (stage_extract.sql), so that a
failing record can be named by its line and cell, cost more than DuckDB's whole raw statement
(docs/benchmarks.md). So an extract is first read straight from its file: each record's cells
are looked up in the checked values an extract written as the register writes it can hold
(extract_values.sql, typed by cell_rules.sql: the rules every input meets), kept as integers,
and its ids counted on a bitmap. Only when that finds nothing wrong does the extract load from
those integers (extract_groups.sql). Any failing record, any value not foreseen, any id that
repeats or is no integer after its prefix: the caller stages the text and the full rules run,
naming every failing cell as before. A record's line is numbered as it is read
(`record_line`), since DuckDB's joins do not keep file order.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from pipelines import statements

# The widest range of ids counted on a bitmap: 2^28 bits, 32 MB per thread. Wider (or ids that
# are no integers) go through the staged path, whose GROUP BY hashes them.
MAX_ID_SPAN = 1 << 28
# The extract with each record's line (header = line 1), read in file order: DuckDB's joins do
# not keep it, so the line is numbered before them. read_csv has no file_row_number (2.0.1).
NUMBERED_READERS = {
    ".csv": "(select *, row_number() over () + 1 as record_line "
            "from read_csv($path, all_varchar = true, header = true))",
    ".parquet": "(select *, file_row_number + 2 as record_line "
                "from read_parquet($path, file_row_number = true))"}
# False sends every extract through the staged path: the tests and the benchmark compare both.
ENABLED = True


def counted(con: duckdb.DuckDBPyConnection, path: Path, reader: str) -> bool:
    """True when every record of the extract at `path` passes every rule and no id repeats:
    `intake_group` then holds its records, as groups.sql would have built it. False: only the
    checked values are left on `con` (the staged path builds its own). `reader`: the extract's
    plain reader (pipelines/staging.py), for its first id."""
    if not ENABLED:
        return False
    numbered = NUMBERED_READERS.get(path.suffix.lower(), NUMBERED_READERS[".csv"])
    try:
        statements.run(con, "extract_values")
        statements.run(con, "cell_rules")
        statements.run(con, "extract_records",
                       {"path": str(path), "id_prefix": id_prefix(con, path, reader)},
                       source=numbered)
        if not all_fine(con):
            return False
        statements.run(con, "extract_groups")
        return True
    except duckdb.Error:   # e.g. a column named record_line: the staged path reads it plainly
        return False
    finally:
        con.execute("drop table if exists temp.intake_record")


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


def id_prefix(con: duckdb.DuckDBPyConnection, path: Path, reader: str) -> str:
    """The letters before the digits of the first record's id ('R' of 'R000000001'): ids that
    share it are counted as integers. Another form only makes the staged path check the ids."""
    row = con.execute(f"select coalesce(id::varchar, '') from {reader} limit 1",
                      {"path": str(path)}).fetchone()
    match = re.match(r"\D{0,20}", row[0] if row else "")
    return match.group(0) if match else ""

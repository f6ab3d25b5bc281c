"""Check any input with the one SQL rule set, after pipelines/staging.py landed its rows.

The rules are SQL files in sql/pipelines/, run once per file whatever its kind:
lookups.sql (what cells are compared with), cells.sql and cell_rules.sql (each distinct
cell value typed and checked once), checked_rows.sql (the rows looking them up),
duplicates.sql (one GROUP BY), checked.sql, groups.sql (one pass over the checked rows),
problems.sql (every failing cell with its reason, only when some row fails), incoming.sql
(the figures to load), scope.sql (what a registry extract is a complete statement for: the
published figures in it that it no longer supports are withdrawn) and plausibility.sql
(warnings). Their results stay as temp tables on
the connection for pipelines/submissions.py to record; `release` drops them.
A registry extract whose every record is fine skips the staged rows: pipelines/extract_pass.py
counts it into intake_group in one pass, with the same cell_rules.sql.
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
from duckdb.sqltypes import VARCHAR

from core.formats import fmt_amount, fmt_number
from core.settings import REFERENCE_DIR, ExtractChecks, extract_checks
from core.vocabulary import CHANGE_KINDS, EXAMPLE_NOTE, INTAKE_COLUMNS_CSV
from pipelines import reading, staging, statements
from pipelines.file_content import Content
from pipelines.reasons import REASONS_CSV, RowError, reason

REPORTED_ERRORS = 1000  # a report lists this many; rejected_row keeps every one
# A registry record's statuses and whether each counts (sql/pipelines/lookups.sql reads it).
RECORD_STATUSES_CSV = REFERENCE_DIR / "record_statuses.csv"
# DuckDB's buffer pool while inputs are checked and loaded: beyond it, data spill to disk. 1.5 GB
# kept a ten-million-record extract's staged text in memory (docs/benchmarks.md); that staged
# path now runs under core/settings.py's extract_checks().memory_mb (staging.stage_extract), so
# this bounds a clean extract's one pass (peak RSS 771 MB) and the partner files.
MEMORY_LIMIT = "1536MB"
INTAKE_RELATIONS = ("staged", "intake_cell", "intake_combination", "intake_record",
                    "cell_region", "cell_region_month", "cell_period", "cell_value", "cell_codes",
                    "cell_partner_suggestion", "intake_id_repeats", "intake_first_failing",
                    "intake_duplicate", "intake_group", "intake_problem", "incoming",
                    "intake_scope", "intake_flagged", "intake_change")


@dataclass(frozen=True)
class Change:
    """What one figure of an input does to the published one with the same region,
    indicator, month, partner and sector (sql/pipelines/changes.sql)."""

    source_row: int | None          # None: a figure an extract withdraws, with no record left
    region: str
    indicator: str
    period: dt.date
    partner: str                    # the organisation's name, as the register has it
    sector: str
    old_value: Decimal | None
    new_value: Decimal | None
    change: str                     # one of CHANGE_KINDS
INTAKE_VIEWS = ("checked", "checked_rows")


@dataclass
class Checked:
    """A checked input: what would load, every error (the first REPORTED_ERRORS listed) and
    every warning. `staged` is False when the file stopped before its rows were checked."""

    kind: str = "submission"
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows_accepted: int = 0          # rows (records of an extract) without any error
    rows_rejected: int = 0          # rows with at least one error: rows accepted + rejected are
                                    # the rows checked (none in a file that could not be read,
                                    # whose errors are the file's, with no row)
    staged: bool = True
    regions: tuple[str, ...] = ()   # the regions and partners its valid figures are for
    partners: tuple[str, ...] = ()
    changes: list[Change] = field(default_factory=list)    # the first REPORTED_ERRORS that
    change_counts: dict[str, int] = field(default_factory=dict)   # alter a figure; per kind
    refused: bool = False           # an extract past its ceiling of failing records: rejected
                                    # even when the steward accepts the valid rows


def prepare(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> None:
    """The memory limit, the macros and the lookups, on this connection (the "did you mean"
    function only when a file needs it: `suggest_names`)."""
    con.execute("set memory_limit = ?", [MEMORY_LIMIT])
    statements.run(con, "macros")
    statements.run(con, "lookups", {"today": today or dt.date.today(),
                                    "reasons": str(REASONS_CSV),
                                    "columns": str(INTAKE_COLUMNS_CSV),
                                    "record_statuses": str(RECORD_STATUSES_CSV),
                                    "example_note": EXAMPLE_NOTE})


def suggest_names(con: duckdb.DuckDBPyConnection) -> None:
    """The closest known names of each unknown region cell, after cell_rules.sql: only when
    there is one, for registering the function imports numpy (cell_suggestions.sql)."""
    [(unknown,)] = con.execute("select count(*) from cell_region where rank is null").fetchall()
    if not unknown:
        return
    try:
        con.remove_function("closest_names")
    except duckdb.Error:
        pass  # the first file on this connection that needs it
    try:
        con.create_function("closest_names", closest_names_function(con), [VARCHAR], VARCHAR,
                            side_effects=False)
    except duckdb.CatalogException:
        pass  # another connection to the same database registered it, over the same tables
    statements.run(con, "cell_suggestions")


def closest_names_function(con: duckdb.DuckDBPyConnection):
    """Up to three known regions, gemeenten or gemeente codes that look like a cell, as
    'Name (code)'. difflib's ratio, called by cells.sql once per distinct unknown name (however
    many rows repeat it), words its suggestions as partners have learnt to read them."""
    labels: dict[str, str] = {}
    for code, name in con.execute("select code, name from region order by code").fetchall():
        labels[name.lower()] = labels[code.lower()] = f"{name} ({code})"
    for name, regions in con.execute(
            "select any_value(name), string_agg(distinct region, '/' order by region) "
            "from gemeente_region group by lower(name)").fetchall():
        labels[name.lower()] = f"{name} (gemeente, {regions})"
    for code, name, region in con.execute("select code, name, region from gemeente_region "
                                          "where valid_to is null").fetchall():
        labels.setdefault(code.lower(), f"{code} ({name}, {region})")
    keys = list(labels)

    def closest_names(cell: str | None) -> str:
        near = difflib.get_close_matches((cell or "").strip().lower(), keys, n=3, cutoff=0.5)
        return ", ".join(dict.fromkeys(labels[k] for k in near)) or "-"
    return closest_names


def check(con: duckdb.DuckDBPyConnection, path: Path, submission_id: str | Callable[[], str],
          sheet: str | None = None, content: Content | None = None,
          approve_warnings: bool = False, received_at: dt.datetime | None = None) -> Checked:
    """Stage `path`, run the rules on it and compare its figures with the published ones;
    `prepare` must have run on `con`. The intake relations of the file before are replaced
    (`release` drops them when all files are done). `received_at`: the file's moment, at which
    a steward may have decided on its flagged figures (ingest --approve-warnings).
    `submission_id` may be asked for only once the rows are read: an extract's hash, which
    names it, is computed while DuckDB reads it (pipelines/loading.py)."""
    con.execute("set memory_limit = ?", [MEMORY_LIMIT])   # an extract's staged text had less
    try:
        kind, counted = staging.stage(con, path, sheet, content)
    except staging.Unreadable as err:
        return Checked(errors=err.errors, error_count=len(err.errors), staged=False,
                       kind="registry" if reading.is_extract(path) else "submission")
    if not counted:   # a clean extract's records are counted already (pipelines/extract_pass.py)
        for name in ("cells", "cell_rules"):
            statements.run(con, name)
        suggest_names(con)
        for name in ("checked_rows", "duplicates", "checked", "groups"):
            statements.run(con, name)
    accepted, rejected = con.execute(
        "select coalesce(sum(records) filter (where ok), 0), "
        "coalesce(sum(records) filter (where not ok), 0) from intake_group").fetchone()
    statements.run(con, "incoming")
    statements.run(con, "scope")
    checks = extract_checks()
    refused = kind == "registry" and rejected > checks.max_failing_records
    errors, count = reasons(con, checks if refused else None, int(rejected)) if rejected else ([], 0)
    warnings = plausibility_warnings(con)
    if callable(submission_id):
        submission_id = submission_id()
    statements.run(con, "changes", {"submission_id": submission_id,
                                    "approve_warnings": approve_warnings,
                                    "received_at": received_at})
    warnings = sorted(warnings + withdrawn_nothing(con), key=lambda w: w.row or 0)
    return Checked(kind, errors, warnings, count, int(accepted),
                   int(rejected), regions=distinct(con, "region"),
                   partners=distinct(con, "partner"), changes=changes(con),
                   change_counts=change_counts(con), refused=refused)


def changes(con: duckdb.DuckDBPyConnection) -> list[Change]:
    """The figures an input replaces, withdraws or holds, the first REPORTED_ERRORS of them."""
    return [Change(*row) for row in con.execute(
        "select c.source_row, c.region, c.indicator, c.period, p.name_nl, c.sector, "
        "c.old_value, c.new_value, c.change from intake_change as c "
        "join partner as p on p.code = c.partner "
        "where c.change in ('replaced', 'withdrawn', 'held', 'rejected') "
        "order by c.source_row, c.region, c.indicator, c.period, c.partner, c.sector limit ?",
        [REPORTED_ERRORS]).fetchall()]


def change_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many figures of an input each kind of change has (CHANGE_KINDS, zeros included)."""
    counted = dict(con.execute("select change, count(*) from intake_change group by change").fetchall())
    return {kind: int(counted.get(kind, 0)) for kind in CHANGE_KINDS}


def withdrawn_nothing(con: duckdb.DuckDBPyConnection) -> list[RowError]:
    """A warning for each withdrawal that finds no figure: the row changes nothing."""
    column = column_name(con)
    return [reason("nothing_to_withdraw", row=row, column=column, value=value) for row, value in
            con.execute("select c.source_row, s.value_text from intake_change as c "
                        "join staged as s on coalesce(s.source_row, s.rowid + 2) = c.source_row "
                        "where c.change = 'nothing' order by 1").fetchall()]


def distinct(con: duckdb.DuckDBPyConnection, column: str) -> tuple[str, ...]:
    """The codes in one key column of the figures an input adds: a partner's upload may only
    report for its own regions and organisations (dashboard/upload.py)."""
    assert column in ("region", "partner")   # an identifier from a fixed list
    return tuple(r[0] for r in con.execute(f"select distinct {column} from incoming order by 1").fetchall())


def reasons(con: duckdb.DuckDBPyConnection, ceiling: ExtractChecks | None = None,
            failing: int = 0) -> tuple[list[RowError], int]:
    """Every failing cell into intake_problem; the first REPORTED_ERRORS of them, and how many.
    `ceiling`: an extract with more than its `max_failing_records` (`failing`) is refused
    whole, and only the first `reasons_per_kind` cells of each reason are kept (what a report
    lists first stays the same), after the reason that says so: a file written wrong
    throughout costs a bounded report, not one reason per record (issue 27)."""
    per_kind = ceiling.reasons_per_kind if ceiling else None
    [past] = statements.run(con, "first_failing", {"per_kind": per_kind}).fetchone()
    statements.run(con, "problems", {"failing": True, "per_kind": per_kind})
    first = [ceiling_reason(failing, ceiling)] if ceiling else []
    for error in first:   # rejected_row keeps it with the others
        con.execute("insert into intake_problem (reason_nl, reason_en) values (?, ?)",
                    [error.reason_nl, error.reason_en])
    errors = first + [RowError(*row) for row in con.execute(
        "select source_row, column_name, value, reason_nl, reason_en from intake_problem "
        "where cells_failing is not null "
        "order by source_row, column_name is null, position limit ?",
        [REPORTED_ERRORS - len(first)]).fetchall()]
    [cells] = con.execute("select coalesce(max(cells_failing), 0) from intake_problem").fetchone()
    return errors, (past if ceiling else cells) + len(first)


def ceiling_reason(failing: int, ceiling: ExtractChecks) -> RowError:
    """Why an extract past its ceiling is refused whole, in each language's numbers."""
    numbers = (failing, ceiling.max_failing_records, ceiling.reasons_per_kind)
    return reason("too_many_failing", *(fmt_number(n, "nl") for n in numbers),
                  args_en=tuple(fmt_number(n, "en") for n in numbers))


def plausibility_warnings(con: duckdb.DuckDBPyConnection) -> list[RowError]:
    """Figures far above their own series (sql/pipelines/plausibility.sql): held for a
    steward's review (changes.sql), never a rejection. The warning names the series (or the
    group it fell back to), its median and the limit, in each language's numbers."""
    statements.run(con, "plausibility")
    rows = con.execute("select source_row, value, unit, limit_value, group_nl, group_en, median, "
                       "others + 1 from intake_flagged order by source_row").fetchall()
    column = column_name(con) if rows else None
    return [reason("implausible", *outlier_args(limit, group_nl, median, figures, unit, "nl"),
                   args_en=outlier_args(limit, group_en, median, figures, unit, "en"),
                   row=row, column=column, value=f"{value:g}")
            for row, value, unit, limit, group_nl, group_en, median, figures in rows]


def outlier_args(limit: float, group: str, median: float, figures: int, unit: str,
                 lang: str) -> tuple[str, str, str, str]:
    """The implausible reason's {1}–{4}: the limit, the group, its median, its figures."""
    shown_median = (fmt_amount(median, unit, lang) if unit == "euro" or float(median).is_integer()
                    else fmt_number(median, lang, 1))
    return fmt_amount(limit, unit, lang), group, shown_median, fmt_number(figures, lang)


def column_name(con: duckdb.DuckDBPyConnection) -> str | None:
    """The column that holds a figure in the staged input (waarde; none for an extract)."""
    row = con.execute("select c.column_name from intake_column as c where c.field = 'value_text' "
                      "and c.kind = (select any_value(kind) from staged)").fetchone()
    return row[0] if row else None


def release(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the staged rows and every intake relation: an extract's can hold millions."""
    con.execute("set memory_limit = ?", [MEMORY_LIMIT])
    for view in INTAKE_VIEWS:
        con.execute(f"drop view if exists temp.{view}")
    for table in INTAKE_RELATIONS:
        con.execute(f"drop table if exists temp.{table}")

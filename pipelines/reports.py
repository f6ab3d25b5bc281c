"""What `validate` and `ingest` say about each file, and the run's totals: the text report a
steward and a partner can act on (also written beside a file as <name>.rapport.txt), and the
same as JSON for machines (the upload check reads it).
"""
from __future__ import annotations

import json

from pipelines import runs
from pipelines.loading import FileResult
from regiomonitor.core import changes


def would_load(results: list[FileResult]) -> bool:
    """True when every file loads whole (or is already in the warehouse)."""
    return all(r.status in ("loaded", "unchanged") for r in results)


STATUS_WORDS = {"loaded": "geladen / loaded", "partial": "deels geladen / partly loaded",
                "rejected": "afgewezen / rejected", "unchanged": "al geladen, ongewijzigd / "
                "already loaded, unchanged"}
# A dry run (`validate`, the upload check) loaded nothing: it says what would happen.
DRY_RUN_WORDS = {"loaded": "zou laden / would load", "partial": "zou deels laden / would partly load",
                 "rejected": "zou afwijzen / would reject", "unchanged": "al geladen, ongewijzigd / "
                 "already loaded, unchanged"}


def verdict(r: FileResult, dry_run: bool = False) -> str:
    """What happened to a file (or would), with its rows; for a rejected file how many rows were
    valid and what to do next. Only a dry run offers --accept-valid-rows: once `ingest` has
    recorded the file as rejected, the same file again is 'unchanged' (its hash is known)."""
    words = (DRY_RUN_WORDS if dry_run else STATUS_WORDS)[r.status]
    if r.status != "rejected":
        rejected = f", {r.rows_rejected} afgewezen/rejected" if r.rows_rejected else ""
        return f"{words} ({r.rows} rijen/rows{rejected})"
    total = r.rows_valid + r.rows_rejected
    if not r.rows_valid:
        return f"{words}: geen geldige rijen / no valid rows ({r.rows_rejected} met fouten/with errors)"
    counts_nl = f"{r.rows_rejected} van {total} rijen hebben fouten"
    counts_en = f"{r.rows_rejected} of {total} rows have errors"
    if dry_run:
        return (f"{words}: {counts_nl}; de {r.rows_valid} geldige rijen laden met `regiomonitor "
                f"ingest --accept-valid-rows` / {counts_en}; the {r.rows_valid} valid rows load "
                f"with `regiomonitor ingest --accept-valid-rows`")
    return (f"{words}: {counts_nl}, {r.rows_valid} zijn geldig; verbeter de fouten en lever het "
            f"bestand opnieuw aan / {counts_en}, {r.rows_valid} are valid; correct the errors and "
            f"send the file again")


def report_text(results: list[FileResult], dry_run: bool = False) -> str:
    """A report a steward and a partner can act on, in Dutch and English; `dry_run` for
    `validate`, which loaded nothing."""
    lines = []
    for r in results:
        lines.append(f"{r.path.name}: {verdict(r, dry_run)}")
        for label, items in (("FOUT/ERROR", r.errors), ("WAARSCHUWING/WARNING", r.warnings)):
            for e in items:
                where = f"rij/row {e.row}" if e.row else "bestand/file"
                cell = f", kolom/column {e.column}" if e.column else ""
                value = f", waarde/value {e.value!r}" if e.value is not None else ""
                lines.append(f"  {label} {where}{cell}{value}: {e.reason_nl} | {e.reason_en}")
        lines += change_lines(r)
        if r.error_count > len(r.errors):
            lines.append(f"  … en nog {r.error_count - len(r.errors)} fouten / "
                         f"and {r.error_count - len(r.errors)} more errors (rejected_row)")
    return "\n".join(lines) + "\n"


SHOWN_CHANGES = 50   # the text report lists this many changes per file; --json up to 1000


def change_lines(result: FileResult) -> list[str]:
    """What a file changes in the published figures, in Dutch and English: the counts, then
    each figure it replaces, withdraws or holds for review."""
    if not any(result.change_counts.values()) or result.status == "rejected":
        return []
    counts = result.change_counts
    lines = [f"  WIJZIGINGEN/CHANGES: {changes.summary(counts, 'nl')} / {changes.summary(counts, 'en')}"]
    for c in result.changes[:SHOWN_CHANGES]:
        lines.append(f"    rij/row {c.source_row}: {changes.line(c, 'nl')} | {changes.line(c, 'en')}")
    if len(result.changes) > SHOWN_CHANGES:
        more = sum(counts[k] for k in ("replaced", "withdrawn", "held", "rejected")) - SHOWN_CHANGES
        lines.append(f"    … en nog {more} / and {more} more (--json)")
    return lines


def totals_text(results: list[FileResult], dry_run: bool = False) -> str:
    """One line with a run's counts, as pipeline_run keeps them (pipelines/runs.py); a dry run
    says what would load."""
    c = runs.counts(results)
    loaded, partly, rejected, rows, bad_rows = (
        ("zou laden/would load", "zou deels laden/would partly load", "zou afwijzen/would reject",
         "rijen zouden laden/rows would load", "met fouten/with errors") if dry_run else
        ("geladen/loaded", "deels/partly", "afgewezen/rejected", "rijen geladen/rows loaded",
         "afgewezen/rejected"))
    return (f"Totaal / total: {len(results)} bestanden/files: {c['files_loaded']} {loaded}, "
            f"{c['files_partial']} {partly}, {c['files_rejected']} {rejected}, "
            f"{c['files_unchanged']} ongewijzigd/unchanged; {c['rows_loaded']} {rows}, "
            f"{c['rows_rejected']} {bad_rows}; {c['errors']} fouten/errors, "
            f"{c['warnings']} waarschuwingen/warnings\n")


def report_json(results: list[FileResult], dry_run: bool = False) -> str:
    """The same report for machines: `status` keeps its codes, `verdict` the words of the text
    report (a dry run's "zou laden / would load"), `rows_valid` the rows without an error."""
    def reasons(items):
        return [{"row": e.row, "column": e.column, "value": e.value, "reason_nl": e.reason_nl,
                 "reason_en": e.reason_en} for e in items]
    return json.dumps({"dry_run": dry_run, "would_load": would_load(results),
                       "totals": runs.counts(results), "files": [
        {"file": str(r.path), "sha256": r.sha256, "kind": r.kind, "status": r.status,
         "verdict": verdict(r, dry_run), "rows": r.rows, "rows_valid": r.rows_valid,
         "rows_rejected": r.rows_rejected, "error_count": r.error_count,
         "duration_s": round(r.duration_s, 3),
         "regions": list(r.regions), "partners": list(r.partners),
         "changes": {"counts": r.change_counts,
                     "summary_nl": changes.summary(r.change_counts, "nl"),
                     "summary_en": changes.summary(r.change_counts, "en"),
                     "figures": [{"row": c.source_row, "region": c.region,
                                  "indicator": c.indicator, "period": c.period.isoformat(),
                                  "partner": c.partner, "sector": c.sector,
                                  "old_value": None if c.old_value is None else float(c.old_value),
                                  "new_value": None if c.new_value is None else float(c.new_value),
                                  "change": c.change, "text_nl": changes.line(c, "nl"),
                                  "text_en": changes.line(c, "en")} for c in r.changes]},
         "errors": reasons(r.errors), "warnings": reasons(r.warnings)}
        for r in results]}, ensure_ascii=False, indent=2)

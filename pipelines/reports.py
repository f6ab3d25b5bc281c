"""What `validate` and `ingest` say about each file, and the run's totals: the text report a
steward and a partner can act on, in the command's language (written beside a file with errors
as <name>.rapport.txt in Dutch and English), and the same as JSON for machines (the upload check
reads it).
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from core import changes
from core.formats import fmt_number
from core.states import submission_state
from core.texts import LANGUAGES, N_, _, command_language, ngettext
from pipelines import runs
from pipelines.inbox import Refusal, shown
from pipelines.loading import FileResult

# A dry run (`validate`, the upload check) loaded nothing: it says what would happen.
# It never says "loaded" (issue 23): not even of a file the warehouse already has.
DRY_RUN_WORDS = {"loaded": N_("would load"), "partial": N_("would partly load"),
                 "rejected": N_("would reject"), "unchanged": N_("already in the warehouse, unchanged")}
SHOWN_CHANGES = 50   # the text report lists this many changes per file; --json up to 1000


def would_load(results: list[FileResult]) -> bool:
    """True when every file loads whole (or is already in the warehouse)."""
    return all(r.status in ("loaded", "unchanged") for r in results)


def verdict(r: FileResult, dry_run: bool, lang: str) -> str:
    """What happened to a file (or would), with its rows; for a rejected file how many rows were
    valid and what to do next. Only a dry run offers --accept-valid-rows: once `ingest` has
    recorded the file as rejected, the same file again is 'unchanged' (its hash is known)."""
    words = _(DRY_RUN_WORDS[r.status], lang) if dry_run else submission_state(r.status, lang)

    def n(value: int) -> str:
        return fmt_number(value, lang)

    if r.status != "rejected":
        rows = ngettext("{n} row", "{n} rows", r.rows, lang, n=n(r.rows))
        if r.rows_rejected:
            rows += ", " + _("{n} rejected", lang, n=n(r.rows_rejected))
        return f"{words} ({rows})"
    if not r.rows_valid and not r.rows_rejected:   # not read as a table: the errors are the file's
        return _("{verdict}: the file as a whole has errors; no row was checked", lang, verdict=words)
    if not r.rows_valid:
        return _("{verdict}: no valid rows ({n} with errors)", lang, verdict=words, n=n(r.rows_rejected))
    errors = ngettext("{rejected} of {total} rows has errors", "{rejected} of {total} rows have errors",
                      r.rows_rejected, lang, rejected=n(r.rows_rejected),
                      total=n(r.rows_valid + r.rows_rejected))
    if dry_run:
        return _("{verdict}: {errors}; {valid} with `regiomonitor ingest --accept-valid-rows`", lang,
                 verdict=words, errors=errors,
                 valid=ngettext("the {n} valid row loads", "the {n} valid rows load", r.rows_valid, lang,
                                n=n(r.rows_valid)))
    return _("{verdict}: {errors}, {valid}; correct the errors and send the file again", lang,
             verdict=words, errors=errors,
             valid=ngettext("{n} is valid", "{n} are valid", r.rows_valid, lang, n=n(r.rows_valid)))


def report_text(results: list[FileResult], dry_run: bool, lang: str) -> str:
    """A report a steward and a partner can act on; `dry_run` for `validate`, which loaded nothing."""
    lines = []
    for r in results:
        lines.append(f"{r.path.name}: {verdict(r, dry_run, lang)}")
        for label, items in ((N_("ERROR"), r.errors), (N_("WARNING"), r.warnings)):
            for e in items:
                lines.append("  " + _(label, lang) + " " + problem_text(e, lang))
        lines += change_lines(r, lang, dry_run)
        if r.error_count > len(r.errors):
            more = r.error_count - len(r.errors)
            lines.append("  " + ngettext("… and {n} more error (rejected_row)",
                                         "… and {n} more errors (rejected_row)",
                                         more, lang, n=fmt_number(more, lang)))
    return "\n".join(lines) + "\n"


def problem_text(e: object, lang: str) -> str:
    """'row 3, column waarde, value '12a': expected a number' (a RowError, or a warning)."""
    where = _("row {row}", lang, row=e.row) if e.row else _("file", lang)
    if e.column:
        where += ", " + _("column {column}", lang, column=e.column)
    if e.value is not None:
        where += ", " + _("value {value}", lang, value=repr(e.value))
    return f"{where}: {e.reason_nl if lang == 'nl' else e.reason_en}"


def bilingual_report(result: FileResult) -> str:
    """The report written beside a file with errors or warnings (<name>.rapport.txt): for the
    partner who sent it, in Dutch and then in English."""
    return "\n".join(report_text([result], False, lang) for lang in LANGUAGES)


def changes_summary(result: FileResult, dry_run: bool, lang: str) -> str:
    """What a file changes, in words: 'voegt 12 cijfers toe, vervangt 1 cijfer'; a rejected
    file adds nothing, whatever its valid rows would have (issue 23), and says so."""
    if result.status == "rejected":
        return _("nothing: a file that would be rejected adds no figures", lang) if dry_run else \
            _("nothing: a rejected file adds no figures", lang)
    return changes.summary(result.change_counts, lang)


def change_lines(result: FileResult, lang: str, dry_run: bool = False) -> list[str]:
    """What a file changes in the published figures: the counts, then each figure it replaces,
    withdraws or holds for review; for a rejected file, that it changes nothing."""
    if result.status == "rejected":
        return ["  " + _("CHANGES: {summary}", lang, summary=changes_summary(result, dry_run, lang))]
    if not any(result.change_counts.values()):
        return []
    counts = result.change_counts
    lines = ["  " + _("CHANGES: {summary}", lang, summary=changes_summary(result, dry_run, lang))]
    for c in result.changes[:SHOWN_CHANGES]:
        lines.append("    " + changes.located(c, lang))
    if len(result.changes) > SHOWN_CHANGES:
        more = sum(counts[k] for k in ("replaced", "withdrawn", "held", "rejected")) - SHOWN_CHANGES
        lines.append("    " + _("… and {n} more (--json)", lang, n=fmt_number(more, lang)))
    return lines


def totals_text(results: list[FileResult], dry_run: bool, lang: str) -> str:
    """One line with a run's counts, as pipeline_run keeps them (pipelines/runs.py); a dry run
    says what would load."""
    c = {k: fmt_number(v, lang) for k, v in runs.counts(results).items()}
    files = ngettext("{n} file", "{n} files", len(results), lang, n=fmt_number(len(results), lang))
    line = (N_("Total: {files}; would load {files_loaded}, would partly load {files_partial}, would "
               "reject {files_rejected}, unchanged {files_unchanged}; rows that would load {rows_loaded}, "
               "with errors {rows_rejected}; errors {errors}, warnings {warnings}") if dry_run else
            N_("Total: {files}; loaded {files_loaded}, partly {files_partial}, rejected {files_rejected}, "
               "unchanged {files_unchanged}; rows loaded {rows_loaded}, rejected {rows_rejected}; errors "
               "{errors}, warnings {warnings}"))
    return _(line, lang, files=files, **c) + "\n"


def report_json(results: list[FileResult], dry_run: bool, lang: str | None = None,
                refused: Sequence[Refusal] = ()) -> str:
    """The same report for machines: `status` keeps its codes, `verdict` the words of the text
    report in the command's language; texts a page shows come in both languages (_nl, _en).
    `refused`: files not read at all (too large, a link…), each with its reason, so that a
    caller reading only this JSON (the upload page) can say why."""
    lang = lang or command_language()

    def reasons(items):
        return [{"row": e.row, "column": e.column, "value": e.value, "reason_nl": e.reason_nl,
                 "reason_en": e.reason_en} for e in items]
    return json.dumps({"dry_run": dry_run, "would_load": would_load(results) and not refused,
                       "totals": runs.counts(results), "files": [
        {"file": str(r.path), "sha256": r.sha256, "kind": r.kind, "status": r.status,
         "verdict": verdict(r, dry_run, lang), "rows": r.rows, "rows_valid": r.rows_valid,
         "rows_rejected": r.rows_rejected, "error_count": r.error_count,
         "duration_s": round(r.duration_s, 3),
         "regions": list(r.regions), "partners": list(r.partners),
         "changes": {"counts": r.change_counts,
                     "summary_nl": changes_summary(r, dry_run, "nl"),
                     "summary_en": changes_summary(r, dry_run, "en"),
                     "figures": [{"row": c.source_row, "region": c.region,
                                  "indicator": c.indicator, "period": c.period.isoformat(),
                                  "partner": c.partner, "sector": c.sector,
                                  "old_value": None if c.old_value is None else float(c.old_value),
                                  "new_value": None if c.new_value is None else float(c.new_value),
                                  "change": c.change, "text_nl": changes.line(c, "nl"),
                                  "text_en": changes.line(c, "en"),
                                  "located_nl": changes.located(c, "nl"),
                                  "located_en": changes.located(c, "en")} for c in r.changes]},
         "errors": reasons(r.errors), "warnings": reasons(r.warnings)}
        for r in results],
        "refused": [{"file": shown(r.path), "reason_nl": r.why("nl"), "reason_en": r.why("en")}
                    for r in refused]}, ensure_ascii=False, indent=2)

"""`regiomonitor progress`: one region's progress table in the terminal, read from the views.

Every figure comes from v_progress_monthly (sql/views/10_progress.sql); nothing is
recomputed here, only formatted.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from regiomonitor.core import presentation
from regiomonitor.core.formats import as_date, fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct
from regiomonitor.core.places import Place, find
from regiomonitor.core.sql_files import query_text
from regiomonitor.core.texts import t

MAX_SUGGESTIONS = 5   # close names an unknown --region gets

def _cells(row: pd.Series, lang: str) -> list[str]:
    """The column of one indicator, in the order of the row labels below."""
    unit = row["unit"]

    def amount(value: object) -> str:
        return "–" if value is None or pd.isna(value) else fmt_amount(float(value), unit, lang)

    statuses = {row["status"]: row[f"status_{lang}"]} if isinstance(row["status"], str) else {}
    status = presentation.status_text(row, statuses, lang, short=True)
    mark = t("cli_provisional_mark", lang) if row["provisional"] else ""
    has_interval = pd.notna(row["projected_low"])
    return [
        amount(row["baseline_value"]), fmt_date(as_date(row["baseline_date"]), lang),
        amount(row["target_value"]), fmt_date(as_date(row["deadline"]), lang),
        f"{row['version']} ({row['version_count'] - 1})",
        amount(row["realised"]) + (" (d)" if row["observations_demo"] else "") + mark,
        fmt_pct(row["achievement"], lang) + mark,
        f"{fmt_pct(row['elapsed_fraction'], lang)} ({row['months_elapsed']}/{row['months_total']})",
        amount(row["expected"]), amount(row["gap"]),
        fmt_number(row["run_rate"], lang, 1) if pd.notna(row["run_rate"]) else "–",
        fmt_number(row["required_per_month"], lang, 1) if pd.notna(row["required_per_month"]) else "–",
        fmt_pct(row["pace_ratio"], lang),
        status,
        amount(row["projected"]),
        f"{amount(row['projected_low'])} – {amount(row['projected_high'])}" if has_interval else "–",
        presentation.reached_text(row, lang, short=True),
        f"{fmt_number(row['realised_per_10k'], lang, 1)} / {fmt_number(row['target_per_10k'], lang, 1)}",
        fmt_month(as_date(row["last_reported_month"]), lang, short=True),
        fmt_month(as_date(row["stand_month"]), lang, short=True),
        fmt_number(row["months_incomplete"], lang),
    ]


ROW_KEYS = ["baseline", "baseline_date", "target", "deadline", "version", "realised", "achievement",
            "elapsed", "expected", "gap", "run_rate", "required", "pace", "status", "projected",
            "interval", "reached", "per_10k", "last_reported", "stand", "completeness"]


def render(frame: pd.DataFrame, lang: str, late: pd.DataFrame | None = None) -> str:
    """A plain-text table: metrics down, indicators across."""
    first = frame.iloc[0]
    title = t("cli_title", lang, region=first["region_name"], code=first["region"],
                                         programme=first["programme_name"],
                                         month=fmt_month(as_date(first["as_of_month"]), lang))
    columns = [[row[f"label_{lang}"], *_cells(row, lang)] for _, row in frame.iterrows()]
    labels = ["", *(t("cli_" + k, lang) for k in ROW_KEYS)]
    widths = [max(len(c) for c in col) for col in [labels, *columns]]
    lines = [title, ""]
    for i, label in enumerate(labels):
        cells = [label.ljust(widths[0])] + [col[i].rjust(w) for col, w in zip(columns, widths[1:])]
        lines.append("  ".join(cells).rstrip())
    if frame["provisional"].any() or frame["status_provisional"].any():
        lines += ["", t("cli_provisional_note", lang)]
    behind = late[late["months_behind"] > 0] if late is not None else []
    if len(behind):
        lines += [""] + [t("cli_late", lang, partner=getattr(r, f"partner_{lang}"),
                                                      n=r.months_behind,
                                                      month=fmt_month(as_date(r.behind_since), lang, short=True))
                         for r in behind.itertuples()]
    if frame["is_demo"].any():
        lines += ["", t("cli_demo", lang)]
    return "\n".join(lines)


def region_code(con: duckdb.DuckDBPyConnection, text: str, lang: str) -> str:
    """The region `text` names (code, region name or gemeente, as the dashboard's search box
    reads it), or a ValueError that says what was not found and which names are close."""
    found = find(text, [Place(*row) for row in con.execute(query_text("search_places")).fetchall()])
    if found.region:
        return found.region
    close = [f"{p.name} ({p.region})" if p.kind == "region"
             else f"{p.name} ({t('cli_gemeente', lang)}, {p.region} {p.region_name})"
             for p in found.suggestions[:MAX_SUGGESTIONS]]
    key = "cli_region_suggest" if close else "cli_region_unknown"
    raise ValueError(t(key, lang, region=text, names="; ".join(close)))


def progress_report(warehouse: Path, region: str, month: dt.date | None = None,
                    programme: str | None = None, lang: str = "nl") -> str:
    """The report for one region, named as a reader would (AM10, Rivierenland, Tiel), or a
    ValueError that says why there is none."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        code = region_code(con, region, lang)
        frame = con.execute(query_text("progress_report"),
                            {"region": code, "month": month, "programme": programme}).df()
        late = con.execute(query_text("region_late_partners"),
                           {"region": code,
                            "programme": frame["programme"].iloc[0] if len(frame) else programme}).df()
    finally:
        con.close()
    if frame.empty:
        raise ValueError(t("cli_no_region", lang,
            code=code, month=fmt_month(month, lang) if month else "–"))
    return render(frame, lang, late)

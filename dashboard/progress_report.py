"""`regiomonitor progress`: one region's progress table in the terminal, read from the views.

Every figure comes from mv_progress_monthly (v_progress_stand, sql/views/15_provisional.sql, over
sql/views/10_progress.sql); nothing is recomputed here, only formatted. Status, anticipated
progress α, projection and "target reached in" come from one row there, so they cannot disagree.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from core import presentation
from core.formats import as_date, fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct
from core.places import Place, find
from core.sql_files import query_text
from core.texts import N_, _, ngettext

MAX_SUGGESTIONS = 5   # close names an unknown --region gets

def _cells(row: pd.Series, lang: str) -> list[str]:
    """The column of one indicator, in the order of the row labels below."""
    unit = row["unit"]

    def amount(value: object) -> str:
        return "–" if value is None or pd.isna(value) else fmt_amount(float(value), unit, lang)

    statuses = {row["status"]: row[f"status_{lang}"]} if isinstance(row["status"], str) else {}
    status = presentation.status_text(row, statuses, lang, short=True)
    mark = " " + _("(p)", lang) if row["provisional"] else ""
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
        fmt_pct(row["anticipated_ratio"], lang),
        status,
        amount(row["projected"]),
        f"{amount(row['projected_low'])} – {amount(row['projected_high'])}" if has_interval else "–",
        presentation.reached_text(row, lang, short=True),
        f"{fmt_number(row['realised_per_10k'], lang, 1)} / {fmt_number(row['target_per_10k'], lang, 1)}",
        fmt_month(as_date(row["last_reported_month"]), lang, short=True),
        fmt_month(as_date(row["stand_month"]), lang, short=True),
        fmt_number(row["months_incomplete"], lang),
    ]


# The rows' labels, in the order of _cells; an indented label details the row above it.
ROW_LABELS = [N_("Baseline"), "  " + N_("on"), N_("Target"), "  " + N_("deadline"),
              "  " + N_("version (amendments)"), N_("Realised R"), N_("Share of target (R/T)"),
              N_("Elapsed τ (months)"), N_("Expected on straight path E"), N_("Gap R − E"),
              N_("Per month so far"), N_("Required per month from now"), N_("Pace ratio ρ"),
              N_("Anticipated progress α"), N_("Status"), N_("Projected at deadline"),
              "  " + N_("interval (95%)"), N_("Target reached in"), N_("Per 10,000 aged 15-74: R / T"),
              N_("Last reported"), N_("As of (last complete month)"), N_("Incomplete months")]


def render(frame: pd.DataFrame, lang: str, late: pd.DataFrame | None = None) -> str:
    """A plain-text table: metrics down, indicators across."""
    first = frame.iloc[0]
    title = _("{region} ({code}) · {programme} · as of {month}", lang, region=first["region_name"],
              code=first["region"], programme=first["programme_name"],
              month=fmt_month(as_date(first["as_of_month"]), lang))
    columns = [[row[f"label_{lang}"], *_cells(row, lang)] for _index, row in frame.iterrows()]
    labels = ["", *(label[:-len(label.lstrip())] + _(label.lstrip(), lang) for label in ROW_LABELS)]
    widths = [max(len(c) for c in col) for col in [labels, *columns]]
    lines = [title, ""]
    for i, label in enumerate(labels):
        cells = [label.ljust(widths[0])] + [col[i].rjust(w) for col, w in zip(columns, widths[1:])]
        lines.append("  ".join(cells).rstrip())
    if frame["provisional"].any() or frame["status_provisional"].any():
        lines += ["", _("(p) provisional: includes months not yet delivered by every expected partner "
                        "(not delivered does not count as 0); status, pace and projection rest on the "
                        "last complete month.", lang)]
    behind = late[late["behind"].astype(bool)] if late is not None else []
    if len(behind):
        lines += [""] + [ngettext("Behind: {partner} {n} month behind, since {month}",
                                  "Behind: {partner} {n} months behind, since {month}", r.months_behind,
                                  lang, partner=getattr(r, f"partner_{lang}"), n=r.months_behind,
                                  month=fmt_month(as_date(r.behind_since), lang, short=True))
                         for r in behind.itertuples()]
    if frame["is_demo"].any():
        lines += ["", _("Demonstration data (demonstratiedata): figures marked (d) are generated.", lang)]
    return "\n".join(lines)


def region_code(con: duckdb.DuckDBPyConnection, text: str, lang: str) -> str:
    """The region `text` names (code, region name or gemeente, as the dashboard's search box
    reads it), or a ValueError that says what was not found and which names are close."""
    found = find(text, [Place(*row) for row in con.execute(query_text("search_places")).fetchall()])
    if found.region:
        return found.region
    close = [f"{p.name} ({p.region})" if p.kind == "region"
             else _("{name} (municipality, {code} {region})", lang, name=p.name, code=p.region,
                    region=p.region_name)
             for p in found.suggestions[:MAX_SUGGESTIONS]]
    if close:
        raise ValueError(_("No region found for '{region}'. Did you mean: {names}?", lang, region=text,
                           names="; ".join(close)))
    raise ValueError(_("No region found for '{region}'. Give a region code (AM10), a region name "
                       "(Rivierenland) or a gemeente (Tiel).", lang, region=text))


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
        raise ValueError(_("No progress for region {code} in {month}: unknown region, no targets, or a "
                           "month outside the programme.", lang,
            code=code, month=fmt_month(month, lang) if month else "–"))
    return render(frame, lang, late)

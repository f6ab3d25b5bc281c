"""Plotly figures. Everything shown is formatted here for the chosen language, so
hovers read 1.200 and 80,5% in Dutch; no figure makes a request outside localhost."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from core.formats import (
    as_date,
    fmt_amount,
    fmt_date,
    fmt_millions,
    fmt_month,
    fmt_number,
    plotly_separators,
)
from core.texts import _

TARGET_LINE = {"color": "#7f2704", "dash": "longdash", "width": 2}

# A point's hover: its date and value as hover_texts wrote them, and the trace's name.
HOVER = "%{text}<extra>%{fullData.name}</extra>"


def hover_texts(days: list, values: list, unit: str, lang: str) -> list[str]:
    """'30-11-2006: 1.200' for each point, in the reader's format (plotly's own dates are English)."""
    return [f"{fmt_date(as_date(day), lang)}: {fmt_amount(value, unit, lang)}"
            for day, value in zip(days, values)]


def line(days: list, values: list, unit: str, lang: str) -> dict:
    """A trace's points with their hover texts."""
    return {"x": days, "y": values, "text": hover_texts(days, values, unit, lang), "hovertemplate": HOVER}


def realised_traces(series: pd.DataFrame, target: pd.Series, lang: str) -> list[dict]:
    """Realised up to the stand month as a solid line, later (provisional) months as a dashed
    line; every month not completely delivered has an open marker, so the difference does not
    rest on colour or line style alone."""
    start = target["baseline_date"]
    months = [start, *(month_end(m) for m in series["as_of_month"].iloc[1:])]
    stand = pd.Timestamp(target["stand_month"] if pd.notna(target["stand_month"]) else target["as_of_month"])
    settled = [pd.Timestamp(m) <= stand for m in series["as_of_month"]]
    symbols = ["circle" if complete else "circle-open" for complete in series["complete"]]

    def trace(keep: list[bool], name: str, dash: str) -> dict:
        return {"type": "scatter", **line([m for m, k in zip(months, keep) if k],
                                          [v for v, k in zip(series["realised"].tolist(), keep) if k],
                                          target["unit"], lang),
                "name": name, "mode": "lines+markers",
                "line": {"color": "#08519c", "width": 3, "dash": dash},
                "marker": {"size": 8, "symbol": [s for s, k in zip(symbols, keep) if k],
                           "line": {"width": 2, "color": "#08519c"}}}

    data = [trace(settled, _("Realised (cumulative)", lang), "solid")]
    if not all(settled):  # from the stand month on, so the dashed line joins the solid one
        later = [pd.Timestamp(m) >= stand for m in series["as_of_month"]]
        data.append(trace(later, _("Provisional (incomplete)", lang), "dash") | {
            "marker": {"size": 9, "symbol": "circle-open", "line": {"width": 2, "color": "#08519c"}}})
    return data


def trajectory(series: pd.DataFrame, target: pd.Series, label: str, lang: str) -> dict:
    """Realised at each month end against the straight path, with the projection (from the month
    the status was taken at, the last complete one, to the deadline) and its interval; a plain
    figure dict: plotly's validating graph objects cost tens of milliseconds per figure."""
    base, goal = target["baseline_value"], target["target_value"]
    start, end = target["baseline_date"], target["deadline"]
    unit = target["unit"]
    data = [
        {"type": "scatter", **line([start, end], [base, goal], unit, lang),
         "name": _("Straight path to target", lang), "mode": "lines",
         "line": {"dash": "dash", "color": "#6c6c6c"}},
        *(realised_traces(series, target, lang) if len(series) else []),
    ]
    now, level = month_end(target["status_month"]), target["stand_realised"]
    if pd.notna(target["projected"]) and pd.notna(level) and now < pd.Timestamp(end).date():
        if pd.notna(target["projected_low"]) and pd.notna(target["projected_high"]):
            data.append({"type": "scatter", "x": [now, end, end, now],
                         "y": [level, target["projected_low"], target["projected_high"], level],
                         "mode": "lines", "fill": "toself", "fillcolor": "rgba(230, 97, 1, 0.15)",
                         "line": {"width": 0}, "name": _("Projection interval (95%)", lang),
                         "hoverinfo": "skip"})
        data.append({"type": "scatter", **line([now, end], [level, target["projected"]], unit, lang),
                     "name": _("Projection (pace of the last 6 months)", lang), "mode": "lines",
                     "line": {"color": "#e66101", "dash": "dot", "width": 2}})
    data.insert(0, {"type": "scatter", **line([start, end], [goal, goal], unit, lang), "mode": "lines",
                    "name": _("Target {value}", lang, value=fmt_amount(goal, unit, lang)),
                    "line": TARGET_LINE})
    top = max([goal, *series["realised"].dropna().tolist(),
               *(v for v in (target["projected_high"], target["projected"]) if pd.notna(v))])
    layout = {"title": {"text": label, "font": {"size": 15}}, "height": 320,
              "margin": {"l": 64, "r": 20, "t": 40, "b": 40}, "separators": plotly_separators(lang),
              "legend": {"orientation": "h", "y": -0.22}, "plot_bgcolor": "#ffffff",
              "xaxis": {"gridcolor": "#e5e5e5", **month_axis(start, end, lang)},
              "yaxis": {"rangemode": "tozero", "gridcolor": "#e5e5e5", **number_axis(top, lang)}}
    return {"data": data, "layout": layout}


def month_end(first_day: dt.date) -> dt.date:
    """A reporting month's figures are known at its last day."""
    first_day = pd.Timestamp(first_day).date()
    next_month = dt.date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def month_axis(start: object, end: object, lang: str, ticks: int = 6) -> dict:
    """Month ticks in the reader's language ("jan 2007"; plotly's own month names are English),
    the year under the month and level: on a 390 px phone one-line labels tilt over each other
    (issue 26)."""
    first, last = pd.Timestamp(start).to_period("M"), pd.Timestamp(end).to_period("M")
    step = max(1, -(-((last - first).n + 1) // ticks))
    months = [(first + i).to_timestamp().date() for i in range(0, (last - first).n + 1, step)]
    return {"tickmode": "array", "tickvals": months, "tickangle": 0,
            "ticktext": ["<br>".join(fmt_month(m, lang, short=True).rsplit(" ", 1)) for m in months]}


def number_axis(top: float, lang: str, ticks: int = 5, share: bool = False) -> dict:
    """Round ticks from 0 to `top` written the reader's way: 1.500, 1,5 mln, 80%."""
    if share:
        return {"tickformat": ".0%", "range": [0, max(1.05, top * 1.05)]}
    raw = max(top, 1) / ticks
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [i * step for i in range(int(top // step) + 2)]
    return {"tickmode": "array", "tickvals": values, "range": [0, values[-1]],
            "ticktext": [fmt_millions(v, lang) if values[-1] >= 1_000_000 and v else fmt_number(v, lang)
                         for v in values]}

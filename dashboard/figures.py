"""Plotly figures. Everything shown is formatted here for the chosen language, so
hovers read 1.200 and 80,5% in Dutch; no figure makes a request outside localhost."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import fmt_amount, fmt_pct, t

# Colour-blind safe sequential scale (ColorBrewer YlGnBu), light = far from target.
PROGRESS_SCALE = "YlGnBu"
SEPARATORS = {"nl": ",.", "en": ".,"}
NO_TARGET_GREY = "#bdbdbd"
MAP_CENTER = {"lon": 5.35, "lat": 52.05}


def feature_collection(geometry: pd.DataFrame) -> dict:
    """GeoJSON FeatureCollection with the region code as feature id."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": code, "properties": {"name": name}, "geometry": json.loads(geo)}
        for code, name, geo in zip(geometry["code"], geometry["name"], geometry["geojson"])]}


def progress_map(progress: pd.DataFrame, geometry: pd.DataFrame, lang: str) -> go.Figure:
    """Choropleth of % of target (capped at 100%); regions without a target in grey."""
    geojson = feature_collection(geometry)
    has_target = progress["achievement"].notna()
    with_target, without = progress[has_target], progress[~has_target]
    hover = [t("hover", lang, name=row.region_name, code=row.region,
               realised=fmt_amount(row.realised, row.unit, lang),
               target=fmt_amount(row.target_value, row.unit, lang),
               pct=fmt_pct(row.achievement, lang)) for row in with_target.itertuples()]
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=with_target["region"],
        z=with_target["achievement"].clip(upper=1.0), zmin=0, zmax=1,
        colorscale=PROGRESS_SCALE, marker_line_color="#ffffff", marker_line_width=1.5,
        text=hover, hovertemplate="%{text}<extra></extra>",
        colorbar={"title": {"text": t("col_pct", lang)}, "tickformat": ".0%"},
    ))
    if len(without):
        fig.add_trace(go.Choroplethmap(
            geojson=geojson, locations=without["region"], z=[0] * len(without),
            colorscale=[[0, NO_TARGET_GREY], [1, NO_TARGET_GREY]], showscale=False,
            marker_line_color="#ffffff", marker_line_width=1.5,
            text=[f"<b>{n}</b> ({c})<br>{t('no_target', lang)}"
                  for n, c in zip(without["region_name"], without["region"])],
            hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(map={"style": "white-bg", "center": MAP_CENTER, "zoom": 6.4},
                      margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=560,
                      separators=SEPARATORS[lang])
    return fig


def trajectory(series: pd.DataFrame, target: pd.Series, label: str, lang: str) -> go.Figure:
    """Realised at each month end against the straight path, with the projection and its interval."""
    base, goal = target["baseline_value"], target["target_value"]
    start, end = target["baseline_date"], target["deadline"]
    months = [start, *(month_end(m) for m in series["as_of_month"].iloc[1:])]
    hover = "%{x|%d-%m-%Y}: %{y:,.0f}<extra></extra>"
    traces = [
        go.Scatter(x=[start, end], y=[base, goal], name=t("chart_path", lang), mode="lines",
                   line={"dash": "dash", "color": "#6c6c6c"}, hovertemplate=hover),
        go.Scatter(x=months, y=series["realised"], name=t("chart_realised", lang),
                   mode="lines+markers", line={"color": "#08519c", "width": 3}, hovertemplate=hover),
    ]
    if target["months_remaining"] > 0 and pd.notna(target["projected"]):
        now = month_end(target["as_of_month"])
        if pd.notna(target["projected_low"]):
            traces.append(go.Scatter(
                x=[now, end, end, now], y=[target["realised"], target["projected_low"],
                                           target["projected_high"], target["realised"]],
                mode="lines", fill="toself", fillcolor="rgba(230, 97, 1, 0.15)", line={"width": 0},
                name=t("chart_interval", lang), hoverinfo="skip"))
        traces.append(go.Scatter(x=[now, end], y=[target["realised"], target["projected"]],
                                 name=t("chart_projection", lang), mode="lines",
                                 line={"color": "#e66101", "dash": "dot", "width": 2},
                                 hovertemplate=hover))
    fig = go.Figure(traces)
    fig.add_hline(y=goal, line={"color": "#b35806", "dash": "dot"},
                  annotation_text=f"{t('chart_target', lang)} {fmt_amount(goal, target['unit'], lang)}")
    fig.update_layout(title={"text": label, "font": {"size": 15}}, height=300,
                      margin={"l": 60, "r": 20, "t": 40, "b": 40}, separators=SEPARATORS[lang],
                      legend={"orientation": "h", "y": -0.25}, plot_bgcolor="#ffffff",
                      xaxis={"tickformat": "%m-%Y", "gridcolor": "#e5e5e5"},
                      yaxis={"rangemode": "tozero", "gridcolor": "#e5e5e5"})
    return fig


def month_end(first_day: dt.date) -> dt.date:
    """A reporting month's figures are known at its last day."""
    first_day = pd.Timestamp(first_day).date()
    next_month = dt.date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)

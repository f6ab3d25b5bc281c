"""The context model (issue 26): per programme and indicator, the level at the programme's start
per 10.000 inhabitants 15-74, explained by at most three context figures.

    log E[B] = log(P / 10.000) + b0 + b1·unemployment_pct + b2·bbl_per_100 + b3·bol_per_100

A Poisson GLM with the population as offset, its intervals from the Pearson χ² scale
(quasi-Poisson: levels in euros, or counts more spread than Poisson, still get honest
intervals). It is fitted once per build, on the rows of v_context_levels (sql/views/80_context.sql:
the version-1 baselines and the context of the start year), so a figure from after the start can
never move it; the coefficients are stored with the context file's SHA-256, and the expected
figure is SQL over them (v_context_expected). Python fits; it never computes the figure itself.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import statsmodels
from statsmodels.genmod import families
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.tools.tools import add_constant

from pipelines import statements

TERMS = ["intercept", "unemployment_pct", "bbl_per_100", "bol_per_100"]
PER = 10_000


@dataclass(frozen=True)
class Fit:
    """A fitted model: coefficients with standard errors and 95% intervals, and its fit."""

    estimate: np.ndarray
    std_error: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    pseudo_r2: float


def fit(levels: np.ndarray, population: np.ndarray, predictors: np.ndarray) -> Fit:
    """Poisson GLM of `levels` with offset log(population / 10.000) on an intercept and the
    columns of `predictors`; pseudo-R² = 1 − deviance / null deviance."""
    exog = add_constant(np.asarray(predictors, dtype=float), has_constant="add")
    model = GLM(np.asarray(levels, dtype=float), exog, family=families.Poisson(),
                offset=np.log(np.asarray(population, dtype=float) / PER))
    result = model.fit(scale="X2")
    interval = result.conf_int(alpha=0.05)
    return Fit(result.params, result.bse, interval[:, 0], interval[:, 1],
               float(1 - result.deviance / result.null_deviance))


def leave_one_out(levels: np.ndarray, population: np.ndarray,
                  predictors: np.ndarray) -> np.ndarray:
    """Each region's level per 10.000 as predicted by the model fitted on all other regions."""
    out = np.empty(len(levels))
    for i in range(len(levels)):
        keep = np.arange(len(levels)) != i
        b = fit(levels[keep], population[keep], predictors[keep]).estimate
        out[i] = np.exp(b[0] + predictors[i] @ b[1:])
    return out


def fit_all(con: duckdb.DuckDBPyConnection, context_sha256: str) -> dict[str, str]:
    """Fit every programme × indicator of v_context_levels and store the fits, coefficients and
    leave-one-out predictions; returns indicator → status."""
    minimum = int(con.execute(
        "select value from setting where name = 'context_min_regions'").fetchone()[0])
    frame = con.execute("select * from v_context_levels where usable "
                        "order by programme, indicator, region").df()
    groups = con.execute("select distinct programme, indicator, fit_year, bool_or(is_demo) "
                         "from v_context_levels group by all order by all").fetchall()
    statuses = {}
    for programme, indicator, fit_year, is_demo in groups:
        part = frame[(frame.programme == programme) & (frame.indicator == indicator)]
        enough = len(part) >= minimum and int((part.baseline_value > 0).sum()) >= minimum
        status = "fitted" if enough else "too_few"
        result = fit(*arrays(part)) if enough else None
        con.execute("insert into context_fit values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [programme, indicator, fit_year, status, len(part), minimum,
                     result.pseudo_r2 if result else None, context_sha256,
                     statsmodels.__version__, bool(is_demo)])
        if result:
            store_fit(con, programme, indicator, part, result)
        statuses[indicator] = status
    return statuses


def arrays(part: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Levels, populations and predictors of one indicator's rows of v_context_levels."""
    return (part.baseline_value.to_numpy(float), part.population_15_74.to_numpy(float),
            part[TERMS[1:]].to_numpy(float))


def store_fit(con: duckdb.DuckDBPyConnection, programme: str, indicator: str,
              part: pd.DataFrame, result: Fit) -> None:
    """Store one indicator's coefficients and leave-one-out predictions (their errors are
    summed up in SQL, sql/queries/methode_context.sql)."""
    statements.insert_values(
        con, "context_coefficient",
        [[programme, indicator, term, float(e), float(s), float(lo), float(hi)]
         for term, e, s, lo, hi in zip(TERMS, result.estimate, result.std_error,
                                       result.ci_low, result.ci_high)])
    levels, population, predictors = arrays(part)
    predicted = leave_one_out(levels, population, predictors)
    statements.insert_values(
        con, "context_loo",
        [[programme, indicator, r, float(o), float(p)]
         for r, o, p in zip(part.region, levels / population * PER, predicted)])

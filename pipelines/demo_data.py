"""Deterministic demonstration data: targets for regions without real ones, and
partner submissions that go through the same loading path as real files.

Only the seed document's figures are real (Rivierenland's baselines and targets,
which live in data/reference/targets.csv). Everything written here is generated,
and the inbox carries a DEMONSTRATIEDATA.txt marker so every loaded row is
flagged as demo and the dashboard labels it "demonstratiedata".
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openpyxl

from core.formats import fmt_month, fmt_number
from core.settings import DEMO_MARKER
from pipelines import reference

SEED = 2005
# The demo shows the covenant as a monitor would have seen it in summer 2007:
# 19 of the 24 months have passed, so projections and statuses still matter.
FIRST_MONTH = dt.date(2005, 12, 1)
LAST_MONTH = dt.date(2007, 6, 1)
DEMO_SOURCE = "Demonstratiedata: gegenereerd door pipelines/demo_data.py (seed 2005)"
DEMO_NOTE = "demonstratiedata (gegenereerd)"

# Which partners deliver which indicator, and their usual share of it.
PARTNER_SHARES: dict[str, dict[str, float]] = {
    "leerwerkplaatsen": {"roc": 0.5, "werkgevers": 0.3, "gemeenten": 0.2},
    "evc_trajecten": {"roc": 0.4, "uwv": 0.6},
    "stages": {"roc": 0.75, "werkgevers": 0.25},
    "oo_uitgaven_eur": {"oo_fondsen": 1.0},
}
SECTORS = ["zorg", "techniek", "bouw", "logistiek", "handel", "agrarisch"]
# How each partner's file is written, to exercise what Dutch offices produce.
FILE_STYLES = ["csv_semicolon_bom", "xlsx", "csv_semicolon_cp1252", "csv_comma"]


@dataclass(frozen=True)
class DemoTarget:
    """A generated target, in the same shape as data/reference/targets.csv."""

    region: str
    indicator: str
    baseline: float
    target: float
    version: int = 1
    valid_from: str = ""
    note: str = ""


# One demo amendment, so the covenant register and its history have something to show.
AMENDMENT = {"region": "AM22", "indicator": "stages", "valid_from": "2006-11-28", "factor": 1.2,
             "note": "Demonstratiedata: doel na de tussenevaluatie met 20% verhoogd"}
# Working-age people (15-74) per unit of the generated region size.
POPULATION_PER_SIZE = 180_000


def months() -> list[dt.date]:
    """First days of the months the demo covers."""
    out, m = [], FIRST_MONTH
    while m <= LAST_MONTH:
        out.append(m)
        m = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return out


def _round_to(value: float, step: int) -> float:
    return float(max(step, round(value / step) * step))


def generate_targets(rng: np.random.Generator, regions: list[str],
                     real: set[tuple[str, str]]) -> tuple[list[DemoTarget], dict[str, int]]:
    """Targets scaled to a random region size, for every pair without a real target,
    and a working-age population of the same size."""
    out, population = [], {}
    for region in regions:
        size = float(rng.uniform(0.4, 2.6))
        population[region] = int(round(size * POPULATION_PER_SIZE, -3))
        for indicator in PARTNER_SHARES:
            jitter = float(rng.uniform(0.8, 1.2))
            if (region, indicator) in real:
                continue
            if indicator == "leerwerkplaatsen":
                base = _round_to(290 * size * jitter, 10)
                tgt = base + _round_to(910 * size * jitter, 50)
            elif indicator == "evc_trajecten":
                base = _round_to(340 * size * jitter, 10)
                tgt = base + _round_to(1160 * size * jitter, 50)
            elif indicator == "stages":
                base = _round_to(600 * size * jitter, 10)
                tgt = base + _round_to(900 * size * jitter, 50)
            else:
                base = 0.0
                tgt = _round_to(1_500_000 * size * jitter, 50_000)
            out.append(DemoTarget(region, indicator, base, tgt))
            if (region, indicator) == (AMENDMENT["region"], AMENDMENT["indicator"]):
                raised = base + _round_to((tgt - base) * AMENDMENT["factor"], 50)
                out.append(DemoTarget(region, indicator, base, raised, 2, AMENDMENT["valid_from"],
                                      AMENDMENT["note"]))
    return out, population


def monthly_realisations(rng: np.random.Generator, gain: float, pace: float,
                         n_months: int) -> np.ndarray:
    """Monthly gains around `pace` times the straight path, with seasonal dips."""
    per_month = gain / 24 * pace
    season = np.array([1.0 if m.month not in (7, 8, 12) else 0.6 for m in months()])
    noise = rng.lognormal(0.0, 0.25, n_months)
    return per_month * season[:n_months] * noise


def submission_rows(rng: np.random.Generator, region: str, targets: dict[str, tuple[float, float]],
                    pace: float, late_months: int) -> dict[str, list[dict]]:
    """Rows per partner for one region: indicator × month × sector."""
    per_partner: dict[str, list[dict]] = {}
    period = months()[: len(months()) - late_months]
    sector_weights = rng.dirichlet(np.ones(len(SECTORS)))
    main_sectors = [SECTORS[i] for i in np.argsort(-sector_weights)[:3]]
    for indicator, shares in PARTNER_SHARES.items():
        base, tgt = targets[indicator]
        gains = monthly_realisations(rng, tgt - base, pace * float(rng.uniform(0.85, 1.15)),
                                     len(period))
        for partner, share in shares.items():
            for month, gain in zip(period, gains):
                if rng.random() < 0.03:  # a month the partner did not report
                    continue
                split = rng.dirichlet(np.ones(len(main_sectors)) * 3)
                for sector, part in zip(main_sectors, split):
                    value = gain * share * part
                    value = round(value, 2) if indicator == "oo_uitgaven_eur" else int(round(value))
                    per_partner.setdefault(partner, []).append(
                        {"regio": region, "indicator": indicator, "periode": month,
                         "waarde": value, "partner": partner, "sector": sector,
                         "opmerking": DEMO_NOTE})
    return per_partner


def _period_text(month: dt.date, style_index: int) -> str:
    if style_index % 3 == 2:
        return fmt_month(month, "nl", short=True)   # 'mrt 2006', as a Dutch office writes it
    return month.strftime("%Y-%m")


def write_submission(path_stem: Path, rows: list[dict], style: str, style_index: int,
                     region_label: str) -> Path:
    """Write one partner's rows in the given file style; returns the file written."""
    header = ["regio", "indicator", "periode", "waarde", "partner", "sector", "opmerking"]
    table = [[region_label, r["indicator"], _period_text(r["periode"], style_index),
              r["waarde"], r["partner"], r["sector"], r["opmerking"]] for r in rows]
    if style == "xlsx":
        path = path_stem.with_suffix(".xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Realisaties"
        ws.append([h.capitalize() for h in header])
        for row in table:
            ws.append(row)
        wb.properties.creator = "Regiomonitor demo"
        wb.save(path)
        freeze_xlsx(path)
        return path
    path = path_stem.with_suffix(".csv")
    buf = io.StringIO()
    sep = "," if style == "csv_comma" else ";"
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    for row in table:
        writer.writerow(row[:3] + [fmt_number(row[3], "nl",
                                              0 if float(row[3]).is_integer() else 2)] + row[4:])
    encoding = {"csv_semicolon_bom": "utf-8-sig", "csv_semicolon_cp1252": "cp1252"}.get(style, "utf-8")
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def freeze_xlsx(path: Path) -> None:
    """Give an XLSX fixed save times (openpyxl stamps 'now'), so regenerating changes no byte."""
    fixed = "2007-07-01T00:00:00Z"
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + fixed.encode(),
                              data)
            dst.writestr(zipfile.ZipInfo(name, date_time=(2007, 7, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


# A registry extract for Rivierenland with the gemeente codes of 2005-2007, before West Betuwe
# (2019): it shows each gemeente's share and the two boundary views. Lingewaal belonged to
# AM35 Gorinchem then and to AM10 through West Betuwe now. Weights: rough relative sizes.
REGISTRY_GEMEENTEN = {"GM0214": 3, "GM0216": 3, "GM0236": 3, "GM0263": 3, "GM1740": 2,
                      "GM0304": 1, "GM0281": 5, "GM0668": 2, "GM0297": 3, "GM0733": 1}
REGISTRY_RECORDS = 600


def write_registry_extract(path: Path, rng: np.random.Generator) -> Path:
    """Record-level demo extract: one row per started trajectory or place, by gemeente code."""
    codes = list(REGISTRY_GEMEENTEN)
    weights = np.array(list(REGISTRY_GEMEENTEN.values()), dtype=float)
    period = months()
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "gemeente_code", "indicator", "start_date", "status", "sector", "partner"])
        for i in range(REGISTRY_RECORDS):
            month = period[int(rng.integers(len(period)))]
            w.writerow([f"REG-{i + 1:05d}", codes[int(rng.choice(len(codes), p=weights / weights.sum()))],
                        "leerwerkplaatsen" if rng.random() < 0.6 else "evc_trajecten",
                        month.replace(day=int(rng.integers(1, 29))).isoformat(),
                        "geannuleerd" if rng.random() < 0.05 else "gestart",
                        SECTORS[int(rng.integers(len(SECTORS)))], "registers"])
    return path


def write_targets(path: Path, targets: list[DemoTarget], programme: str) -> None:
    """The generated targets, in the shape of data/reference/targets.csv."""
    start = reference.read_programmes()[0]["start_date"]
    end = reference.read_programmes()[0]["end_date"]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["programme", "region", "indicator", "version", "valid_from", "baseline_value",
                    "baseline_date", "target_value", "deadline", "source", "note"])
        for t in targets:
            w.writerow([programme, t.region, t.indicator, t.version, t.valid_from or start,
                        plain_number(t.baseline), start, plain_number(t.target), end, DEMO_SOURCE,
                        t.note])


def write_population(path: Path, population: dict[str, int]) -> None:
    """Generated working-age population per region (no real CBS figures ship yet)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "year", "population_15_74", "source"])
        for region, people in population.items():
            w.writerow([region, 2006, people, DEMO_SOURCE])


# The generated context (issue 26): its own random stream, so the other demo files stay as they
# were; one region lacks its MBO figures in the start year, so the pages show a region without
# an expected figure and why.
CONTEXT_YEARS = (2004, 2005, 2006)
CONTEXT_INCOMPLETE = ("AM38", 2005)
CONTEXT_SOURCE_DATE = "2007-06-30"


def write_context(path: Path, population: dict[str, int], seed: int = SEED) -> None:
    """Generated context per region and year: population 15-74 (the demo population, a little
    lower in earlier years), WW as % of it, MBO students in BBL and BOL."""
    rng = np.random.default_rng([seed, 26])
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "year", "population_15_74", "unemployment_pct", "mbo_bbl",
                    "mbo_bol", "source", "source_date"])
        for region, people in population.items():
            unemployment = float(rng.uniform(3.0, 8.5))
            bbl, bol = float(rng.uniform(0.8, 2.0)), float(rng.uniform(2.5, 4.5))
            for back, year in enumerate(reversed(CONTEXT_YEARS)):
                size = int(round(people * (1 - 0.01 * back), -3))
                drift = float(rng.uniform(-0.3, 0.3))
                mbo = ["", ""] if (region, year) == CONTEXT_INCOMPLETE else [
                    round(size * bbl / 100), round(size * bol / 100)]
                w.writerow([region, year, size, round(unemployment + drift, 1), *mbo,
                            DEMO_SOURCE, CONTEXT_SOURCE_DATE])


def plain_number(value: float) -> str:
    """Plain machine number for reference CSVs (no separators)."""
    return str(int(value)) if float(value).is_integer() else str(value)


def generate(out_dir: Path, seed: int = SEED) -> list[Path]:
    """Write data/demo/targets.csv and data/demo/inbox/*; returns the files written."""
    rng = np.random.default_rng(seed)
    regions = reference.read_regions()
    names = {r["code"]: r["name"] for r in regions}
    real = reference.read_targets(reference.REFERENCE_TARGETS)
    real_pairs = {(t["region"], t["indicator"]) for t in real}
    targets, population = generate_targets(rng, list(names), real_pairs)
    out_dir.mkdir(parents=True, exist_ok=True)
    inbox = out_dir / "inbox"
    inbox.mkdir(exist_ok=True)
    for old in inbox.iterdir():
        old.unlink()
    write_targets(out_dir / "targets.csv", targets, "lw2005")
    write_population(out_dir / "population.csv", population)
    write_context(out_dir / "context.csv", population, seed)
    all_targets = {(t.region, t.indicator): (t.baseline, t.target) for t in targets
                   if t.version == 1}
    all_targets |= {(t["region"], t["indicator"]): (t["baseline_value"], t["target_value"])
                    for t in real}
    written = [out_dir / "targets.csv", out_dir / "population.csv", out_dir / "context.csv"]
    for i, region in enumerate(names):
        pace = float(rng.uniform(0.45, 1.35))
        late = int(rng.choice([0, 0, 0, 0, 0, 1, 2, 3]))
        per_partner = submission_rows(
            rng, region, {ind: all_targets[(region, ind)] for ind in PARTNER_SHARES}, pace, late)
        for j, (partner, rows) in enumerate(sorted(per_partner.items())):
            style_index = i + j
            label = names[region] if style_index % 5 == 4 else region
            written.append(write_submission(inbox / f"{region}_{partner}", rows,
                                            FILE_STYLES[style_index % len(FILE_STYLES)],
                                            style_index, label))
    written.append(write_registry_extract(inbox / "AM10_registers_extract.csv", rng))
    marker = inbox / DEMO_MARKER
    marker.write_text("Alle bestanden in deze map zijn demonstratiedata, gegenereerd door "
                      "pipelines/demo_data.py. Ze zijn geen echte realisaties.\n"
                      "All files in this folder are generated demonstration data.\n",
                      encoding="utf-8")
    return written + [marker]

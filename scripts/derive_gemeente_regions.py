"""Derive data/reference/gemeente_regions.csv and provinces.csv from the 2025 boundaries.

Run once when the boundaries change: `python scripts/derive_gemeente_regions.py DERIVED_DIR`,
the folder holding gemeente_arbeidsmarktregio_2025_derived.csv (not shipped: it was derived
beside the boundary files, see data/geo/SOURCE.md). The provincies come from the shipped
data/geo/provincie_2025.topojson. Only codes and names are written. The current gemeente → arbeidsmarktregio rows come from
gemeente_arbeidsmarktregio_2025_derived.csv (largest area overlap, see its SOURCE.md); the
historical rows are the mergers listed in MERGERS, checked by hand (see
data/reference/gemeente_regions.SOURCE.md).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[1]
GEO_DIR = ROOT / "data" / "geo"
COLUMNS = ["code", "name", "region", "valid_from", "valid_to", "successor"]

# Former gemeenten: (code, name, region before the merger, last day + 1, successor).
# valid_to is exclusive: the day the successor starts.
MERGERS = [
    ("GM0236", "Geldermalsen", "AM10", "2019-01-01", "GM1960"),
    ("GM0304", "Neerijnen", "AM10", "2019-01-01", "GM1960"),
    ("GM0733", "Lingewaal", "AM35", "2019-01-01", "GM1960"),
]
# Successors created by those mergers start on the merger date.
SUCCESSOR_START = {successor: valid_to for *_, valid_to, successor in MERGERS}


def current_rows(derived: Path) -> list[dict[str, str]]:
    """One open-ended row per 2025 gemeente, with its arbeidsmarktregio."""
    with derived.open(newline="", encoding="utf-8") as f:
        return [{"code": r["gemeente_code"], "name": r["gemeente_naam"],
                 "region": r["arbeidsmarktregio_code"],
                 "valid_from": SUCCESSOR_START.get(r["gemeente_code"], ""),
                 "valid_to": "", "successor": ""} for r in csv.DictReader(f)]


def merger_rows() -> list[dict[str, str]]:
    """The former gemeenten, valid until their merger."""
    return [dict(zip(COLUMNS, (code, name, region, "", valid_to, successor)))
            for code, name, region, valid_to, successor in MERGERS]


def province_rows(topojson: Path) -> list[dict[str, str]]:
    """The 12 provincies: code and name."""
    frame = gpd.read_file(topojson)
    return [{"code": c, "name": n} for c, n in sorted(zip(frame["statcode"], frame["statnaam"]))]


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """Rows sorted by code, UTF-8, Unix newlines."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["code"], r.get("valid_from", ""))))


def main(derived_dir: Path) -> None:
    reference = ROOT / "data" / "reference"
    write_csv(reference / "gemeente_regions.csv",
              current_rows(derived_dir / "gemeente_arbeidsmarktregio_2025_derived.csv") + merger_rows())
    write_csv(reference / "provinces.csv", province_rows(GEO_DIR / "provincie_2025.topojson"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))

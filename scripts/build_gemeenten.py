"""Build data/reference/gemeenten.csv: the current gemeente → arbeidsmarktregio table.

Source: the CBS 2025 gebiedsindelingen as derived in ../shared/data/geo
(gemeente_arbeidsmarktregio_2025_derived.csv, each gemeente assigned to the region it
overlaps most). Only codes and names are copied, never geometry. Columns:
gemeente_code, gemeente_name, region, valid_from, valid_to. Current gemeenten have both
dates empty (valid from before the monitored programmes until further notice); rows for
gemeenten that merged away (e.g. Geldermalsen into West Betuwe on 2019-01-01) carry a
valid_to and are added to the same file by the geography work.

Usage: python scripts/build_gemeenten.py [SOURCE_CSV] [OUT_CSV]
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "geo" / "gemeente_arbeidsmarktregio_2025_derived.csv"
OUT = ROOT / "data" / "reference" / "gemeenten.csv"
COLUMNS = ["gemeente_code", "gemeente_name", "region", "valid_from", "valid_to"]


def current_rows(source: Path) -> list[dict[str, str]]:
    """One row per 2025 gemeente with its region code, sorted by gemeente code."""
    with source.open(newline="", encoding="utf-8") as f:
        rows = [{"gemeente_code": r["gemeente_code"], "gemeente_name": r["gemeente_naam"],
                 "region": r["arbeidsmarktregio_code"], "valid_from": "", "valid_to": ""}
                for r in csv.DictReader(f)]
    return sorted(rows, key=lambda r: r["gemeente_code"])


def main(source: Path = SOURCE, out: Path = OUT) -> None:
    """Write the table with Unix line endings, as the other reference files."""
    rows = current_rows(source)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"Wrote {len(rows)} gemeenten to {out}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:3]))

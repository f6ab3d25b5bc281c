"""Section 1: ingest of the extract through the real path against two baselines."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from benchmarks import workload
from benchmarks.subprocess_case import Measured, run_case

CASES_MODULE = "benchmarks.ingest_cases"


def build_base(path: Path) -> Path:
    """A published warehouse with reference data and schematic geometry, as `refresh` builds it
    with an empty inbox (plain functions, no Prefect)."""
    from pipelines import runs, warehouse

    con = warehouse.create_staging(path)
    runs.load_base(con)
    runs.record_run(con, "bench-base", "bench", runs.now(), [])
    return warehouse.publish(con, path)


def measure_ingest(extract: Path, base: Path, work: Path, name: str,
                   case: str = "ingest") -> Measured:
    """The real ingest of `extract` into a fresh copy of the base warehouse at `work`
    (`case` 'ingest_staged': with the one pass off)."""
    for leftover in work.parent.glob(work.name + "*"):
        leftover.unlink()
    shutil.copyfile(base, work)
    return run_case(CASES_MODULE, case, str(extract), str(work), name=name)


def measure_baseline(case: str, extract: Path, work: Path, name: str) -> Measured:
    """One of the baselines ('duckdb' or 'pandas') writing its counts to a new file."""
    work.unlink(missing_ok=True)
    result = run_case(CASES_MODULE, case, str(extract), str(work), name=name)
    work.unlink(missing_ok=True)
    return result


def best(runs: list[Measured]) -> Measured:
    """The fastest of repeated runs (the machine is shared; slower runs waited on others)."""
    return min(runs, key=lambda m: m.seconds)


def run(paths: dict[str, Path], out: Path, repeats: int, served: Path) -> dict[str, Measured]:
    """Every case `repeats` times (best kept), round by round: each round runs every case once,
    so on a shared machine a burst of other work falls on all cases alike, not on the last
    ones. The last ingest (of the CSV) stays at `served`. The staged cases are the same ingest
    without the one pass (pipelines/extract_pass.py): before and after in one run, and the cost
    of an extract with a failing record. The one-record cases are what every ingest costs
    whatever its size (start, writer, publishing): an extract's marginal cost is its ingest
    minus that one (issue 27)."""
    base = build_base(out / "base.duckdb")
    csv, parquet = paths["csv"], paths["parquet"]
    one = workload.generate(out / "data", 1)
    partner = workload.partner_files(out / "data")

    def validate(kind: str) -> Callable[[], Measured]:
        return lambda: run_case(CASES_MODULE, "validate", str(partner[kind]), str(base),
                                name=f"validate partner file ({kind.upper()})")

    def baseline(case: str, name: str) -> Callable[[], Measured]:
        return lambda: measure_baseline(case, csv, out / f"{case}.duckdb", name)

    def load(extract: Path, name: str, case: str = "ingest") -> Callable[[], Measured]:
        return lambda: measure_ingest(extract, base, served, name, case)

    cases = {
        "validate_csv": validate("csv"), "validate_xlsx": validate("xlsx"),
        "duckdb": baseline("duckdb", "raw DuckDB statement (CSV)"),
        "pandas": baseline("pandas", "pandas script (CSV)"),
        "staged_parquet": load(parquet, "ingest, staged path (Parquet)", "ingest_staged"),
        "staged_csv": load(csv, "ingest, staged path (CSV)", "ingest_staged"),
        "one_csv": load(one["csv"], "ingest of 1 record (CSV)"),
        "one_parquet": load(one["parquet"], "ingest of 1 record (Parquet)"),
        "ingest_parquet": load(parquet, "regiomonitor ingest (Parquet)"),
        "ingest": load(csv, "regiomonitor ingest (CSV)"),
    }
    rounds = [{key: case() for key, case in cases.items()} for _ in range(repeats)]
    return {key: best([r[key] for r in rounds]) for key in cases}

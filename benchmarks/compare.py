"""Before and after in one run: this tree's dashboard against another commit's (default `main`),
on the same warehouse (each side its own copy, so that the answers cache beside it is its own),
each served as `regiomonitor serve` serves it and measured one after the other, the order
alternating per round so that a change in the machine's load hits both sides.

    python -m benchmarks.compare [--ref main] [--warehouse W] [--calls 200] [--loads 5] [--rounds 2]
    python -m benchmarks.compare --load [--ref main] [--users 50,100] [--seconds 60]

The other commit is `git archive REF` in a temporary folder, its catalogues compiled there as
`make` compiles them; its server runs from there with this environment's packages. Sections 2 and 3 of `regiomonitor bench` (callbacks through HTTP, page
ready in Chromium) or section 6 (`--load`, the demo warehouse), each with the load average, then
the ratio this / REF. Without --warehouse the demo warehouse is built (plain functions).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import latency, load, machine, page_ready, payloads
from benchmarks.serving import chromium, serving
from core.settings import ROOT


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


@contextlib.contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """The tree of `ref` (files only, no .git) in a temporary folder, with compiled catalogues."""
    folder = Path(tempfile.mkdtemp(prefix="regiomonitor-ref-"))
    try:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
        compile_catalogues(folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def compile_catalogues(tree: Path) -> None:
    """Each `core/locale/*/LC_MESSAGES/messages.po` of `tree` to its `.mo`, as the Makefile does.
    `git archive` has no `.mo` (they are built, not committed): without them that side serves
    the English texts and the two sides do not draw the same page."""
    pybabel = Path(sys.executable).with_name("pybabel")
    for po in sorted((tree / "core" / "locale").glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        subprocess.run([str(pybabel), "-q", "compile", "--domain", "messages", "--locale", language,
                        "--input-file", str(po), "--output-file", str(po.with_suffix(".mo"))],
                       check=True)


def measure_side(label: str, code: Path, warehouse: Path, work: Path, calls: int, loads: int) -> dict:
    """Callbacks and page ready for one source tree; prints as it goes."""
    with serving(warehouse, work, code=code) as url, chromium() as browser:
        bodies = payloads.capture(browser, url)
        callbacks = latency.run(url, bodies, calls)
        print(f"  {label} (load average {load_average()})", flush=True)
        for r in callbacks:
            print(f"    {r.name:30} {r.calls} calls  p50 {r.p50_ms:6.1f} ms  p95 {r.p95_ms:6.1f} ms", flush=True)
        pages = [ready(browser, url, path, selector, loads) for path, selector in page_ready.PAGES.items()]
        pages += [ready(browser, url, path, selector, loads, label)
                  for label, (path, selector) in page_ready.LATER.items()]
        for r in pages:
            print(f"    {r.path:18} best {r.best_ms:6.0f} ms  median {r.median_ms:6.0f} ms of {r.loads}",
                  flush=True)
        print(f"    (load average {load_average()})", flush=True)
    return {"callbacks": {r.name: r for r in callbacks}, "pages": {r.path: r for r in pages}}


def ready(browser, url: str, path: str, selector: str, loads: int,
          label: str | None = None) -> page_ready.PageReady:
    """Like section 3, but a load that times out (60 s) counts as infinitely slow instead of
    ending the run: on a saturated machine one of many loads sometimes does. `label` names the
    figure when it is not the page's main content (page_ready.LATER)."""
    from playwright.sync_api import TimeoutError as Timeout

    times = []
    for _ in range(loads):
        try:
            times.append(page_ready.load_once(browser, url, path, selector))
        except Timeout:
            times.append(float("inf"))
    times.sort()
    return page_ready.PageReady(label or path, loads, times[0], times[len(times) // 2])


def print_ratios(ref: str, before: dict, after: dict) -> None:
    """this / ref for every figure of one round (below 1: faster now)."""
    print(f"  this / {ref}:", flush=True)
    for name, old in before["callbacks"].items():
        new = after["callbacks"][name]
        print(f"    {name:30} p50 x{new.p50_ms / old.p50_ms:5.2f}  p95 x{new.p95_ms / old.p95_ms:5.2f}")
    for path, old in before["pages"].items():
        new = after["pages"][path]
        print(f"    {path:18} best x{new.best_ms / old.best_ms:5.2f}  median x{new.median_ms / old.median_ms:5.2f}",
              flush=True)


def own_copy(warehouse: Path, folder: Path) -> Path:
    """A copy of the warehouse in a folder of its own, for one side. The answers cache lives
    beside the warehouse (`view-cache/`, dashboard/shared_cache.py) and is keyed by the
    published snapshot and the request, not by the code: on one shared file the side measured
    second was served the first side's layouts and callback answers (the same key), so a
    change to what a page draws was never measured."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / warehouse.name
    shutil.copyfile(warehouse, copy)
    return copy


def dashboard(ref: str, warehouse: Path | None, calls: int, loads: int, rounds: int) -> None:
    """Sections 2 and 3 for REF and this tree, alternating, `rounds` times."""
    with checkout(ref) as old_code, tempfile.TemporaryDirectory(prefix="regiomonitor-cmp-") as tmp:
        work = Path(tmp)
        if warehouse is None:
            warehouse = work / "demo.duckdb"
            load.build_demo(warehouse)
        print(machine.machine_line(), flush=True)
        print(f"warehouse: {warehouse}; {calls} calls per callback, {loads} loads per page", flush=True)
        sides = [(ref, old_code, own_copy(warehouse, work / "ref")),
                 ("this", ROOT, own_copy(warehouse, work / "this"))]
        for n in range(rounds):
            print(f"\nround {n + 1}", flush=True)
            order = sides if n % 2 == 0 else sides[::-1]
            figures = {label: measure_side(label, code, served, work, calls, loads)
                       for label, code, served in order}
            print_ratios(ref, figures[ref], figures["this"])


def load_levels(ref: str, users: list[int], seconds: float) -> None:
    """Section 6 (simulated visitors with publishes) for REF, then this tree."""
    with checkout(ref) as old_code, tempfile.TemporaryDirectory(prefix="regiomonitor-cmp-") as tmp:
        work = Path(tmp)
        print(machine.machine_line(), flush=True)
        results = {}
        for label, code in ((ref, old_code), ("this", ROOT)):
            served = work / f"{label}.duckdb"
            load.build_demo(served)
            with serving(served, work, code=code) as url:
                with chromium() as browser:
                    bodies = work / f"{label}-payloads.json"
                    bodies.write_text(json.dumps(payloads.capture(browser, url)), encoding="utf-8")
                print(f"\n{label}: locust, 1–3 s between actions, {seconds:.0f} s per level, "
                      f"publishes during each level", flush=True)
                results[label] = [load.print_level(load.level(url, bodies, served, n, seconds))
                                  for n in users]
        print(f"\nthis / {ref}:")
        for old, new in zip(results[ref], results["this"]):
            print(f"   {old.users:4d} users  p50 x{new.p50_ms / max(old.p50_ms, 1):5.2f}  "
                  f"p95 x{new.p95_ms / max(old.p95_ms, 1):5.2f}  p99 x{new.p99_ms / max(old.p99_ms, 1):5.2f}  "
                  f"server CPU per request x{(new.server_cpu_s / new.requests) / (old.server_cpu_s / old.requests):5.2f}",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="main", help="the commit to compare with (default main)")
    parser.add_argument("--warehouse", type=Path, default=None, help="serve this warehouse (read only)")
    parser.add_argument("--calls", type=int, default=200, help="posts per callback (default 200)")
    parser.add_argument("--loads", type=int, default=5, help="loads per page (default 5)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds, alternating the order (default 2)")
    parser.add_argument("--load", action="store_true", help="simulated visitors instead (section 6)")
    parser.add_argument("--users", default="50,100", help="--load: user counts (default 50,100)")
    parser.add_argument("--seconds", type=float, default=60, help="--load: seconds per level (default 60)")
    args = parser.parse_args()
    if args.load:
        load_levels(args.ref, [int(n) for n in args.users.split(",")], args.seconds)
    else:
        dashboard(args.ref, args.warehouse, args.calls, args.loads, args.rounds)


if __name__ == "__main__":
    main()

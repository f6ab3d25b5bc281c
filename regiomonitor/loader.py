"""The upload loader: runs the Prefect flow `ingest` on files that appear in the upload inbox.

`regiomonitor serve` starts it beside the web server, so a file a partner confirms in the
browser is loaded without a manual step. It takes only complete files: the browser upload
writes `<name>.part` and renames it, so anything ending in .part is skipped, as are links and
anything that is not a regular file. Each file is loaded on its own so the submission records
who uploaded it (REGIOMONITOR_STEWARD = upload:<account>). Prefect is imported only when the
first file arrives (its temporary server costs ~15 s and ~200 MB).

It also publishes the review decisions stewards make on /beheer: each is a request file in
`decisions/` beside the accounts store (dashboard/upload.py), applied with
`pipelines.review.decide` as the steward who made it, then removed; one that cannot be
applied (the figure was decided meanwhile) goes to decisions/failed/ and into the audit log.
"""
from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from core.texts import said
from core.vocabulary import SUBMISSION_SUFFIXES
from dashboard.accounts import Store


def ready_files(inbox: Path) -> list[Path]:
    """Complete partner files at the inbox's top level, oldest name first."""
    if not inbox.is_dir():
        return []
    files = []
    for path in sorted(inbox.iterdir()):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and path.suffix.lower() in SUBMISSION_SUFFIXES:
            files.append(path)
    return files


def load_one(path: Path, warehouse: Path, store: Store) -> str:
    """Ingest one file with the Prefect flow; the status it got, logged in the audit trail."""
    from pipelines.flows import ingest
    from pipelines.warehouse import WarehouseBusy

    upload = store.upload_by_stored_name(path.name)
    os.environ["REGIOMONITOR_STEWARD"] = f"upload:{upload.username}" if upload else "upload"
    try:
        results = ingest([str(path)], None, str(warehouse))
    except WarehouseBusy:
        return "busy"   # another run holds the writer lock: try again at the next poll
    status = results[0].status if results else "none"
    store.audit("loader", "ingested", file=path.name, state=status, rows=results[0].rows if results else 0)
    return status


def apply_decisions(folder: Path, warehouse: Path, store: Store) -> int:
    """Publish the review decisions waiting in `folder`; returns how many were applied.
    A request that cannot be read or applied goes to failed/ with its reason in the audit log
    once, so it never holds up the requests after it."""
    from pipelines import review
    from pipelines.warehouse import WarehouseBusy

    applied = 0
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            request = json.loads(path.read_text(encoding="utf-8"))
            ids, decision = request["ids"], request["decision"]
            review.decide(warehouse, ids, decision, request["steward"], request["reason"])
        except WarehouseBusy:
            return applied   # another run is publishing: the next poll tries again
        except (review.ReviewError, ValueError, KeyError, TypeError) as err:
            (folder / "failed").mkdir(exist_ok=True)
            os.replace(path, folder / "failed" / path.name)
            store.audit("loader", "review failed", file=path.name, error=f"{type(err).__name__}: {err}")
            continue
        path.unlink()
        store.audit("loader", f"review {decision} published", figures=", ".join(ids),
                    steward=request["steward"])
        applied += 1
    return applied


def watch(inbox: Path, warehouse: Path, accounts: Path, interval: float = 3.0) -> None:
    """Poll the inbox every `interval` seconds and load what appears, until stopped."""
    store = Store(accounts)
    failed: dict[str, int] = {}   # name → mtime of a file that failed: retried once it changes
    print(said("Loader: watching {inbox} for {warehouse}", inbox=inbox, warehouse=warehouse), flush=True)
    while True:
        for path in ready_files(inbox):
            if failed.get(path.name) == path.stat().st_mtime_ns:
                continue
            try:
                status = load_one(path, warehouse, store)
                print(said("Loader: {file}: {status}", file=path.name, status=status), flush=True)
            except Exception as err:  # noqa: BLE001 - keep watching; the error is logged and audited
                failed[path.name] = path.stat().st_mtime_ns
                store.audit("loader", "run failed", file=path.name, error=f"{type(err).__name__}: {err}")
                print(said("Loader: {file}: failed: {error}", file=path.name, error=err), flush=True)
        try:
            apply_decisions(accounts.parent / "decisions", warehouse, store)
        except Exception as err:  # noqa: BLE001 - keep watching; the error is logged and audited
            store.audit("loader", "review failed", file="decisions", error=f"{type(err).__name__}: {err}")
            print(said("Loader: review decisions failed: {error}", error=err), flush=True)
        time.sleep(interval)

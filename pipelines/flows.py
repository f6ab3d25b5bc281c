"""Prefect flows: the wiring module. Each task is a plain function from another module."""
from __future__ import annotations

import logging
import os
import uuid
from functools import partial
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline: no telemetry

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NONE  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402

from pipelines import boundaries, context, disk, inbox as inboxes, ingest as ingesting, recovery, reference, runs, schematic_tiles, warehouse  # noqa: E402
from pipelines.loading import FileResult  # noqa: E402
from core.states import submission_state  # noqa: E402
from core.settings import default_geometry_cache, settings  # noqa: E402
from core.texts import N_, said  # noqa: E402

# What a load did with one file: in the flow's log, and as the deployment's state message.
INGEST_DONE = N_("{file}: {state}; rows loaded {rows}, errors {errors}, warnings {warnings}")


class MachineErrorsInOneLine(logging.Filter):
    """Prefect logs a failed task or flow with its traceback, then its state; a reason outside
    the program (a full disk, a read-only inbox: recovery.CannotRun) is said by the state alone,
    in one line, which the command repeats as its last."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, recovery.CannotRun) or disk.is_full(error))


for _logger in ("prefect.flow_runs", "prefect.task_runs"):
    logging.getLogger(_logger).addFilter(MachineErrorsInOneLine())

# Tasks share one open DuckDB connection, which cannot be hashed for caching.
previous_state = task(warehouse.previous_state, cache_policy=NONE)
load_reference = task(reference.load_reference, cache_policy=NONE)
load_targets = task(reference.load_targets, cache_policy=NONE)
load_population = task(reference.load_population, cache_policy=NONE)
load_context = task(context.load_and_fit, cache_policy=NONE)
list_inbox = task(inboxes.received_files, cache_policy=NONE, retries=2, retry_delay_seconds=2)
load_submissions = task(runs.load_submissions, cache_policy=NONE)
carried_geometry = task(boundaries.carried_geometry, cache_policy=NONE)
restore_geometry = task(boundaries.restore_geometry, cache_policy=NONE)
load_shipped_geometry = task(boundaries.load_shipped, cache_policy=NONE)
process_boundaries = task(boundaries.prepare, cache_policy=NONE)
fetch_source = task(boundaries.fetch_source, cache_policy=NONE, retries=2, retry_delay_seconds=5)
accepted_partly = task(warehouse.accepted_partly, cache_policy=NONE)
list_new_files = task(inboxes.new_files, cache_policy=NONE, retries=2, retry_delay_seconds=2)
ingest_files = task(ingesting.ingest_files, cache_policy=NONE)
move_files = task(ingesting.move_files, cache_policy=NONE, retries=2, retry_delay_seconds=2)


def recover(logger) -> None:
    """Own this run (host:pid) and mark runs of processes that died as Crashed (recovery.py)."""
    try:
        for run_id in recovery.claim_and_recover(flow_run.id):
            logger.warning(said("Run {run} ended without finishing: now Crashed.", run=run_id))
    except Exception as err:  # the run itself matters more than tidying the history
        logger.warning(said("Old runs not checked: {error}", error=err))


@task(cache_policy=NONE)
def load_schematic_geometry(con) -> int:
    """The offline tile map of the regions."""
    return schematic_tiles.load(con)


@flow(name="refresh", log_prints=True)
def refresh(warehouse_path: str | None = None, inbox: str | None = None,
            include_demo_targets: bool = True, drop_missing: bool = False) -> dict:
    """Rebuild the warehouse from reference data and the inbox, then publish it atomically.
    Refuses to drop a submission the warehouse has whose file is not in the inbox, unless
    `drop_missing`."""
    cfg = settings(warehouse_path, inbox, include_demo_targets)
    logger = get_run_logger()
    recover(logger)
    started = runs.now()
    files = list_inbox(cfg.inbox, logger.warning)
    if not drop_missing:
        inboxes.check_nothing_dropped(cfg.warehouse, cfg.inbox, files)
    received, history = previous_state(cfg.warehouse)
    real_geometry = carried_geometry(cfg.warehouse)
    partly = accepted_partly(cfg.warehouse)
    new = [f for f in files if f.parent == cfg.inbox]   # processed/ and rejected/ are in it already
    with warehouse.staging(cfg.warehouse, fresh=True, inputs=new) as con:
        runs.restore_history(con, history)
        summary = {
            "reference": load_reference(con),
            "targets": load_targets(con, demo=reference.DEMO_TARGETS
                                    if cfg.include_demo_targets else None),
            "population": load_population(con),
            "context": load_context(con),
            "geometry": load_schematic_geometry(con),
            "real_geometry": restore_geometry(con, real_geometry)
            + load_shipped_geometry(con, real_geometry),
        }
        results = load_submissions(con, files, runs.is_demo_inbox(cfg.inbox),
                                   received, partly, logger.info)
        run_id = str(flow_run.id or uuid.uuid4())
        summary["submissions"] = runs.record_run(con, run_id, "refresh", started,
                                                 results, summary)
    logger.info(said("Published {warehouse}: {counts}", warehouse=cfg.warehouse, counts=summary))
    return summary


@flow(name="geometry", log_prints=True)
def geometry_flow(source: str, level: str | None = None, warehouse_path: str | None = None,
                  cache_dir: str | None = None, layer: str | None = None,
                  credit: str | None = None) -> dict:
    """Load real boundaries of one level into a copy of the served warehouse and publish it."""
    cfg = settings(warehouse_path)
    logger = get_run_logger()
    recover(logger)
    path = fetch_source(source, Path(cache_dir) if cache_dir else default_geometry_cache())
    with warehouse.staging(cfg.warehouse, inputs=[path]) as con:
        summary = process_boundaries(con, path, level, layer, credit)
    logger.info("Published %s boundaries in %s: %s", summary["level"], cfg.warehouse, summary)
    return summary


@flow(name="ingest", log_prints=True)
def ingest(paths: list[str] | None = None, inbox: str | None = None,
           warehouse_path: str | None = None, accept_valid_rows: bool = False,
           sheet: str | None = None, approve_warnings: bool = False) -> list[FileResult]:
    """Load new files (the given paths, else the inbox's top level) into the served warehouse,
    publish atomically, then move them to processed/ or rejected/."""
    cfg = settings(warehouse_path, inbox)
    logger = get_run_logger()
    recover(logger)
    files = [Path(p) for p in paths] if paths is not None else list_new_files(cfg.inbox, logger.warning)
    if not files:
        logger.info(said("No files"))
        return []
    inboxes.check_writable(files)
    options = ingesting.Options(accept_valid_rows, sheet, approve_warnings)
    results = ingest_files(cfg.warehouse, files, options, str(flow_run.id or uuid.uuid4()),
                           progress=logger.info)
    move_files(results)
    for result in results:
        logger.info(said(INGEST_DONE,
                         file=result.path.name, state=partial(submission_state, result.status),
                         rows=result.rows, errors=result.error_count, warnings=len(result.warnings)))
    logger.info(said("Published {warehouse}: {counts}", warehouse=cfg.warehouse, counts=runs.counts(results)))
    return results

"""What the web app asks Prefect to run: an upload's ingest, a steward's refresh, a review
decision, each a deployment on the work pool `regiomonitor` that Prefect workers execute.

The dashboard never imports this (nor Prefect): it creates a flow run from one of these
deployments over Prefect's REST API (dashboard/prefect_api.py) and reads its state back. So
every flow here ends in a state whose message the page can show as it is: a JSON object with
the summary (or the reason of a refusal) in Dutch and English, and for a refusal that a
second, confirmed step may overrule, which choice that is (`choice`: "drop_missing").

A refusal is a Failed state named "Refused": nothing was changed, the reason is the person's
to act on. Any other failure is Prefect's own Failed state with its exception's message.
Runs are idempotent by the key the web app gives (the submission or decision id), and the
pool runs one at a time (concurrency 1): the warehouse has one writer.
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline: no telemetry

from prefect import flow  # noqa: E402
from prefect.client.schemas.objects import State  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.states import Completed, Failed  # noqa: E402

from core.formats import fmt_number  # noqa: E402
from core.states import submission_state  # noqa: E402
from core.settings import settings  # noqa: E402
from core.texts import LANGUAGES, N_, _, ngettext  # noqa: E402
from pipelines import flows, inbox as inboxes, review  # noqa: E402
from pipelines.warehouse import WarehouseBusy  # noqa: E402

POOL = "regiomonitor"
DEPLOYMENT = "regiomonitor"   # each flow's one deployment; the web app asks for '<flow>/regiomonitor'
REFUSED = "Refused"
BUSY_TRIES, BUSY_WAIT_S = 20, 3   # a CLI run holding the writer lock: wait up to a minute
T = TypeVar("T")

REFRESH_DONE = N_("Warehouse rebuilt: {loaded} files loaded, {rejected} rejected; {rows} rows")


def message(texts: dict[str, str], **extra: object) -> str:
    """A state's message as the web app reads it: {"nl": ..., "en": ..., **extra}."""
    return json.dumps({**texts, **extra}, ensure_ascii=False)


def in_both(text: Callable[[str], str]) -> dict[str, str]:
    """One text in every language the pages speak."""
    return {lang: text(lang) for lang in LANGUAGES}


def when_free(step: Callable[[], T]) -> T:
    """Run `step`, waiting while another process holds the warehouse's writer lock (a steward's
    CLI run): the pool runs one flow at a time, but the command line is not in the pool."""
    for _try in range(BUSY_TRIES - 1):
        try:
            return step()
        except WarehouseBusy:
            time.sleep(BUSY_WAIT_S)
    return step()


@contextlib.contextmanager
def acting_as(who: str) -> Iterator[None]:
    """`who` as REGIOMONITOR_STEWARD (pipelines/runs.steward, recorded with each submission) for
    this load only: a flow called in a long-lived process leaves no actor to the next load."""
    before = os.environ.get("REGIOMONITOR_STEWARD")
    os.environ["REGIOMONITOR_STEWARD"] = who
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("REGIOMONITOR_STEWARD", None)
        else:
            os.environ["REGIOMONITOR_STEWARD"] = before


@flow(name="ingest-upload", log_prints=True)
def ingest_upload(warehouse_path: str, inbox: str, files: list[str] | None = None,
                  actor: str = "upload", shown: dict[str, str] | None = None) -> State:
    """Load files from the upload inbox (the named ones, else all that wait) and publish. The
    summary names each file as `shown` maps its name in the inbox (the partner's own name)."""
    shown = shown or {}
    folder = Path(inbox)
    paths = [str(folder / name) for name in files if (folder / name).is_file()] if files else None
    if files and not paths:   # loaded by an earlier run already (or by a refresh)
        return Completed(message=message(in_both(lambda lang: _("Nothing to load: already done.", lang))))
    with acting_as(actor):
        results = when_free(lambda: flows.ingest(paths, str(folder), warehouse_path))
    lines = in_both(lambda lang: "; ".join(
        _(flows.INGEST_DONE, lang, file=shown.get(r.path.name, r.path.name), state=submission_state(r.status, lang),
          rows=fmt_number(r.rows, lang), errors=fmt_number(r.error_count, lang),
          warnings=fmt_number(len(r.warnings), lang)) for r in results)
        or _("Nothing to load: already done.", lang))
    return Completed(message=message(lines))


@flow(name="steward-refresh", log_prints=True)
def steward_refresh(warehouse_path: str, inbox: str, steward: str, drop_missing: bool = False) -> State:
    """Rebuild the warehouse from the inbox; refused (nothing changed) when it would drop files
    received earlier, unless the steward confirmed `drop_missing`."""
    cfg = settings(warehouse_path, inbox)
    if not drop_missing:
        files = inboxes.received_files(cfg.inbox) if cfg.inbox.is_dir() else []
        missing = inboxes.missing_submissions(cfg.warehouse, files)
        if missing:
            named = ", ".join(name for name, *_rest in missing[:3]) + (" …" if len(missing) > 3 else "")
            texts = in_both(lambda lang: ngettext(
                "Refresh refused: it would drop {n} file received earlier that is not in the inbox "
                "({named}). Rebuild without it only if that is what you want.",
                "Refresh refused: it would drop {n} files received earlier that are not in the inbox "
                "({named}). Rebuild without them only if that is what you want.",
                len(missing), lang, n=fmt_number(len(missing), lang), named=named))
            return Failed(name=REFUSED, message=message(texts, choice="drop_missing", n=len(missing)))
    with acting_as(steward):
        summary = when_free(lambda: flows.refresh(str(cfg.warehouse), str(cfg.inbox), True, drop_missing))
    counts = summary["submissions"]
    return Completed(message=message(in_both(lambda lang: _(
        REFRESH_DONE, lang, loaded=fmt_number(counts["files_loaded"] + counts["files_partial"], lang),
        rejected=fmt_number(counts["files_rejected"], lang), rows=fmt_number(counts["rows_loaded"], lang)))))


@flow(name="review-decision", log_prints=True)
def review_decision(warehouse_path: str, held_ids: list[str], decision: str, steward: str,
                    reason: str) -> State:
    """Approve (publish) or reject held figures; refused when one is no longer waiting."""
    try:
        decided = when_free(lambda: review.decide(Path(warehouse_path), held_ids, decision, steward,
                                                  reason, str(flow_run.id or "")))
    except review.ReviewError as err:
        return Failed(name=REFUSED, message=message({lang: str(err) for lang in LANGUAGES}))
    n = len(decided)
    texts = in_both(lambda lang: ngettext(
        "{n} figure approved and published", "{n} figures approved and published", n, lang,
        n=fmt_number(n, lang)) if decision == "approved" else ngettext(
        "{n} figure rejected", "{n} figures rejected", n, lang, n=fmt_number(n, lang)))
    return Completed(message=message(texts))


FLOWS = (ingest_upload, steward_refresh, review_decision)


def register(pool: str = POOL) -> None:
    """Create the work pool (process type, one run at a time) if missing, and (re)create the
    deployments on it. Each deployment names its flow by module path, so a worker on any
    machine where Regiomonitor is installed can import it: nothing is uploaded or built."""
    from prefect import deploy
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.deployments.runner import EntrypointType
    from prefect.exceptions import ObjectAlreadyExists

    # The synchronous client: asyncio.run() refuses in a thread whose loop already runs (a test
    # process driving Chromium through Playwright's sync API has one).
    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process", concurrency_limit=1))
        except ObjectAlreadyExists:
            pass
    deploy(*(f.to_deployment(DEPLOYMENT, entrypoint_type=EntrypointType.MODULE_PATH) for f in FLOWS),
           work_pool_name=pool, build=False, push=False, print_next_steps_message=False,
           ignore_warnings=True)

"""Partner upload in the browser (/aanleveren) and the steward's page (/beheer).

A partner uploads a CSV or XLSX; the server checks it with the same command a steward runs
(`regiomonitor validate --json`, in a subprocess: the dashboard never imports the pipelines or
Prefect) and shows that report before anything is kept. A confirmed file goes into the inbox
atomically (`<name>.part`, fsync, rename), and a Prefect flow run of the deployment
`ingest-upload` loads it (dashboard/run_status.py; a Prefect worker carries it out). Its state
is read from where the file is and from the warehouse: waiting, loaded, partly loaded,
rejected, or held for review when some of its figures wait in the review queue.

The review queue is the warehouse's (pipelines/review.py): figures far above their usual
level are held there by the ingest, never published unseen. A steward decides on /beheer,
which starts a run of `review-decision`; a refresh is a run of `steward-refresh`. Both pages
show the runs they started, live (static/live_runs.js polls `…/stand`), with the summary, or
the reason of a refusal and, where one is possible, the choice to confirm.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path

import flask
import pandas as pd
from werkzeug.utils import secure_filename

from core import audit_log, changes, paging, states
from core.formats import as_date
from core.paging import ROWS_PER_PAGE, first_row, page_of
from core.settings import ROOT
from core.texts import N_, _
from core.vocabulary import SUBMISSION_SUFFIXES
from dashboard import auth, names, request_language, run_status, template, upload_checks, warehouse
from dashboard.accounts import Account, Upload, now
from dashboard.changes import value_or_none
from dashboard.security import file_limit_mb

blueprint = flask.Blueprint("upload", __name__)
VALIDATE_TIMEOUT_S = 120
INBOX_KEY = "regiomonitor_upload_inbox"
# What /beheer says after a steward started something (no_reason: the form's own error).
STARTED = {"ingest": N_("Loading the inbox: see its state under Runs."),
           "refresh": N_("Rebuild asked: see its state under Runs."),
           "nothing": N_("Nothing to do: the inbox is empty."),
           "busy": N_("A rebuild is already waiting or running: see its state under Runs."),
           "decided": N_("Decision sent: see its state under Runs.")}


@dataclasses.dataclass(frozen=True)
class Report:
    """The validation report of one file, as `regiomonitor validate --json` gives it."""

    status: str             # loaded (would load), rejected, unchanged; 'failed' if the check failed
    rows: int
    errors: list[dict]
    warnings: list[dict]
    regions: tuple[str, ...] = ()   # what the file's valid figures are for
    partners: tuple[str, ...] = ()
    rows_valid: int = 0             # rows without an error, also in a file that would not load
    rows_rejected: int = 0
    changes: dict = dataclasses.field(default_factory=dict)   # what it would change (--json)

    @property
    def can_confirm(self) -> bool:
        return self.status in ("loaded", "unchanged") and not self.errors

    @property
    def file_errors(self) -> int:
        """Errors of the file as a whole (no row): an unreadable file, a partner or region outside
        the account. No row is counted fine while one stands (issue 23)."""
        return sum(e.get("row") is None for e in self.errors)


def inbox() -> Path:
    return flask.current_app.extensions[INBOX_KEY]


def pending_dir() -> Path:
    """Checked files not yet confirmed: beside the accounts store, never in the inbox."""
    return upload_checks.folder(auth.store().path.parent)


def validate(path: Path) -> Report:
    """The CLI's report on `path`, from a subprocess with a time limit."""
    command = [sys.executable, "-m", "regiomonitor.cli", "validate", "--json", "--warehouse",
               str(warehouse.current().path), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=VALIDATE_TIMEOUT_S,
                              cwd=ROOT)
        report = json.loads(done.stdout)
        if report["refused"]:   # not read at all (over the file limit): the reason is the error
            refused = report["refused"][0]
            return Report("rejected", 0, [{"row": None, "column": None, "value": None,
                                           "reason_nl": refused["reason_nl"],
                                           "reason_en": refused["reason_en"]}], [])
        result = report["files"][0]
    except (subprocess.TimeoutExpired, json.JSONDecodeError, KeyError, IndexError):
        return Report("failed", 0, [], [])
    return Report(result["status"], result["rows"], result["errors"], result["warnings"],
                  tuple(result.get("regions", ())), tuple(result.get("partners", ())),
                  result.get("rows_valid", 0), result.get("rows_rejected", 0),
                  result.get("changes", {}))


SCOPE_REASONS = {
    "partner": N_("your account does not deliver for this partner; you deliver for: {own}"),
    "regio": N_("your account does not deliver for this region; you deliver for: {own}")}


def verdict(report: Report) -> str:
    """What a check found, for the audit log (core/audit_log.py WORDS): a check is never a load."""
    if report.status == "failed":
        return "check_failed"
    if not report.can_confirm:
        return "cannot_load"
    return "unchanged" if report.status == "unchanged" else "can_load"


def outside_scope(report: Report, user: Account) -> list[dict]:
    """A partner delivers for its own organisations, and for its own regions when its account
    names any (an organisation that serves the whole country names none); a steward for all.
    Each figure outside that is an error in the report, so the file cannot be confirmed."""
    if user.is_steward:
        return []
    problems = []
    for column, codes, allowed in (("partner", report.partners, user.orgs),
                                   ("regio", report.regions, user.regions)):
        if column == "regio" and not allowed:
            continue
        own = {lang: names.partners(allowed, lang) if column == "partner" else ", ".join(allowed)
               for lang in ("nl", "en")}
        reason = SCOPE_REASONS[column]
        problems += [{"row": None, "column": column, "value": code,
                      "reason_nl": _(reason, "nl", own=own["nl"]), "reason_en": _(reason, "en", own=own["en"])}
                     for code in codes if code not in allowed]
    return problems


def publish_to_inbox(source: Path, name: str) -> Path:
    """Copy into the inbox as `<name>.part`, fsync, then rename: the ingest never sees half a file."""
    folder = inbox()
    folder.mkdir(parents=True, exist_ok=True)
    part, final = folder / f"{name}.part", folder / name
    with open(source, "rb") as src, open(part, "wb") as out:
        out.write(src.read())
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, final)
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return final


def state(upload: Upload) -> str:
    """waiting while the file is in the inbox; then its state in the warehouse
    (v_submission_state: loaded, partial, held, approved, partly_rejected, superseded, rejected)."""
    if (inbox() / upload.stored_name).exists():
        return "waiting"
    found = warehouse.current().query("submission", submission=upload.sha256[:16])
    if not found.empty:
        return str(found.iloc[0]["state"])
    if (inbox() / "rejected" / upload.stored_name).exists():
        return "rejected"
    return "waiting"


@dataclasses.dataclass(frozen=True)
class Told:
    """One figure of an upload with something to tell, as /aanleveren says it."""
    label: str             # 'AM10 · stages · apr 2007 · ROC Rivor'
    value: str
    state: str             # v_figure_state.state
    reason: str | None     # the steward's, for a decision
    at: object             # when decided, replaced or withdrawn
    later_file: str | None


def told(upload: Upload, lang: str) -> list[Told]:
    """The upload's figures that were held, approved, rejected, replaced or withdrawn
    (sql/queries/figure_states.sql), each with the steward's reason and the moment."""
    frame = warehouse.current().query("figure_states", submission=upload.sha256[:16])
    return [Told(changes.figure_label(f.region, f.indicator, as_date(f.period), getattr(f, f"partner_{lang}"),
                                      f.sector, lang),
                 changes.value_text(value_or_none(f.value), lang), f.state, f.decision_reason,
                 None if pd.isna(f.state_at) else f.state_at, f.replaced_by_file)
            for f in frame.itertuples()]


def context(lang: str, **values: object) -> dict:
    return {**auth.page_context(lang), "max_mb": file_limit_mb(lang),
            "upload_states": states.SUBMISSION_STATES, "figure_states": states.FIGURE_STATES,
            "told": lambda upload: told(upload, lang), "partner_names": lambda codes: names.partners(codes, lang),
            "run_kinds": run_status.KINDS, **values}


@blueprint.before_request
def check_csrf() -> None:
    if flask.request.method == "POST":
        auth.csrf.protect()


@blueprint.route("/aanleveren", methods=["GET"])
@auth.requires("partner")
def aanleveren() -> str:
    lang = request_language.current()
    return flask.render_template("aanleveren.html", **partner_live(lang), **context(lang))


def partner_live(lang: str) -> dict:
    """What /aanleveren shows live: the account's submissions, each with its run."""
    user = auth.account()
    uploads = auth.store().uploads(None if user.is_steward else user.username)
    return {"uploads": [(u, state(u)) for u in uploads], "upload_runs": upload_runs(uploads, lang),
            "unconfirmed": upload_checks.waiting(pending_dir(), user.username)}


def upload_runs(uploads: list[Upload], lang: str) -> dict[str, run_status.RunView]:
    """The run of each upload, by upload id."""
    runs = auth.store().runs_of([u.id for u in uploads])
    return {v.subject: v for v in run_status.views(auth.store(), list(runs.values()), lang)}


@blueprint.route("/aanleveren/stand", methods=["GET"])
@auth.requires("partner")
def partner_state() -> flask.Response:
    """/aanleveren's live part, for its script: the table as HTML, and whether a run is still going."""
    lang = request_language.current()
    live = partner_live(lang)
    return live_json("uploads_live.html", live, live["upload_runs"].values(), lang)


def live_json(template_name: str, live: dict, views, lang: str) -> flask.Response:
    html_ = flask.render_template(template_name, **live, **context(lang))
    response = flask.jsonify({"html": html_, "busy": any(not v.final for v in views)})
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/aanleveren", methods=["POST"])
@auth.requires("partner")
def check_upload() -> tuple[str, int] | str:
    """Keep the file aside under a new check id, validate it, and show the report with a confirm
    button that carries that id."""
    lang = request_language.current()
    file = flask.request.files.get("file")
    name = secure_filename(file.filename or "") if file else ""
    if not name or not Path(name).suffix.lower() in SUBMISSION_SUFFIXES:
        return flask.render_template("aanleveren.html", uploads=[], bad_type=True,
                                     **context(lang)), 400
    user = auth.account()
    check = upload_checks.Check(upload_checks.new_id(), user.username, name, 0, 0)
    pending = upload_checks.data_path(pending_dir(), check.id, name)
    file.save(pending)
    report = validate(pending)
    scope = outside_scope(report, user)
    if scope:
        report = dataclasses.replace(report, errors=report.errors + scope)
    auth.store().audit(user.username, "upload checked", file=name, verdict=verdict(report),
                       rows=report.rows, errors=len(report.errors), warnings=len(report.warnings))
    if report.can_confirm:
        upload_checks.keep(pending_dir(), dataclasses.replace(check, rows=report.rows,
                                                              warnings=len(report.warnings)))
    else:
        pending.unlink(missing_ok=True)
    return flask.render_template("report.html", report=report, file_name=name, check_id=check.id,
                                 **context(lang))


@blueprint.route("/aanleveren/bevestigen", methods=["POST"])
def confirm() -> flask.Response | tuple[str, int]:
    """Move the file of the check named in the form into the inbox and record the upload: only
    its owner's, and once (pressed again, it shows the submissions as they are). A session that
    ended before the press gets a page that says so: the check waits on /aanleveren."""
    lang = request_language.current()
    back = flask.redirect(flask.url_for("upload.aanleveren", lang=lang if lang != "nl" else None))
    check_id, user = flask.request.form.get("check", ""), auth.account()
    if user is None:
        return flask.render_template("session_ended.html", **context(lang)), 401
    if not (user.is_steward or user.role == "partner"):
        flask.abort(403)
    if not upload_checks.CHECK_ID.fullmatch(check_id):
        flask.abort(400)
    with upload_checks.confirming(pending_dir(), check_id):
        done = auth.store().upload(check_id)
        if done is not None and done.username == user.username:
            return back
        check = upload_checks.load(pending_dir(), check_id, user.username)
        if done is not None or check is None:
            flask.abort(404)
        deliver(check)
    return back


def deliver(check: upload_checks.Check) -> None:
    """Record the upload and publish its file to the inbox; if publishing fails, the record
    goes too (an upload is never recorded without its file), and the check stays to try again."""
    path = upload_checks.data_path(pending_dir(), check.id, check.file_name)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    stored = upload_checks.stored_name(check.id, check.file_name, sha)
    auth.store().add_upload(Upload(check.id, check.username, check.file_name, stored, sha,
                                   check.rows, check.warnings, now()))
    try:
        publish_to_inbox(path, stored)
    except BaseException:
        auth.store().remove_upload(check.id)
        raise
    upload_checks.forget(pending_dir(), check)
    auth.store().audit(check.username, "upload", file=check.file_name, stored=stored, sha=sha[:16],
                       warnings=check.warnings)
    start_run("ingest", "ingest-upload", f"upload:{check.id}", check.username, check.id,
              {"files": [stored], "actor": f"upload:{check.username}", "shown": {stored: check.file_name}})


def start_run(kind: str, flow: str, key: str, username: str, subject: str, parameters: dict) -> None:
    """Record the run and ask Prefect for it (idempotent by `key`); the warehouse and inbox are
    this server's, which a worker on another machine must see at the same paths."""
    where = {"warehouse_path": str(warehouse.current().path)}
    if kind != "review":
        where["inbox"] = str(inbox())
    run_status.start(auth.store(), run_status.new_run(kind, flow, key, username, subject,
                                                      {**where, **parameters}))


@blueprint.route("/aanleveren/sjabloon.<kind>")
@auth.requires("partner")
def template_file(kind: str) -> flask.Response:
    """The same template as `regiomonitor template` writes."""
    if kind == "xlsx":
        buffer = io.BytesIO()
        template.write_xlsx(buffer, template.choices())
        buffer.seek(0)
        return flask.send_file(buffer, download_name="aanlevering_sjabloon.xlsx", as_attachment=True)
    if kind == "csv":
        return flask.send_file(io.BytesIO(template.csv_text().encode("utf-8")), as_attachment=True,
                               download_name="aanlevering_sjabloon.csv", mimetype="text/csv")
    flask.abort(404)


@blueprint.route("/beheer", methods=["GET"])
@auth.requires("steward")
def beheer() -> str:
    lang = request_language.current()
    held = held_page(warehouse.current().query("held_waiting", region=None),
                     flask.request.args.get(HELD_PAGE), lang)
    live = steward_live(lang)
    deciding = {v.subject: v for v in reversed(live["runs"])   # newest last; refused or failed: the form again
                if v.kind == "review" and v.state not in ("refused", "failed")}
    waiting = sorted(p.name for p in inbox().glob("*")
                     if p.suffix.lower() in SUBMISSION_SUFFIXES and p.is_file())
    return flask.render_template("beheer.html", waiting=waiting, held_page=held,
                                 held=[(h, deciding.get(h.id)) for h in held.rows.itertuples()],
                                 label=held_label, values=held_values, conflict=held_conflict,
                                 audit=auth.store().audit_log(), started=flask.request.args.get("started"),
                                 audit_what=lambda entry: audit_log.action_text(entry["action"], lang),
                                 audit_details=lambda entry: audit_details(entry, lang),
                                 started_texts=STARTED, form_id=uuid.uuid4().hex, **live, **context(lang))


def steward_live(lang: str) -> dict:
    """What /beheer shows live: the newest runs, and every partner's submissions with theirs."""
    uploads = auth.store().uploads()
    return {"runs": run_status.views(auth.store(), auth.store().runs(), lang),
            "uploads": [(u, state(u)) for u in uploads], "upload_runs": upload_runs(uploads, lang),
            "file_names": {u.id: u.file_name for u in uploads}}


@blueprint.route("/beheer/stand", methods=["GET"])
@auth.requires("steward")
def steward_state() -> flask.Response:
    """/beheer's live part, for its script."""
    lang = request_language.current()
    live = steward_live(lang)
    return live_json("beheer_live.html", live, live["runs"], lang)


@blueprint.route("/beheer/run", methods=["POST"])
@auth.requires("steward")
def run() -> flask.Response:
    """Start a run of the inbox's ingest, or of a refresh; a refresh that drops earlier files
    only as the confirmed second step after its refusal (`drop_missing` with `confirm`). The
    form's id is the run's key: the same form sent twice is one run."""
    lang = request_language.current()
    back = lambda started: flask.redirect(flask.url_for("upload.beheer", lang=lang, started=started))  # noqa: E731
    action, form_id = flask.request.form.get("action"), flask.request.form.get("form", "")
    drop = flask.request.form.get("drop_missing") == "1"
    if action not in ("ingest", "refresh") or not form_id.isalnum() or len(form_id) > 64:
        flask.abort(400)
    if drop and flask.request.form.get("confirm") != "1":
        return back("no_confirm")
    user = auth.account().username
    files = sorted(p.name for p in inbox().glob("*") if p.suffix.lower() in SUBMISSION_SUFFIXES and p.is_file())
    if action == "ingest":
        if not files:
            return back("nothing")
        start_run("ingest", "ingest-upload", f"ingest:{form_id}", user, "", {"files": None, "actor": user})
    else:
        key = f"refresh:{form_id}" + (":drop" if drop else "")
        if auth.store().run(key) is None and refresh_going():
            return back("busy")
        start_run("refresh", "steward-refresh", key, user, "", {"steward": user, "drop_missing": drop})
    auth.store().audit(user, "run refresh dropping" if drop else f"run {action}", files=len(files))
    return back(action)


def review_key(held_id: str) -> str:
    """The key of a decision on `held_id`: the figure itself, so that a double click or a second
    tab ask for the run already there; after a run that failed (not refused), a new one."""
    last = auth.store().runs_of([held_id]).get(held_id)
    if last is None:
        return f"review:{held_id}"
    [view] = run_status.views(auth.store(), [last], "en")
    return f"review:{held_id}:{uuid.uuid4().hex[:8]}" if view.state == "failed" else last.key


def refresh_going() -> bool:
    """Whether a refresh started in the browser still waits or runs (a second tab's would only
    rebuild the same warehouse again)."""
    recent = [r for r in auth.store().runs(limit=50) if r.kind == "refresh"]
    return any(not v.final and v.state != "unsent" for v in run_status.views(auth.store(), recent, "en"))


def audit_details(entry: Mapping[str, object], lang: str) -> str:
    """An audit entry's details in the page's language, from its parameters (core/audit_log.py)."""
    params = json.loads(entry["params"]) if entry["params"] else None
    return audit_log.detail_text(str(entry["action"]), params, lang, str(entry["detail"]))


HELD_PAGE = "held_page"   # /beheer?held_page=N: which page of the held figures
HELD_CAPTION = N_("Figures far above the usual level: they count only once approved")
HELD_CAPTION_PART = N_("Figures far above the usual level, {first} to {last} of {n}: they count only once "
                       "approved")
HELD_EARLIER, HELD_LATER = N_("← Earlier held figures"), N_("Later held figures →")
HELD_PAGES = N_("Pages of the held figures")


@dataclasses.dataclass(frozen=True)
class HeldPage:
    """One page of the review queue on /beheer (core/paging.py): each held figure has a form,
    and a file with thousands of outliers made a page of thousands of forms. `pager`: its
    navigation, None when one page holds the queue."""

    rows: pd.DataFrame
    number: int
    caption: str
    pager: paging.Navigation | None


def held_page(held: pd.DataFrame, asked: str | None, lang: str) -> HeldPage:
    """The page of the review queue (oldest file first) that `asked` names, kept in range."""
    number = page_of(asked, len(held))
    first = first_row(number)
    rows = held.iloc[first:first + ROWS_PER_PAGE]
    caption = paging.caption(HELD_CAPTION, HELD_CAPTION_PART, first, len(rows), len(held), lang)
    return HeldPage(rows, number, caption, held_pager(number, len(held), lang))


def held_pager(number: int, rows: int, lang: str) -> paging.Navigation | None:
    """The held figures' pager on page `number` of a queue of `rows`."""
    def link(page: int) -> str:
        return flask.url_for("upload.beheer", lang=lang, **{HELD_PAGE: str(page) if page > 1 else None}) + "#held"

    return paging.navigation(number, rows, link, HELD_EARLIER, HELD_LATER, HELD_PAGES, lang)


def held_label(held: object, lang: str) -> str:
    """'AM10 · stages · mei 2006 · ROC Rivor', as every report names a figure."""
    partner = held.partner_name if lang == "nl" else held.partner_name_en
    return changes.figure_label(held.region, held.indicator, as_date(held.period), partner, held.sector, lang)


def held_values(old: object, new: object, lang: str) -> str:
    """'28 → 5.000': the published figure (none: '–') and the held one."""
    return changes.values_text(value_or_none(old), value_or_none(new), lang)


def held_conflict(held: object, lang: str) -> str:
    """'ingehaald: vastgehouden 5.000, nu 25 uit het latere bestand b.csv': no decision on it."""
    return changes.overtaken_text(held.new_value, value_or_none(held.old_value), held.later_file, lang)


@blueprint.route("/beheer/beoordelen", methods=["POST"])
@auth.requires("steward")
def decide() -> flask.Response:
    """A steward approves or rejects one held figure, with a reason: a run of the deployment
    `review-decision` publishes it (the dashboard never writes the warehouse). Its key is the
    figure: a double click or a second tab asks for the run that is already there."""
    lang = request_language.current()
    held_id = flask.request.form.get("held", "")
    decision = flask.request.form.get("decision")
    reason = (flask.request.form.get("reason") or "").strip()[:500]
    queue = warehouse.current().query("held_waiting", region=None)
    known = set(queue.loc[~queue["overtaken"].astype(bool), "id"])   # an overtaken figure takes no decision
    if held_id not in known or decision not in ("approved", "rejected"):
        flask.abort(400)
    page = paging.requested(flask.request.form.get(HELD_PAGE))
    back = lambda started: flask.redirect(flask.url_for(  # noqa: E731   the page the form was on
        "upload.beheer", lang=lang, started=started, **{HELD_PAGE: str(page) if page else None}))
    if not reason:
        return back("no_reason")
    user = auth.account().username
    start_run("review", "review-decision", review_key(held_id), user, held_id,
              {"held_ids": [held_id], "decision": decision, "steward": user, "reason": reason})
    auth.store().audit(user, f"review {decision}", figure=held_id, reason=reason)
    return back("decided")

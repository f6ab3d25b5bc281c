"""Partner upload in the browser (/aanleveren) and the steward's page (/beheer).

A partner uploads a CSV or XLSX; the server checks it with the same command a steward runs
(`regiomonitor validate --json`, in a subprocess: the dashboard never imports the pipelines or
Prefect) and shows that report before anything is kept. A confirmed file goes into the inbox
atomically (`<name>.part`, fsync, rename), where the loader started by `regiomonitor serve`
(or a steward's run) loads it with the Prefect flow `ingest`. Its state is read from where the
file is and from the warehouse: held for review, waiting, loaded, partly loaded, rejected.

Held for review: a file whose rows carry plausibility warnings (a figure ten times the usual
level) does not go to the inbox at confirmation but waits in `held/` beside the accounts store,
with its warnings, until a steward approves it on /beheer; then it goes into the inbox like any
other. The hold is per file: the row-level review queue comes with a later issue.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import flask
from werkzeug.utils import secure_filename

from dashboard import auth, warehouse
from dashboard.i18n import language, t
from regiomonitor import template
from regiomonitor.accounts import Account, Upload, now
from regiomonitor.config import MAX_UPLOAD_BYTES, ROOT

blueprint = flask.Blueprint("upload", __name__)
SUFFIXES = (".csv", ".xlsx")
VALIDATE_TIMEOUT_S = 120
INBOX_KEY = "regiomonitor_upload_inbox"
PENDING_MAX_AGE_S = 24 * 3600


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

    @property
    def can_confirm(self) -> bool:
        return self.status in ("loaded", "unchanged") and not self.errors


def inbox() -> Path:
    return flask.current_app.extensions[INBOX_KEY]


def pending_dir() -> Path:
    """Uploaded but not yet confirmed files: beside the accounts store, never in the inbox.
    Files nobody confirmed within a day are removed."""
    path = auth.store().path.parent / "pending"
    path.mkdir(parents=True, exist_ok=True)
    for old in path.iterdir():
        if time.time() - old.stat().st_mtime > PENDING_MAX_AGE_S:
            old.unlink(missing_ok=True)
    return path


def validate(path: Path) -> Report:
    """The CLI's report on `path`, from a subprocess with a time limit."""
    command = [sys.executable, "-m", "regiomonitor.cli", "validate", "--json", "--warehouse",
               str(warehouse.current().path), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=VALIDATE_TIMEOUT_S,
                              cwd=ROOT)
        result = json.loads(done.stdout)["files"][0]
    except (subprocess.TimeoutExpired, json.JSONDecodeError, KeyError, IndexError):
        return Report("failed", 0, [], [])
    return Report(result["status"], result["rows"], result["errors"], result["warnings"],
                  tuple(result.get("regions", ())), tuple(result.get("partners", ())),
                  result.get("rows_valid", 0), result.get("rows_rejected", 0))


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
        own = ", ".join(allowed) or "–"
        problems += [{"row": None, "column": column, "value": code,
                      "reason_nl": t(f"upload_scope_{column}", "nl", own=own),
                      "reason_en": t(f"upload_scope_{column}", "en", own=own)}
                     for code in codes if code not in allowed]
    return problems


def held_dir() -> Path:
    """Confirmed files with warnings, waiting for a steward's approval (never in the inbox)."""
    path = auth.store().path.parent / "held"
    path.mkdir(parents=True, exist_ok=True)
    return path


def held_warnings(upload: Upload) -> list[dict]:
    """The warnings a held file was held for, as the check reported them."""
    report = held_dir() / f"{upload.stored_name}.warnings.json"
    return json.loads(report.read_text(encoding="utf-8")) if report.exists() else []


def publish_to_inbox(source: Path, name: str) -> Path:
    """Copy into the inbox as `<name>.part`, fsync, then rename: the loader never sees half a file."""
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
    """held, waiting, loaded, partial or rejected: from the folders and the warehouse."""
    if (held_dir() / upload.stored_name).exists():
        return "held"
    if (inbox() / upload.stored_name).exists():
        return "waiting"
    found = warehouse.current().query("submission", submission=upload.sha256[:16])
    if not found.empty:
        return str(found.iloc[0]["status"])
    if (inbox() / "rejected" / upload.stored_name).exists():
        return "rejected"
    return "waiting"


def context(lang: str, **values: object) -> dict:
    return {**auth.page_context(lang), "max_mb": MAX_UPLOAD_BYTES // 1024 ** 2, **values}


@blueprint.before_request
def check_csrf() -> None:
    if flask.request.method == "POST":
        auth.csrf.protect()


@blueprint.route("/aanleveren", methods=["GET"])
@auth.requires("partner")
def aanleveren() -> str:
    lang = language(flask.request.args.get("lang"))
    user = auth.account()
    uploads = auth.store().uploads(None if user.is_steward else user.username)
    return flask.render_template("aanleveren.html", uploads=[(u, state(u)) for u in uploads],
                                 **context(lang))


@blueprint.route("/aanleveren", methods=["POST"])
@auth.requires("partner")
def check_upload() -> tuple[str, int] | str:
    """Keep the file aside, validate it, and show the report with a confirm button."""
    lang = language(flask.request.form.get("lang"))
    file = flask.request.files.get("file")
    name = secure_filename(file.filename or "") if file else ""
    if not name or not name.lower().endswith(SUFFIXES):
        return flask.render_template("aanleveren.html", uploads=[], bad_type=True,
                                     **context(lang)), 400
    upload_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
    pending = pending_dir() / f"{upload_id}_{name}"
    file.save(pending)
    report = validate(pending)
    scope = outside_scope(report, auth.account())
    if scope:
        report = dataclasses.replace(report, errors=report.errors + scope)
    flask.session["pending"] = {"id": upload_id, "name": name, "rows": report.rows,
                                "warnings": len(report.warnings)}
    if report.warnings:
        pending.with_name(pending.name + ".warnings.json").write_text(
            json.dumps(report.warnings, ensure_ascii=False), encoding="utf-8")
    auth.store().audit(auth.account().username, "upload checked",
                       f"{name}: {report.status}, {report.rows} rows, {len(report.errors)} errors")
    if not report.can_confirm:
        pending.unlink(missing_ok=True)
    return flask.render_template("report.html", report=report, file_name=name, **context(lang))


@blueprint.route("/aanleveren/bevestigen", methods=["POST"])
@auth.requires("partner")
def confirm() -> flask.Response:
    """Move the checked file into the inbox and record the upload."""
    lang = language(flask.request.form.get("lang"))
    pending = flask.session.pop("pending", None)
    path = pending_dir() / f"{pending['id']}_{pending['name']}" if pending else None
    if path is None or not path.exists():
        flask.abort(400)
    user = auth.account()
    stored = f"{pending['id']}_{pending['name']}"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    auth.store().add_upload(Upload(pending["id"], user.username, pending["name"], stored, sha,
                                   pending["rows"], pending["warnings"], now()))
    warnings = path.with_name(path.name + ".warnings.json")
    if warnings.exists():
        os.replace(warnings, held_dir() / warnings.name)
        os.replace(path, held_dir() / stored)
        auth.store().audit(user.username, "upload held", f"{pending['name']} as {stored} ({sha[:16]}), "
                                                         f"{pending['warnings']} warning(s)")
    else:
        publish_to_inbox(path, stored)
        path.unlink()
        auth.store().audit(user.username, "upload", f"{pending['name']} as {stored} ({sha[:16]})")
    return flask.redirect(flask.url_for("upload.aanleveren", lang=lang if lang != "nl" else None))


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
    lang = language(flask.request.args.get("lang"))
    uploads = [(u, state(u)) for u in auth.store().uploads()]
    held = [(u, held_warnings(u)) for u, s in uploads if s == "held"]
    waiting = sorted(p.name for p in inbox().glob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    return flask.render_template("beheer.html", uploads=uploads, waiting=waiting, held=held,
                                 audit=auth.store().audit_log(), started=flask.request.args.get("started"),
                                 **context(lang))


@blueprint.route("/beheer/run", methods=["POST"])
@auth.requires("steward")
def run() -> flask.Response:
    """Start `regiomonitor ingest` (the inbox) or `refresh` in the background, and log it."""
    lang = language(flask.request.form.get("lang"))
    action = flask.request.form.get("action")
    db = str(warehouse.current().path)
    files = sorted(str(p) for p in inbox().glob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    commands = {"ingest": ["ingest", "--warehouse", db, *files],
                "refresh": ["refresh", "--warehouse", db, "--inbox", str(inbox())]}
    if action not in commands or (action == "ingest" and not files):
        return flask.redirect(flask.url_for("upload.beheer", lang=lang, started="nothing"))
    log = open(auth.store().path.parent / f"run-{action}.log", "ab")
    subprocess.Popen([sys.executable, "-m", "regiomonitor.cli", *commands[action]], cwd=ROOT,
                     stdout=log, stderr=log, start_new_session=True,
                     env={**os.environ, "REGIOMONITOR_STEWARD": auth.account().username})
    log.close()
    auth.store().audit(auth.account().username, f"run {action}", f"{len(files)} file(s) in the inbox")
    return flask.redirect(flask.url_for("upload.beheer", lang=lang, started=action))


@blueprint.route("/beheer/goedkeuren", methods=["POST"])
@auth.requires("steward")
def approve() -> flask.Response:
    """A held file, approved by a steward, goes into the inbox to be loaded."""
    lang = language(flask.request.form.get("lang"))
    upload = next((u for u in auth.store().uploads() if u.id == flask.request.form.get("upload")), None)
    if upload is None or state(upload) != "held":
        flask.abort(400)
    held = held_dir() / upload.stored_name
    publish_to_inbox(held, upload.stored_name)
    held.unlink()
    (held_dir() / f"{upload.stored_name}.warnings.json").unlink(missing_ok=True)
    auth.store().audit(auth.account().username, "approve",
                       f"{upload.file_name} of {upload.username} ({upload.sha256[:16]})")
    return flask.redirect(flask.url_for("upload.beheer", lang=lang if lang != "nl" else None))

"""The `regiomonitor` command: the top floor, which wires the pipelines and the dashboard.
Each subcommand imports only the side it needs, so `serve` never loads Prefect and `refresh`
never loads Dash. Its options are in regiomonitor/arguments.py; everything it says is in the
command's language (--lang, else REGIOMONITOR_LANG, else Dutch)."""
from __future__ import annotations

import argparse
import getpass
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from core.formats import fmt_number
from core.messages import OS_ERRORS, no_warehouse
from core.settings import (
    default_accounts,
    default_inbox,
    default_upload_inbox,
    default_warehouse,
)
from core.texts import LANGUAGES, N_, _, command_language, ngettext
from regiomonitor.arguments import build_parser


def run_refresh(warehouse: Path | None, inbox: Path | None, demo_targets: bool,
                drop_missing: bool = False) -> dict:
    """Run the Prefect refresh flow and print what it loaded. The reading worker of its partner
    files (pipelines/isolated.py) ends with it: `demo` serves from this process next, and
    gunicorn's workers, forks of it, had kept an idle reader beside the dashboard."""
    from pipelines import isolated
    from pipelines.flows import refresh

    _before_refresh(warehouse or default_warehouse(), inbox or default_inbox(), drop_missing)
    try:
        summary = refresh(str(warehouse) if warehouse else None, str(inbox) if inbox else None,
                          demo_targets, drop_missing)
    finally:
        isolated.shutdown()
    lang = command_language()
    counts = {name: fmt_number(value, lang)
              for name, value in {**summary["submissions"], "targets": summary["targets"]}.items()}
    print(_("Warehouse published: {path}", lang, path=warehouse or default_warehouse()))
    print("  " + _("files loaded {files_loaded}, partly loaded {files_partial}, rejected {files_rejected}, "
                   "unchanged {files_unchanged}; rows {rows_loaded} (rejected {rows_rejected}), errors "
                   "{errors}, warnings {warnings}; targets {targets}", lang, **counts))
    return summary


def _before_refresh(warehouse: Path, inbox: Path, drop_missing: bool) -> None:
    """What a refresh would fail on, checked before Prefect starts so it is said in one line
    (the flow checks the same again, for runs started elsewhere)."""
    from pipelines import context, disk
    from pipelines.inbox import check_nothing_dropped, received_files
    from pipelines.warehouse import writer_lock

    context.check_file()   # a bad context file: every bad cell, before anything starts
    files = received_files(inbox, log=lambda line: None) if inbox.is_dir() else []
    disk.check(warehouse, [f for f in files if f.parent == inbox])
    with writer_lock(warehouse):
        if inbox.is_dir() and not drop_missing:
            check_nothing_dropped(warehouse, inbox, files)


def own_prefect_port(args: argparse.Namespace) -> int | None:
    """The port of the Prefect server that `serve` or `demo` starts itself: none with
    --prefect-api (a running one), --no-prefect, or --dev (Flask's server starts nothing)."""
    return None if args.prefect_api or args.no_prefect or args.dev else args.prefect_port


def run_serve(warehouse: Path | None, args: argparse.Namespace,
              server: subprocess.Popen | None = None) -> None:
    """Serve the dashboard on an existing warehouse: gunicorn with a Prefect server and worker,
    or with --dev Flask's development server (runs then need --prefect-api). `server`: the
    Prefect server `demo` already started on --prefect-port, which serve then keeps and stops."""
    path = existing_warehouse(warehouse)
    accounts = args.accounts or default_accounts()
    inbox = args.upload_inbox or default_upload_inbox()
    lang = command_language()
    how = (_("development server", lang) if args.dev
           else ngettext("{n} worker", "{n} workers", args.workers, lang, n=args.workers))
    print(_("Regiomonitor: http://{host}:{port}/  (warehouse {path}, {how})", lang, host=args.host,
            port=args.port, path=path, how=how), flush=True)
    if args.dev:
        from dashboard.app import create_app
        if args.prefect_api:
            os.environ["REGIOMONITOR_PREFECT_API"] = args.prefect_api
        create_app(path, accounts, inbox).run(host=args.host, port=args.port, debug=False)
        return
    from regiomonitor.serving import serve
    own = None if server else own_prefect_port(args)
    api = None if args.no_prefect else args.prefect_api or f"http://127.0.0.1:{args.prefect_port}/api"
    if own:
        check_port("127.0.0.1", own, prefect=True)
        print(_("Prefect UI: http://127.0.0.1:{port}/", lang, port=own), flush=True)
    serve(path, accounts, inbox, args.host, args.port, args.workers, args.threads,
          prefect_api=api, prefect_port=own, worker=not args.no_worker, server=server)


def existing_warehouse(warehouse: Path | None) -> Path:
    """The warehouse a command reads, or the one line that says there is none yet."""
    path = warehouse or default_warehouse()
    if not path.exists():
        sys.exit(str(no_warehouse(path)))
    return path


def check_port(host: str, port: int, prefect: bool = False) -> None:
    """Say that the port is taken before spending half a minute building (issue 13)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            if prefect:
                sys.exit(_("Port {port} for the Prefect server is already in use (another Prefect server?); "
                           "choose another with --prefect-port, or use that server with "
                           "--prefect-api http://127.0.0.1:{port}/api.", command_language(), port=port))
            sys.exit(_("Port {port} on {host} is already in use; choose another, e.g. `make demo PORT={next}` "
                       "or `regiomonitor demo --port {next}`.", command_language(), port=port, host=host,
                       next=port + 1))


def cmd_demo(args: argparse.Namespace) -> None:
    """Build the demo warehouse, then serve it. The Prefect server that serve keeps starts
    first and the refresh runs on it: without PREFECT_API_URL the refresh would start a
    temporary server of its own, one Prefect start-up more (~15 s, 15-25 s CPU) before the
    dashboard answers."""
    check_port(args.host, args.port)
    own = own_prefect_port(args)
    if not own:
        run_refresh(args.warehouse, args.inbox, True)
        run_serve(args.warehouse, args)
        return
    from regiomonitor.serving import prefect_server, stop
    from regiomonitor.workers import wait_for

    check_port("127.0.0.1", own, prefect=True)
    print(_("Prefect UI: http://127.0.0.1:{port}/", command_language(), port=own), flush=True)
    server = prefect_server("127.0.0.1", own)
    try:
        api = f"http://127.0.0.1:{own}/api"
        wait_for(api)
        os.environ["PREFECT_API_URL"] = api   # read when the refresh first imports Prefect
        run_refresh(args.warehouse, args.inbox, True)
    except BaseException:   # a refusal, Ctrl-C, SIGTERM (_stop): the server has its own session
        stop(server)
        raise
    # Not inside the try: gunicorn's workers are forks of this process that leave through this
    # frame when they exit; serve's master stops the server on its own exit.
    run_serve(args.warehouse, args, server)


def cmd_refresh(args: argparse.Namespace) -> None:
    run_refresh(args.warehouse, args.inbox, not args.no_demo_targets, args.drop_missing)


def cmd_serve(args: argparse.Namespace) -> None:
    run_serve(args.warehouse, args)


def cmd_worker(args: argparse.Namespace) -> None:
    """Wait for the Prefect server, create the pool and the deployments, then become
    `prefect worker start` (exec: `ps` shows the Prefect worker, signals reach it directly)."""
    from regiomonitor.arguments import DEFAULT_PREFECT_API
    from regiomonitor.workers import become_worker

    become_worker(args.prefect_api or os.environ.get("PREFECT_API_URL") or DEFAULT_PREFECT_API, args.name)


def _password(args: argparse.Namespace) -> str:
    """From standard input with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    lang = command_language()
    first, second = getpass.getpass(_("Password: ", lang)), getpass.getpass(_("Again: ", lang))
    if first != second:
        sys.exit(_("The passwords differ.", lang))
    return first


def _check_codes(codes: list[str], reference: str) -> None:
    """Refuse codes that are not in data/reference/<reference> (column `code`)."""
    import csv

    from core.settings import REFERENCE_DIR

    with open(REFERENCE_DIR / reference, encoding="utf-8") as f:
        known = {row["code"] for row in csv.DictReader(f)}
    unknown = sorted(set(codes) - known)
    if unknown:
        sys.exit(_("Unknown code(s) in {file}: {codes}; known: {known}", command_language(), file=reference,
                   codes=", ".join(unknown), known=", ".join(sorted(known))))


# What `user` says it did.
USER_DONE = {"add": N_("Added {user}"), "disable": N_("Disabled {user}"), "enable": N_("Enabled {user}"),
             "reset": N_("New password for {user}")}


def cmd_user(args: argparse.Namespace) -> None:
    from dashboard.accounts import AccountError, Store

    store = Store(args.accounts or default_accounts())
    actor = f"cli:{getpass.getuser()}"
    lang = command_language()
    try:
        if args.action == "list":
            for a in store.accounts():
                state = _("disabled", lang) if a.disabled else _("active", lang)
                print(f"{a.username:20} {a.role:8} {state:10} " + _(
                    "organisations {orgs}, regions {regions}", lang, orgs=",".join(a.orgs) or "–",
                    regions=",".join(a.regions) or _("all", lang)))
            return
        if args.action == "add":
            _check_codes(args.org or [], "partners.csv")
            _check_codes(args.region or [], "regions.csv")
            password = _password(args)
            if len(password) < 12:
                sys.exit(_("Password too short (at least 12 characters).", lang))
            store.add(args.username, password, args.role, args.org or [], args.region or [])
        elif args.action == "reset":
            store.reset_password(args.username, _password(args))
        else:
            store.set_disabled(args.username, args.action == "disable")
    except AccountError as err:
        sys.exit(str(err))
    store.audit(actor, f"user {args.action}", user=args.username)
    print(_(USER_DONE[args.action], lang, user=args.username))


def cmd_progress(args: argparse.Namespace) -> None:
    from dashboard.progress_report import progress_report
    from pipelines.parsing import ParseError, parse_period

    path = existing_warehouse(args.warehouse)
    try:
        month = parse_period(args.month) if args.month else None
        print(progress_report(path, args.region, month, args.programme, args.lang))
    except ParseError as err:
        sys.exit(f"--month: {err.reason_nl if args.lang == 'nl' else err.reason_en}")
    except ValueError as err:
        sys.exit(str(err))


def cmd_geometry(args: argparse.Namespace) -> None:
    from pipelines.boundaries import BoundaryError
    from pipelines.flows import geometry_flow

    try:
        summary = geometry_flow(args.source, args.level,
                                str(args.warehouse) if args.warehouse else None,
                                str(args.cache) if args.cache else None, args.layer,
                                args.attribution)
    except (BoundaryError, FileNotFoundError) as err:
        sys.exit(str(err))
    lang = command_language()
    print(_("Boundaries loaded: {rows} {level} ({year}), gzip {before} → {after} bytes (tolerance "
            "{tolerance} m)",
            lang, rows=summary["rows"], level=summary["level"], year=summary["year"],
            before=fmt_number(summary["bytes_before"], lang), after=fmt_number(summary["bytes_after"], lang),
            tolerance=fmt_number(summary["tolerance_m"], lang)))


def cmd_demo_data(args: argparse.Namespace) -> None:
    from pipelines.demo_data import generate

    files = generate(args.out)
    lang = command_language()
    print(ngettext("Wrote {n} demo file to {folder}", "Wrote {n} demo files to {folder}", len(files), lang,
                   n=len(files), folder=args.out))


def cmd_bench(args: argparse.Namespace) -> None:
    if args.load:
        from benchmarks import load
        load.run([int(n) for n in args.users.split(",")], args.seconds, args.workers)
        return
    from benchmarks.run import FULL, QUICK, run

    if args.warehouse and args.warehouse.exists():
        sys.exit(_("{path} exists; the benchmark never overwrites a warehouse.", command_language(),
                   path=args.warehouse))
    run(QUICK if args.quick else FULL, args.out, args.warehouse)


def _files(paths: list[Path], as_json: bool, dry_run: bool) -> tuple[list[Path], list]:
    """The files to take from those named (a folder stands for its settled top level), and
    the refusals; says why for each file not taken, and exits when none is left (with --json
    the report, its `refused` saying why).

    No files is not an error (an empty inbox is normal): exit 0, or 1 when files were refused.
    """
    from pipelines.inbox import select, shown

    lang = command_language()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            sys.exit(_("File not found: {file}", lang, file=shown(path)))
    selection = select(paths)
    for line in selection.lines():
        print(line, file=sys.stderr)
    if not selection.files:
        if as_json:
            _print_report([], as_json, dry_run, selection.refused)
        else:
            print(_("No files to process in: {paths}", lang, paths=", ".join(shown(p) for p in paths)))
        sys.exit(1 if selection.refused else 0)
    return selection.files, selection.refused


def _print_report(results: list, as_json: bool, dry_run: bool = False, refused: list = ()) -> None:
    from pipelines.reports import report_json, report_text, totals_text

    lang = command_language()
    print(report_json(results, dry_run, lang, refused) if as_json
          else report_text(results, dry_run, lang) + totals_text(results, dry_run, lang),
          end="" if not as_json else "\n")


def cmd_validate(args: argparse.Namespace) -> None:
    import logging

    from pipelines.reading import start_worker

    start_worker([path for path in args.paths if path.is_file()])   # before the imports below
    from pipelines.ingest import Options, validate_files
    from pipelines.reports import would_load

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    files, refused = _files(args.paths, args.json, dry_run=True)
    results = validate_files(args.warehouse or default_warehouse(), files, Options(sheet=args.sheet))
    _print_report(results, args.json, dry_run=True, refused=refused)
    sys.exit(0 if would_load(results) and not refused else 1)


def _before_ingest(warehouse: Path, files: list[Path]) -> None:
    """What an ingest would fail on (a read-only inbox, a full disk, a busy warehouse),
    checked before Prefect starts so it is said in one line (issue 13)."""
    from pipelines import disk
    from pipelines.inbox import check_writable
    from pipelines.warehouse import writer_lock

    check_writable(files)
    disk.check(warehouse, files)
    with writer_lock(warehouse):
        pass


def cmd_ingest(args: argparse.Namespace) -> None:
    from pipelines.flows import ingest
    from pipelines.ingest import NoWarehouse

    path = args.warehouse or default_warehouse()
    files, refused = _files(args.paths, args.json, dry_run=False)
    _before_ingest(path, files)
    try:
        results = ingest([str(p) for p in files], None, str(path), args.accept_valid_rows,
                         args.sheet, args.approve_warnings)
    except (NoWarehouse, ValueError) as err:
        sys.exit(str(err))
    _print_report(results, args.json, refused=refused)
    sys.exit(0 if all(r.status != "rejected" for r in results) and not refused else 1)


# What `review approve` and `review reject` did to each figure.
DECIDED = {"approved": N_("approved and published"), "rejected": N_("rejected")}


def cmd_review(args: argparse.Namespace) -> None:
    from core import changes
    from pipelines import review, runs
    from pipelines.ingest import OutdatedWarehouse
    from pipelines.warehouse import WarehouseBusy

    path, lang = existing_warehouse(args.warehouse), args.lang
    if args.action == "list":
        try:
            queue = review.waiting_in(path, args.region)
        except OutdatedWarehouse as err:
            sys.exit(str(err))
        open_ = [h for h in queue if not h.overtaken]
        print(_("Waiting for review: {n}", lang, n=fmt_number(len(open_), lang)))
        for h in open_:
            print(_("{id}  {file} row {row}: {change}", lang, id=h.id, file=h.file_name,
                    row=h.change.source_row,
                    change=changes.line(h.change, lang)))
            print("    " + (h.reason_nl if lang == "nl" else h.reason_en))
        overtaken = [h for h in queue if h.overtaken]
        if overtaken:
            print(_("Overtaken by a later file, no decision possible: {n}", lang,
                    n=fmt_number(len(overtaken), lang)))
        for h in overtaken:
            c = h.change
            print(_("{id}  {file} row {row}: {figure}: {conflict}", lang, id=h.id, file=h.file_name,
                    row=c.source_row, conflict=h.conflict(lang),
                    figure=changes.figure_label(c.region, c.indicator, c.period, c.partner, c.sector,
                                                lang)))
        return
    if not args.ids:
        sys.exit(_("Name the ids from `regiomonitor review list`, or `all`.", lang))
    decision = "approved" if args.action == "approve" else "rejected"
    try:
        decided = review.decide(path, args.ids, decision, runs.steward(), args.reason or "")
    except (review.ReviewError, OutdatedWarehouse, WarehouseBusy) as err:   # nothing changed
        sys.exit(str(err))
    word = _(DECIDED[decision], lang)
    for h in decided:
        c = h.change
        label = changes.figure_label(c.region, c.indicator, c.period, c.partner, c.sector, lang)
        print(f"{word}: {h.id} {label}: {changes.values_text(c.old_value, c.new_value, lang)}")


def cmd_template(args: argparse.Namespace) -> None:
    from dashboard.template import write_templates

    for path in write_templates(args.out):
        print(_("Wrote {path}", command_language(), path=path))


def cmd_schedule(args: argparse.Namespace) -> None:
    from prefect.settings import PREFECT_API_URL

    from pipelines.flows import ingest

    if not PREFECT_API_URL.value():  # an ephemeral server runs no scheduler
        sys.exit(_("Start `prefect server start` first and set PREFECT_API_URL=http://127.0.0.1:4200/api.",
                   command_language()))
    parameters = {"inbox": str(args.inbox) if args.inbox else None,
                  "warehouse_path": str(args.warehouse) if args.warehouse else None}
    ingest.serve(name="regiomonitor-ingest", cron=args.cron, parameters=parameters,
                 pause_on_shutdown=False)


def _stop(signum: int, frame) -> None:
    """SIGTERM and SIGHUP end the command like Ctrl-C does, so exit handlers run and stop the
    temporary Prefect server a flow started (otherwise it lives on as an orphan)."""
    raise SystemExit(128 + signum)


def asked_language(argv: list[str]) -> str:
    """The language of this command: its --lang, else REGIOMONITOR_LANG, else Dutch. Read before
    the parser is built, so that --help and argparse's own errors speak it too."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if word.startswith("--lang=") and word.removeprefix("--lang=") in LANGUAGES:
            return word.removeprefix("--lang=")
    return command_language()


def cmd_states(args: argparse.Namespace) -> None:
    """What became of each file (v_submission_state), or of one file's figures (v_figure_state):
    the states the pages show, from the same views (sql/views/75_states.sql)."""
    import duckdb

    from core import changes, states
    from core.formats import as_date, fmt_timestamp
    from core.sql_files import query_text

    path, lang = existing_warehouse(args.warehouse), args.lang
    with duckdb.connect(str(path), read_only=True) as con:
        if args.id is None:
            for f in con.execute(query_text("data_submissions")).df().itertuples():
                print(_("{id}  {file}  {received}: {state}", lang, id=f.id, file=f.file_name,
                        received=fmt_timestamp(f.received_at, lang),
                        state=states.submission_state(f.state, lang, f.is_demo)))
                if f.decision_reason is not None:
                    print("    " + _("Reason: {reason}", lang, reason=f.decision_reason)
                          + f" ({f.decided_by}, {fmt_timestamp(f.decided_at, lang)})")
            return
        figures = con.execute(query_text("figure_states"), {"submission": args.id}).df()
    print(_("Figures held for review, decided, replaced or withdrawn", lang) + f": {len(figures)}")
    for f in figures.itertuples():
        label = changes.figure_label(f.region, f.indicator, as_date(f.period), getattr(f, f"partner_{lang}"),
                                     f.sector, lang)
        line = _("row {row}: {figure}: {value}, {state} ({when})", lang, row=f.source_row, figure=label,
                 value=changes.value_text(f.value, lang), when=fmt_timestamp(f.state_at, lang),
                 state=_(states.FIGURE_STATES[f.state], lang))
        reason = f". {_('Reason: {reason}', lang, reason=f.decision_reason)}" if f.decision_reason else ""
        later = f". {_('By the later file {file}', lang, file=f.replaced_by_file)}" if f.replaced_by_file else ""
        print(line + reason + later)


COMMANDS = {"demo": cmd_demo, "refresh": cmd_refresh, "serve": cmd_serve, "worker": cmd_worker,
            "user": cmd_user, "progress": cmd_progress, "geometry": cmd_geometry,
            "demo-data": cmd_demo_data, "validate": cmd_validate, "ingest": cmd_ingest,
            "review": cmd_review, "states": cmd_states, "template": cmd_template, "schedule": cmd_schedule, "bench": cmd_bench}


# A command run without PREFECT_API_URL starts a temporary Prefect server (TECH-NOTES: 12-14 s on
# a quiet machine); on two busy cores it took longer than Prefect's own limit of 20 s and the
# command failed without having started.
EPHEMERAL_STARTUP_S = "120"


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", EPHEMERAL_STARTUP_S)
    from pipelines.context import ContextFileError
    from pipelines.recovery import CannotRun
    from pipelines.warehouse import WarehouseBusy

    argv = sys.argv[1:] if argv is None else argv
    lang = asked_language(argv)
    os.environ["REGIOMONITOR_LANG"] = lang   # the flows this command runs log in it too
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if args.command == "user" and args.action != "list" and not args.username:
        parser.error(_("user: a user name is needed", lang))
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        COMMANDS[args.command](args)
    except (WarehouseBusy, CannotRun, ContextFileError) as err:
        sys.exit(str(err))
    except OSError as err:
        if err.errno not in OS_ERRORS:
            raise
        sys.exit(f"{_(OS_ERRORS[err.errno], lang)}: {err.filename or err}")


if __name__ == "__main__":
    main()

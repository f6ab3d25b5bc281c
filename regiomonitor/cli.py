"""The `regiomonitor` command. Each subcommand imports only the side it needs, so
`serve` never loads Prefect and `refresh` never loads Dash."""
from __future__ import annotations

import argparse
import errno
import getpass
import os
import signal
import socket
import sys
from pathlib import Path

from regiomonitor.core.settings import (
    DEMO_DIR,
    default_accounts,
    default_inbox,
    default_upload_inbox,
    default_warehouse,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
DEFAULT_WORKERS = 2 * (os.cpu_count() or 1)


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="warehouse file (default: $REGIOMONITOR_WAREHOUSE or "
                             f"{default_warehouse()})")


def _accounts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--accounts", type=Path, default=None,
                        help="accounts and audit log (default: $REGIOMONITOR_ACCOUNTS or "
                             f"{default_accounts()})")


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                        help=f"gunicorn worker processes (default {DEFAULT_WORKERS}: 2 per CPU)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--upload-inbox", type=Path, default=None,
                        help="where browser uploads land and the loader reads (default: "
                             f"$REGIOMONITOR_UPLOAD_INBOX, $REGIOMONITOR_INBOX or {default_upload_inbox()})")
    parser.add_argument("--no-loader", action="store_true",
                        help="do not start the loader that ingests browser uploads")
    parser.add_argument("--dev", action="store_true",
                        help="Flask's development server, one process (not for production)")
    _accounts_option(parser)


def run_refresh(warehouse: Path | None, inbox: Path | None, demo_targets: bool,
                drop_missing: bool = False) -> dict:
    """Run the Prefect refresh flow and print what it loaded."""
    from pipelines.flows import refresh

    _before_refresh(warehouse or default_warehouse(), inbox or default_inbox(), drop_missing)
    summary = refresh(str(warehouse) if warehouse else None, str(inbox) if inbox else None,
                      demo_targets, drop_missing)
    subs = summary["submissions"]
    print(f"Warehouse published: {warehouse or default_warehouse()}")
    print(f"  files loaded {subs['files_loaded']}, partly loaded {subs['files_partial']}, "
          f"rejected {subs['files_rejected']}, unchanged {subs['files_unchanged']}; "
          f"rows {subs['rows_loaded']} (rejected {subs['rows_rejected']}), "
          f"errors {subs['errors']}, warnings {subs['warnings']}; targets {summary['targets']}")
    return summary


def _before_refresh(warehouse: Path, inbox: Path, drop_missing: bool) -> None:
    """What a refresh would fail on, checked before Prefect starts so it is said in one line
    (the flow checks the same again, for runs started elsewhere)."""
    from pipelines.inbox import check_nothing_dropped, received_files
    from pipelines.recovery import check_free_space
    from pipelines.warehouse import writer_lock

    check_free_space(warehouse)
    with writer_lock(warehouse):
        if inbox.is_dir() and not drop_missing:
            check_nothing_dropped(warehouse, inbox, received_files(inbox, log=lambda line: None))


def run_serve(warehouse: Path | None, args: argparse.Namespace) -> None:
    """Serve the dashboard on an existing warehouse: gunicorn and the upload loader, or with
    --dev Flask's development server."""
    path = warehouse or default_warehouse()
    if not path.exists():
        sys.exit(f"No warehouse at {path}. Run `regiomonitor refresh` (or `regiomonitor demo`) first.")
    accounts = args.accounts or default_accounts()
    inbox = args.upload_inbox or default_upload_inbox()
    print(f"Regiomonitor: http://{args.host}:{args.port}/  (warehouse {path}, "
          f"{'development server' if args.dev else f'{args.workers} workers'})", flush=True)
    if args.dev:
        from dashboard.app import create_app
        create_app(path, accounts, inbox).run(host=args.host, port=args.port, debug=False)
        return
    from regiomonitor.serving import serve
    serve(path, accounts, inbox, args.host, args.port, args.workers, args.threads,
          loader=not args.no_loader)


def check_port(host: str, port: int) -> None:
    """Say that the port is taken before spending half a minute building (issue 13)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            sys.exit(f"Poort {port} op {host} is al in gebruik; kies een andere, bijvoorbeeld "
                     f"`make demo PORT={port + 1}` of `regiomonitor demo --port {port + 1}`. / "
                     f"Port {port} on {host} is already in use; choose another, e.g. "
                     f"`make demo PORT={port + 1}` or `regiomonitor demo --port {port + 1}`.")


def cmd_demo(args: argparse.Namespace) -> None:
    check_port(args.host, args.port)
    run_refresh(args.warehouse, DEMO_DIR / "inbox", True)
    run_serve(args.warehouse, args)


def cmd_refresh(args: argparse.Namespace) -> None:
    run_refresh(args.warehouse, args.inbox, not args.no_demo_targets, args.drop_missing)


def cmd_serve(args: argparse.Namespace) -> None:
    run_serve(args.warehouse, args)


def cmd_loader(args: argparse.Namespace) -> None:
    import signal

    from regiomonitor.loader import watch

    # serve stops the loader with SIGTERM: exit normally so that Prefect stops its temporary server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        watch(args.inbox or default_upload_inbox(), args.warehouse or default_warehouse(),
              args.accounts or default_accounts(), args.interval)
    except KeyboardInterrupt:
        pass


def _password(args: argparse.Namespace) -> str:
    """From standard input with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first, second = getpass.getpass("Wachtwoord / password: "), getpass.getpass("Nog eens / again: ")
    if first != second:
        sys.exit("De wachtwoorden verschillen. / The passwords differ.")
    return first


def _check_codes(codes: list[str], reference: str) -> None:
    """Refuse codes that are not in data/reference/<reference> (column `code`)."""
    import csv

    from regiomonitor.core.settings import REFERENCE_DIR

    with open(REFERENCE_DIR / reference, encoding="utf-8") as f:
        known = {row["code"] for row in csv.DictReader(f)}
    unknown = sorted(set(codes) - known)
    if unknown:
        sys.exit(f"Onbekende code(s) / unknown code(s) in {reference}: {', '.join(unknown)}; "
                 f"known: {', '.join(sorted(known))}")


def cmd_user(args: argparse.Namespace) -> None:
    from dashboard.accounts import AccountError, Store

    store = Store(args.accounts or default_accounts())
    actor = f"cli:{getpass.getuser()}"
    try:
        if args.action == "list":
            for a in store.accounts():
                print(f"{a.username:20} {a.role:8} {'disabled' if a.disabled else 'active':8} "
                      f"orgs={','.join(a.orgs) or '-'} regions={','.join(a.regions) or 'all'}")
            return
        if args.action == "add":
            _check_codes(args.org or [], "partners.csv")
            _check_codes(args.region or [], "regions.csv")
            password = _password(args)
            if len(password) < 12:
                sys.exit("Wachtwoord te kort (minstens 12 tekens). / Password too short (at least 12 characters).")
            store.add(args.username, password, args.role, args.org or [], args.region or [])
        elif args.action == "reset":
            store.reset_password(args.username, _password(args))
        else:
            store.set_disabled(args.username, args.action == "disable")
    except AccountError as err:
        sys.exit(str(err))
    store.audit(actor, f"user {args.action}", args.username)
    print(f"{args.action}: {args.username}")


def cmd_progress(args: argparse.Namespace) -> None:
    from dashboard.progress_report import progress_report
    from pipelines.parsing import ParseError, parse_period

    path = args.warehouse or default_warehouse()
    if not path.exists():
        sys.exit(f"No warehouse at {path}. Run `regiomonitor refresh` first.")
    try:
        month = parse_period(args.month) if args.month else None
        print(progress_report(path, args.region, month, args.programme, args.lang))
    except ParseError as err:
        sys.exit(f"--month: {err.reason_en}")
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
    print(f"Grenzen geladen / boundaries loaded: {summary['rows']} {summary['level']} "
          f"({summary['year']}), gzip {summary['bytes_before']:,} → {summary['bytes_after']:,} bytes "
          f"(tolerance {summary['tolerance_m']:g} m)")


def cmd_demo_data(args: argparse.Namespace) -> None:
    from pipelines.demo_data import generate

    files = generate(args.out)
    print(f"Wrote {len(files)} demo files to {args.out}")


def cmd_bench(args: argparse.Namespace) -> None:
    if args.load:
        from benchmarks import load
        load.run([int(n) for n in args.users.split(",")], args.seconds, args.workers)
        return
    from benchmarks.run import run

    if args.warehouse and args.warehouse.exists():
        sys.exit(f"{args.warehouse} bestaat al; de benchmark overschrijft geen warehouse. / "
                 f"{args.warehouse} exists; the benchmark never overwrites a warehouse.")
    run(args.quick, args.out, args.warehouse)


def _files(paths: list[Path]) -> tuple[list[Path], bool]:
    """The files to take from those named (a folder stands for its settled top level), and
    whether any was refused; says why for each file not taken, and exits when none is left.

    No files is not an error (an empty inbox is normal): exit 0, or 1 when files were refused.
    """
    from pipelines.inbox import select, shown

    for path in paths:
        if not path.exists() and not path.is_symlink():
            sys.exit(f"Bestand niet gevonden / file not found: {shown(path)}")
    selection = select(paths)
    for line in selection.lines():
        print(line, file=sys.stderr)
    if not selection.files:
        print("Geen bestanden om te verwerken in / no files to process in: "
              + ", ".join(shown(p) for p in paths))
        sys.exit(1 if selection.refused else 0)
    return selection.files, bool(selection.refused)


def _print_report(results: list, as_json: bool, dry_run: bool = False) -> None:
    from pipelines.reports import report_json, report_text, totals_text

    print(report_json(results, dry_run) if as_json
          else report_text(results, dry_run) + totals_text(results, dry_run),
          end="" if not as_json else "\n")


def cmd_validate(args: argparse.Namespace) -> None:
    import logging

    from pipelines.ingest import Options, validate_files
    from pipelines.reports import would_load

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    files, refused = _files(args.paths)
    results = validate_files(args.warehouse or default_warehouse(), files, Options(sheet=args.sheet))
    _print_report(results, args.json, dry_run=True)
    sys.exit(0 if would_load(results) and not refused else 1)


def _before_ingest(warehouse: Path, files: list[Path]) -> None:
    """What an ingest would fail on (a read-only inbox, a full disk, a busy warehouse),
    checked before Prefect starts so it is said in one line (issue 13)."""
    from pipelines.inbox import check_writable
    from pipelines.recovery import check_free_space
    from pipelines.warehouse import writer_lock

    check_writable(files)
    check_free_space(warehouse, sum(f.stat().st_size for f in files))
    with writer_lock(warehouse):
        pass


def cmd_ingest(args: argparse.Namespace) -> None:
    from pipelines.flows import ingest
    from pipelines.ingest import NoWarehouse

    path = args.warehouse or default_warehouse()
    files, refused = _files(args.paths)
    _before_ingest(path, files)
    try:
        results = ingest([str(p) for p in files], None, str(path), args.accept_valid_rows,
                         args.sheet, args.approve_warnings)
    except (NoWarehouse, ValueError) as err:
        sys.exit(str(err))
    _print_report(results, args.json)
    sys.exit(0 if all(r.status != "rejected" for r in results) and not refused else 1)


def cmd_review(args: argparse.Namespace) -> None:
    from pipelines import review, runs
    from pipelines.warehouse import WarehouseBusy
    from regiomonitor.core import changes

    path = args.warehouse or default_warehouse()
    if not path.exists():
        sys.exit(f"No warehouse at {path}. Run `regiomonitor refresh` first.")
    if args.action == "list":
        queue = review.waiting_in(path, args.region)
        print(f"Ter controle / waiting for review: {len(queue)}")
        for h in queue:
            print(f"{h.id}  {h.file_name} rij/row {h.change.source_row}: "
                  f"{changes.line(h.change, 'nl')}\n    {h.reason_nl} | {h.reason_en}")
        return
    if not args.ids:
        sys.exit("Noem de ids uit `regiomonitor review list`, of `all`. / "
                 "Name the ids from `regiomonitor review list`, or `all`.")
    decision = "approved" if args.action == "approve" else "rejected"
    try:
        decided = review.decide(path, args.ids, decision, runs.steward(), args.reason or "")
    except (review.ReviewError, WarehouseBusy) as err:   # busy: nothing changed, try again
        sys.exit(str(err))
    word = {"approved": "goedgekeurd en gepubliceerd / approved and published",
            "rejected": "afgekeurd / rejected"}[decision]
    for h in decided:
        c = h.change
        label = changes.figure_label(c.region, c.indicator, c.period, c.partner, c.sector, "nl")
        print(f"{word}: {h.id} {label}: {changes.values_text(c.old_value, c.new_value, 'nl')}")


def cmd_template(args: argparse.Namespace) -> None:
    from dashboard.template import write_templates

    for path in write_templates(args.out):
        print(f"Wrote {path}")


def cmd_schedule(args: argparse.Namespace) -> None:
    from prefect.settings import PREFECT_API_URL

    from pipelines.flows import ingest

    if not PREFECT_API_URL.value():  # an ephemeral server runs no scheduler
        sys.exit("Start eerst `prefect server start` en zet PREFECT_API_URL=http://127.0.0.1:4200/api. / "
                 "Start `prefect server start` first and set PREFECT_API_URL=http://127.0.0.1:4200/api.")
    parameters = {"inbox": str(args.inbox) if args.inbox else None,
                  "warehouse_path": str(args.warehouse) if args.warehouse else None}
    ingest.serve(name="regiomonitor-ingest", cron=args.cron, parameters=parameters,
                 pause_on_shutdown=False)


def _ingest_commands(sub) -> None:
    validate = sub.add_parser("validate", help="check submission files without loading them (dry run)",
                              description="Check files as `ingest` would, against the published "
                                          "warehouse, without writing or moving anything. Exit "
                                          "status 0 when every file would load, 1 otherwise.")
    _warehouse_option(validate)
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    validate.add_argument("--json", action="store_true", help="the report as JSON")
    validate.add_argument("--sheet", default=None, help="XLSX sheet to read (default: the first)")
    validate.set_defaults(func=cmd_validate)

    ingest = sub.add_parser("ingest", help="load new submission files into the warehouse",
                            description="Run the Prefect flow `ingest`: load the files into a copy "
                                        "of the published warehouse, publish it atomically, move "
                                        "loaded files to processed/ and rejected ones to rejected/ "
                                        "with a report beside them.")
    _warehouse_option(ingest)
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    ingest.add_argument("--accept-valid-rows", action="store_true",
                        help="load the valid rows of a file with errors; the others are kept with "
                             "their reasons in rejected_row")
    ingest.add_argument("--approve-warnings", action="store_true",
                        help="a steward checked the file: publish figures with plausibility "
                             "warnings at once instead of holding them for review (the approval "
                             "is recorded with your name)")
    ingest.add_argument("--sheet", default=None, help="XLSX sheet to read (default: the first)")
    ingest.add_argument("--json", action="store_true", help="the report as JSON")
    ingest.set_defaults(func=cmd_ingest)

    review = sub.add_parser("review", help="the review queue: list, approve or reject held figures",
                            description="Figures far above their usual level are held, unpublished, "
                                        "until a steward decides. `list` shows them with their ids; "
                                        "`approve ID…` publishes them, `reject ID…` keeps them out; "
                                        "both record who and why (--reason). `all` stands for every "
                                        "waiting figure.")
    _warehouse_option(review)
    review.add_argument("action", choices=["list", "approve", "reject"])
    review.add_argument("ids", nargs="*", metavar="ID", help="ids from `review list`, or all")
    review.add_argument("--reason", default=None, help="why (required to approve or reject)")
    review.add_argument("--region", default=None, help="list: only this region code")
    review.set_defaults(func=cmd_review)

    template = sub.add_parser("template", help="write the submission template (XLSX with dropdowns, CSV)",
                              description="Write aanlevering_sjabloon.xlsx (dropdowns with region and "
                                          "partner names, indicator and sector codes; a sheet "
                                          "Toelichting explaining every column and the correction and "
                                          "withdraw rules) and aanlevering_sjabloon.csv, generated "
                                          "from data/reference. Delete the example row before sending.")
    template.add_argument("--out", type=Path, default=Path("."), help="output folder (default: here)")
    template.set_defaults(func=cmd_template)

    schedule = sub.add_parser("schedule", help="run `ingest` on the inbox on a cron schedule (Prefect serve)",
                              description="Serve the `ingest` flow with Prefect on a cron schedule; "
                                          "runs show in the Prefect UI (`prefect server start`).")
    _warehouse_option(schedule)
    schedule.add_argument("--cron", required=True, help='e.g. "0 6 * * *" (every day at 06:00)')
    schedule.add_argument("--inbox", type=Path, default=None, help="folder of new submission files")
    schedule.set_defaults(func=cmd_schedule)


def _account_commands(sub) -> None:
    loader = sub.add_parser("loader", help="ingest browser uploads as they arrive (started by serve)",
                            description="Watch the upload inbox and run the Prefect flow `ingest` "
                                        "on each complete file (never on *.part).")
    _warehouse_option(loader)
    _accounts_option(loader)
    loader.add_argument("--inbox", type=Path, default=None, help="the upload inbox to watch")
    loader.add_argument("--interval", type=float, default=3.0, help="seconds between looks (default 3)")
    loader.set_defaults(func=cmd_loader)

    user = sub.add_parser("user", help="manage local accounts: add, list, disable, enable, reset",
                          description="Local accounts for partners (upload for their organisations) "
                                      "and stewards. Every change goes into the audit log.")
    user.add_argument("action", choices=["add", "list", "disable", "enable", "reset"])
    user.add_argument("username", nargs="?", help="the account (not for list)")
    user.add_argument("--role", choices=["partner", "steward"], default="partner")
    user.add_argument("--org", action="append", help="partner code from data/reference/partners.csv "
                                                     "(repeat for several)")
    user.add_argument("--region", action="append", help="region code, e.g. AM10 (repeat; default all)")
    user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _accounts_option(user)
    user.set_defaults(func=cmd_user)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regiomonitor",
        description="Regiomonitor: regional labour-market covenants, their targets and progress.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="build the warehouse from the embedded demo data and serve the dashboard",
                          description="Build the warehouse from the embedded demo data (data/demo) "
                                      "with the refresh flow, then serve the dashboard.")
    _warehouse_option(demo)
    _serve_options(demo)
    demo.set_defaults(func=cmd_demo)

    refresh = sub.add_parser("refresh", help="rebuild the warehouse from reference data and the inbox",
                             description="Run the Prefect flow `refresh`: load the reference data and "
                                         "every submission in the inbox into a new warehouse file, "
                                         "then publish it atomically.")
    _warehouse_option(refresh)
    refresh.add_argument("--inbox", type=Path, default=None,
                         help=f"folder of submission files (default: $REGIOMONITOR_INBOX or {default_inbox()})")
    refresh.add_argument("--no-demo-targets", action="store_true",
                         help="load only the real targets from data/reference, not the generated demo targets")
    refresh.add_argument("--drop-missing", action="store_true",
                         help="rebuild even when submissions the warehouse has are not in the inbox "
                              "(they are dropped; without this flag refresh refuses and names them)")
    refresh.set_defaults(func=cmd_refresh)

    serve = sub.add_parser("serve", help="serve the dashboard on an existing warehouse",
                           description="Serve the dashboard, reading the published warehouse read-only.")
    _warehouse_option(serve)
    _serve_options(serve)
    serve.set_defaults(func=cmd_serve)
    _account_commands(sub)

    progress = sub.add_parser("progress", help="print a region's progress table",
                              description="Print every progress metric of one region per indicator, "
                                          "read from the views in sql/views.")
    _warehouse_option(progress)
    progress.add_argument("--region", required=True,
                          help="region code, region name or gemeente: AM10, Rivierenland or Tiel")
    progress.add_argument("--month", default=None,
                          help="as-of month, e.g. 2007-06 (default: the last month reported)")
    progress.add_argument("--programme", default=None, help="programme code (default: the first)")
    progress.add_argument("--lang", choices=["nl", "en"], default="nl", help="language (default nl)")
    progress.set_defaults(func=cmd_progress)

    geometry = sub.add_parser(
        "geometry", help="load real CBS boundaries (arbeidsmarktregio, gemeente, provincie)",
        description="Run the Prefect flow `geometry`: read a boundary file (GeoJSON, TopoJSON or "
                    "GeoPackage, WGS84 or EPSG:28992) or URL (downloaded once, then cached), "
                    "repair and simplify it, check its codes against data/reference and publish "
                    "it in the warehouse as source 'cbs'. Run `refresh` first; later refreshes "
                    "keep the boundaries.")
    geometry.add_argument("--source", required=True, help="file path or http(s) URL")
    geometry.add_argument("--level", choices=["arbeidsmarktregio", "gemeente", "provincie"],
                          default=None, help="default: from the codes (AM…, GM…, PV…)")
    geometry.add_argument("--layer", default=None, help="layer of a GeoPackage (default: the first)")
    geometry.add_argument("--attribution", default=None,
                          help="credit line under the map (default: CBS / PDOK, gebiedsindelingen <year>)")
    geometry.add_argument("--cache", type=Path, default=None,
                          help="folder for downloaded files (default: $REGIOMONITOR_GEOMETRY_CACHE "
                               "or data/geometry)")
    _warehouse_option(geometry)
    geometry.set_defaults(func=cmd_geometry)

    demo_data = sub.add_parser("demo-data", help="regenerate the demo data (deterministic)",
                               description="Regenerate data/demo: generated targets and partner "
                                           "submissions, the same bytes every time for CSV files.")
    demo_data.add_argument("--out", type=Path, default=DEMO_DIR, help=f"output folder (default {DEMO_DIR})")
    demo_data.set_defaults(func=cmd_demo_data)
    _ingest_commands(sub)

    bench = sub.add_parser("bench", help="benchmark ingest, dashboard latency, page load and map bytes",
                           description="Generate a national registry extract (10 million records; "
                                       "--quick: 100,000), ingest it through the real path against "
                                       "a single DuckDB statement and a pandas script, serve the "
                                       "dashboard on the result and time its callbacks and pages "
                                       "in headless Chromium, size the map, and time a demo refresh "
                                       "with and without Prefect. Prints the figures with the "
                                       "machine they ran on; see docs/benchmarks.md.")
    bench.add_argument("--quick", action="store_true", help="the small size (100,000 records, few repeats)")
    bench.add_argument("--out", type=Path, default=None,
                       help="folder for generated files and warehouses, kept afterwards "
                            "(default: a temp folder, removed afterwards)")
    bench.add_argument("--warehouse", type=Path, default=None,
                       help="where to build the benchmark's warehouse with the extract ingested "
                            "(default: served.duckdb in the work folder); must not exist yet")
    bench.add_argument("--load", action="store_true",
                       help="only the load test: simulated visitors (locust) against `serve` on the "
                            "demo warehouse, with publishes during the run")
    bench.add_argument("--users", default="50,100", help="--load: user counts, comma-separated (default 50,100)")
    bench.add_argument("--seconds", type=float, default=60, help="--load: seconds per user count (default 60)")
    bench.add_argument("--workers", type=int, default=None, help="--load: gunicorn workers (default: serve's)")
    bench.set_defaults(func=cmd_bench)
    return parser


# Errors of the machine rather than of the program: one line, no traceback (issue 13).
OS_ERRORS = {errno.ENOSPC: "Schijf vol / disk full", errno.EDQUOT: "Schijf vol / disk full",
             errno.EFBIG: "Bestand te groot voor de schijf / file too large for the disk",
             errno.EROFS: "Alleen-lezen bestandssysteem / read-only file system",
             errno.EACCES: "Geen toestemming / permission denied",
             errno.EPERM: "Geen toestemming / permission denied"}


def _stop(signum: int, frame) -> None:
    """SIGTERM and SIGHUP end the command like Ctrl-C does, so exit handlers run and stop the
    temporary Prefect server a flow started (otherwise it lives on as an orphan)."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> None:
    from pipelines.recovery import CannotRun
    from pipelines.warehouse import WarehouseBusy

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "user" and args.action != "list" and not args.username:
        parser.error("user: a user name is needed")
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        args.func(args)
    except (WarehouseBusy, CannotRun) as err:
        sys.exit(str(err))
    except OSError as err:
        if err.errno not in OS_ERRORS:
            raise
        sys.exit(f"{OS_ERRORS[err.errno]}: {err.filename or err}")


if __name__ == "__main__":
    main()

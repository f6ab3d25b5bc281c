"""The `regiomonitor` command. Each subcommand imports only the side it needs, so
`serve` never loads Prefect and `refresh` never loads Dash."""
from __future__ import annotations

import argparse
import errno
import signal
import socket
import sys
from pathlib import Path

from regiomonitor.config import DEMO_DIR, default_inbox, default_warehouse

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="warehouse file (default: $REGIOMONITOR_WAREHOUSE or "
                             f"{default_warehouse()})")


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")


def run_refresh(warehouse: Path | None, inbox: Path | None, demo_targets: bool,
                drop_missing: bool = False) -> dict:
    """Run the Prefect refresh flow and print what it loaded."""
    from pipelines.flows import refresh

    _before_refresh(warehouse or default_warehouse(), inbox or default_inbox(), drop_missing)
    summary = refresh(str(warehouse) if warehouse else None, str(inbox) if inbox else None,
                      demo_targets, drop_missing)
    subs = summary["submissions"]
    print(f"Warehouse published: {warehouse or default_warehouse()}")
    print(f"  submissions loaded {subs['loaded']}, partly loaded {subs['partial']}, "
          f"rejected {subs['rejected']}, "
          f"rows {subs['rows']}; targets {summary['targets']}")
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


def run_serve(warehouse: Path | None, host: str, port: int) -> None:
    """Serve the dashboard on an existing warehouse."""
    from dashboard.app import create_app

    path = warehouse or default_warehouse()
    if not path.exists():
        sys.exit(f"No warehouse at {path}. Run `regiomonitor refresh` (or `regiomonitor demo`) first.")
    print(f"Regiomonitor: http://{host}:{port}/  (warehouse {path})", flush=True)
    create_app(path).run(host=host, port=port, debug=False)


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
    run_serve(args.warehouse, args.host, args.port)


def cmd_refresh(args: argparse.Namespace) -> None:
    run_refresh(args.warehouse, args.inbox, not args.no_demo_targets, args.drop_missing)


def cmd_serve(args: argparse.Namespace) -> None:
    run_serve(args.warehouse, args.host, args.port)


def cmd_progress(args: argparse.Namespace) -> None:
    from pipelines.parsing import ParseError, parse_period
    from regiomonitor.progress_report import progress_report

    path = args.warehouse or default_warehouse()
    if not path.exists():
        sys.exit(f"No warehouse at {path}. Run `regiomonitor refresh` first.")
    try:
        month = parse_period(args.month) if args.month else None
        print(progress_report(path, args.region, month, args.programme, args.lang))
    except ParseError as err:
        sys.exit(f"--month: expected {err.expected_en}")
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


def _print_report(results: list, as_json: bool) -> None:
    from pipelines.ingest import report_json, report_text

    print(report_json(results) if as_json else report_text(results), end="" if not as_json else "\n")


def cmd_validate(args: argparse.Namespace) -> None:
    import logging

    from pipelines.ingest import Options, validate_files, would_load

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    files, refused = _files(args.paths)
    results = validate_files(args.warehouse or default_warehouse(), files, Options(sheet=args.sheet))
    _print_report(results, args.json)
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
                         args.sheet)
    except (NoWarehouse, ValueError) as err:
        sys.exit(str(err))
    _print_report(results, args.json)
    sys.exit(0 if all(r.status != "rejected" for r in results) and not refused else 1)


def cmd_template(args: argparse.Namespace) -> None:
    from regiomonitor.template import write_templates

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
    ingest.add_argument("--sheet", default=None, help="XLSX sheet to read (default: the first)")
    ingest.add_argument("--json", action="store_true", help="the report as JSON")
    ingest.set_defaults(func=cmd_ingest)

    template = sub.add_parser("template", help="write the submission template (XLSX with dropdowns, CSV)",
                              description="Write aanlevering_sjabloon.xlsx (dropdowns for region, "
                                          "indicator, partner and sector) and aanlevering_sjabloon.csv, "
                                          "generated from data/reference.")
    template.add_argument("--out", type=Path, default=Path("."), help="output folder (default: here)")
    template.set_defaults(func=cmd_template)

    schedule = sub.add_parser("schedule", help="run `ingest` on the inbox on a cron schedule (Prefect serve)",
                              description="Serve the `ingest` flow with Prefect on a cron schedule; "
                                          "runs show in the Prefect UI (`prefect server start`).")
    _warehouse_option(schedule)
    schedule.add_argument("--cron", required=True, help='e.g. "0 6 * * *" (every day at 06:00)')
    schedule.add_argument("--inbox", type=Path, default=None, help="folder of new submission files")
    schedule.set_defaults(func=cmd_schedule)


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

    progress = sub.add_parser("progress", help="print a region's progress table",
                              description="Print every progress metric of one region per indicator, "
                                          "read from the views in sql/views.")
    _warehouse_option(progress)
    progress.add_argument("--region", required=True, help="CBS code, e.g. AM10 (Rivierenland)")
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

    args = build_parser().parse_args(argv)
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

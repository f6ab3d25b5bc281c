"""The `regiomonitor` command line: its subcommands, their options and their help, in the
command's language (--lang, else REGIOMONITOR_LANG, else Dutch). regiomonitor/cli.py runs them."""
from __future__ import annotations

import argparse
from pathlib import Path

from core.settings import (
    DEMO_DIR,
    default_accounts,
    default_inbox,
    default_upload_inbox,
    default_warehouse,
)
from core.texts import LANGUAGES, _, command_language
from regiomonitor.serving import default_workers

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
DEFAULT_WORKERS = default_workers()   # the rule is in regiomonitor/serving.py
DEFAULT_PREFECT_PORT = 4200   # Prefect's own default, so its docs' addresses work as written
DEFAULT_PREFECT_API = f"http://127.0.0.1:{DEFAULT_PREFECT_PORT}/api"


def _language_option(lang: str) -> argparse.ArgumentParser:
    """--lang, which every subcommand takes (it is read before the parser is built, so that the
    help itself is in that language: regiomonitor.cli.asked_language)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--lang", choices=LANGUAGES, default=lang,
                        help=_("language of the output: nl or en (default: $REGIOMONITOR_LANG, else nl)",
                               lang))
    return parser


def _warehouse_option(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--warehouse", type=Path, default=None,
                        help=_("warehouse file (default: $REGIOMONITOR_WAREHOUSE or {path})", lang,
                               path=default_warehouse()))


def _accounts_option(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--accounts", type=Path, default=None,
                        help=_("accounts and audit log (default: $REGIOMONITOR_ACCOUNTS or {path})", lang,
                               path=default_accounts()))


def _serve_options(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=_("address to listen on (default {host})", lang, host=DEFAULT_HOST))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=_("port (default {port})", lang, port=DEFAULT_PORT))
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                        help=_("gunicorn worker processes (default {n}: 2 per CPU)", lang, n=DEFAULT_WORKERS))
    parser.add_argument("--threads", type=int, default=4, help=_("threads per worker (default 4)", lang))
    parser.add_argument("--upload-inbox", type=Path, default=None,
                        help=_("where browser uploads land and the Prefect worker reads (default: "
                               "$REGIOMONITOR_UPLOAD_INBOX, $REGIOMONITOR_INBOX or {path})", lang,
                               path=default_upload_inbox()))
    parser.add_argument("--prefect-port", type=int, default=DEFAULT_PREFECT_PORT,
                        help=_("port of the Prefect server that serve starts, with its UI (default {port})",
                               lang, port=DEFAULT_PREFECT_PORT))
    parser.add_argument("--prefect-api", default=None,
                        help=_("use this running Prefect server instead of starting one "
                               "(e.g. http://127.0.0.1:4200/api)", lang))
    parser.add_argument("--no-prefect", action="store_true",
                        help=_("start no Prefect server or worker: the pages only, and runs asked for "
                               "in the browser wait until Prefect is reachable", lang))
    parser.add_argument("--no-worker", action="store_true",
                        help=_("start no Prefect worker here (runs wait for one started elsewhere "
                               "with `regiomonitor worker`)", lang))
    parser.add_argument("--dev", action="store_true",
                        help=_("Flask's development server, one process (not for production)", lang))
    _accounts_option(parser, lang)


def _file_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """What `validate` and `ingest` both take: the warehouse, the files, a sheet, the report as JSON."""
    _warehouse_option(parser, lang)
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=_("files or folders", lang))
    parser.add_argument("--sheet", default=None, help=_("XLSX sheet to read (default: the first)", lang))
    parser.add_argument("--json", action="store_true", help=_("the report as JSON", lang))


def _ingest_commands(sub: argparse._SubParsersAction, lang: str) -> None:
    validate = sub.add_parser("validate", parents=[_language_option(lang)],
                              help=_("check submission files without loading them (dry run)", lang),
                              description=_("Check files as `ingest` would, against the published "
                                            "warehouse, without writing or moving anything. Exit "
                                            "status 0 when every file would load, 1 otherwise.", lang))
    _file_options(validate, lang)

    ingest = sub.add_parser("ingest", parents=[_language_option(lang)],
                            help=_("load new submission files into the warehouse", lang),
                            description=_("Run the Prefect flow `ingest`: load the files into a copy "
                                          "of the published warehouse, publish it atomically, move "
                                          "loaded files to processed/ and rejected ones to rejected/ "
                                          "with a report beside them.", lang))
    _file_options(ingest, lang)
    ingest.add_argument("--accept-valid-rows", action="store_true",
                        help=_("load the valid rows of a file with errors; the others are kept with "
                               "their reasons in rejected_row", lang))
    ingest.add_argument("--approve-warnings", action="store_true",
                        help=_("a steward checked the file: publish figures with plausibility "
                               "warnings at once instead of holding them for review (the approval "
                               "is recorded with your name)", lang))

    review = sub.add_parser("review", parents=[_language_option(lang)],
                            help=_("the review queue: list, approve or reject held figures", lang),
                            description=_("Figures far above their usual level are held, unpublished, "
                                          "until a steward decides. `list` shows them with their ids; "
                                          "`approve ID…` publishes them, `reject ID…` keeps them out; "
                                          "both record who and why (--reason). `all` stands for every "
                                          "waiting figure.", lang))
    _warehouse_option(review, lang)
    review.add_argument("action", choices=["list", "approve", "reject"])
    review.add_argument("ids", nargs="*", metavar="ID", help=_("ids from `review list`, or all", lang))
    review.add_argument("--reason", default=None, help=_("why (required to approve or reject)", lang))
    review.add_argument("--region", default=None, help=_("list: only this region code", lang))

    states = sub.add_parser("states", parents=[_language_option(lang)],
                            help=_("what became of every delivered file, or of one file's figures", lang),
                            description=_("Every delivered file with its state, as the Aanleveren and "
                                          "Data pages say it (loaded, held for review, approved, "
                                          "rejected, replaced by later files) and the last steward's "
                                          "reason; with an id, that file's figures that were held, "
                                          "decided, replaced or withdrawn.", lang))
    _warehouse_option(states, lang)
    states.add_argument("id", nargs="?", metavar="ID", help=_("a file's id from the list", lang))

    template = sub.add_parser("template", parents=[_language_option(lang)],
                              help=_("write the submission template (XLSX with dropdowns, CSV)", lang),
                              description=_("Write aanlevering_sjabloon.xlsx (dropdowns with region and "
                                            "partner names, indicator and sector codes; a sheet "
                                            "Toelichting explaining every column and the correction and "
                                            "withdraw rules) and aanlevering_sjabloon.csv, generated "
                                            "from data/reference. Delete the example row before sending.",
                                          lang))
    template.add_argument("--out", type=Path, default=Path("."),
                          help=_("output folder (default: here)", lang))

    schedule = sub.add_parser("schedule", parents=[_language_option(lang)],
                              help=_("run `ingest` on the inbox on a cron schedule (Prefect serve)", lang),
                              description=_("Serve the `ingest` flow with Prefect on a cron schedule; "
                                            "runs show in the Prefect UI (`prefect server start`).", lang))
    _warehouse_option(schedule, lang)
    schedule.add_argument("--cron", required=True, help=_('e.g. "0 6 * * *" (every day at 06:00)', lang))
    schedule.add_argument("--inbox", type=Path, default=None, help=_("folder of new submission files", lang))


def _account_commands(sub: argparse._SubParsersAction, lang: str) -> None:
    worker = sub.add_parser("worker", parents=[_language_option(lang)],
                            help=_("one more Prefect worker for uploads, refreshes and review decisions", lang),
                            description=_("Create the work pool `regiomonitor` and its deployments if "
                                          "missing, then run a Prefect worker on it. On another machine: "
                                          "the same inbox and warehouse paths must be mounted there.", lang))
    worker.add_argument("--prefect-api", default=None,
                        help=_("the Prefect server's API (default $PREFECT_API_URL, else {url})", lang,
                               url=DEFAULT_PREFECT_API))
    worker.add_argument("--name", default=None, help=_("the worker's name in the Prefect UI", lang))

    user = sub.add_parser("user", parents=[_language_option(lang)],
                          help=_("manage local accounts: add, list, disable, enable, reset", lang),
                          description=_("Local accounts for partners (upload for their organisations) "
                                        "and stewards. Every change goes into the audit log.", lang))
    user.add_argument("action", choices=["add", "list", "disable", "enable", "reset"])
    user.add_argument("username", nargs="?", help=_("the account (not for list)", lang))
    user.add_argument("--role", choices=["partner", "steward"], default="partner")
    user.add_argument("--org", action="append", help=_("partner code from data/reference/partners.csv "
                                                       "(repeat for several)", lang))
    user.add_argument("--region", action="append",
                      help=_("region code, e.g. AM10 (repeat; default all)", lang))
    user.add_argument("--password-stdin", action="store_true",
                      help=_("read the password from standard input", lang))
    _accounts_option(user, lang)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    lang = lang or command_language()
    parser = argparse.ArgumentParser(
        prog="regiomonitor", parents=[_language_option(lang)],
        description=_("Regiomonitor: regional labour-market covenants, their targets and progress.", lang))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", parents=[_language_option(lang)],
                          help=_("build the warehouse from the embedded demo data and serve the dashboard",
                                 lang),
                          description=_("Build the warehouse from the embedded demo data (data/demo) "
                                        "with the refresh flow, then serve the dashboard.", lang))
    _warehouse_option(demo, lang)
    demo.add_argument("--inbox", type=Path, default=DEMO_DIR / "inbox",
                      help=_("folder of demo files to build from (default: {path})", lang,
                             path=DEMO_DIR / "inbox"))
    _serve_options(demo, lang)

    refresh = sub.add_parser("refresh", parents=[_language_option(lang)],
                             help=_("rebuild the warehouse from reference data and the inbox", lang),
                             description=_("Run the Prefect flow `refresh`: load the reference data and "
                                           "every submission in the inbox into a new warehouse file, "
                                           "then publish it atomically.", lang))
    _warehouse_option(refresh, lang)
    refresh.add_argument("--inbox", type=Path, default=None,
                         help=_("folder of submission files (default: $REGIOMONITOR_INBOX or {path})", lang,
                           path=default_inbox()))
    refresh.add_argument("--no-demo-targets", action="store_true",
                         help=_("load only the real targets from data/reference, not the generated demo "
                                "targets", lang))
    refresh.add_argument("--drop-missing", action="store_true",
                         help=_("rebuild even when submissions the warehouse has are not in the inbox "
                                "(they are dropped; without this flag refresh refuses and names them)", lang))

    serve = sub.add_parser("serve", parents=[_language_option(lang)],
                           help=_("serve the dashboard on an existing warehouse", lang),
                           description=_("Serve the dashboard, reading the published warehouse read-only.",
                                         lang))
    _warehouse_option(serve, lang)
    _serve_options(serve, lang)
    _account_commands(sub, lang)

    progress = sub.add_parser("progress", parents=[_language_option(lang)],
                              help=_("print a region's progress table", lang),
                              description=_("Print every progress metric of one region per indicator, "
                                            "read from the views in sql/views.", lang))
    _warehouse_option(progress, lang)
    progress.add_argument("--region", required=True,
                          help=_("region code, region name or gemeente: AM10, Rivierenland or Tiel", lang))
    progress.add_argument("--month", default=None,
                          help=_("as-of month, e.g. 2007-06 (default: the last month reported)", lang))
    progress.add_argument("--programme", default=None, help=_("programme code (default: the first)", lang))

    geometry = sub.add_parser(
        "geometry", parents=[_language_option(lang)],
        help=_("load real CBS boundaries (arbeidsmarktregio, gemeente, provincie)", lang),
        description=_("Run the Prefect flow `geometry`: read a boundary file (GeoJSON, TopoJSON or "
                      "GeoPackage, WGS84 or EPSG:28992) or URL (downloaded once, then cached), "
                      "repair and simplify it, check its codes against data/reference and publish "
                      "it in the warehouse as source 'cbs'. Run `refresh` first; later refreshes "
                      "keep the boundaries.", lang))
    geometry.add_argument("--source", required=True, help=_("file path or http(s) URL", lang))
    geometry.add_argument("--level", choices=["arbeidsmarktregio", "gemeente", "provincie"],
                          default=None, help=_("default: from the codes (AM…, GM…, PV…)", lang))
    geometry.add_argument("--layer", default=None, help=_("layer of a GeoPackage (default: the first)", lang))
    geometry.add_argument("--attribution", default=None,
                          help=_("credit line under the map (default: the CBS credit line with the "
                                 "boundaries' year)", lang))
    geometry.add_argument("--cache", type=Path, default=None,
                          help=_("folder for downloaded files (default: $REGIOMONITOR_GEOMETRY_CACHE "
                                 "or data/geometry)", lang))
    _warehouse_option(geometry, lang)

    demo_data = sub.add_parser("demo-data", parents=[_language_option(lang)],
                               help=_("regenerate the demo data (deterministic)", lang),
                               description=_("Regenerate data/demo: generated targets and partner "
                                             "submissions, the same bytes every time for CSV files.", lang))
    demo_data.add_argument("--out", type=Path, default=DEMO_DIR,
                           help=_("output folder (default {path})", lang, path=DEMO_DIR))
    _ingest_commands(sub, lang)

    bench = sub.add_parser("bench", parents=[_language_option(lang)],
                           help=_("benchmark ingest, dashboard latency, page load and map bytes", lang),
                           description=_("Generate a national registry extract (10 million records; "
                                         "--quick: 100,000), ingest it through the real path against "
                                         "a single DuckDB statement and a pandas script, serve the "
                                         "dashboard on the result and time its callbacks and pages "
                                         "in headless Chromium, size the map, and time a demo refresh "
                                         "with and without Prefect. Prints the figures with the "
                                         "machine they ran on; see docs/benchmarks.md.", lang))
    bench.add_argument("--quick", action="store_true",
                       help=_("the small size (100,000 records, few repeats)", lang))
    bench.add_argument("--out", type=Path, default=None,
                       help=_("folder for generated files and warehouses, kept afterwards "
                              "(default: a temp folder, removed afterwards)", lang))
    bench.add_argument("--warehouse", type=Path, default=None,
                       help=_("where to build the benchmark's warehouse with the extract ingested "
                              "(default: served.duckdb in the work folder); must not exist yet", lang))
    bench.add_argument("--load", action="store_true",
                       help=_("only the load test: simulated visitors (locust) against `serve` on the "
                              "demo warehouse, with publishes during the run", lang))
    bench.add_argument("--users", default="50,100",
                       help=_("--load: user counts, comma-separated (default 50,100)", lang))
    bench.add_argument("--seconds", type=float, default=60,
                       help=_("--load: seconds per user count (default 60)", lang))
    bench.add_argument("--workers", type=int, default=None,
                       help=_("--load: gunicorn workers (default: serve's)", lang))
    return parser

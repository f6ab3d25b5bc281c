"""Settings shared by the pipelines, the dashboard and the CLI, in one place.

Every path can be moved by an environment variable so that tests, CI and a
production box point the same code at different files without editing it.
Nothing here imports Prefect or Dash: both sides read it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The repository root: reference data, SQL and demo inputs ship inside it.
ROOT = Path(__file__).resolve().parents[1]

# Plain, reviewable reference files (regions, indicators, programmes, targets).
REFERENCE_DIR = ROOT / "data" / "reference"
# Generated demo inputs (targets for regions without real ones, partner submissions).
DEMO_DIR = ROOT / "data" / "demo"
# The file that marks an inbox as generated demo data (pipelines/demo_data.py writes it; `ingest`
# refuses such an inbox, pipelines/runs.is_demo_inbox).
DEMO_MARKER = "DEMONSTRATIEDATA.txt"
# The one definition of the schema and of every metric.
SQL_DIR = ROOT / "sql"
# The CBS gebiedsindelingen the product ships (data/geo/SOURCE.md): the map's shapes by default,
# so a fresh clone draws the real map offline; `regiomonitor geometry` loads other years over them.
GEO_DIR = ROOT / "data" / "geo"


@dataclass(frozen=True)
class Settings:
    """Where the warehouse lives and where submissions are read from."""

    warehouse: Path
    inbox: Path
    include_demo_targets: bool = True


def default_warehouse() -> Path:
    """The served warehouse: REGIOMONITOR_WAREHOUSE, else data/warehouse/ (git-ignored)."""
    env = os.environ.get("REGIOMONITOR_WAREHOUSE")
    return Path(env) if env else ROOT / "data" / "warehouse" / "regiomonitor.duckdb"


def default_inbox() -> Path:
    """Submissions to load: REGIOMONITOR_INBOX, else the generated demo submissions."""
    env = os.environ.get("REGIOMONITOR_INBOX")
    return Path(env) if env else DEMO_DIR / "inbox"


def default_geometry_cache() -> Path:
    """Downloaded boundary files: REGIOMONITOR_GEOMETRY_CACHE, else data/geometry/ (git-ignored).

    A URL is fetched once and read from here afterwards, so a rerun needs no network.
    """
    env = os.environ.get("REGIOMONITOR_GEOMETRY_CACHE")
    return Path(env) if env else ROOT / "data" / "geometry"


def settings(warehouse: str | Path | None = None, inbox: str | Path | None = None,
             include_demo_targets: bool = True) -> Settings:
    """Settings from explicit arguments, falling back to the environment and defaults."""
    return Settings(
        warehouse=Path(warehouse) if warehouse else default_warehouse(),
        inbox=Path(inbox) if inbox else default_inbox(),
        include_demo_targets=include_demo_targets,
    )


def default_accounts() -> Path:
    """Accounts and the audit log: REGIOMONITOR_ACCOUNTS, else data/accounts/ (git-ignored).

    A file of its own beside the warehouse, never inside it: `refresh` rebuilds the warehouse
    from scratch, and accounts and the audit trail must survive that.
    """
    env = os.environ.get("REGIOMONITOR_ACCOUNTS")
    return Path(env) if env else ROOT / "data" / "accounts" / "accounts.sqlite"


def default_static_cache() -> Path:
    """The JavaScript bundles compressed once per install (dashboard/compression.py):
    REGIOMONITOR_STATIC_CACHE, else data/static-cache/ (git-ignored). Named by content, so a
    new version of a bundle gets a new file and nothing here ever goes stale."""
    env = os.environ.get("REGIOMONITOR_STATIC_CACHE")
    return Path(env) if env else ROOT / "data" / "static-cache"


def default_upload_inbox() -> Path:
    """Where files uploaded in the browser land: REGIOMONITOR_UPLOAD_INBOX, else the inbox
    (REGIOMONITOR_INBOX) when one is set, else data/uploads/inbox (git-ignored).

    Never the generated demo inbox: `ingest` refuses to move its files.
    """
    env = os.environ.get("REGIOMONITOR_UPLOAD_INBOX") or os.environ.get("REGIOMONITOR_INBOX")
    return Path(env) if env else ROOT / "data" / "uploads" / "inbox"


# Completeness rules the SQL views apply (sql/views/05_completeness.sql, 10_progress.sql,
# 15_provisional.sql).
# Written into the warehouse's `setting` table at every refresh, so the views and the Methode
# page read the same numbers; change them here, then run `regiomonitor refresh`.
#
# The map's and Vergelijken's default as-of month is the latest month that is complete (every
# expected partner delivered) for at least this share of the regions with reporting obligations.
# One early file for one region therefore never moves it (issue 10).
DEFAULT_MONTH_COMPLETE_SHARE = 0.8
# A month is "due" (partners who have not delivered it are behind) once at least this share of
# the regions has reported on it; one region reporting ahead does not make every partner late.
DUE_MONTH_REPORTED_SHARE = 0.25
# The recent pace p behind the projection (sql/views/10_progress.sql) is the mean of the complete
# months among this many calendar months up to the month it is taken at: half a year, long enough to
# smooth one slow month, short enough to follow a change of pace within a two-year covenant.
RECENT_PACE_MONTHS = 6
# The context model (issue 26) is fitted per indicator only on at least this many regions with a
# level at the start and a complete context: with 3 predictors and an intercept, fewer leave too
# few degrees of freedom for intervals and a leave-one-out check that mean anything.
CONTEXT_MIN_REGIONS = 10


def view_settings() -> list[dict[str, object]]:
    """The settings above as rows of the warehouse table `setting`."""
    return [
        {"name": "default_month_complete_share", "value": DEFAULT_MONTH_COMPLETE_SHARE,
         "description": "share of regions complete for a month to be the default as-of month"},
        {"name": "due_month_reported_share", "value": DUE_MONTH_REPORTED_SHARE,
         "description": "share of regions that reported a month before others count as behind"},
        {"name": "recent_pace_months", "value": RECENT_PACE_MONTHS,
         "description": "calendar months whose complete months make up the recent pace p"},
        {"name": "context_min_regions", "value": CONTEXT_MIN_REGIONS,
         "description": "regions with data an indicator's context model needs to be fitted"},
    ]

def _env_number(name: str, default: float) -> float:
    """A positive number from the environment, else the default."""
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True)
class Limits:
    """What one delivered file may cost at most (issue 13: a 1,7 KB XLSX declaring a sheet of
    16.384 × 1.048.576 cells grew past 6 GB; a 200 MB CSV of junk ran for 20 minutes).

    A file over a limit is rejected whole before it is parsed or any lock is taken, with a
    message that names the limit and the variable that moves it.
    """

    # A partner file (CSV or XLSX) is read into memory once, so that what is hashed is what
    # is parsed: 20 MB is ~250.000 CSV rows, over ten times a national year of a partner's
    # figures (35 regions × 4 indicators × 12 months × 10 sectors ≈ 17.000 rows).
    file_bytes: int
    # A registry extract is streamed by DuckDB, never read into Python: 10 million records
    # are 675 MB of CSV (docs/benchmarks.md); 2 GB leaves room and still ends in minutes.
    extract_bytes: int
    # Rows of a partner file, header included; validation keeps every row in memory
    # (~1 KB each), so 100.000 rows stay near 100 MB.
    rows: int
    # Columns of a partner file: the template has 7; a sheet wider than 50 is not a
    # submission (and one declared 16.384 wide is an attack, not a table).
    columns: int
    # A file in a listed inbox must not have changed for this many seconds before it is
    # taken: a copy still running is left for the next run (uploads use `<name>.part`).
    settle_seconds: float
    # What a workbook expands to, counted while it is read (issue 25: a 774 KB file declaring
    # five million cell formats took 4 GB, one of 827 KB held twenty million shared strings,
    # one of 410 KB held a single cell of 400 MiB). The zipped size says nothing about these.
    #
    # Every part of a workbook that is read, uncompressed, counted byte by byte as it streams
    # (a part's declared size can lie): a sheet at the row limit with the template's 7 columns
    # is 43 MB as openpyxl writes it; 200 MB holds ~30 such columns and streams in seconds.
    part_bytes: int
    # The parts read whole into a tree (the list of parts, the workbook with its sheet names and
    # defined names, the links between them): a few KB in any workbook Excel saves; 1 MB holds
    # ten thousand defined names and costs at most ~100 MB as a tree.
    index_part_bytes: int
    # Elements of the styles part (xl/styles.xml): Excel keeps at most 65.490 cell formats, each
    # written as one to three elements (<xf>, <alignment>, <protection>), beside a few hundred
    # fonts, fills and borders; 200.000 leaves room for any of them and streams in a second.
    styles: int
    # Shared strings (the distinct texts of a workbook): 500.000 is five distinct texts in every
    # row of a file at the row limit, where a submission repeats its regions, indicators,
    # months and partners; they cost ~40 MB and stream in under two seconds.
    shared_strings: int
    # Their characters together: 20 million, as many as a CSV at the file size limit holds.
    shared_chars: int
    # Characters of one cell: Excel's own maximum (32.767); no workbook Excel saves has more.
    cell_chars: int
    # Address space of the process that reads a partner file (pipelines/isolated.py), so that
    # a case none of the limits above foresaw costs that file, not the run or the server:
    # reading a file at every limit takes ~400 MB; 1 GB leaves room and stops a runaway file
    # long before the machine's memory is gone, even with 16 uploads checked at once.
    read_memory_bytes: int


def limits() -> Limits:
    """The limits, each movable by an environment variable (sizes in MB)."""
    mb = 1024 * 1024
    return Limits(
        file_bytes=int(_env_number("REGIOMONITOR_MAX_FILE_MB", 20) * mb),
        extract_bytes=int(_env_number("REGIOMONITOR_MAX_EXTRACT_MB", 2048) * mb),
        rows=int(_env_number("REGIOMONITOR_MAX_ROWS", 100_000)),
        columns=int(_env_number("REGIOMONITOR_MAX_COLUMNS", 50)),
        settle_seconds=_env_number("REGIOMONITOR_SETTLE_SECONDS", 2),
        part_bytes=int(_env_number("REGIOMONITOR_MAX_XLSX_PART_MB", 200) * mb),
        index_part_bytes=int(_env_number("REGIOMONITOR_MAX_XLSX_INDEX_MB", 1) * mb),
        styles=int(_env_number("REGIOMONITOR_MAX_XLSX_STYLES", 200_000)),
        shared_strings=int(_env_number("REGIOMONITOR_MAX_XLSX_STRINGS", 500_000)),
        shared_chars=int(_env_number("REGIOMONITOR_MAX_XLSX_STRING_CHARS", 20_000_000)),
        cell_chars=int(_env_number("REGIOMONITOR_MAX_CELL_CHARS", 32_767)),
        read_memory_bytes=int(_env_number("REGIOMONITOR_MAX_READ_MEMORY_MB", 1024) * mb),
    )


def max_spill_bytes() -> int:
    """What a build may write to DuckDB's temporary folder (`<staging file>.tmp`, beside the
    warehouse) when a query does not fit in memory: REGIOMONITOR_MAX_SPILL_MB, default 2 GB,
    the largest registry extract. DuckDB's own default is 90 % of the free disk, which no
    estimate can count on; bounded, pipelines/disk.py counts it before a build starts."""
    return int(_env_number("REGIOMONITOR_MAX_SPILL_MB", 2048) * 1024 * 1024)


@dataclass(frozen=True)
class ExtractChecks:
    """How far the rules go into a registry extract that has failing records (the staged path,
    pipelines/staging.py). A clean extract never reaches them (pipelines/extract_pass.py)."""

    # Failing records past which an extract is refused whole, --accept-valid-rows or not, and
    # its reasons are no longer all kept: such a file was written wrong, not mistyped in a few
    # places. 100.000 is 1 % of the largest extract (10 million records) and ten times the
    # corpus's largest bad file (tests/test_ingest_corpus.py), so a file with fewer keeps every
    # reason, in rejected_row too, exactly as before the ceiling existed.
    max_failing_records: int
    # The reasons kept per kind (unknown gemeente, bad date, repeated id, ...) for an extract
    # past the ceiling: 1.000, the number a report lists (pipelines/validation.py
    # REPORTED_ERRORS), so the report's first reasons are those of a full check.
    reasons_per_kind: int
    # DuckDB's buffer pool while the rules check an extract's staged text: beyond it, the text
    # spills to DuckDB's temporary folder (REGIOMONITOR_MAX_SPILL_MB). Ten million staged records
    # peaked at 1,6 GB RSS with the partner files' 1,5 GB; 512 MB keeps the whole process under
    # 1 GB (docs/benchmarks.md, issue 27) at the cost of some seconds, only for a file that fails.
    memory_mb: int


def extract_checks() -> ExtractChecks:
    """The bounds of checking a failing extract, each movable by an environment variable."""
    return ExtractChecks(
        max_failing_records=int(_env_number("REGIOMONITOR_MAX_EXTRACT_FAILING", 100_000)),
        reasons_per_kind=int(_env_number("REGIOMONITOR_EXTRACT_REASONS_PER_KIND", 1000)),
        memory_mb=int(_env_number("REGIOMONITOR_EXTRACT_CHECK_MEMORY_MB", 512)),
    )


# What a form sends around its file (field names, boundaries, the CSRF token) is a few KB.
FORM_ROOM_BYTES = 64 * 1024


def max_request_bytes() -> int:
    """Largest request body the web server accepts (dashboard/security.py): one partner file at
    its limit plus its form. One setting, REGIOMONITOR_MAX_FILE_MB, so that a file the inbox and
    the CLI accept is never refused in the browser, and the page states the same limit."""
    return limits().file_bytes + FORM_ROOM_BYTES


# Where readers reach the data stewards (Methode page, accessibility contact). The default is
# a placeholder in the reserved .example domain: set REGIOMONITOR_STEWARD_CONTACT when deploying.
STEWARD_CONTACT = os.environ.get("REGIOMONITOR_STEWARD_CONTACT", "beheer@regiomonitor.example")

# Page views cached per published warehouse snapshot (dashboard/warehouse.memo); "0" turns the
# cache off, which `regiomonitor bench` does for its before/after ratio.
VIEW_CACHE = os.environ.get("REGIOMONITOR_VIEW_CACHE", "1") != "0"


@dataclass(frozen=True)
class LoginThrottle:
    """How sign-in attempts are slowed down (sql/accounts/login_wait.sql has the formula; issue 25:
    a limit per address and per worker let 34 of 60 guesses through and then locked the right
    user out). Counted in the accounts store, which every gunicorn worker shares."""

    # Wrong passwords an account may get before each next try waits: enough for a person who
    # mistypes, far too few to guess a password of 12 characters or more.
    free_account: int = 5
    # Different account names an address may fail on before it waits: an office behind one
    # address has several people who mistype, one attacker tries many names.
    free_address: int = 10
    # The first wait, doubled at every further failure, up to the longest: growing delays, never a
    # lock that an attacker could use to keep the right user out for good.
    first_s: float = 2.0
    longest_s: float = 15 * 60.0
    # Failures older than a day are forgotten; a successful sign-in forgets the account's.
    memory_s: float = 24 * 3600.0


LOGIN_THROTTLE = LoginThrottle()

# A session not used for this long has ended (sql/accounts/schema.sql, table session): a
# working day, so that a browser left open overnight asks to sign in again the next morning.
SESSION_IDLE_HOURS = _env_number("REGIOMONITOR_SESSION_IDLE_HOURS", 12)


def trusted_proxies() -> int:
    """How many proxies in front of the server append to X-Forwarded-For and set
    X-Forwarded-Proto: REGIOMONITOR_TRUSTED_PROXIES, default 0 (the server is reached directly,
    and such headers are a visitor's own claim). Behind one TLS proxy set 1: otherwise every
    visitor has the proxy's address, and the sign-in limit per address would count everyone as
    one (issue 25). Never more than there are: a visitor could then choose their own address."""
    return int(_env_number("REGIOMONITOR_TRUSTED_PROXIES", 0))


@dataclass(frozen=True)
class MailSettings:
    """Where the mail digests go out (pipelines/notify.py): an SMTP server, the sender, and how
    the connection is secured: 'starttls', 'ssl' or 'none'."""

    host: str
    port: int
    sender: str
    tls: str
    user: str | None = None
    password: str | None = None


# The port each way of securing SMTP listens on by default (RFC 8314: 465 for implicit TLS;
# 587 for submission with STARTTLS; 25 between servers, as a local relay is reached).
SMTP_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


def mail_settings() -> MailSettings | None:
    """Mail from the environment, or None: with no REGIOMONITOR_SMTP_HOST nobody gets mail, and
    /meldingen says so. Secure by default: STARTTLS unless REGIOMONITOR_SMTP_TLS says 'ssl' or
    'none' (a relay on the same machine). REGIOMONITOR_MAIL_FROM is the sender; without it the
    steward contact (REGIOMONITOR_STEWARD_CONTACT), to whom replies then go."""
    host = os.environ.get("REGIOMONITOR_SMTP_HOST", "").strip()
    if not host:
        return None
    tls = os.environ.get("REGIOMONITOR_SMTP_TLS", "starttls").strip().lower()
    if tls not in SMTP_PORTS:
        raise ValueError(f"REGIOMONITOR_SMTP_TLS must be one of {', '.join(SMTP_PORTS)}, not {tls!r}")
    return MailSettings(host=host, port=int(_env_number("REGIOMONITOR_SMTP_PORT", SMTP_PORTS[tls])),
                        sender=os.environ.get("REGIOMONITOR_MAIL_FROM", "").strip() or STEWARD_CONTACT,
                        tls=tls, user=os.environ.get("REGIOMONITOR_SMTP_USER") or None,
                        password=os.environ.get("REGIOMONITOR_SMTP_PASSWORD") or None)


def public_url() -> str | None:
    """The address the public reaches the dashboard at (REGIOMONITOR_PUBLIC_URL, e.g.
    https://regiomonitor.example.nl), for the links in mails and feeds; None when not set (a
    feed then links to the address it was asked at, a mail to http://127.0.0.1:8050)."""
    url = os.environ.get("REGIOMONITOR_PUBLIC_URL", "").strip().rstrip("/")
    return url or None


# Where a mail's links point when REGIOMONITOR_PUBLIC_URL is not set: `regiomonitor serve`'s default.
LOCAL_URL = "http://127.0.0.1:8050"

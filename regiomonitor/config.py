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
# The one definition of the schema and of every metric.
SQL_DIR = ROOT / "sql"


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


def default_upload_inbox() -> Path:
    """Where files uploaded in the browser land: REGIOMONITOR_UPLOAD_INBOX, else the inbox
    (REGIOMONITOR_INBOX) when one is set, else data/uploads/inbox (git-ignored).

    Never the generated demo inbox: `ingest` refuses to move its files.
    """
    env = os.environ.get("REGIOMONITOR_UPLOAD_INBOX") or os.environ.get("REGIOMONITOR_INBOX")
    return Path(env) if env else ROOT / "data" / "uploads" / "inbox"


# Largest request body the server accepts (uploads included), in bytes; larger ones get a
# 413 that names this limit. A partner file of 10.000 rows is well under 2 MB.
MAX_UPLOAD_BYTES = int(os.environ.get("REGIOMONITOR_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))

# Completeness rules the SQL views apply (sql/views/05_completeness.sql, 15_provisional.sql).
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


def view_settings() -> list[dict[str, object]]:
    """The settings above as rows of the warehouse table `setting`."""
    return [
        {"name": "default_month_complete_share", "value": DEFAULT_MONTH_COMPLETE_SHARE,
         "description": "share of regions complete for a month to be the default as-of month"},
        {"name": "due_month_reported_share", "value": DUE_MONTH_REPORTED_SHARE,
         "description": "share of regions that reported a month before others count as behind"},
    ]

# Where readers reach the data stewards (Methode page, accessibility contact). The default is
# a placeholder in the reserved .example domain: set REGIOMONITOR_STEWARD_CONTACT when deploying.
STEWARD_CONTACT = os.environ.get("REGIOMONITOR_STEWARD_CONTACT", "beheer@regiomonitor.example")

# Page views cached per published warehouse snapshot (dashboard/warehouse.memo); "0" turns the
# cache off, which `regiomonitor bench` does for its before/after ratio.
VIEW_CACHE = os.environ.get("REGIOMONITOR_VIEW_CACHE", "1") != "0"

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

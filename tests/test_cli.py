"""The `regiomonitor` command: help on every subcommand and clear errors."""
from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = ["demo", "refresh", "serve", "demo-data", "validate", "ingest", "template", "schedule"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "regiomonitor.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def test_top_level_help_lists_every_command():
    out = run("--help")
    assert out.returncode == 0
    for command in COMMANDS:
        assert command in out.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    out = run(command, "--help")
    assert out.returncode == 0 and "usage: regiomonitor" in out.stdout


@pytest.mark.parametrize("command", ["demo", "refresh", "serve", "validate", "ingest", "schedule"])
def test_every_warehouse_command_takes_the_warehouse_setting(command):
    assert "--warehouse" in run(command, "--help").stdout


def test_serve_without_a_warehouse_says_what_to_do(tmp_path):
    out = run("serve", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode != 0
    assert "regiomonitor refresh" in out.stderr


def test_environment_variable_sets_the_warehouse(tmp_path):
    out = run("serve", REGIOMONITOR_WAREHOUSE=str(tmp_path / "env.duckdb"))
    assert str(tmp_path / "env.duckdb") in out.stderr


def test_schedule_without_a_prefect_server_says_what_to_do(tmp_path):
    out = run("schedule", "--cron", "0 6 * * *", "--inbox", str(tmp_path), PREFECT_API_URL="")
    assert out.returncode != 0
    assert "prefect server start" in out.stderr


@pytest.mark.parametrize("region", ["AM10", "am10", "Rivierenland", "rivierenland", "Tiel", "Geldermalsen"])
def test_progress_takes_a_region_by_code_name_or_gemeente(demo_warehouse, region):
    out = run("progress", "--warehouse", str(demo_warehouse), "--region", region)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("Rivierenland (AM10)")


def test_progress_says_which_region_it_did_not_find_and_what_is_close(demo_warehouse):
    out = run("progress", "--warehouse", str(demo_warehouse), "--region", "Rivierland")
    assert out.returncode == 1
    assert "Geen regio gevonden voor 'Rivierland'. Bedoelt u: Rivierenland (AM10)" in out.stderr
    out = run("progress", "--warehouse", str(demo_warehouse), "--region", "Xyzzy", "--lang", "en")
    assert out.returncode == 1
    assert out.stderr.strip() == ("No region found for 'Xyzzy'. Give a region code (AM10), a region "
                                  "name (Rivierenland) or a gemeente (Tiel).")

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

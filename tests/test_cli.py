"""The `regiomonitor` command: help on every subcommand, a README line for each, and clear
errors. The subcommands come from the parser itself, so a new one is checked without editing
this file; help is asked in process (argparse prints it and exits), the errors in a real process."""
from __future__ import annotations

import argparse
import re

import pytest

from benchmarks.serving import cli
from core.settings import ROOT
from regiomonitor.cli import build_parser


def subcommands() -> list[str]:
    """Every subcommand `regiomonitor` has, read from its argparse subparsers action."""
    [action] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(action.choices)


COMMANDS = subcommands()


def help_text(capsys, *args: str) -> str:
    """What `regiomonitor ARGS --help` prints; it must exit with status 0."""
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def readme_command_block() -> str:
    """The code block under the README's heading "The `regiomonitor` command"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The `regiomonitor` command", 1)[1]
    return section.split("```", 2)[1]


def test_the_subcommands_are_found():
    """Guards the derivation: an empty list would leave the tests below with nothing to check."""
    assert len(COMMANDS) > 1 and "serve" in COMMANDS


def test_top_level_help_lists_every_command(capsys):
    out = help_text(capsys)
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys, command):
    assert f"usage: regiomonitor {command}" in help_text(capsys, command)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_line_in_the_readme(command):
    lines = readme_command_block().splitlines()
    assert any(re.match(rf"regiomonitor {re.escape(command)}(\s|$)", line) for line in lines), command


@pytest.mark.parametrize("command", ["demo", "refresh", "serve", "validate", "ingest", "schedule"])
def test_every_warehouse_command_takes_the_warehouse_setting(capsys, command):
    assert "--warehouse" in help_text(capsys, command)


@pytest.mark.slow
def test_the_command_runs_as_a_process():
    out = cli("--help")
    assert out.returncode == 0 and "usage: regiomonitor" in out.stdout


@pytest.mark.slow
def test_serve_without_a_warehouse_says_what_to_do(tmp_path):
    out = cli("serve", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode != 0
    assert "regiomonitor refresh" in out.stderr


@pytest.mark.slow
def test_environment_variable_sets_the_warehouse(tmp_path):
    out = cli("serve", env={"REGIOMONITOR_WAREHOUSE": str(tmp_path / "env.duckdb")})
    assert str(tmp_path / "env.duckdb") in out.stderr


@pytest.mark.slow
def test_schedule_without_a_prefect_server_says_what_to_do(tmp_path):
    out = cli("schedule", "--cron", "0 6 * * *", "--inbox", str(tmp_path), env={"PREFECT_API_URL": ""})
    assert out.returncode != 0
    assert "prefect server start" in out.stderr


@pytest.mark.slow
@pytest.mark.parametrize("region", ["AM10", "am10", "Rivierenland", "rivierenland", "Tiel", "Geldermalsen"])
def test_progress_takes_a_region_by_code_name_or_gemeente(demo_warehouse, region):
    out = cli("progress", "--warehouse", str(demo_warehouse), "--region", region)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("Rivierenland (AM10)")


@pytest.mark.slow
def test_progress_says_which_region_it_did_not_find_and_what_is_close(demo_warehouse):
    out = cli("progress", "--warehouse", str(demo_warehouse), "--region", "Rivierland")
    assert out.returncode == 1
    assert "Geen regio gevonden voor 'Rivierland'. Bedoelt u: Rivierenland (AM10)" in out.stderr
    out = cli("progress", "--warehouse", str(demo_warehouse), "--region", "Xyzzy", "--lang", "en")
    assert out.returncode == 1
    assert out.stderr.strip() == ("No region found for 'Xyzzy'. Give a region code (AM10), a region "
                                  "name (Rivierenland) or a gemeente (Tiel).")

"""Pipelines and dashboard meet only at the warehouse: neither imports the other's framework."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from regiomonitor.config import ROOT


def imported_modules(package: str) -> set[str]:
    names = set()
    for path in Path(ROOT, package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_dashboard_source_never_imports_prefect_or_pipelines():
    assert {"prefect", "pipelines"}.isdisjoint(imported_modules("dashboard"))


def test_pipelines_source_never_imports_dash_or_the_dashboard():
    assert {"dash", "dashboard", "flask", "plotly"}.isdisjoint(imported_modules("pipelines"))


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {m.split(".")[0] for m in out.stdout.split()}


def test_importing_the_dashboard_app_loads_no_prefect():
    assert "prefect" not in loaded_after_import("dashboard.app")


def test_importing_the_flows_loads_no_dash():
    assert "dash" not in loaded_after_import("pipelines.flows")


def test_every_third_party_import_is_a_declared_dependency():
    """pyproject.toml names what the code imports (pandera went when the checks moved to SQL;
    dash_ag_grid was imported without being declared)."""
    import importlib.metadata
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[=<>\[ ]", d)[0].lower().replace("_", "-")
                for d in project["dependencies"] + sum(project["optional-dependencies"].values(), [])}
    local = {"regiomonitor", "pipelines", "dashboard", "benchmarks", "tests"}
    distributions = importlib.metadata.packages_distributions()
    imported = set().union(*(imported_modules(p) for p in ("regiomonitor", "pipelines", "dashboard")))
    third_party = imported - set(sys.stdlib_module_names) - local - {"__future__"}
    undeclared = {m: distributions.get(m) for m in third_party
                  if not {d.lower().replace("_", "-") for d in distributions.get(m, [m])} & declared}
    assert undeclared == {}

"""The floors hold: import-linter's contracts (pyproject.toml, docs/architecture.md), and what
an import really loads."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from core.settings import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.mark.slow
def test_the_import_contracts_are_kept():
    """Every layer and forbidden contract, direct and indirect imports alike."""
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def loaded_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter holds after running `code`."""
    probe = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=ROOT, timeout=120)
    return set(out.stdout.split())


@pytest.mark.slow
def test_importing_the_flows_loads_nothing_of_the_dashboard():
    loaded = loaded_after("import pipelines.flows")
    assert {m for m in loaded if m.split(".")[0] in {"dashboard", "dash", "flask", "plotly"}} == set()


@pytest.mark.slow
def test_the_whole_dashboard_loads_neither_pipelines_nor_prefect(tmp_path):
    """The app with every page registered: each dashboard module is imported."""
    loaded = loaded_after(
        "from pathlib import Path\nfrom dashboard.app import create_app\n"
        f"create_app(Path({str(tmp_path / 'w.duckdb')!r}), Path({str(tmp_path / 'a.sqlite')!r}), "
        f"Path({str(tmp_path / 'inbox')!r}))")
    assert {"pages.kaart", "pages.regio"} <= loaded   # Dash imports the pages by their folder name
    assert {m for m in loaded if m.split(".")[0] in {"pipelines", "prefect"}} == set()


def imported_modules(package: str) -> set[str]:
    """Top-level names a package's source imports."""
    names = set()
    for path in Path(ROOT, package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_every_third_party_import_is_a_declared_dependency():
    """pyproject.toml names what the code imports (pandera went when the checks moved to SQL;
    dash_ag_grid was imported without being declared)."""
    import importlib.metadata
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[=<>\[ ]", d)[0].lower().replace("_", "-")
                for d in project["dependencies"] + sum(project["optional-dependencies"].values(), [])}
    local = {"regiomonitor", "core", "pipelines", "dashboard", "benchmarks", "tests"}
    distributions = importlib.metadata.packages_distributions()
    imported = set().union(*(imported_modules(p) for p in ("regiomonitor", "core", "pipelines", "dashboard")))
    third_party = imported - set(sys.stdlib_module_names) - local - {"__future__"}
    undeclared = {m: distributions.get(m) for m in third_party
                  if not {d.lower().replace("_", "-") for d in distributions.get(m, [m])} & declared}
    assert undeclared == {}

"""Project files agree with each other: environment.yml lists what pyproject.toml does."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# conda names for PyPI requirements whose names differ (an extra becomes its own package)
CONDA_NAMES = {"dask[distributed]": ["dask", "distributed"]}


def _split(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"([A-Za-z0-9_.\-\[\]]+)\s*(.*)", requirement).groups()
    return name.lower(), spec.replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = {}
    for requirement in project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]:
        name, spec = _split(requirement)
        for conda_name in CONDA_NAMES.get(name, [name]):
            wanted[conda_name] = spec
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    listed = dict(
        _split(d) for d in environment["dependencies"] if isinstance(d, str)
        and not d.startswith(("python=", "pip"))
    )
    assert listed == wanted
    assert "python=3.11" in environment["dependencies"]


def test_every_test_file_is_collected_by_make_test():
    # The test command as `make test` (the README's command) runs it, collecting only.
    recipe = re.search(r"^test:.*\n(?:\t.*\n)*?\t(.+-m pytest .+)$",
                       (REPO / "Makefile").read_text(), re.M).group(1)
    arguments = recipe.split("-m pytest", 1)[1].split()
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *arguments],
        cwd=REPO, capture_output=True, text=True, check=False,
    ).stdout
    files = {line.split("::")[0] for line in collected.splitlines() if "::" in line}
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "tests").rglob("test_*.py")}
    assert expected - files == set()
    assert any(f.startswith("notebooks/") for f in files)  # the notebooks, by nbval


def test_make_lab_registers_the_thlib_kernel_and_starts_jupyterlab_on_the_project():
    import jupyterlab  # locked and installed by the set-up (the "lab" extra)

    assert jupyterlab.__version__
    plan = subprocess.run(["make", "-n", "lab"], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout
    assert "ipykernel install --sys-prefix --name thlib" in plan
    assert f'jupyter lab --ServerApp.root_dir="{REPO}"' in plan

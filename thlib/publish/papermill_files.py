"""Parameter files for plain papermill: one per document the parameter sets describe.

``thlib params`` writes them, so an analyst can run a single document as the build would,
with papermill's own command line (``papermill NOTEBOOK OUT -f FILE``) or from JupyterLab.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from thlib.publish.outputs import atomic_write
from thlib.publish.plan import make_plan

__all__ = ["write_parameter_files"]


def write_parameter_files(
    output_dir: Path, parameters_dir: Path, notebooks_dir: Path, only: list[str] | tuple = ()
) -> list[tuple[Path, Path]]:
    """Write the papermill parameters of each selected document as ``<output>.yml``.

    Parameters
    ----------
    output_dir : pathlib.Path
        Where the files go, in the documents' output layout (e.g.
        ``profiles/ward/bow-east.yml``).
    parameters_dir, notebooks_dir : pathlib.Path
        The parameter sets and the notebooks they name.
    only : sequence of str, optional
        Selectors, as ``thlib build --only`` takes them.

    Returns
    -------
    list of (pathlib.Path, pathlib.Path)
        Each file written and the notebook it is for.

    Raises
    ------
    thlib.errors.ThlibError
        For any problem in the parameter sets (nothing is written then).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> root = Path(__file__).resolve().parents[2]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_parameter_files(Path(folder), root / "parameters",
    ...                                     root / "notebooks", ["bow-east"])
    ...     [(str(path.relative_to(folder)), notebook.name) for path, notebook in written]
    [('profiles/ward/bow-east.yml', 'area_profile.ipynb')]
    """
    plan = make_plan(Path(output_dir), Path(parameters_dir), Path(notebooks_dir),
                     only=tuple(only))
    written = []
    for planned in plan.selected:
        document = planned.document
        notebook = Path(notebooks_dir) / f"{document.report}.ipynb"
        path = Path(output_dir) / f"{document.output}.yml"
        header = (f"# {document.title}: the parameters `thlib build` gives {notebook.name}\n"
                  f"# (from {document.source.name}). Run: papermill {notebook} out.ipynb "
                  f"-f {path}\n")
        body = yaml.safe_dump(document.parameters, sort_keys=False, allow_unicode=True)
        atomic_write(path, (header + body).encode("utf-8"))
        written.append((path, notebook))
    return written

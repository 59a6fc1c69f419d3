"""Build the reports: parameter sets -> papermill -> HTML and PDF under ``outputs/``.

:func:`build` is what ``thlib build`` runs. Modules, one per concept:

``parameters``  parameter-set files (YAML) and their shape
``notebooks``   notebook parameters (papermill's inspection), types, required values
``areas``       areas a parameter set expands to (cached :mod:`thlib.geography`)
``documents``   parameter sets expanded into checked documents; ``--only``
``state``       fingerprints and the state file that make builds incremental
``plan``        all of the above, before anything is written
``worker``      one document in a worker: papermill, HTML, PDF; kernels reused
``executors``   local process pool, Dask, or any ``concurrent.futures.Executor``
``outputs``     atomic writes; failed notebooks
``lock``        one build at a time per output folder
``progress``    progress bar or log lines
``index``       ``outputs/index.html``
``record``      results and ``outputs/build-record.json``
``runner``      running a plan
``html``, ``pdf``  notebook to HTML, HTML to PDF

This package imports nothing heavy: papermill, nbconvert, WeasyPrint and geopandas are
imported only when there is work for them.
"""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

from thlib.publish.record import BuildResult, DocumentResult
from thlib.publish.runner import BuildOptions, run

__all__ = ["BuildOptions", "BuildResult", "DocumentResult", "build"]


def build(
    *,
    output_dir: str | Path = "outputs",
    parameters_dir: str | Path = "parameters",
    notebooks_dir: str | Path = "notebooks",
    params: tuple[str | Path, ...] | list[str | Path] = (),
    only: tuple[str, ...] | list[str] = (),
    formats: tuple[str, ...] | list[str] | str | None = None,
    jobs: int | None = None,
    force: bool = False,
    dry_run: bool = False,
    executor: str | Executor = "local",
    scheduler: str | None = None,
    fresh_kernels: bool = False,
    progress_bar: bool = False,
    data_dir: str | Path | None = None,
) -> BuildResult:
    r"""Build every stale document described by the parameter sets.

    Parameters
    ----------
    output_dir : str or pathlib.Path
        Where documents, ``index.html``, ``build-record.json`` and the state file go.
    parameters_dir : str or pathlib.Path
        Folder of parameter-set files (``*.yml``).
    notebooks_dir : str or pathlib.Path
        Folder of report notebooks (``<report>.ipynb``); kernels run in it.
    params : sequence of path
        Extra parameter-set files, added to those of ``parameters_dir``.
    only : sequence of str
        Build only documents matching these report names, area types, area codes or
        slugs (comma-separated values allowed); kinds combine with "and".
    formats : sequence of str or str, optional
        Build these formats (``html``, ``pdf``, ``ipynb``) instead of each set's own.
    jobs : int, optional
        Documents run at once; default the number of cores.
    force : bool
        Rebuild selected documents even if up to date.
    dry_run : bool
        Only decide: every selected document gets status ``planned`` (with the reason)
        or ``skipped``; nothing is written.
    executor : {"local", "dask"} or concurrent.futures.Executor
        Where documents run; see :func:`thlib.publish.executors.open_executor`.
    scheduler : str, optional
        Dask scheduler address (``executor="dask"``).
    fresh_kernels : bool
        Start a new kernel for every document. By default each worker keeps its kernel
        and resets it between documents (namespace, history, counter, figures), so the
        modules a notebook imports, and the data they cache, are loaded once per worker.
    progress_bar : bool
        Show a tqdm bar on stderr.
    data_dir : str or pathlib.Path, optional
        Data folder whose files are fingerprinted; default ``$THLIB_DATA_DIR`` or ``data/``.

    Returns
    -------
    BuildResult
        ``exit_code`` is 1 if any document failed.

    Raises
    ------
    thlib.errors.ParameterError, thlib.errors.AreaError
        For a bad parameter set, before anything is written.
    thlib.errors.BuildError
        If another build holds the lock, or the executor cannot start.

    Examples
    --------
    A dry run decides what would be built, and why, and writes nothing. Here on a
    tiny project: one notebook with a ``parameters`` cell, one parameter set giving two
    documents (the second takes the notebook's default):

    >>> import shutil
    >>> import tempfile
    >>> import nbformat
    >>> root = Path(tempfile.mkdtemp())
    >>> for folder in ("notebooks", "parameters", "data"):
    ...     (root / folder).mkdir()
    >>> cell = nbformat.v4.new_code_cell('greeting = "hello"', metadata={"tags": ["parameters"]})
    >>> notebook = nbformat.v4.new_notebook(cells=[cell])
    >>> kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    >>> notebook.metadata["kernelspec"] = kernel
    >>> nbformat.write(notebook, root / "notebooks" / "hi.ipynb")
    >>> _ = (root / "parameters" / "hi.yml").write_text(
    ...     "report: hi\noutput: hi/{greeting}\ndocuments:\n  - greeting: hey\n  - {}\n")
    >>> result = build(output_dir=root / "outputs", parameters_dir=root / "parameters",
    ...                notebooks_dir=root / "notebooks", data_dir=root / "data", dry_run=True)
    >>> for item in result.documents:
    ...     print(item.document.output, item.status, item.reason, sep=" | ")
    hi/hey | planned | new document
    hi/hello | planned | new document
    >>> result.summary()
    'dry run: 2 to build, 0 up to date; nothing written'
    >>> (root / "outputs").exists()
    False
    >>> shutil.rmtree(root)

    Bad input is refused before anything runs:

    >>> build(formats="docx")
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: --formats: unknown format 'docx'; allowed formats: html, pdf, ipynb
    """
    from thlib.publish.parameters import parse_formats

    chosen = parse_formats(list(formats) if not isinstance(formats, str) else formats,
                           "--formats") if formats else None
    options = BuildOptions(
        output_dir=Path(output_dir),
        parameters_dir=Path(parameters_dir),
        notebooks_dir=Path(notebooks_dir),
        params=tuple(Path(p) for p in params),
        only=tuple(only),
        formats=chosen,
        jobs=jobs,
        force=force,
        dry_run=dry_run,
        executor=executor,
        scheduler=scheduler,
        fresh_kernels=fresh_kernels,
        progress_bar=progress_bar,
        data_dir=Path(data_dir) if data_dir else None,
    )
    return run(options)

"""The ``thlib`` command line.

``thlib build`` builds the reports; see ``thlib build --help``. Errors in the input (a bad
parameter set, a lock held by another build) are printed as ``error: <message>`` without
a traceback.

Exit codes: 0 success; 1 some documents failed; 2 bad input or usage (nothing built);
3 a file or folder cannot be written (no permission, read-only, a file in the way); 4 the
disk is full; 5 the data folder is missing or is a file; 70 an unexpected internal error
(its traceback is written to a file named in the message); 130 interrupted (Ctrl-C), 143
stopped by SIGTERM, 129 by SIGHUP.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from thlib import __version__
from thlib.errors import DataFolderError, StorageError, ThlibError
from thlib.project import find_project

if TYPE_CHECKING:
    from thlib.publish.record import BuildResult

__all__ = ["exit_status", "main", "make_parser"]

LOGGER = logging.getLogger("thlib.cli")

#: Exit statuses besides 0 (success) and 1 (some documents failed); 70 is EX_SOFTWARE.
EXIT_BAD_INPUT, EXIT_STORAGE, EXIT_DISK_FULL, EXIT_DATA_FOLDER = 2, 3, 4, 5
EXIT_INTERNAL = 70
#: Signals that end a build as Ctrl-C does (a scheduler stopping it, a closed terminal); the
#: exit status is 128 plus the signal's number, as a shell reports it: 130, 143, 129.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """The build was asked to stop by a signal (SIGTERM, SIGHUP): handled as Ctrl-C is."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Stopped` while a command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def exit_status(error: ThlibError) -> int:
    """Return the exit status of a run stopped by ``error``.

    Parameters
    ----------
    error : thlib.errors.ThlibError
        The error that stopped the run.

    Returns
    -------
    int
        5 for a data folder that is missing or a file, 4 for a full disk, 3 for another
        file or folder that cannot be used, 2 for any other bad input.

    Examples
    --------
    >>> from thlib.errors import ParameterError
    >>> exit_status(ParameterError("unknown area"))
    2
    """
    if isinstance(error, DataFolderError):
        return EXIT_DATA_FOLDER
    if isinstance(error, StorageError):
        return EXIT_DISK_FULL if error.disk_full else EXIT_STORAGE
    return EXIT_BAD_INPUT

_BUILD_DESCRIPTION = """\
Build every report described by the parameter sets (parameters/*.yml): run each document's
notebook with papermill in long-lived worker processes, convert it to HTML and PDF, and
write the files atomically under the output folder, with index.html linking them all.

Only documents whose notebook, parameters, data (data/), library (the thlib package and its
templates) or environment changed since their last build are rebuilt; the rest are skipped.
A failing document does not stop the others: its previous files are kept and its executed
notebook is saved under <output-dir>/_failed/.
"""

_BUILD_EPILOG = """\
examples:
  thlib build                          build what changed, on all cores
  thlib build --dry-run                list what would be built, and why
  thlib build --only ward --formats html
  thlib build --only area_profile,E05009317 --force
  thlib build --quiet                  for cron: errors and the summary only
  thlib build --executor dask --scheduler tcp://10.0.0.5:8786

exit status: 0 all built or up to date; 1 some documents failed; 2 bad input (nothing
built); 3 a file or folder cannot be written; 4 disk full; 5 data folder missing or a
file; 70 unexpected internal error (traceback written to a file); 130 interrupted (Ctrl-C),
143 stopped by SIGTERM, 129 by SIGHUP (finished documents are kept).
A run record is written to <output-dir>/build-record.json.
"""


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``thlib``.

    Returns
    -------
    argparse.ArgumentParser
        With the ``build`` command; each parsed command carries its ``handler``.

    Examples
    --------
    >>> args = make_parser().parse_args(["build", "--only", "ward", "--formats", "html"])
    >>> args.command, args.only, args.formats, args.dry_run
    ('build', ['ward'], 'html', False)
    """
    parser = argparse.ArgumentParser(
        prog="thlib", description="Tower Hamlets Partnership analysis and reporting toolkit.")
    parser.add_argument("--version", action="version", version=f"thlib {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    build = commands.add_parser(
        "build", help="build the reports (HTML, PDF, index) from parameters/*.yml",
        description=_BUILD_DESCRIPTION, epilog=_BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    select = build.add_argument_group("what to build")
    select.add_argument(
        "--only", action="append", default=[], metavar="NAME[,NAME...]",
        help="build only documents matching a report name (e.g. area_profile), an area type "
             "(borough, neighbourhood, ward, custom) or an area code or slug (e.g. E05009317, "
             "bow-east) or an output path (profiles/ward/bow-east); repeatable or "
             "comma-separated; report names combine with the others with 'and'")
    select.add_argument(
        "--params", action="extend", nargs="+", default=[], metavar="FILE",
        help="extra parameter-set files, built in addition to those in --parameters-dir")
    select.add_argument(
        "--formats", metavar="FORMATS",
        help="comma-separated output formats to build instead of each parameter set's own: "
             "html, pdf, ipynb (e.g. --formats html for a quick draft)")
    select.add_argument("--force", action="store_true",
                        help="rebuild the selected documents even if they are up to date")
    select.add_argument("--dry-run", action="store_true",
                        help="list what would be built and why; write nothing")
    where = build.add_argument_group("folders")
    _project_option(where)
    where.add_argument("--output-dir", metavar="DIR",
                       help="where documents, index.html and the run record go "
                            "(default: the project's outputs/)")
    _folder_options(where)
    run = build.add_argument_group("how to run")
    run.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                     help="documents built at once (default: the number of cores)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local: a pool of worker processes on this machine (default); "
                          "dask: a Dask cluster (needs thlib[dask])")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --executor "
                          "dask; without it a local Dask cluster of --jobs workers is started)")
    run.add_argument("--fresh-kernels", action="store_true",
                     help="start a new kernel for every document (slower); by default each "
                          "worker reuses its kernel, reset between documents, so imported "
                          "modules and their cached data stay loaded")
    talk = build.add_argument_group("messages")
    noise = talk.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true",
                       help="show only errors and the final summary (for cron)")
    noise.add_argument("--verbose", "-v", action="store_true", help="show debug messages")
    build.set_defaults(handler=_build)

    params = commands.add_parser(
        "params", help="write papermill parameter files, one per document",
        description="Write, for each document the parameter sets describe, a YAML file of "
                    "its notebook parameters, so that plain papermill runs that document: "
                    "papermill notebooks/<report>.ipynb out.ipynb -f <file>.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    params.add_argument(
        "--only", action="append", default=[], metavar="NAME[,NAME...]",
        help="only documents matching a report name, area type, area code or slug")
    _project_option(params)
    params.add_argument("--output-dir", metavar="DIR",
                        help="where the files go (default: the project's "
                             "outputs/parameters/)")
    _folder_options(params)
    params.set_defaults(handler=_params)

    indicators = commands.add_parser(
        "indicators", help="list the indicator catalogue, or show one indicator",
        description="With no ID, list every indicator of the catalogue (id, unit, period, "
                    "title); with an ID, show its whole definition.")
    indicators.add_argument("id", nargs="?", metavar="ID", help="an indicator id")
    indicators.set_defaults(handler=_indicators)
    return parser


def _project_option(group: argparse._ActionsContainer) -> None:
    group.add_argument("--project", metavar="DIR",
                       help="the project folder (holding parameters/ and notebooks/); by "
                            "default found from the current folder upwards, as git does")


def _folder_options(group: argparse._ActionsContainer) -> None:
    group.add_argument("--parameters-dir", metavar="DIR",
                       help="folder of parameter-set files *.yml (default: the project's "
                            "parameters/)")
    group.add_argument("--notebooks-dir", metavar="DIR",
                       help="folder of report notebooks <report>.ipynb (default: the "
                            "project's notebooks/)")


def _folders(args: argparse.Namespace, outputs: str) -> tuple[Path, Path, Path]:
    """Return the output, parameters and notebooks folders: as given, else the project's."""
    given = (args.output_dir, args.parameters_dir, args.notebooks_dir)
    if all(given):
        return Path(args.output_dir), Path(args.parameters_dir), Path(args.notebooks_dir)
    root = find_project(given=args.project)
    defaults = (root / outputs, root / "parameters", root / "notebooks")
    return tuple(Path(g) if g else d for g, d in zip(given, defaults, strict=True))  # type: ignore[return-value]


def _build(args: argparse.Namespace) -> int:
    from thlib.publish import build
    from thlib.publish.progress import configure_logging

    interactive = configure_logging(quiet=args.quiet, verbose=args.verbose)
    if args.scheduler and args.executor != "dask":
        raise ThlibError("--scheduler needs --executor dask")
    output_dir, parameters_dir, notebooks_dir = _folders(args, "outputs")
    result = build(
        output_dir=output_dir,
        parameters_dir=parameters_dir,
        notebooks_dir=notebooks_dir,
        params=args.params,
        only=args.only,
        formats=args.formats,
        jobs=args.jobs,
        force=args.force,
        dry_run=args.dry_run,
        executor=args.executor,
        scheduler=args.scheduler,
        fresh_kernels=args.fresh_kernels,
        progress_bar=interactive and not args.quiet,
    )
    if result.dry_run:
        for item in result.documents:
            if item.status == "planned":
                print(f"build  {item.document.output}  ({item.document.report}: {item.reason})")
            elif not args.quiet:
                print(f"skip   {item.document.output}  (up to date)")
    _report_failures(result)
    print(f"thlib build: {result.summary()}")
    return result.exit_code


def _report_failures(result: BuildResult) -> None:
    """Print each failed document with its error and where its executed notebook is kept."""
    for item in result.documents:
        if item.status == "failed":
            kept = f"\n        executed notebook: {result.output_dir / item.failed_notebook}" \
                if item.failed_notebook else ""
            print(f"failed  {item.document.output}: {item.error}{kept}")


def _params(args: argparse.Namespace) -> int:
    from thlib.publish.papermill_files import write_parameter_files

    output_dir, parameters_dir, notebooks_dir = _folders(args, "outputs/parameters")
    written = write_parameter_files(output_dir, parameters_dir, notebooks_dir, args.only)
    for path, notebook in written:
        print(f"papermill {notebook} out.ipynb -f {path}")
    print(f"thlib params: wrote {len(written)} parameter files under {output_dir}")
    return 0


def _indicators(args: argparse.Namespace) -> int:
    from thlib.indicators.catalogue import catalogue, describe_indicator, get_indicator

    if args.id:
        print(describe_indicator(get_indicator(args.id)), end="")
        return 0
    entries = sorted(catalogue().values(), key=lambda i: i.id)
    width = max(len(i.id) for i in entries)
    for indicator in entries:
        print(f"{indicator.id:<{width}}  {indicator.label} ({indicator.unit}); "
              f"{indicator.period}")
    print(f"{len(entries)} indicators; 'thlib indicators ID' shows one")
    return 0


def _crash_report() -> str:
    """Write the current exception's traceback to a new temporary file; return its path."""
    handle, path = tempfile.mkstemp(prefix="thlib-error-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as report:
        traceback.print_exc(file=report)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``thlib`` command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 success; 1 some documents failed; otherwise the error is printed on stderr as
        one line, ``error: <message>``, and the status is 2 (bad input or usage), 3 (a
        file or folder cannot be written), 4 (disk full), 5 (data folder missing or a
        file), 70 (an internal error; the traceback is written to a file), or 128 plus the
        signal's number when stopped (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).

    Raises
    ------
    SystemExit
        From :mod:`argparse`, for ``--help`` or arguments it cannot parse.

    Examples
    --------
    An unknown format is bad input: nothing is built and the status is 2.

    >>> main(["build", "--formats", "docx"])
    2
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    logger = logging.getLogger("thlib")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    try:
        with _stop_on_signals():
            return args.handler(args)
    except ThlibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_status(exc)
    except BrokenPipeError:  # output piped to a command that stopped reading (| head)
        # as Python's documentation advises: stdout to /dev/null, so the flush at exit
        # does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a folder or disk the user can fix, met outside thlib's checks
        error = StorageError.from_os_error(exc, "use")
        print(f"error: {error}", file=sys.stderr)
        return exit_status(error)
    except KeyboardInterrupt as exc:
        result = getattr(exc, "result", None)
        if result is not None:
            _report_failures(result)
            print(f"thlib build: interrupted: {result.summary()}")
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"error: {'interrupted' if signum == signal.SIGINT else 'stopped by ' + exc.args[0]}"
              "; finished documents are kept", file=sys.stderr)
        return 128 + signum
    except Exception as exc:  # a bug: one line here, the whole story in a file
        report = _crash_report()
        print(f"error: unexpected internal error ({type(exc).__name__}: {exc}); the full "
              f"traceback is in {report}: please report it with that file", file=sys.stderr)
        return EXIT_INTERNAL
    finally:  # leave logging as it was, for callers such as tests
        logger.handlers[:], logger.propagate = saved[0], saved[2]
        logger.setLevel(saved[1])

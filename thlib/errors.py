"""The one exception hierarchy of thlib.

Every error raised for bad input is a :class:`ThlibError`, whose message says
what was wrong, where (file, row, field or parameter) and what to do, so that
the command line can print it without a traceback.
"""

__all__ = [
    "AreaError", "BuildError", "DataError", "ParameterError", "StatsInputError", "ThlibError",
]


class ThlibError(Exception):
    """Base class for every error thlib raises on purpose.

    Catch it to report any bad input without a traceback, as ``thlib build`` does.

    Parameters
    ----------
    *args : str
        The message: what was wrong, where, and what to do.

    Examples
    --------
    >>> from thlib.stats import proportion
    >>> try:
    ...     proportion(-1, 10)
    ... except ThlibError as exc:
    ...     print(f"error: {exc}")
    error: numerator (position 0) is -1: counts cannot be negative
    """


class DataError(ThlibError):
    """A data file is missing, malformed or does not hold what was expected.

    Parameters
    ----------
    *args : str
        The message, naming the file (and the row and column where there is one).

    Examples
    --------
    >>> from thlib.data import read_yaml
    >>> try:
    ...     read_yaml("no-such-file.yml")
    ... except DataError as exc:
    ...     print(exc)
    no-such-file.yml does not exist
    """


class AreaError(ThlibError, KeyError):
    """An area type or area code is not known.

    A :class:`KeyError` too, but its message is not quoted.

    Parameters
    ----------
    *args : str
        The message, listing the known area types or codes.

    Examples
    --------
    >>> from thlib.geography import list_areas
    >>> try:
    ...     list_areas("wards")
    ... except KeyError as exc:
    ...     print(type(exc).__name__, str(exc))
    AreaError unknown area type 'wards'; use one of borough, neighbourhood, ward
    """

    def __str__(self) -> str:
        """Return the message as given (KeyError would quote it)."""
        return str(self.args[0]) if self.args else ""


class ParameterError(ThlibError, ValueError):
    """A parameter set or a function argument is not allowed.

    A :class:`ValueError` too.

    Parameters
    ----------
    *args : str
        The message, naming the file, line and key (or the argument) and what is allowed.

    Examples
    --------
    >>> from thlib.publish import build
    >>> try:
    ...     build(formats="html,docx")
    ... except ParameterError as exc:
    ...     print(exc)
    --formats: unknown format 'docx'; allowed formats: html, pdf, ipynb
    """


class StatsInputError(ThlibError, ValueError):
    """Inputs to a statistical method fail its validation.

    A :class:`ValueError` too. Positions in messages count from 0, as ``Series.iloc`` does.

    Parameters
    ----------
    *args : str
        The message, naming the argument, the position and value, and what to do.
    position : int, optional
        The position of the offending value, kept as :attr:`position`.

    Examples
    --------
    >>> from thlib.stats import proportion
    >>> try:
    ...     proportion(65, 100, confidence=95)
    ... except ValueError as exc:
    ...     print(exc)
    confidence is 95: it must be strictly between 0 and 1, e.g. 0.95 or 0.998 (did you mean 0.95?)
    """

    def __init__(self, *args: object, position: int | None = None) -> None:
        super().__init__(*args)
        #: The position (from 0) of the offending value, where one value is at fault, so
        #: that a caller can name the row behind it.
        self.position = position


class BuildError(ThlibError):
    """A report could not be built.

    Parameters
    ----------
    *args : str
        The message, naming the document, lock or executor and what to do.

    Examples
    --------
    A second build writing to the same output folder is refused:

    >>> import tempfile
    >>> from thlib.publish.lock import BuildLock
    >>> with tempfile.TemporaryDirectory() as folder, BuildLock(folder):
    ...     try:
    ...         BuildLock(folder).__enter__()
    ...     except BuildError as exc:
    ...         print(str(exc).startswith("another thlib build is writing to"))
    True
    """

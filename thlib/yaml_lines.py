"""YAML files people write (parameter sets, custom areas), read with the line of every key.

So that an error can name the file, the line and the field. Only the standard library and
PyYAML are imported: the build reads parameter sets before it needs pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from thlib.errors import DataError, ThlibError

__all__ = ["KeyPath", "describe_key", "read_yaml_lines"]

#: A path of keys and list positions into a YAML document, e.g. ``("documents", 2, "area_code")``.
KeyPath = tuple[str | int, ...]


def describe_key(keys: KeyPath) -> str:
    """Return a key path as text, e.g. ``documents[2].area_code``.

    Parameters
    ----------
    keys : tuple of str and int
        Mapping keys and list positions, outermost first.

    Returns
    -------
    str
        The path as it would be written in a file's own terms.

    Examples
    --------
    >>> describe_key(("documents", 2, "area_code"))
    'documents[2].area_code'
    """
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def read_yaml_lines(path: Path, what: str, error: type[ThlibError] = DataError
                    ) -> tuple[Any, dict[KeyPath, int]]:
    r"""Read a YAML file and the line of every mapping key and list item in it.

    For files people write (parameter sets, custom areas), whose errors should name the
    line; a key given twice in one mapping is refused, as YAML says it must be.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    what : str
        What the file is, for messages (e.g. "parameter set").
    error : type
        The :class:`~thlib.errors.ThlibError` to raise.

    Returns
    -------
    data : Any
        The parsed document (None for an empty file).
    lines : dict
        The 1-based line of each key path (:func:`describe_key`).

    Raises
    ------
    thlib.errors.ThlibError
        ``error``, if the file is missing, unreadable or not valid YAML, or repeats a key;
        the message names the file and the line.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "areas.yml")
    ...     _ = path.write_text("areas:\n  - code: A\n    wards: [E05009317]\n")
    ...     data, lines = read_yaml_lines(path, "custom areas file")
    >>> lines[("areas", 0, "wards")], data["areas"][0]["code"]
    (3, 'A')
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{what} {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{what} {path} cannot be read: {exc}") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}" if mark else ""
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise error(f"{path}{line}: not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _index_lines(node, (), lines, path, error)
    return data, lines


def _index_lines(node: yaml.Node, keys: KeyPath, lines: dict[KeyPath, int], path: Path,
                 error: type[ThlibError]) -> None:
    """Record the line of every key below ``node``; refuse duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen and key != "<<":
                raise error(
                    f"{path}, line {line}: key {describe_key((*keys, key))!r} is given twice "
                    f"(first on line {seen[key]}); keep one"
                )
            seen[key] = line
            lines[(*keys, key)] = line
            _index_lines(value_node, (*keys, key), lines, path, error)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*keys, index)] = item.start_mark.line + 1
            _index_lines(item, (*keys, index), lines, path, error)

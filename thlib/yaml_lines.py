"""Files people write (parameter sets, custom areas, neighbourhoods, commentary), read safely.

Read defensively before anything is validated, so that an error names the file, the line and
the field: text is UTF-8 (a byte-order mark, as Windows editors write, is allowed; anything
else is an error naming the line); CRLF line ends and trailing spaces are tolerated; YAML
aliases are refused (an alias can repeat a part of the file until memory runs out, the
"billion laughs"); control characters and bidirectional overrides (which can make a text
read differently from what it holds) are refused, naming the field. Only the standard
library and PyYAML are imported: the build reads parameter sets before it needs pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from thlib.errors import DataError, ThlibError

__all__ = ["KeyPath", "describe_key", "parse_yaml_lines", "read_text", "read_yaml_lines",
           "unsafe_character"]

#: A path of keys and list positions into a YAML document, e.g. ``("documents", 2, "area_code")``.
KeyPath = tuple[str | int, ...]

#: Characters refused in what people write: C0 and C1 controls but tab and line ends, and
#: the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_UNSAFE = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
           *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def unsafe_character(text: str) -> str | None:
    r"""Return the first control or bidirectional-override character in ``text``, if any.

    Parameters
    ----------
    text : str
        The text to check.

    Returns
    -------
    str or None
        The character written as ``U+XXXX``, or None when there is none.

    Examples
    --------
    >>> unsafe_character("Bow\u202eEast"), unsafe_character("Bow East\n")
    ('U+202E', None)
    """
    for char in text:
        if ord(char) in _UNSAFE:
            return f"U+{ord(char):04X}"
    return None


def read_text(path: Path, what: str, error: type[ThlibError] = DataError) -> str:
    r"""Read a text file people edit: UTF-8, a byte-order mark allowed, CRLF made LF.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    what : str
        What the file is, for messages (e.g. "commentary").
    error : type
        The :class:`~thlib.errors.ThlibError` to raise.

    Returns
    -------
    str

    Raises
    ------
    thlib.errors.ThlibError
        ``error``, if the file is missing or unreadable, or is not UTF-8 (naming the line
        and what to do).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "foreword.md")
    ...     _ = path.write_bytes(b"\xef\xbb\xbf---\r\nstatus: final\r\n---\r\n")
    ...     read_text(path, "commentary")
    '---\nstatus: final\n---\n'
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{what} {path} does not exist") from None
    except OSError as exc:
        raise error(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise error(f"{path}, line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02X}); save "
                    "the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)") from None
    return text.replace("\r\n", "\n")


class _UserLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (files people edit need none)."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Refuse an alias where PyYAML would repeat the anchored node."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"an alias (*{event.anchor}) repeats another part of the file, "
                "which thlib does not allow in files people edit: write the value out",
                event.start_mark)
        return super().compose_node(parent, index)


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
        ``error``, if the file is missing, unreadable, not UTF-8 or not valid YAML, holds an
        alias, repeats a key, or holds a control or bidirectional-override character; the
        message names the file and the line.

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
    return parse_yaml_lines(read_text(path, what, error), path, error)


def parse_yaml_lines(text: str, path: Path, error: type[ThlibError] = DataError
                     ) -> tuple[Any, dict[KeyPath, int]]:
    r"""Parse YAML text people wrote (from ``path``), as :func:`read_yaml_lines` does.

    Parameters
    ----------
    text : str
        The YAML (e.g. a Markdown file's front matter).
    path : pathlib.Path
        Where the text comes from, for messages.
    error : type
        The :class:`~thlib.errors.ThlibError` to raise.

    Returns
    -------
    data, lines
        As :func:`read_yaml_lines`.

    Raises
    ------
    thlib.errors.ThlibError
        ``error``, if the text is not valid YAML, holds an alias, repeats a key, or holds a
        control or bidirectional-override character; the message names the line.

    Examples
    --------
    >>> parse_yaml_lines("a: &x [1]\nb: *x\n", Path("p.yml"))
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: p.yml, line 2: not valid YAML: an alias (*x) repeats another ...
    """
    loader = _UserLoader(text)
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
    except RecursionError:
        raise error(f"{path}: nested too deeply to read; simplify the file") from None
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
            _index_lines(key_node, (*keys, key), lines, path, error)
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
    elif isinstance(node, yaml.ScalarNode):
        char = unsafe_character(str(node.value))
        if char is not None:
            field = describe_key(keys) or "the document"
            raise error(f"{path}, line {node.start_mark.line + 1}: {field} holds the control "
                        f"character {char}, which a report would show wrongly; remove it")

"""The public API is documented: every exported function and class has a numpydoc docstring.

"Exported" means listed in a package's or module's ``__all__``. Each needs a summary, an
Examples section (run as a doctest by ``make test``), Parameters when it takes any, and
Returns when it is a function that returns something.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import thlib


def _modules():
    yield thlib
    for info in pkgutil.walk_packages(thlib.__path__, "thlib."):
        if not info.name.rsplit(".", 1)[-1].startswith("_"):
            yield importlib.import_module(info.name)


def _exported():
    seen = set()
    for module in _modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and id(obj) not in seen:
                seen.add(id(obj))
                yield pytest.param(obj, id=f"{obj.__module__}.{obj.__qualname__}")


def _sections(doc: str) -> set[str]:
    lines = doc.splitlines()
    return {lines[i].strip() for i in range(len(lines) - 1)
            if lines[i + 1].strip() and set(lines[i + 1].strip()) == {"-"}}


def test_the_package_says_what_it_is():
    assert "Tower Hamlets" in (thlib.__doc__ or "")
    assert thlib.__all__


@pytest.mark.parametrize("obj", list(_exported()))
def test_exported_api_has_a_numpydoc_docstring(obj):
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), "no docstring"
    sections = _sections(doc)
    assert "Examples" in sections and ">>> " in doc
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        parameters = [p for p in inspect.signature(target).parameters
                      if p not in ("self", "cls")]
    except (TypeError, ValueError):
        parameters = []
    if inspect.isclass(obj) and target is object.__init__:
        parameters = []
    if parameters:
        assert "Parameters" in sections or "Attributes" in sections, "no Parameters section"
    if inspect.isfunction(obj):
        returns = inspect.signature(obj).return_annotation
        if returns not in ("None", None, inspect.Signature.empty):
            assert "Returns" in sections or "Yields" in sections, "no Returns section"

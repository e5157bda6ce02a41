"""``import spacy`` without spaCy's command-line package: the one place medlint does it.

``spacy/__init__.py`` imports ``spacy.cli`` (typer, weasel, httpx, rich, …) only to
re-export ``spacy.info``: a third of spaCy's import time, paid by every medlint start
although medlint never uses it.  :func:`prepare_spacy_import` puts placeholder modules for
``spacy.cli`` and ``spacy.cli.info`` into ``sys.modules``; the first attribute read from
them (or a call of ``spacy.info``) imports the real ones, and submodules
(``spacy.cli.download``) import normally.  :func:`import_spacy` imports spaCy that way and
falls back to the ordinary import if the placeholders do not fit a spaCy release.

This depends on spaCy's own import layout, so it is checked against the spaCy releases in
:data:`CHECKED_SPACY_RANGE` (tests/test_spacy_adapter.py fails on any other installed
version: run those tests with it, then widen the range).  pyproject allows spacy>=3.7,<4.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

# spaCy versions this adapter was checked with: (lowest, first version above), as in
# ``lowest <= version < above``.  Checked: 3.8.18 (``from .cli.info import info`` in
# spacy/__init__.py, the only import of spacy.cli outside spacy/cli and spacy/__main__).
CHECKED_SPACY_RANGE: tuple[str, str] = ("3.8", "3.9")

_PLACEHOLDER = "_medlint_placeholder"  # attribute marking a placeholder module


def prepare_spacy_import() -> None:
    """Make a later ``import spacy`` skip its command-line package (cheap: spaCy itself is
    not imported here).

    The engine calls this before running rules, so the first ``from spacy.… import …`` in
    any rule or plugin benefits, not only :func:`medlint.nlp.get_nlp`.  Does nothing once
    spaCy (or ``spacy.cli``) is imported.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("spacy")
        locations = list(spec.submodule_search_locations or []) if spec else []
    except (ImportError, ValueError):  # pragma: no cover - no spaCy: the import will say so
        return
    if not locations:  # pragma: no cover
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [os.path.join(loc, "cli") for loc in locations]
    setattr(cli, _PLACEHOLDER, True)
    cli.__getattr__ = _forward("spacy.cli")  # type: ignore[method-assign]
    info = types.ModuleType("spacy.cli.info")
    setattr(info, _PLACEHOLDER, True)
    info.__getattr__ = _forward("spacy.cli.info")  # type: ignore[method-assign]
    info.info = _lazy_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info


def import_spacy() -> Any:
    """``import spacy`` without its command-line package (see :func:`prepare_spacy_import`).
    If the placeholders do not fit a spaCy release, spaCy is imported the ordinary way."""
    prepare_spacy_import()
    try:
        import spacy
    except Exception:  # pragma: no cover - a spaCy release this trick does not fit
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy

        return spacy
    cli = sys.modules.get("spacy.cli")
    if is_placeholder(cli):
        spacy.cli = cli  # type: ignore[attr-defined]  # (a cached import sets no attribute)
    return spacy


def is_placeholder(module: object) -> bool:
    """True for a placeholder module of :func:`prepare_spacy_import` (not the real one)."""
    return bool(getattr(module, _PLACEHOLDER, False))


def _real(name: str) -> types.ModuleType:
    """Drop the placeholders and import the real ``spacy.cli`` / ``spacy.cli.info``."""
    for mod in ("spacy.cli.info", "spacy.cli"):
        if is_placeholder(sys.modules.get(mod)):
            del sys.modules[mod]
    module = importlib.import_module(name)
    if name == "spacy.cli":
        sys.modules["spacy"].cli = module  # type: ignore[attr-defined]
    return module


def _forward(module: str) -> Any:
    """A module ``__getattr__`` that reads the attribute from the real ``module``."""

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):  # introspection (inspect.getmodule reads __file__…)
            raise AttributeError(name)
        return getattr(_real(module), name)

    return __getattr__


def _lazy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: imports the real ``spacy.cli.info`` on first call."""
    return _real("spacy.cli.info").info(*args, **kwargs)

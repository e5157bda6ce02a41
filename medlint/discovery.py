"""Building the process-wide rule registry: built-in rules, pack rules and plugins.

Built-in rules live in ``medlint/checks/`` (a package per rule group, a module per rule)
and register themselves with :func:`medlint.registry.rule` when imported; declarative rules
come from YAML packs (:mod:`medlint.declarative`); third-party rules come from the
``medlint.plugins`` entry-point group (an entry point may name a module, whose import
registers rules, or a callable returning an iterable of :class:`~medlint.registry.Rule`).
Nothing under ``medlint/checks`` imports this module, so rules and the registry that
collects them form no import cycle.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from medlint import packs, registry
from medlint.registry import ENTRY_POINT_GROUP, Registry, Rule


def _load_plugins(reg: Registry) -> None:
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, type(sys)):
                produced = obj()
                for r in produced or ():
                    if isinstance(r, Rule):
                        if r.origin == "builtin":
                            r.origin = f"plugin:{ep.name}"
                        reg.add(r)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a broken plugin (even one calling exit) must not end medlint
            why = str(exc) if isinstance(exc, Exception) else f"{type(exc).__name__}({exc})"
            reg.plugin_errors.append(f"plugin {ep.name!r} ({ep.value}) failed to load: {why}")


def get_registry() -> Registry:
    """The process-wide registry with built-in, pack and plugin rules loaded."""
    reg = registry.current()
    if reg is not None:
        return reg
    import medlint.checks as checks_pkg

    # importing a rule module registers its rules; a module imported before is not
    # imported again, so its rules are taken from what the decorator recorded
    for mod in sorted(
        pkgutil.walk_packages(checks_pkg.__path__, "medlint.checks."), key=lambda m: m.name
    ):
        importlib.import_module(mod.name)
    reg = Registry()
    for r in registry.declared_rules():
        reg.add(r)
    registry.set_current(reg)
    from medlint.declarative import load_declarative_rules

    for r in load_declarative_rules():
        reg.add(r)
    _load_plugins(reg)
    return reg


def validate_builtin_packs() -> None:
    """Check every built-in pack ``rules/*.yaml`` against its schema (``pack_schemas``),
    raising :class:`~medlint.packs.PackError`; the command line calls it before linting.

    Validation needs the pydantic models of ``pack_schemas`` (about 0.2 s of CPU at each
    start), and its outcome depends only on the packs' bytes, the schemas and the library
    versions: a pass is recorded under the user's cache folder (:func:`packs.validated_stamp`,
    ``$XDG_CACHE_HOME/medlint/validated-packs``) and a later process with the same packs
    skips it.  A failure is never recorded, so a broken pack reports exactly as before.
    This is not the results cache: ``--no-cache`` does not turn it off, and it cannot
    change a finding.
    """
    stamp = packs.validated_stamp()
    if stamp is not None and stamp.is_file():
        return
    from medlint.pack_schemas import validate_builtin_packs as validate

    validate()
    if stamp is not None:
        packs.record_validated(stamp)


def reset_registry() -> None:
    """Forget pack and plugin rules (tests use it after registering plugins); the next
    :func:`get_registry` builds the registry again from the built-in rules."""
    registry.set_current(None)

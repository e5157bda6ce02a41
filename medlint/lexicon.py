"""Typed lexicons built from packs: one accessor per lexicon.

:func:`drugs` is the drug lexicon of S201/S203 and of ``medlint report``: the generated table
``rules/drugs.tsv`` (``tools/build_drug_pack.py``), then the hand additions under ``drugs:``
in ``rules/drugs.yaml`` and what user packs with ``pack: drugs`` add, in that order.  A
later entry for a drug adds names, sets its class, and can turn its stop warning off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from medlint import packs

TABLE_COLUMNS = ("generic", "class", "names", "flags")
FLAGS = ("no-stop",)


@dataclass(frozen=True)
class DrugClass:
    key: str
    label: str
    risk: str
    source: str = ""


@dataclass(frozen=True)
class Drug:
    generic: str  # lower case
    drug_class: str | None = None  # a key of DrugLexicon.classes
    names: tuple[str, ...] = ()  # other (brand) names, as written
    stop_warning: bool = True  # False: S201 does not ask for a stop warning
    class_term: bool = False  # a group of medicines ("blood thinners"), not one drug


@dataclass(frozen=True)
class DrugLexicon:
    classes: Mapping[str, DrugClass]
    drugs: Mapping[str, Drug]  # generic -> entry, table order then additions

    def names(self) -> frozenset[str]:
        """Every generic and other name, lower case."""
        out = {d.generic for d in self.drugs.values()}
        out.update(n.lower() for d in self.drugs.values() for n in d.names)
        return frozenset(out)


def drug_table_path() -> Path:
    return packs.packs_dir() / "drugs.tsv"


def read_drug_table(path: Path) -> tuple[Drug, ...]:
    """The rows of a drug table (TSV after ``#`` comment lines and a header row)."""
    st = _stat(path)
    return _read_drug_table(path, st[0], st[1])


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError as exc:
        raise packs.PackError(path, "(file)", f"cannot read table: {exc.strerror or exc}") from exc
    return st.st_mtime_ns, st.st_size


@cache
def _read_drug_table(path: Path, _mtime_ns: int, _size: int) -> tuple[Drug, ...]:
    rows: list[Drug] = []
    issues: list[tuple[str, str]] = []
    header_seen = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(cols) != TABLE_COLUMNS:
                issues.append((f"line {lineno}", f"header must be {' '.join(TABLE_COLUMNS)}"))
            continue
        if len(cols) != len(TABLE_COLUMNS) or not cols[0].strip():
            issues.append(
                (f"line {lineno}", f"expected {len(TABLE_COLUMNS)} tab-separated columns")
            )
            continue
        generic, cls, names, flags = (c.strip() for c in cols)
        bad = [f for f in flags.split(",") if f.strip() and f.strip() not in FLAGS]
        if bad:
            issues.append(
                (f"line {lineno}", f"unknown flag {bad[0]!r} (known: {', '.join(FLAGS)})")
            )
        rows.append(
            Drug(
                generic.lower(),
                cls or None,
                tuple(n.strip() for n in names.split(",") if n.strip()),
                "no-stop" not in flags,
            )
        )
    if issues:
        raise packs.PackError.many(path, issues)
    return tuple(rows)


@packs.pack_cache
def drugs() -> DrugLexicon:
    """The drug lexicon (cached; rebuilt when user packs change)."""
    data = packs.load("drugs")
    classes = {
        str(k): DrugClass(str(k), str(v["label"]), str(v["risk"]), str(v.get("source", "")))
        for k, v in (data.get("classes") or {}).items()
    }
    merged: dict[str, Drug] = {}

    def add(entry: Drug) -> None:
        old = merged.get(entry.generic)
        if old is None:
            merged[entry.generic] = entry
            return
        names = old.names + tuple(n for n in entry.names if n not in old.names)
        merged[entry.generic] = Drug(
            old.generic,
            entry.drug_class or old.drug_class,
            names,
            old.stop_warning and entry.stop_warning,
            old.class_term or entry.class_term,
        )

    for row in read_drug_table(drug_table_path()):
        add(row)
    for generic, details in (data.get("drugs") or {}).items():
        d = details or {}
        g = str(generic).strip().lower()
        if g:
            names = [str(n).strip() for n in d.get("names") or d.get("brands") or []]
            add(
                Drug(
                    g,
                    d.get("class") or None,
                    tuple(n for n in names if n),
                    d.get("stop-warning", True) is not False,
                    d.get("class-term", False) is True,
                )
            )
    return DrugLexicon(MappingProxyType(classes), MappingProxyType(merged))

"""The shared phrase pass (medlint.matching.phrases) gives what one plain spaCy
PhraseMatcher per phrase list gives: the same (phrase, start, end) in the same order, for
every phrase list the built-in rules declare, and the same blocks from ``blocks_with``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medlint import nlp
from medlint.analysis import Analysis
from medlint.config import Settings
from medlint.discovery import get_registry
from medlint.document import detect_format, parse_article
from medlint.matching import MatchLayer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def _texts() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in sorted((ROOT / "fixtures" / "rules").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        fmt = {"md": "case.md", "txt": "case.txt", "html": "case.html"}
        out += [(fmt[c.get("format", "md")], c["text"]) for c in doc.get("cases") or []]
    out += [
        (p.name, p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "fixtures" / "examples").iterdir())
    ]
    if CORPUS.is_dir():
        out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.iterdir())[::10]]
    return out


def test_every_declared_phrase_list_matches_as_a_plain_matcher() -> None:
    rules = list(get_registry())
    layer = MatchLayer.for_rules(rules)
    assert layer.phrase_lists, "no rule declares a phrase list"
    plain = {
        key: nlp.phrase_matcher(f"plain:{key}", pl.phrases(), pl.attr)
        for key, pl in layer.phrase_lists.items()
    }
    compared = 0
    for name, text in _texts():
        art, _ = parse_article(name, text, detect_format(name), None)
        matches = layer.matches(Analysis(art, Settings()))
        with_match: dict[str, list[int]] = {}
        for block in art.body_blocks():
            doc = art.doc(block)
            for key, matcher in plain.items():
                want = [(nlp.label(mid), s, e) for mid, s, e in matcher(doc)]
                assert matches.phrase_matches(doc, key) == want, (name, key, block.text[:80])
                if want:
                    with_match.setdefault(key, []).append(block.index)
                compared += 1
        for key in plain:
            got = [b.index for b in matches.blocks_with(key)]
            if key in with_match:
                assert got == with_match[key], (name, key)
    assert compared > 1000


def test_an_undeclared_key_is_an_error() -> None:
    art, _ = parse_article("a.md", "# T\n\nText.\n", detect_format("a.md"), None)
    matches = MatchLayer([]).matches(Analysis(art, Settings()))
    with pytest.raises(KeyError):
        matches.phrase_matches(art.doc(art.blocks[-1]), "nobody:declared")
